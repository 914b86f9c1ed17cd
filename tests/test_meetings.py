"""Meetings on the bundled record (issue 21): for every meeting a source gives a count of
attendance for, the record's list by role reproduces the count, or the page and `treatywatch
event` say which source gives what; participants by role, statements by topic, the next
meeting, the events filters, a state's attendance; and the capacities that exclude each other.

Expectations are derived from the record where a test is about consistency, so they hold as
rows are added; the facts asserted outright are stable ones (Beirut's "more than 120")."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DATA
from treatywatch import model, query, query_meetings
from treatywatch.record import load

API = "/api/v1"


def _text(fragment: str) -> str:
    """What a reader sees of some HTML: tags dropped, entities read, spaces squeezed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _meetings_with_counts() -> list[str]:
    """Every meeting of the bundled record a source counts attendance at (read when the
    tests are collected, so a meeting added to data/ gets its test)."""
    record = load(DATA)
    return sorted(
        {
            c.subject
            for c in record.claims
            if c.subject in record.events and c.property in query_meetings.COUNTED_ROLES
        }
    )


MEETINGS = _meetings_with_counts()


@pytest.fixture(scope="module")
def client(record_site: tuple[TestClient, query.Context]) -> TestClient:
    return record_site[0]


@pytest.fixture(scope="module")
def ctx(record_site: tuple[TestClient, query.Context]) -> query.Context:
    return record_site[1]


def _cli(*args: str) -> str:
    from typer.testing import CliRunner

    from treatywatch.cli.main import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def _listed(rec: model.Record, event: str, roles: frozenset[model.Role] | None) -> int:
    """The states the record lists at a meeting in the roles (None: any), counted here apart
    from the code under test."""
    return len(
        {
            p.participant
            for p in rec.participation
            if p.event == event and ":" not in p.participant and (roles is None or p.role in roles)
        }
    )


def test_there_are_meetings_with_counts_to_check() -> None:
    assert {"ccm-1msp", "ccm-2msp", "lima-2007", "oslo-2007"} <= set(MEETINGS)


@pytest.mark.parametrize("event_id", MEETINGS)
def test_each_count_is_reproduced_or_the_page_and_the_cli_say_who_counts_what(
    event_id: str, client: TestClient, ctx: query.Context, built_db: str
) -> None:
    rec = ctx.record
    claims = [
        c
        for c in rec.claims
        if c.subject == event_id and c.property in query_meetings.COUNTED_ROLES
    ]
    checks = query_meetings.count_checks(ctx, event_id)
    assert len(checks) == len(claims)
    page = _text(client.get(f"/events/{event_id}").text)
    out = _cli("event", event_id, "--db", built_db)
    rows = page.split("What is counted The source counts This list has Check Source", 1)[1]
    for check in checks:
        listed = _listed(rec, event_id, query_meetings.COUNTED_ROLES[check["property"]])
        assert check["recorded"] == listed
        sources = [c["source"] for c in check["citations"]]
        if check["status"] == query_meetings.REPRODUCED:
            assert check["quantity"] <= listed
            continue
        # The page's row: what is counted, what the source counts, what the list has, and
        # which source; the CLI's sentence says the same.
        label = check["property"].replace("_", " ")
        said = re.escape(str(check["quantity"]))
        row = rf"{label}(?: \([^)]*\))? (?:more than |at least )?{said} {listed} "
        assert re.search(row, rows), (row, rows[:400])
        assert all(f"[{s}" in rows for s in sources)
        assert check["summary"] in out
        assert all(s in check["summary"] for s in sources)
        assert f"lists {listed} " in check["summary"]
        if check["status"] == query_meetings.PARTIAL:
            assert listed < check["quantity"] + (check["bound"] == query_meetings.MORE_THAN)
            assert "This list is partial." in page and "partial list" in rows
            assert check["summary"].startswith("Partial:")
        else:
            assert listed > check["quantity"] and check["summary"].startswith("Differs:")


def test_beirut_says_its_short_list_is_partial(client: TestClient, ctx: query.Context) -> None:
    listed = _listed(ctx.record, "ccm-2msp", None)
    (check,) = [
        c
        for c in query_meetings.count_checks(ctx, "ccm-2msp")
        if c["property"] == "states_attending" and c["text"].startswith("more than 120")
    ]
    assert check["quantity"] == 120 and check["bound"] == query_meetings.MORE_THAN
    page = _text(client.get("/events/ccm-2msp").text)
    if listed > 120:  # the whole list is on record: "more than 120" is then reproduced
        assert check["status"] == query_meetings.REPRODUCED
        return
    assert check["status"] == query_meetings.PARTIAL
    assert "This list is partial." in page
    assert f"It names {listed} states where sources count more" in page
    assert "states attending more than 120 (seed-004)" in page


