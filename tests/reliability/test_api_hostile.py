"""The API, the pages and the downloads under hostile requests (issue 18, items 3, 4, 5, 13
and 14): each request the battery found a defect with is a regression test here, and a
schemathesis run over the whole OpenAPI document checks that nothing a schema allows, or
nearly allows, gets a 5xx or an answer the document does not describe.

The database is built from the bundled record (as tests/test_api.py builds it), plus one
file of sources whose titles a spreadsheet would take for formulas. The clients do not
re-raise server errors, so a defect shows as the 500 a user would get.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import DATA

API = "/api/v1"
SECURITY_HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
)
#: Source titles a spreadsheet would evaluate (or, for tab and CR, might once stripped).
HOSTILE_TITLES = {
    "zz-formula-hyperlink": '=HYPERLINK("http://evil.example/x","click me")',
    "zz-formula-plus": "+1+cmd|' /C calc'!A0",
    "zz-formula-minus": "-2+3+cmd|' /C calc'!A0",
    "zz-formula-at": "@SUM(1+1)*cmd|' /C calc'!A0",
}
#: Every start of a cell a spreadsheet may evaluate. A title cannot begin with a tab or a
#: carriage return in the record (the loader strips the one and refuses the other), so the
#: tables are checked with those directly.
FORMULA_CELLS = (*HOSTILE_TITLES.values(), "\t=1+1", "\r=1+1", "=1+1", "+1", "-1", "@A1")
TOO_BIG_OFFSETS = (2**64, 2**64 + 1, 10**30)


def _data() -> Path:
    return Path(os.environ.get("TREATYWATCH_TEST_DATA", DATA))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from treatywatch.store.build import build

    base = tmp_path_factory.mktemp("hostile")
    data = base / "data"
    shutil.copytree(_data(), data)
    (data / "sources").mkdir(exist_ok=True)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(
        ["id", "authority", "title", "publisher", "url", "sha256", "published", "retrieved"]
    )
    for sid, title in HOSTILE_TITLES.items():
        writer.writerow([sid, "secondary", title, "Test", "https://example.org/x", "", "", ""])
    (data / "sources" / "zz-hostile-formulas.csv").write_text(buf.getvalue(), encoding="utf-8")
    path = base / "hostile.sqlite"
    build(str(path), data)
    return str(path)


@pytest.fixture(scope="module")
def app(db: str) -> FastAPI:
    from treatywatch.api.app import create_app

    return create_app(db)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    r = client.get(f"{API}/openapi.json")
    assert r.status_code == 200
    body: dict[str, Any] = r.json()
    return body


@pytest.fixture(scope="module")
def event_id(client: TestClient) -> str:
    ident: str = client.get(f"{API}/events?limit=1").json()["items"][0]["id"]
    return ident


def one_sentence(message: Any) -> str:
    """A user-facing error: one line of text ending with a full stop."""
    assert isinstance(message, str) and message.strip(), message
    assert "\n" not in message and message.endswith("."), message
    assert "Traceback" not in message and "Input should" not in message, message
    return message


def api_error(client: TestClient, url: str, status: int) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    body = r.json()
    assert set(body) == {"error", "status"} and body["status"] == status, body
    return one_sentence(body["error"])


def page_error(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code)
    assert r.headers["content-type"].startswith("text/html")
    as_json = client.get(url, headers={"accept": "application/json"})
    assert as_json.status_code == status
    one_sentence(as_json.json()["error"])


def _concrete(path: str, event_id: str) -> str:
    return path.replace("{treaty}", "CCM").replace("{event_id}", event_id)


# -- item 3: 500s from numbers and dates out of range --------------------------------------

PAGINATED = (
    "/treaties",
    "/treaties/{treaty}/status",
    "/states",
    "/events",
    "/events/{event_id}/participants",
    "/statements",
    "/obligations",
    "/deadlines",
    "/deadlines/overdue",
    "/sources",
    "/conflicts",
)


def test_the_list_of_paginated_endpoints_is_every_one(spec: dict[str, Any]) -> None:
    with_offset = {
        path.removeprefix(API)
        for path, ops in spec["paths"].items()
        if any(p["name"] == "offset" for p in ops["get"].get("parameters", []))
    }
    assert with_offset == set(PAGINATED)


@pytest.mark.parametrize("offset", TOO_BIG_OFFSETS)
@pytest.mark.parametrize("path", PAGINATED)
def test_an_offset_of_2_to_the_64_or_more_is_a_422(
    client: TestClient, event_id: str, path: str, offset: int
) -> None:
    # orjson cannot write an integer of 2^64 or more, and the page echoes its offset: a 500.
    url = f"{API}{_concrete(path, event_id)}?offset={offset}"
    assert "offset" in api_error(client, url, 422)


def test_the_largest_offset_allowed_is_an_empty_page(client: TestClient) -> None:
    from treatywatch.api.deps import MAX_OFFSET

    body = client.get(f"{API}/treaties?offset={MAX_OFFSET}").json()
    assert body["offset"] == MAX_OFFSET and body["items"] == []


@pytest.mark.parametrize(
    "within",
    [
        "2933000",  # the due date leaves the calendar: OverflowError
        "99999999999999999999999",  # timedelta cannot hold it: OverflowError
        "%C2%B2",  # "²" passes str.isdigit(), int() refuses it: ValueError
        "%D9%A3",  # "٣", an Arabic-Indic three: the same
        "9" * 5000,  # past int()'s 4300 digits
        "-1",
        "abc",
    ],
)
def test_the_deadlines_page_refuses_bad_day_counts(client: TestClient, within: str) -> None:
    page_error(client, f"/deadlines?within_days={within}", 422)
    page_error(client, f"/deadlines?within_days={within}&format=csv", 422)
    api_error(client, f"{API}/deadlines?within_days={within}", 422)


def test_the_deadlines_page_takes_a_century(client: TestClient) -> None:
    assert client.get("/deadlines?within_days=36500&format=json").status_code == 200
    page_error(client, "/deadlines?within_days=36501", 422)


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/obligations?as_of=9999-12-31",
        f"{API}/deadlines?as_of=9999-12-31&within_days=1",
        f"{API}/deadlines?as_of=9990-12-31&within_days=36500",
        f"{API}/deadlines/overdue?as_of=9999-12-31",
        f"{API}/compliance?as_of=9999-12-31",
        f"{API}/states?as_of=0001-01-01",
        f"{API}/statements?from=0001-01-01",
        f"{API}/obligations?as_of=2999-01-01",  # 22 s of annual reports on the old code
    ],
)
def test_dates_outside_the_record_are_a_422(client: TestClient, url: str) -> None:
    name = re.search(r"[?&](as_of|from)=", url)
    assert name is not None
    assert name.group(1) in api_error(client, url, 422)


def test_pages_refuse_dates_outside_the_record(client: TestClient) -> None:
    page_error(client, "/compliance?as_of=9999-12-31", 422)
    page_error(client, "/states?as_of=9999-12-31&format=csv", 422)
    assert client.get(f"{API}/obligations?as_of=2100-12-31&limit=1").status_code == 200


def test_the_cli_refuses_a_due_within_past_a_century(db: str) -> None:
    command = ["deadlines", "CCM", "--due-within", "99999999", "--db", db]
    result = subprocess.run(
        [sys.executable, "-m", "treatywatch", *command],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr[-500:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--due-within" in lines[0], result.stderr[-500:]
    assert "Traceback" not in result.stderr


# -- item 4: a 500 carries the security headers --------------------------------------------


@pytest.mark.parametrize(
    ("url", "media"),
    [
        (f"{API}/conflicts?limit=7", "application/json"),
        ("/conflicts?boom=1", "text/html"),
    ],
)
def test_a_500_keeps_the_security_headers(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, url: str, media: str
) -> None:
    from treatywatch import query

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug in the query layer")

    monkeypatch.setattr(query, "conflicts", broken)
    for method in ("GET", "HEAD"):
        r = client.request(method, url)
        assert r.status_code == 500, (method, r.status_code)
        for header in SECURITY_HEADERS:
            assert header in r.headers, (method, header, dict(r.headers))
        assert r.headers["content-type"].startswith(media)
        assert "unsafe-inline" not in r.headers["content-security-policy"]
    body = client.get(url).text
    assert "a bug in the query layer" not in body  # no internals leak to the client
    if media == "application/json":
        assert client.get(url).json() == {
            "error": "Something went wrong on our side; please report it.",
            "status": 500,
        }


# -- item 5: formula injection in downloads ------------------------------------------------


def _hostile_csv_titles(text: str) -> dict[str, str]:
    rows = csv.DictReader(io.StringIO(text))
    return {r["id"]: r["title"] for r in rows if r["id"] in HOSTILE_TITLES}


@pytest.mark.parametrize("url", ["/downloads/sources.csv", "/sources?format=csv"])
def test_csv_downloads_neutralise_formulas(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    titles = _hostile_csv_titles(r.text)
    assert set(titles) == set(HOSTILE_TITLES)
    for sid, title in titles.items():
        # The apostrophe is the spreadsheets' "text follows" mark; the text is kept whole.
        assert title == "'" + HOSTILE_TITLES[sid], (sid, title)


def test_the_data_package_neutralises_formulas(client: TestClient) -> None:
    r = client.get("/downloads/treatywatch-datapackage.zip")
    assert r.status_code == 200
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        titles = _hostile_csv_titles(zf.read("data/sources.csv").decode("utf-8"))
    assert titles == {sid: "'" + t for sid, t in HOSTILE_TITLES.items()}


@pytest.mark.parametrize("url", ["/downloads/sources.xlsx", "/sources?format=xlsx"])
def test_xlsx_downloads_hold_no_formulas(client: TestClient, url: str) -> None:
    import openpyxl

    r = client.get(url)
    assert r.status_code == 200
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
        for name in sheets:
            assert "<f>" not in zf.read(name).decode("utf-8"), name  # no formula anywhere
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in ws[1]]
    ids, titles = header.index("id"), header.index("title")
    found = {}
    for row in ws.iter_rows(min_row=2):
        if row[ids].value in HOSTILE_TITLES:
            found[row[ids].value] = row[titles]
    assert set(found) == set(HOSTILE_TITLES)
    for sid, cell in found.items():
        # Text, shown exactly as the source has it, and marked as text for Excel.
        assert cell.data_type == "s" and cell.quotePrefix, sid
        assert cell.value == HOSTILE_TITLES[sid], sid


def test_every_formula_start_is_neutralised_in_csv_and_xlsx() -> None:
    import openpyxl

    from treatywatch import export

    rows = [{"text": v, "n": -1, "d": None} for v in (*FORMULA_CELLS, "plain", "a=b")]
    text = export.csv_bytes(["text", "n", "d"], rows).decode()
    cells = list(csv.reader(io.StringIO(text, newline="")))
    assert [r[0] for r in cells[1:]] == [*("'" + v for v in FORMULA_CELLS), "plain", "a=b"]
    assert {r[1] for r in cells[1:]} == {"-1"}  # a negative number is a number, not text
    # A CR inside a field is quoted, or a spreadsheet starts a row there: "=1+1" would begin it.
    inside = export.csv_bytes(["a", "b"], [{"a": "note\r=1+1", "b": "x"}]).decode()
    assert list(csv.reader(io.StringIO(inside, newline=""))) == [["a", "b"], ["note\r=1+1", "x"]]
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes([("t", ["text", "n"], rows)])))
    got = [(c.value, c.data_type) for c in book.active["A"][1:]]
    assert got == [(v, "s") for v in (*FORMULA_CELLS, "plain", "a=b")]
    assert [c.value for c in book.active["B"][1:]] == [-1] * len(rows)


def test_json_downloads_keep_the_text_as_it_is(client: TestClient) -> None:
    rows = client.get("/downloads/sources.json").json()
    assert {r["id"]: r["title"] for r in rows if r["id"] in HOSTILE_TITLES} == HOSTILE_TITLES


# -- item 13: parameters, empty or unknown -------------------------------------------------


def _text_parameters(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, name) of every optional text query parameter the document declares."""
    found = []
    for path, ops in spec["paths"].items():
        for p in ops["get"].get("parameters", []):
            schema = p.get("schema", {})
            kinds = {schema.get("type")} | {s.get("type") for s in schema.get("anyOf", [])}
            if p["in"] == "query" and "string" in kinds:
                found.append((path, p["name"]))
    return found


