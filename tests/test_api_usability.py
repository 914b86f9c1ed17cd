"""The API as a newcomer meets it (issue 19): documentation to read and try in a browser
with no network beyond the site, filters under the CLI's names, a misspelt parameter
refused rather than ignored, and answers that come compressed and, when unchanged, as a
304 with no body.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ROOT
from tests.live_server import serving

API = "/api/v1"
DOCS = f"{API}/docs"
#: A day on which the bundled record has Laos a State Party of the CCM for years, so that
#: its annual reports fall due in the ten years after it.
DAY = "2020-01-01"


@pytest.fixture(scope="module")
def client(built_db: str) -> Iterator[TestClient]:
    from treatywatch.api.app import create_app

    with TestClient(create_app(built_db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    body: dict[str, Any] = client.get(f"{API}/openapi.json").json()
    return body


def items(client: TestClient, url: str) -> list[dict[str, Any]]:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text[:300])
    rows: list[dict[str, Any]] = r.json()["items"]
    return rows


def refusal(client: TestClient, url: str, status: int = 422) -> str:
    """The one sentence an error answers with."""
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    body = r.json()
    assert set(body) == {"error", "status"} and body["status"] == status
    message: str = body["error"]
    assert "\n" not in message and message.endswith("."), message
    assert "Input should" not in message, message
    return message


# -- the documentation ---------------------------------------------------------------------


def _references(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]*)"', html)


def test_the_docs_page_loads_everything_from_this_site(client: TestClient) -> None:
    r = client.get(DOCS)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    refs = _references(r.text)
    assert refs
    for ref in refs:
        parts = urlsplit(ref)
        assert not parts.scheme and not parts.netloc, ref  # no CDN, no other origin
        assert ref.startswith("/"), ref
    scripts = re.findall(r'<script src="([^"]+)"', r.text)
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', r.text)
    assert len(scripts) >= 2 and sheets  # Swagger UI's bundle, the script that starts it
    for url, kind in [*((s, "javascript") for s in scripts), *((s, "css") for s in sheets)]:
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert kind in asset.headers["content-type"], (url, asset.headers["content-type"])
        assert len(asset.content) > 100, url
    # The script that starts Swagger UI names no outside validator or CDN.
    starter = next(s for s in scripts if s.startswith("/static/"))
    assert "http" not in re.sub(r"/\*.*?\*/|//[^\n]*", "", client.get(starter).text, flags=re.S)


def test_the_docs_page_links_the_openapi_document(client: TestClient) -> None:
    html = client.get(DOCS).text
    assert f'href="{API}/openapi.json"' in html
    assert f'data-openapi="{API}/openapi.json"' in html  # what Swagger UI is started on
    spec = client.get(f"{API}/openapi.json").json()
    assert "ETag" in spec["info"]["description"]  # the conventions, above the operations


@pytest.mark.parametrize("url", ["/docs", API, f"{API}/"])
def test_the_addresses_people_guess_lead_to_the_docs(client: TestClient, url: str) -> None:
    r = client.get(url, follow_redirects=False)
    assert r.status_code in (301, 302, 307, 308), (url, r.status_code)
    assert r.headers["location"] == DOCS


def test_the_footer_links_the_docs(client: TestClient) -> None:
    html = client.get("/conflicts").text
    footer = html[html.index('<footer class="site">') :]
    assert f'href="{DOCS}"' in footer
    assert f'href="{API}/openapi.json"' in footer


def test_the_docs_stay_out_of_the_api_document(spec: dict[str, Any]) -> None:
    assert not any("docs" in path for path in spec["paths"])


# -- unknown parameters --------------------------------------------------------------------


def _concrete(path: str, client: TestClient) -> str:
    event = client.get(f"{API}/events?limit=1").json()["items"][0]["id"]
    source = client.get(f"{API}/sources?limit=1").json()["items"][0]["id"]
    return (
        path.replace("{treaty}", "CCM")
        .replace("{name}", "LAO")
        .replace("{state}", "LAO")
        .replace("{event_id}", event)
        .replace("{source_id}", source)
    )


def test_every_operation_refuses_a_parameter_it_does_not_take(
    client: TestClient, spec: dict[str, Any]
) -> None:
    assert len(spec["paths"]) >= 17
    for path, ops in spec["paths"].items():
        declared = [p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query"]
        url = _concrete(path, client)
        assert client.get(url).status_code == 200, url
        message = refusal(client, f"{url}?no_such_filter=1")
        assert "'no_such_filter'" in message, message
        for name in declared:  # each accepted one is listed, so the fix is in the message
            assert re.search(rf"\b{re.escape(name)}\b", message), (path, name, message)
        if not declared:
            assert "no query parameters" in message, message


def test_a_refusal_names_every_unknown_parameter_and_only_those(client: TestClient) -> None:
    message = refusal(client, f"{API}/deadlines?stat=Laos&due_within=30&countri=LAO")
    assert "'stat'" in message and "'countri'" in message
    assert "'due_within'" not in message  # declared: listed among those taken, not quoted
    many = "&".join(f"p{i}=1" for i in range(500))
    assert "and 495 more" in refusal(client, f"{API}/treaties?{many}")


def test_a_refusal_is_declared_in_the_document(spec: dict[str, Any]) -> None:
    for path, ops in spec["paths"].items():
        assert "422" in ops["get"]["responses"], path


# -- the filters, under the CLI's names ----------------------------------------------------


def test_deadlines_of_one_state_by_name_or_code(client: TestClient) -> None:
    window = f"{API}/deadlines?as_of={DAY}&due_within=730&limit=1000"
    everyone = items(client, window)
    assert len(everyone) < 1000  # every row of the window, to filter by hand below
    assert len({r["state"] for r in everyone}) > 1  # so that the filter has work to do
    laos = items(client, f"{window}&state=Laos")
    assert laos and {r["state"] for r in laos} == {"LAO"}
    assert items(client, f"{window}&state=LAO") == laos
    assert laos == [r for r in everyone if r["state"] == "LAO"]
    assert "Narnia" in refusal(client, f"{window}&state=Narnia", 404)


def test_the_api_answers_what_the_cli_answers(client: TestClient, built_db: str) -> None:
    from treatywatch import query
    from treatywatch.cli.rules_commands import deadline_rows

    engine = query.open_context(built_db).rules
    day = dt.date.fromisoformat(DAY)

    def keys(rows: list[dict[str, Any]], state: str = "state") -> list[tuple[Any, ...]]:
        return sorted((r[state], r["obligation"], str(r["due"]), r["status"]) for r in rows)

    # treatywatch deadlines CCM --state Laos --as-of 2020-01-01
    cli = deadline_rows(engine, "CCM", "LAO", day)
    api = items(client, f"{API}/obligations?treaty=CCM&state=Laos&as_of={DAY}&limit=1000")
    assert cli and keys(api) == keys(cli, "iso3")
    # ... --due-within 3650
    cli = deadline_rows(engine, "CCM", "LAO", day, 3650)
    api = items(client, f"{API}/deadlines?treaty=CCM&state=Laos&as_of={DAY}&due_within=3650")
    assert cli and keys(api) == keys(cli, "iso3")


def test_obligations_by_kind_and_status(client: TestClient) -> None:
    base = f"{API}/obligations?treaty=CCM&as_of={DAY}&limit=1000"
    every = items(client, base)
    kinds = {r["obligation"] for r in every}
    statuses = {r["status"] for r in every}
    assert len(kinds) > 1 and len(statuses) > 1
    for kind in kinds:
        rows = items(client, f"{base}&obligation={kind}")
        assert rows == [r for r in every if r["obligation"] == kind]
    for status in statuses:
        rows = items(client, f"{base}&status={status}")
        assert rows == [r for r in every if r["status"] == status]


@pytest.mark.parametrize(
    ("path", "name", "value", "known"),
    [
        ("/obligations", "obligation", "weeding", "clearance"),
        ("/deadlines", "obligation", "weeding", "stockpile_destruction"),
        ("/deadlines/overdue", "obligation", "weeding", "transparency_annual"),
        ("/obligations", "status", "late", "met-late"),
        ("/deadlines", "status", "late", "overdue"),
    ],
)
def test_an_unknown_obligation_or_status_lists_the_known_ones(
    client: TestClient, path: str, name: str, value: str, known: str
) -> None:
    message = refusal(client, f"{API}{path}?{name}={value}")
    assert message.startswith(f"{name} '{value}' is not one of"), message
    assert known in message, message


def test_the_document_offers_the_known_values(spec: dict[str, Any]) -> None:
    params = {p["name"]: p for p in spec["paths"][f"{API}/obligations"]["get"]["parameters"]}
    assert "clearance" in params["obligation"]["schema"]["enum"]
    assert "met-late" in params["status"]["schema"]["enum"]


def test_due_within_and_its_former_name(client: TestClient) -> None:
    base = f"{API}/deadlines?as_of={DAY}&limit=1000"
    new = items(client, f"{base}&due_within=400")
    assert new == items(client, f"{base}&within_days=400")  # old links keep working
    assert items(client, f"{base}&due_within=400&within_days=400") == new
    assert len(items(client, f"{base}&due_within=3650")) > len(new)
    assert "within_days" in refusal(client, f"{base}&due_within=400&within_days=30")
    assert items(client, base) == items(client, f"{base}&due_within=365")  # a year by default


def test_overdue_of_one_state(client: TestClient) -> None:
    # README: treatywatch deadlines APMBC --state Greece --as-of 2022-11-25 shows it overdue.
    base = f"{API}/deadlines/overdue?treaty=APMBC&as_of=2022-11-25&limit=1000"
    greece = items(client, f"{base}&state=Greece")
    assert greece and {r["state"] for r in greece} == {"GRC"}
    assert greece == [r for r in items(client, base) if r["state"] == "GRC"]


# -- compression and revalidation ----------------------------------------------------------


def _raw(client: TestClient, url: str, **headers: str) -> tuple[Any, bytes]:
    with client.stream("GET", url, headers=headers) as r:
        return r, b"".join(r.iter_raw())


def test_the_home_page_comes_compressed(client: TestClient) -> None:
    plain, body = _raw(client, "/", **{"accept-encoding": "identity"})
    assert plain.status_code == 200 and "content-encoding" not in plain.headers
    packed, wire = _raw(client, "/", **{"accept-encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in packed.headers["vary"].lower()
    assert int(packed.headers["content-length"]) == len(wire)
    assert gzip.decompress(wire) == body
    assert len(body) > 50_000 and len(wire) < len(body) / 3, (len(body), len(wire))


def test_api_answers_come_compressed_and_small_ones_do_not(client: TestClient) -> None:
    r, wire = _raw(client, f"{API}/sources?limit=1000", **{"accept-encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and gzip.decompress(wire)
    small, _ = _raw(client, f"{API}/treaties/CCM/status?state=LAO", **{"accept-encoding": "gzip"})
    assert small.status_code == 200 and int(small.headers["content-length"]) < 1024
    assert "content-encoding" not in small.headers  # not worth gzip's header


@pytest.mark.parametrize("url", ["/events", f"{API}/sources?limit=1000"])
def test_a_kept_answer_goes_plain_to_a_client_after_one_that_took_gzip(
    client: TestClient, url: str
) -> None:
    # Answers are kept per URL (deps.cached): compressing one for a client must not mark
    # the kept one as compressed for the next.
    packed, _ = _raw(client, url, **{"accept-encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    plain, body = _raw(client, url, **{"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert int(plain.headers["content-length"]) == len(body) and body.startswith((b"<", b"{"))
    _, wire = _raw(client, url, **{"accept-encoding": "gzip"})
    assert gzip.decompress(wire) == body


@pytest.mark.parametrize("url", ["/", f"{API}/deadlines?state=Laos", DOCS])
def test_an_unchanged_answer_is_a_304_with_no_body(client: TestClient, url: str) -> None:
    first = client.get(url, headers={"accept-encoding": "gzip"})
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert re.fullmatch(r'W/"[0-9a-f]{32}"', tag), tag
    for method in ("GET", "HEAD"):
        again = client.request(method, url, headers={"if-none-match": tag})
        assert again.status_code == 304, (method, again.status_code)
        assert again.content == b"" and again.headers["etag"] == tag
        assert "content-security-policy" in again.headers  # still the site's headers
    listed = client.get(url, headers={"if-none-match": f'"other", {tag.removeprefix("W/")}'})
    assert listed.status_code == 304  # weak comparison, any tag of a list
    stale = client.get(url, headers={"if-none-match": 'W/"0000"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_a_different_answer_has_a_different_tag(client: TestClient) -> None:
    one = client.get(f"{API}/treaties/CCM?as_of=2011-01-01").headers["etag"]
    two = client.get(f"{API}/treaties/CCM?as_of=2012-01-01").headers["etag"]
    assert one != two
    assert client.get(f"{API}/treaties/CCM?as_of=2011-01-01").headers["etag"] == one
    r = client.get(f"{API}/treaties/CCM?as_of=2012-01-01", headers={"if-none-match": one})
    assert r.status_code == 200  # the tag of another answer validates nothing


def test_errors_carry_no_tag(client: TestClient) -> None:
    r = client.get(f"{API}/states/Narnia")
    assert r.status_code == 404 and "etag" not in r.headers


def test_a_304_gives_the_tag_for_any_encoding(client: TestClient) -> None:
    # One weak tag stands for the answer compressed or not: a client that asked once
    # without gzip and then with it may revalidate with the tag it holds.
    plain = client.get("/", headers={"accept-encoding": "identity"}).headers["etag"]
    again = client.get("/", headers={"accept-encoding": "gzip", "if-none-match": plain})
    assert again.status_code == 304


# -- in a real browser, offline ------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def server(built_db: str) -> Iterator[str]:
    with serving(built_db) as url:
        yield url


@pytest.mark.browser
def test_the_docs_work_in_a_browser_with_no_other_network(server: str) -> None:
    from playwright.sync_api import Route, expect, sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install -y chromium")
    elsewhere: list[str] = []
    problems: list[str] = []

    def only_this_site(route: Route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.route("**/*", only_this_site)
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(server + "/")
        page.locator("footer a", has_text="/api/v1").click()
        expect(page).to_have_url(server + DOCS)
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("treatywatch")
        deadlines = page.locator(".opblock-summary-path", has_text=re.compile(r"/deadlines$"))
        expect(deadlines.first).to_be_visible()
        assert page.locator(".opblock").count() >= 17
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "api-docs.png"))
        # Try one operation from the page: Laos's deadlines over ten years.
        deadlines.first.click()
        block = page.locator(".opblock.is-open")
        block.locator('tr[data-param-name="state"] input').fill("Laos")
        block.locator('tr[data-param-name="due_within"] input').fill("3650")
        block.locator("button.execute").click()
        live = block.locator(".live-responses-table tbody")
        expect(live.locator(".response-col_status").first).to_have_text("200")
        expect(live.locator(".response-col_description").first).to_contain_text('"state": "LAO"')
        browser.close()
    assert not elsewhere, elsewhere
    assert not problems, problems