def test_a_count_in_words_is_read_as_a_bound() -> None:
    def claim(text: str, n: int) -> model.Claim:
        return model.Claim("x", "states_attending", n, "states", text)

    assert (
        query_meetings.claim_bound(claim("more than 120 states (lower bound)", 120)) == "more_than"
    )
    assert query_meetings.claim_bound(claim("at least 90 delegations", 90)) == "at_least"
    assert query_meetings.claim_bound(claim("Over 650 people from 119 countries", 119)) == "exact"
    assert query_meetings._compare(121, 120, "more_than") == "reproduced"
    assert query_meetings._compare(120, 120, "more_than") == "partial"
    assert query_meetings._compare(50, 49, "exact") == "differs"


def test_participants_are_grouped_by_role_with_counts(
    client: TestClient, ctx: query.Context
) -> None:
    for event_id in ("ccm-2msp", "dublin-2008"):
        groups = query_meetings.participants_by_role(ctx, event_id)
        rows = [p for p in ctx.record.participation if p.event == event_id]
        assert sum(g["count"] for g in groups) == len(rows)
        order = [model.Role(g["role"]) for g in groups]
        assert order == [r for r in query_meetings.ROLE_ORDER if r in order]
        page = client.get(f"/events/{event_id}").text
        for g in groups:
            heading = re.search(rf'<h3 id="role-{g["role"]}">([^<]*)</h3>', page)
            assert heading and heading.group(1).endswith(f"({g['count']})")
    dublin = {g["role"]: g for g in query_meetings.participants_by_role(ctx, "dublin-2008")}
    assert dublin["observer"]["states"] == _listed(
        ctx.record, "dublin-2008", frozenset({model.Role.OBSERVER})
    )
    detail = client.get(f"{API}/events/dublin-2008").json()
    assert [g["role"] for g in detail["participants_by_role"]] == list(dublin)


def test_statements_are_grouped_by_topic(client: TestClient, ctx: query.Context) -> None:
    said = [s for s in ctx.record.statements if s.event == "ccm-2msp"]
    groups = query_meetings.statements_by_topic(ctx, "ccm-2msp")
    assert sorted(st["id"] for g in groups for st in g["statements"]) == sorted(s.id for s in said)
    for g in groups:
        assert all((st["topics"] or [None])[0] == g["topic"] for st in g["statements"])
    page = _text(client.get("/events/ccm-2msp").text)
    top = groups[0]
    assert f"{top['label']} ({top['count']})" in page
    assert f"Statements ({len(said)})" in page
    iran = next(s for s in said if s.id == "ccm-2msp-irn-ccw")
    assert iran.text[:60] in page and "2011-09-13" in page


def test_the_next_meeting_of_the_same_treaty(client: TestClient, ctx: query.Context) -> None:
    for event_id in ("ccm-1msp", "ccm-2msp", "apmbc-1msp"):
        ev = ctx.record.events[event_id]
        nxt = query_meetings.next_meeting(ctx, event_id)
        assert nxt is not None and nxt["instrument"] == ev.instrument
        assert ev.start is not None and nxt["start"] > ev.start
        between = [
            e
            for e in ctx.record.events.values()
            if e.instrument == ev.instrument
            and e.kind is not model.EventKind.OTHER
            and e.start
            and ev.start < e.start < nxt["start"]
        ]
        assert not between
        page = client.get(f"/events/{event_id}").text
        section = page.split('<h2 id="next">', 1)[1]
        assert f'href="/events/{nxt["id"]}"' in section.split("</p>", 1)[0]
    assert client.get(f"{API}/events/ccm-2msp").json()["next_meeting"]["id"] == (
        query_meetings.next_meeting(ctx, "ccm-2msp") or {}
    ).get("id")


def test_the_meeting_page_lists_its_documents(client: TestClient, ctx: query.Context) -> None:
    page = client.get("/events/ccm-2msp").text
    documents = page.split('<h2 id="documents">', 1)[1].split("</ul>", 1)[0]
    cited = {c.source_id for c in ctx.record.events["ccm-2msp"].citations}
    cited |= {
        c.source_id for s in ctx.record.statements if s.event == "ccm-2msp" for c in s.citations
    }
    for source in cited:
        assert f'href="/sources/{source}"' in documents


# -- the events list -----------------------------------------------------------------------


def test_events_filter_by_treaty_kind_and_year(client: TestClient, ctx: query.Context) -> None:
    url = f"{API}/events?treaty=CCM&kind=meeting_of_states_parties&year=2011&limit=1000"
    got = [e["id"] for e in client.get(url).json()["items"]]
    expected = [
        e.id
        for e in ctx.record.events.values()
        if e.instrument == "CCM"
        and e.kind is model.EventKind.MEETING_OF_STATES_PARTIES
        and query.event_year(query.event_row(e)) == 2011
    ]
    assert got and sorted(got) == sorted(expected) and "ccm-2msp" in got
    every = client.get(f"{API}/events?year=2008&limit=1000").json()
    assert every["total"] == sum(
        1 for e in ctx.record.events.values() if query.event_year(query.event_row(e)) == 2008
    )
    assert "year" in client.get(f"{API}/events?year=08").json()["error"]
    assert client.get(f"{API}/events?treaty=Narnia").status_code == 404