def test_every_empty_text_parameter_is_a_422(
    client: TestClient, spec: dict[str, Any], event_id: str
) -> None:
    params = _text_parameters(spec)
    assert ("/api/v1/states", "as_of") in params and len(params) >= 25
    for path, name in params:
        message = api_error(client, f"{_concrete(path, event_id)}?{name}=", 422)
        assert name in message and "empty" in message, (path, name, message)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        (f"{API}/states?region=Narnia", "region"),
        (f"{API}/states?status=friendly", "status"),
        (f"{API}/events?kind=picnic", "kind"),
        (f"{API}/statements?stance=grumpy", "stance"),
        (f"{API}/states?grouping=NOPE", "grouping"),
    ],
)
def test_an_unknown_value_is_a_422_that_names_it(client: TestClient, url: str, name: str) -> None:
    assert name in api_error(client, url, 422)


def test_the_states_page_checks_region_as_the_api_does(client: TestClient) -> None:
    page_error(client, "/states?region=Narnia", 422)
    page_error(client, "/states?region=Narnia&format=csv", 422)
    assert client.get("/states?region=south-eastern%20asia&format=json").status_code == 200
    # The page's forms send an empty value for "any", so there it still means "any".
    assert client.get("/states?region=&status=&as_of=").status_code == 200
    rows = client.get(f"{API}/states?region=south-eastern asia").json()["items"]
    assert rows and all(r["subregion"] == "South-eastern Asia" for r in rows)


