"""The dashboard pages as a browser gets them: HTML without JavaScript, escaped outside text,
the same rows as CSV/JSON/XLSX, errors as pages with the right status."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DATA, needs_depositary

PAGES = (
    "/",
    "/states",
    "/states?treaty=APMBC&as_of=2011-09-16&region=Asia&sort=consent&dir=desc",
    "/states/LAO",
    "/treaties/CCM",
    "/treaties/APMBC?as_of=2005-01-01",
    "/events",
    "/statements",
    "/statements?q=the&topic=universalisation",
    "/deadlines",
    "/sources",
    "/conflicts",
    "/downloads",
)


def _data() -> Path:
    return Path(os.environ.get("TREATYWATCH_TEST_DATA", DATA))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The site over the bundled record plus one hostile statement, to test escaping."""
    from treatywatch.api.app import create_app
    from treatywatch.store.build import build

    base = tmp_path_factory.mktemp("web")
    data = base / "data"
    shutil.copytree(_data(), data)
    (data / "sources").mkdir(exist_ok=True)
    (data / "sources" / "zz-test.csv").write_text(
        "id,authority,title,publisher,url,sha256,published,retrieved\n"
        'zz-hostile,secondary,"<script>alert(1)</script> title",Test,https://example.org/x,,,\n',
        encoding="utf-8",
    )
    (data / "statements").mkdir(exist_ok=True)
    (data / "statements" / "zz-test.yaml").write_text(
        "- id: zz-hostile\n  speaker: LAO\n  event: null\n  date: 2011-01-01\n"
        "  topics: [universalisation]\n  stance: null\n"
        '  text: "<img src=x onerror=alert(1)> hostile words"\n'
        "  source: zz-hostile\n  locator: p. 1\n",
        encoding="utf-8",
    )
    build(str(base / "web.sqlite"), data)
    with TestClient(create_app(str(base / "web.sqlite"))) as c:
        yield c


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_without_javascript(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "<h1" in html and 'lang="en"' in html
    assert "<script>" not in html  # scripts only as files from /static (the CSP forbids others)
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_outside_text_is_escaped(client: TestClient) -> None:
    for url in ("/states/LAO", "/statements?q=hostile", "/sources/zz-hostile", "/sources"):
        html = client.get(url).text
        assert "<img src=x" not in html and "<script>alert" not in html
        assert "&lt;" in html


@needs_depositary
def test_home_has_headlines_chart_and_map(client: TestClient) -> None:
    html = client.get("/").text
    assert 'class="chart"' in html
    assert 'class="map"' in html  # geometry from npm's world-atlas, installed by npm ci
    assert 'href="/states/LAO"' in html  # every state on the map links to its story
    assert "/states?treaty=CCM&amp;status=state_party" in html  # figures link to their rows


def test_a_state_by_name_redirects_to_its_code(client: TestClient) -> None:
    r = client.get("/states/Lao DPR", follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == "/states/LAO"
    assert "Lao" in client.get("/states/Laos").text


def test_a_source_without_a_day_is_named_where_sources_disagree(client: TestClient) -> None:
    # Hungary's completion: two Monitor days and a CMC report with none, on both pages.
    for url in ("/states/HUN", "/conflicts"):
        text = client.get(url).text
        assert "2011-06-30" in text and "2011-07-08" in text
        assert "no date given" in text and "obl-cmc-hun-2012" in text


def test_errors_are_pages_with_the_right_status(client: TestClient) -> None:
    r = client.get("/states/Narnia")
    assert r.status_code == 404 and "Narnia" in r.text and "text/html" in r.headers["content-type"]
    r = client.get("/states?as_of=2011-13-45")
    assert r.status_code == 422 and "2011-13-45" in r.text
    assert client.get("/states?format=pdf").status_code == 422
    assert client.get("/events/no-such-event").status_code == 404
    assert client.get("/no/such/page").status_code == 404
    assert client.post("/states").status_code == 405


def test_a_page_table_downloads_in_three_formats(client: TestClient) -> None:
    import csv

    import openpyxl

    html_rows = client.get("/states?region=Asia").text.count('<td><a href="/states/')
    r = client.get("/states?region=Asia&format=csv")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == html_rows
    assert {row["region"] for row in rows} == {"Asia"}
    as_json = client.get("/states?region=Asia&format=json").json()
    assert [r["iso3"] for r in as_json] == [row["iso3"] for row in rows]
    wb = openpyxl.load_workbook(io.BytesIO(client.get("/states?region=Asia&format=xlsx").content))
    assert wb.active.max_row == len(rows) + 1


def test_the_page_and_the_api_agree(client: TestClient) -> None:
    page = client.get("/states?treaty=CCM&as_of=2012-01-01&format=json").json()
    api = client.get("/api/v1/states?treaty=CCM&as_of=2012-01-01").json()["items"]
    assert page == api


def test_static_assets_are_served(client: TestClient) -> None:
    assert client.get("/static/site.js").status_code == 200
    assert client.get("/static/site.css").status_code == 200


def test_home_lists_deadlines_not_hundreds_of_reports(client: TestClient) -> None:
    import re

    page = client.get("/").text
    due = page.split('id="due-h"', 1)[1].split("<h2>Overdue</h2>", 1)[0]
    assert "Article 7 transparency reports falling due" in due
    # The listed rows are Article 3/4 obligations only; the reports are a count.
    assert "(Art. 7(" not in due and "(Art. " in due
    assert re.search(r"and \d+ Article 7", due)


def test_a_states_annual_reports_are_a_strip_of_years_not_rows(client: TestClient) -> None:
    page = client.get("/states/GRC").text
    obligations = page.split('id="obligations"', 1)[1].split("<h3>", 1)[0]
    assert "Art. 7(2)" not in obligations  # the table lists Articles 4, 5 and 7(1)
    assert "APMBC annual reports (Art. 7(2)), by the year they cover" in page
    strip = page.split('<ul class="years">', 1)[1].split("</ul>", 1)[0]
    assert '<span class="year">2004</span>' in strip and strip.count("<li") >= 20