def test_meetings_to_come_are_first(ctx: query.Context) -> None:
    day = dt.date(2024, 10, 1)
    rows = query_meetings.find_events(ctx, today=day)
    upcoming = [r for r in rows if query_meetings.is_upcoming(r, day)]
    assert upcoming and rows[: len(upcoming)] == upcoming
    assert [r["start"] for r in upcoming] == sorted(r["start"] for r in upcoming)
    held = [r["start"] for r in rows[len(upcoming) :] if r["start"]]
    assert held == sorted(held)


# -- a state's attendance ------------------------------------------------------------------


def test_a_states_attendance_over_the_years(client: TestClient, ctx: query.Context) -> None:
    body = client.get(f"{API}/states/Lao DPR/attendance").json()
    assert body["iso3"] == "LAO"
    attended = {p.event for p in ctx.record.participation if p.participant == "LAO"}
    assert {m["event"] for m in body["meetings"]} == attended
    for m in body["meetings"]:
        roles = {p.role.value for p in ctx.record.participation if p.participant == "LAO"
                 and p.event == m["event"]}  # fmt: skip
        assert set(m["roles"]) == roles
    per_year = sum(y["attended"] for y in body["years"])
    assert per_year == sum(1 for m in body["meetings"] if m["year"] is not None)
    assert {s["id"] for s in body["statements"]} == {
        s.id for s in ctx.record.statements if s.speaker == "LAO"
    }
    assert client.get(f"{API}/states/Narnia/attendance").status_code == 404


def test_a_state_page_charts_its_attendance(client: TestClient) -> None:
    page = client.get("/states/LAO").text
    figure = page.split('<figure class="attendance">', 1)[1].split("</figure>", 1)[0]
    assert '<svg class="chart share"' in figure
    assert "Meetings attended each year, by capacity" in figure
    assert re.search(r"attended \d+ of \d+ meetings on record", figure)
    assert "States Parties" in figure and "Observers" in figure  # the legend


# -- capacities that exclude each other ----------------------------------------------------


def _with_rows(data: Path, rows: str) -> model.Record:
    (data / "participation" / "zz-test.csv").write_text(
        "event,participant,role,source,locator\n" + rows, encoding="utf-8"
    )
    return load(data)


def _capacity_conflicts(rec: model.Record, key: str) -> list[model.Conflict]:
    return [c for c in rec.conflicts if c.fact_type == "participation" and c.key == key]


def test_a_state_party_and_an_observer_at_one_meeting_conflict(data_copy: Path) -> None:
    rec = _with_rows(
        data_copy,
        "ccm-4msp,NZL,state_party,seed-004,test\n"
        "ccm-4msp,NZL,observer,seed-003,test\n"
        "ccm-4msp,FJI,state_party,seed-004,test\n"
        "ccm-4msp,FJI,signatory,seed-003,test\n"
        "ccm-4msp,TON,state_party,seed-004,test\n"
        "ccm-4msp,TON,participant,seed-003,test\n"
        "ccm-4msp,TON,president,seed-003,test\n"
        "ccm-4msp,WSM,participant,seed-004,test\n"
        "ccm-4msp,WSM,observer,seed-003,test\n",
    )
    (nzl,) = _capacity_conflicts(rec, "ccm-4msp/NZL")
    assert {v.value for v in nzl.variants} == {"state_party", "observer"}
    assert _capacity_conflicts(rec, "ccm-4msp/FJI")
    assert _capacity_conflicts(rec, "ccm-4msp/WSM")
    # "took part" with no capacity agrees with State Party; presiding is an office besides.
    assert not _capacity_conflicts(rec, "ccm-4msp/TON")


# -- a statement's agenda item -------------------------------------------------------------


def test_a_statements_agenda_item_goes_through_the_store(data_copy: Path, any_db: str) -> None:
    from treatywatch.store.build import build
    from treatywatch.store.db import existing_engine
    from treatywatch.store.read import load_record

    (data_copy / "statements" / "zz-test.yaml").write_text(
        "- id: zz-agenda\n  speaker: LAO\n  event: ccm-2msp\n  date: 2011-09-13\n"
        "  agenda: '  General  exchange of views '\n  topics: [universalisation]\n"
        "  stance: supportive\n  text: We call on all states to join.\n"
        "  source: seed-004\n  locator: test\n"
        "- id: zz-no-agenda\n  speaker: LAO\n  event: null\n  date: null\n"
        "  text: Words.\n  source: seed-004\n  locator: test\n",
        encoding="utf-8",
    )
    build(any_db, data_copy)
    stored = {s.id: s for s in load_record(existing_engine(any_db), fresh=True).statements}
    assert stored["zz-agenda"].agenda == "General exchange of views"
    assert stored["zz-no-agenda"].agenda == ""


def test_a_statement_id_used_twice_is_one_problem(data_copy: Path) -> None:
    from treatywatch.record.loader import RecordError

    entry = "- id: zz-twice\n  speaker: LAO\n  text: Words.\n  source: seed-004\n"
    (data_copy / "statements" / "zz-test.yaml").write_text(entry + entry, encoding="utf-8")
    with pytest.raises(RecordError) as err:
        load(data_copy)
    (problem,) = err.value.problems
    assert "zz-twice" in problem.message and "used twice" in problem.message
    assert problem.where.endswith("zz-test.yaml:5")