def test_statements_of_an_unknown_event_are_a_404(client: TestClient) -> None:
    assert "no-such-event" in api_error(client, f"{API}/statements?event=no-such-event", 404)
    page_error(client, "/statements?event=no-such-event", 404)


# -- item 14: the OpenAPI document ---------------------------------------------------------


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = spec["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def test_every_operation_declares_its_answers(spec: dict[str, Any]) -> None:
    ops = [(path, ops["get"]) for path, ops in spec["paths"].items()]
    assert len(ops) >= 17
    for path, op in ops:
        responses = op["responses"]
        ok = _resolve(spec, responses["200"]["content"]["application/json"]["schema"])
        assert ok.get("properties"), (path, "200 has an empty schema")
        for status in ("404", "422"):
            schema = _resolve(spec, responses[status]["content"]["application/json"]["schema"])
            assert set(schema["properties"]) == {"error", "status"}, (path, status)
            assert set(schema["required"]) == {"error", "status"}, (path, status)
    assert "HTTPValidationError" not in spec["components"]["schemas"]  # never sent


# -- schemathesis over the whole document --------------------------------------------------

#: Every operation of the document, each fuzzed on its own (checked against the document).
OPERATION_PATHS = (
    "/treaties",
    "/treaties/{treaty}",
    "/treaties/{treaty}/status",
    "/treaties/{treaty}/series",
    "/states",
    "/states/{name}",
    "/states/{name}/attendance",
    "/events",
    "/events/{event_id}",
    "/events/{event_id}/participants",
    "/statements",
    "/obligations",
    "/deadlines",
    "/deadlines/overdue",
    "/compliance",
    "/sources",
    "/sources/{source_id}",
    "/conflicts",
    "/reports/{treaty}",
    "/reports/{treaty}/{state}",
)
#: Examples per operation and generation mode (valid data, then data the document rules
#: out): 30 runs of 30 keep the whole run near half a minute.
EXAMPLES = 30
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FIGURES: Counter[str] = Counter()


@pytest.fixture(scope="module")
def api_schema(app: FastAPI) -> Any:
    return schemathesis.openapi.from_asgi(f"{API}/openapi.json", app)


def test_the_fuzzed_operations_are_every_one(spec: dict[str, Any]) -> None:
    assert {p.removeprefix(API) for p in spec["paths"]} == set(OPERATION_PATHS)


#: Operations whose one parameter is a text path segment: every value is valid there (an
#: unknown one is a 404), so no negative example exists and Hypothesis would give up.
NO_INVALID_VALUE = frozenset(
    {
        "/treaties/{treaty}/series",
        "/states/{name}",
        "/states/{name}/attendance",
        "/events/{event_id}",
        "/sources/{source_id}",
        "/reports/{treaty}",
        "/reports/{treaty}/{state}",
    }
)
RUNS = [(p, GenerationMode.POSITIVE) for p in OPERATION_PATHS] + [
    (p, GenerationMode.NEGATIVE) for p in OPERATION_PATHS if p not in NO_INVALID_VALUE
]
#: Real values for each operation, so every 200 schema is checked against a full answer
#: (generated path segments are mostly unknown ids, whose answers are 404s).
REAL_CALLS: list[tuple[str, dict[str, str], dict[str, Any]]] = [
    ("/treaties", {}, {"limit": 10}),
    ("/treaties/{treaty}", {"treaty": "CCM"}, {"as_of": "2011-09-16"}),
    ("/treaties/{treaty}", {"treaty": "OSLO-DECLARATION"}, {}),
    ("/treaties/{treaty}/status", {"treaty": "APMBC"}, {"limit": 1000}),
    ("/treaties/{treaty}/series", {"treaty": "CCM"}, {}),
    ("/states", {}, {"treaty": "APMBC", "region": "Asia"}),
    ("/states/{name}", {"name": "LAO"}, {}),
    ("/states/{name}", {"name": "Norway"}, {}),
    ("/states/{name}/attendance", {"name": "LAO"}, {}),
    ("/events", {}, {"limit": 1000}),
    ("/events/{event_id}", {"event_id": "$event"}, {}),
    ("/events/{event_id}", {"event_id": "ccm-2msp"}, {}),
    ("/events", {}, {"treaty": "CCM", "kind": "meeting_of_states_parties", "year": "2011"}),
    ("/events/{event_id}/participants", {"event_id": "$event"}, {}),
    ("/statements", {}, {"limit": 1000}),
    ("/statements", {}, {"q": "CCW", "topic": "ccw-protocol", "year": "2011"}),
    ("/obligations", {}, {"limit": 1000, "as_of": "2022-11-25"}),
    ("/deadlines", {}, {"within_days": 3650, "limit": 1000}),
    ("/deadlines/overdue", {}, {"as_of": "2022-11-25", "limit": 1000}),
    ("/compliance", {}, {"as_of": "2016-01-01"}),
    ("/compliance", {}, {"treaty": "CCM", "state": "LAO"}),
    ("/sources", {}, {"limit": 1000}),
    ("/sources", {}, {"fact": "$fact"}),
    ("/sources/{source_id}", {"source_id": "zz-formula-hyperlink"}, {}),
    ("/conflicts", {}, {"limit": 1000}),
    ("/states/{name}/attendance", {"name": "NOR"}, {}),
    ("/reports/{treaty}", {"treaty": "CCM"}, {}),
    ("/reports/{treaty}/{state}", {"treaty": "APMBC", "state": "LAO"}, {}),
]


def test_every_operation_answers_as_its_document_says(
    api_schema: Any, client: TestClient, event_id: str
) -> None:
    event = client.get(f"{API}/events/{event_id}").json()
    fact = f"event:{event_id}" if event["citations"] else "event:lima-2007"
    assert {path for path, _, _ in REAL_CALLS} == set(OPERATION_PATHS)
    for path, params, query in REAL_CALLS:
        params = {k: event_id if v == "$event" else v for k, v in params.items()}
        query = {k: fact if v == "$fact" else v for k, v in query.items()}
        case = api_schema[f"{API}{path}"]["GET"].Case(path_parameters=params, query=query)
        response = case.call()
        assert response.status_code == 200, (path, params, query, response.text[:300])
        case.validate_response(response, checks=CHECKS)


# schemathesis's own pytest integration (schema.parametrize with a fixture-loaded schema)
# reaches into a private attribute pytest 9.2 no longer has, so its Python API is used:
# each operation as a Hypothesis strategy, run by Hypothesis in a test of our own.
@pytest.mark.parametrize(("path", "mode"), RUNS)
def test_schemathesis_finds_no_5xx_and_no_undeclared_answer(
    api_schema: Any, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[f"{API}{path}"]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,  # the same examples on every run: CI must not flake on a new seed
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def run(case: Any) -> None:
        response = case.call()
        FIGURES["examples"] += 1
        FIGURES[f"{response.status_code // 100}xx"] += 1
        FIGURES[f"op {path}"] += 1
        case.validate_response(response, checks=CHECKS)

    run()


def test_schemathesis_figures(request: pytest.FixtureRequest) -> None:
    """Runs after the fuzzing (file order) and prints what it did."""
    if not FIGURES["examples"]:
        pytest.skip("the schemathesis test was not selected")
    operations = sum(1 for k in FIGURES if k.startswith("op "))
    statuses = ", ".join(f"{k} {FIGURES[k]}" for k in ("2xx", "4xx", "5xx"))
    line = f"schemathesis: {operations} operations, {FIGURES['examples']} examples, {statuses}"
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(line)
    assert FIGURES["5xx"] == 0, line


def test_the_cli_refuses_an_as_of_day_outside_the_calendar_it_computes(db: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "treatywatch",
            "deadlines",
            "CCM",
            "--as-of",
            "9999-12-31",
            "--db",
            db,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "outside the days one can ask about" in result.stderr
