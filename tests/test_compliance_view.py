"""The compliance view: states by obligation on a date, as the query answers it, as the API
serves it, as the page shows it, and as CSV, JSON and XLSX.

On the bundled record and a real SQLite database. The assertions hold for any complete or
partial record: they check the view against the rules engine and itself, not counts that the
data researchers' next commit would change.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DATA
from treatywatch import query

API = "/api/v1/compliance"
DAY = dt.date(2020, 6, 1)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from treatywatch.store.build import build

    path = tmp_path_factory.mktemp("compliance") / "compliance.sqlite"
    build(str(path), Path(os.environ.get("TREATYWATCH_TEST_DATA", DATA)))
    return str(path)


@pytest.fixture(scope="module")
def ctx(db: str) -> query.Context:
    return query.open_context(db)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    from treatywatch.api.app import create_app

    with TestClient(create_app(db)) as c:
        yield c


def _latest_annual(obs: list[Any], day: dt.date) -> Any:
    due = [o for o in obs if o.due is not None and o.due <= day]
    if due:
        return max(due, key=lambda o: o.due)
    return min(obs, key=lambda o: o.due or dt.date.max)


# -- the query -----------------------------------------------------------------------------


def test_every_cell_is_the_engines_answer(ctx: query.Context) -> None:
    view = query.compliance(ctx, as_of=DAY)
    assert view["as_of"] == DAY and view["treaties"] == ["CCM", "APMBC"]
    assert view["obligations"] == list(query.COMPLIANCE_OBLIGATIONS)
    assert view["rows"], "no State Party has obligations in 2020"
    for tid in view["treaties"]:
        engine: dict[tuple[str, str], list[Any]] = {}
        for o in ctx.rules.obligations(tid, as_of=DAY):
            engine.setdefault((o.state, o.obligation), []).append(o)
        rows = [r for r in view["rows"] if r["instrument"] == tid]
        assert {r["iso3"] for r in rows} == {s for s, _ in engine}
        for r in rows:
            assert r["link"] == f"/states/{r['iso3']}#obligations"
            assert set(r["cells"]) == set(query.COMPLIANCE_OBLIGATIONS)
            for name, cell in r["cells"].items():
                found = engine.get((r["iso3"], name))
                if found is None:
                    assert cell is None
                    continue
                want = _latest_annual(found, DAY) if name == query.ANNUAL_REPORT else found[0]
                assert cell["status"] == str(want.status)
                assert cell["due"] == want.due and cell["basis"] == want.basis
                assert cell["article"] == want.article
                assert [f["source"] for f in cell["facts"]] == [c.source_id for c in want.facts]
                if name == query.ANNUAL_REPORT:
                    assert cell["year"] == want.year is not None
                else:
                    assert cell["year"] is None


def test_counts_tally_the_cells(ctx: query.Context) -> None:
    view = query.compliance(ctx, as_of=DAY)
    for tid in view["treaties"]:
        cells = Counter(
            (name, cell["status"])
            for r in view["rows"]
            if r["instrument"] == tid
            for name, cell in r["cells"].items()
            if cell is not None
        )
        counts = view["counts"][tid]
        assert set(counts) == set(query.COMPLIANCE_OBLIGATIONS)
        for name, by_status in counts.items():
            assert set(query.OBLIGATION_STATUSES) <= set(by_status)
            for status, n in by_status.items():
                assert n == cells[(name, status)], (tid, name, status)


def test_every_fact_names_a_source_of_the_record(ctx: query.Context) -> None:
    view = query.compliance(ctx)
    facts = [f for r in view["rows"] for c in r["cells"].values() if c for f in c["facts"]]
    assert facts, "no obligation cites a source"
    assert all(f["source"] in ctx.record.sources for f in facts)


def test_one_treaty_one_state_and_a_day_before_the_treaty(ctx: query.Context) -> None:
    ccm = query.compliance(ctx, "ccm", DAY)
    assert ccm["treaties"] == ["CCM"] and {r["instrument"] for r in ccm["rows"]} == {"CCM"}
    lao = query.compliance(ctx, "CCM", DAY, state="Lao DPR")
    assert lao["state"] == "LAO" and [r["iso3"] for r in lao["rows"]] == ["LAO"]
    assert lao["rows"][0]["state"] and lao["rows"][0]["region"] == "Asia"
    before = query.compliance(ctx, "CCM", dt.date(2008, 1, 1))
    assert before["rows"] == [] and before["reporting"]["CCM"]["computed"] == []


def test_annual_cell_is_the_latest_report_due_else_the_next(ctx: query.Context) -> None:
    for day in (dt.date(2012, 4, 29), dt.date(2012, 4, 30), dt.date(2019, 12, 31), DAY):
        view = query.compliance(ctx, "APMBC", day)
        for r in view["rows"]:
            cell = r["cells"][query.ANNUAL_REPORT]
            if cell is None:
                continue
            annual = [
                o
                for o in ctx.rules.obligations("APMBC", as_of=day, state=r["iso3"])
                if o.obligation == query.ANNUAL_REPORT
            ]
            assert cell["due"] == _latest_annual(annual, day).due
            if any(o.due and o.due <= day for o in annual):
                assert cell["due"] <= day


def test_reporting_series_adds_up(ctx: query.Context) -> None:
    view = query.compliance(ctx, as_of=DAY)
    for tid in view["treaties"]:
        series = view["reporting"][tid]["computed"]
        assert series, tid
        years = [p["year"] for p in series]
        assert years == sorted(set(years))
        annual = [
            o
            for o in ctx.rules.obligations(tid, as_of=DAY)
            if o.obligation == "transparency_annual"
        ]
        by_year = Counter(o.year for o in annual)
        assert {p["year"]: p["required"] for p in series} == dict(by_year)
        for p in series:
            assert 0 <= p["due"] <= p["required"]
            assert p["received"] + p["overdue"] + p["unknown"] + p["pending"] <= p["required"]
            if p["due"]:
                assert 0 <= p["rate_on_record"] <= 1
                if p["unknown"] == 0:
                    assert p["rate"] == p["rate_on_record"]
                else:
                    assert p["rate"] is None  # never a rate the record cannot support
            else:
                assert p["rate"] is None and p["rate_on_record"] is None
        # The report due next (30 April 2021, covering 2020) is in the series, not yet due.
        assert series[-1]["year"] >= DAY.year - 1


def test_stated_rates_are_the_sources_claims_kept_apart(ctx: query.Context) -> None:
    view = query.compliance(ctx)
    for tid in view["treaties"]:
        claims = [
            c
            for c in ctx.record.claims
            if c.subject == tid and c.property in query.REPORTING_CLAIMS
        ]
        stated = view["reporting"][tid]["stated"]
        assert len(stated) == len(claims)
        for s in stated:
            assert s["property"] in query.REPORTING_CLAIMS and s["citations"]
            if s["as_of"] is not None:
                # The reports counted cover the year before the last 30 April on or before it.
                last_due = s["as_of"].year - (
                    0 if s["as_of"] >= s["as_of"].replace(month=4, day=30) else 1
                )
                assert s["year"] == last_due - 1


def test_bad_parameters(ctx: query.Context) -> None:
    with pytest.raises(query.BadRequestError, match="Narnia"):
        query.compliance(ctx, "Narnia")
    with pytest.raises(query.BadRequestError, match="no obligations"):
        query.compliance(ctx, "WELLINGTON-DECLARATION")
    with pytest.raises(query.NotFoundError):
        query.compliance(ctx, "CCM", state="Narnia")


def test_the_matrix_as_a_table(ctx: query.Context) -> None:
    view = query.compliance(ctx, as_of=DAY)
    rows = query.compliance_rows(view)
    cells = sum(1 for r in view["rows"] for c in r["cells"].values() if c is not None)
    assert len(rows) == cells
    assert all(set(r) == set(query.COMPLIANCE_COLUMNS) for r in rows)
    assert all(r["as_of"] == DAY and r["obligation"] in query.COMPLIANCE_OBLIGATIONS for r in rows)
    cited = [r for r in rows if r["sources"]]
    assert cited and all(s in ctx.record.sources for r in cited for s in r["sources"].split("; "))


# -- the API -------------------------------------------------------------------------------


def test_api_answers_the_query(client: TestClient, ctx: query.Context) -> None:
    from treatywatch.api.deps import dumps

    r = client.get(f"{API}?treaty=CCM&as_of={DAY.isoformat()}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    import orjson

    assert r.json() == orjson.loads(dumps(query.compliance(ctx, "CCM", DAY)))
    body = client.get(f"{API}?as_of=2020-06-01&state=LAO").json()
    assert {row["iso3"] for row in body["rows"]} == {"LAO"}
    assert set(body["reporting"]) == {"CCM", "APMBC"}
    assert "/api/v1/compliance" in client.get("/api/v1/openapi.json").json()["paths"]


@pytest.mark.parametrize(
    ("url", "needle"),
    [
        (f"{API}?as_of=2020-13-45", "2020-13-45"),
        (f"{API}?as_of=yesterday", "yesterday"),
        (f"{API}?treaty=Narnia", "Narnia"),
        (f"{API}?treaty=OSLO-DECLARATION", "OSLO-DECLARATION"),
    ],
)
def test_api_refuses_bad_values_with_422(client: TestClient, url: str, needle: str) -> None:
    r = client.get(url)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["status"] == 422 and needle in body["error"]


def test_api_unknown_state_is_404(client: TestClient) -> None:
    assert client.get(f"{API}?state=Narnia").status_code == 404


# -- the page ------------------------------------------------------------------------------


def test_page_shows_counts_chart_and_matrix(client: TestClient, ctx: query.Context) -> None:
    r = client.get("/compliance?treaty=APMBC&as_of=2020-06-01")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "<script>" not in html
    assert 'href="/compliance"' in html  # in the site navigation
    assert 'value="2020-06-01"' in html and "as of 2020-06-01" in html
    assert 'svg class="chart share"' in html
    assert 'id="matrix-APMBC"' in html and 'id="matrix-CCM"' not in html
    view = query.compliance(ctx, "APMBC", DAY)
    body = html.split('id="matrix-APMBC"', 1)[1].split("</table>", 1)[0]
    assert body.count("<tr>") - 1 == len(view["rows"])  # one heading row
    # Each cell is one click from the state's obligations and the sources behind it.
    for row in view["rows"]:
        assert f'href="/states/{row["iso3"]}#obligations"' in body
    cited = {
        f["source"] for row in view["rows"] for c in row["cells"].values() if c for f in c["facts"]
    }
    assert cited and all(f'href="/sources/{s}"' in body for s in cited)
    assert 'id="obligations"' in client.get("/states/LAO").text


def test_page_counts_link_to_their_rows(client: TestClient, ctx: query.Context) -> None:
    view = query.compliance(ctx, "APMBC", DAY)
    name, status = next(
        (n, s) for n, by in view["counts"]["APMBC"].items() for s, k in by.items() if k
    )
    html = client.get("/compliance?treaty=APMBC&as_of=2020-06-01").text
    link = f"obligation={name}&amp;status={status}"
    assert link in html
    filtered = client.get(
        f"/compliance?treaty=APMBC&as_of=2020-06-01&obligation={name}&status={status}"
    )
    body = filtered.text.split('id="matrix-APMBC"', 1)[1].split("</table>", 1)[0]
    assert body.count("<tr>") - 1 == view["counts"]["APMBC"][name][status]


def test_page_errors(client: TestClient) -> None:
    r = client.get("/compliance?as_of=2020-13-45")
    assert (
        r.status_code == 422 and "2020-13-45" in r.text and "text/html" in r.headers["content-type"]
    )
    assert client.get("/compliance?treaty=Narnia").status_code == 422
    assert client.get("/compliance?status=fine").status_code == 422
    assert client.get("/compliance?format=pdf").status_code == 422


# -- the downloads -------------------------------------------------------------------------


def test_downloads_in_three_formats(client: TestClient, ctx: query.Context) -> None:
    import openpyxl

    url = "/compliance?treaty=CCM&as_of=2020-06-01"
    want = query.compliance_rows(query.compliance(ctx, "CCM", DAY))
    html = client.get(url).text
    for fmt in ("csv", "json", "xlsx"):
        assert f"format={fmt}" in html  # the page links each one

    r = client.get(url + "&format=csv")
    assert r.headers["content-type"].startswith("text/csv")
    assert "compliance-ccm-2020-06-01.csv" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == list(query.COMPLIANCE_COLUMNS)
    assert [(x["iso3"], x["obligation"]) for x in rows] == [
        (w["iso3"], w["obligation"]) for w in want
    ]
    assert all(x["as_of"] == "2020-06-01" for x in rows)

    as_json = client.get(url + "&format=json").json()
    assert len(as_json) == len(want)
    assert [(x["iso3"], x["obligation"], x["status"]) for x in as_json] == [
        (w["iso3"], w["obligation"], w["status"]) for w in want
    ]

    r = client.get(url + "&format=xlsx")
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    assert ws.max_row == len(want) + 1
    assert [c.value for c in ws[1]] == list(query.COMPLIANCE_COLUMNS)


# -- the deadlines page leads with what matters --------------------------------------------


def test_deadlines_page_leads_with_overdue_and_counts_reports(client: TestClient) -> None:
    html = client.get("/deadlines?within_days=3650").text
    order = [html.index(f'id="{h}"') for h in ("overdue", "due-soon", "extended")]
    assert order == sorted(order)
    assert 'href="/compliance"' in html and "Article 7 transparency reports" in html
    # Article 7 rows are counted, not listed.
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    assert tables and not any("Art. 7(" in t for t in tables)
    counts = re.search(
        r"<strong>(\d+)</strong> overdue, <strong>(\d+)</strong> due in the next", html
    )
    assert counts is not None
    rows = client.get("/deadlines?within_days=3650&format=json").json()
    reports = [
        r
        for r in rows["upcoming"]
        if r["obligation"] in ("transparency_initial", "transparency_annual")
    ]
    assert int(counts.group(2)) == len(reports)
    csv_rows = list(csv.DictReader(io.StringIO(client.get("/deadlines?format=csv").text)))
    sections = [r["section"] for r in csv_rows]
    assert sections == sorted(sections, key=["overdue", "due_soon", "extended"].index)


def test_the_view_says_how_far_the_record_reaches(client: TestClient, ctx: query.Context) -> None:
    # Article 4 of the APMBC is declared complete through the 20MSP: the view on that day
    # says the record reaches it (so Greece and Ukraine may read overdue), today it does not.
    then = query.compliance(ctx, "APMBC", dt.date(2022, 11, 25))
    (stock,) = [c for c in then["coverage"]["APMBC"] if c["obligation"] == "stockpile_destruction"]
    assert stock["complete_through"] == dt.date(2022, 11, 25) and stock["reaches_as_of"]
    assert then["counts"]["APMBC"]["stockpile_destruction"]["overdue"] == 2
    now = query.compliance(ctx, "APMBC", dt.date(2026, 12, 1))
    (later,) = [c for c in now["coverage"]["APMBC"] if c["obligation"] == "stockpile_destruction"]
    assert not later["reaches_as_of"]
    assert now["counts"]["APMBC"]["stockpile_destruction"]["overdue"] == 0
    assert {c["obligation"] for c in now["coverage"]["APMBC"]} == set(query.COMPLIANCE_OBLIGATIONS)
    page = client.get("/compliance", params={"treaty": "APMBC", "as_of": "2022-11-25"}).text
    assert "How far the record is complete" in page and "apmbc-20msp" in page
