"""Subscribing to the record: /calendar.ics in a calendar app, /feed.atom in a feed reader,
on the bundled record through the real app."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.conftest import needs_depositary

ATOM = "{http://www.w3.org/2005/Atom}"
SSD_ACCESSION = "tag:treatywatch,2025:action/CCM/SSD/accession"


@pytest.fixture(scope="module")
def client(built_db: str) -> Iterator[TestClient]:
    from treatywatch.api.app import create_app

    with TestClient(create_app(built_db)) as c:
        yield c


@pytest.fixture(scope="module")
def ctx(built_db: str) -> Any:
    from treatywatch import query

    return query.open_context(built_db)


def _events(client: TestClient, url: str) -> dict[str, Any]:
    """The calendar at ``url`` parsed back, its events by UID (each UID once)."""
    r = client.get(url)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    cal = Calendar.from_ical(r.content)
    events = cal.walk("VEVENT")
    for e in events:  # all-day, and each ends after it starts
        assert _day(e["DTEND"]) > _day(e["DTSTART"]), e["UID"]
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events), "a UID appears twice: calendar apps would merge them"
    return by_uid


def _day(prop: Any) -> dt.date:
    value = prop.dt
    assert isinstance(value, dt.date) and not isinstance(value, dt.datetime), "not all-day"
    return value


def _feed(client: TestClient, url: str = "/feed.atom") -> ET.Element:
    r = client.get(url)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(r.content)


def _entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def _text(el: ET.Element, tag: str) -> str:
    found = el.find(f"{ATOM}{tag}")
    assert found is not None and found.text, f"<{tag}> missing"
    return found.text


# -- calendar ------------------------------------------------------------------------------


def test_the_13msp_is_an_all_day_event_in_geneva_with_its_source(client: TestClient) -> None:
    ev = _events(client, "/calendar.ics")["ccm-13msp@treatywatch"]
    assert _day(ev["DTSTART"]) == dt.date(2025, 9, 16)
    # DTEND of an all-day event is exclusive (RFC 5545): the day after the last, 19 September.
    assert _day(ev["DTEND"]) == dt.date(2025, 9, 20)
    assert str(ev["LOCATION"]) == "Geneva, Switzerland"
    assert "Thirteenth Meeting of States Parties" in str(ev["SUMMARY"])
    assert str(ev["URL"]).endswith("/events/ccm-13msp")
    assert "Source" in str(ev["DESCRIPTION"])


def test_a_state_calendar_has_only_its_deadlines_and_that_treatys_meetings(
    client: TestClient, ctx: Any
) -> None:
    events = _events(client, "/calendar.ics?treaty=CCM&state=LAO")
    meetings = {u for u, e in events.items() if e["CATEGORIES"].cats == ["meeting"]}
    deadlines = set(events) - meetings
    assert deadlines and meetings
    assert all(u.startswith("CCM-LAO-") for u in deadlines), sorted(deadlines)[:5]
    for uid in meetings:
        assert ctx.record.events[uid.split("@")[0]].instrument == "CCM", uid
    assert "ccm-13msp@treatywatch" in meetings
    assert not any(u.startswith("apmbc-") for u in events)
    # Asked for one state, its annual reports are its own, one a year.
    assert "CCM-LAO-transparency_annual-2024@treatywatch" in deadlines
    clearance = events["CCM-LAO-clearance@treatywatch"]
    assert _day(clearance["DTSTART"]) == dt.date(2025, 8, 1)  # as extended at the 10MSP
    assert "4(1)(a)" in str(clearance["DESCRIPTION"])


def test_a_state_is_found_by_any_name_the_registry_knows(client: TestClient) -> None:
    by_code = _events(client, "/calendar.ics?treaty=CCM&state=LAO")
    by_name = _events(client, "/calendar.ics?treaty=CCM&state=Lao%20PDR")
    assert set(by_code) == set(by_name)


def test_annual_reports_are_one_event_per_treaty_and_year(client: TestClient) -> None:
    events = _events(client, "/calendar.ics")
    ev = events["CCM-transparency_annual-2024@treatywatch"]
    assert _day(ev["DTSTART"]) == dt.date(2025, 4, 30)
    assert "States Parties" in str(ev["DESCRIPTION"])
    per_state = [u for u in events if u.count("-") >= 3 and "-transparency_annual-" in u]
    assert per_state == []
    assert "APMBC-transparency_annual-2024@treatywatch" in events


def test_not_applicable_deadlines_are_left_out_and_the_rest_marked(
    client: TestClient, ctx: Any
) -> None:
    from treatywatch import query

    events = _events(client, "/calendar.ics")
    rows = query.obligations(ctx)
    na = [r for r in rows if r["status"] == "not-applicable"]
    assert na, "the bundled record has declarations of nothing to destroy"
    for r in na:
        assert f"{r['instrument']}-{r['state']}-{r['obligation']}@treatywatch" not in events
    met = next(r for r in rows if r["status"] == "met" and r["obligation"] == "clearance")
    ev = events[f"{met['instrument']}-{met['state']}-clearance@treatywatch"]
    assert str(ev["SUMMARY"]).endswith("[met]")


def test_a_deadline_keeps_its_uid_when_an_extension_moves_it(ctx: Any) -> None:
    """Lao's clearance deadline was 1 August 2020 until it was extended to 2025: the same
    UID on both days, so a subscribed calendar moves the event instead of adding one."""
    from treatywatch import feeds

    def clearance(day: dt.date) -> feeds.CalendarItem:
        items = feeds.calendar_items(ctx, "CCM", "LAO", as_of=day)
        return next(i for i in items if i.uid == "CCM-LAO-clearance@treatywatch")

    assert clearance(dt.date(2019, 1, 1)).first_day == dt.date(2020, 8, 1)
    assert clearance(dt.date(2024, 1, 1)).first_day == dt.date(2025, 8, 1)


def test_a_declaration_has_its_meeting_and_no_deadlines(client: TestClient) -> None:
    assert set(_events(client, "/calendar.ics?treaty=OSLO-DECLARATION")) == {
        "oslo-2007@treatywatch"
    }


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("/calendar.ics?treaty=XYZ", "XYZ"),
        ("/calendar.ics?state=Narnia", "Narnia"),
        ("/feed.atom?treaty=XYZ", "XYZ"),
    ],
)
def test_an_unknown_treaty_or_state_is_a_404_in_one_sentence(
    client: TestClient, url: str, named: str
) -> None:
    r = client.get(url, headers={"accept": "application/json"})
    assert r.status_code == 404
    message = r.json()["error"]
    assert named in message and message.count(". ") == 0 and message.endswith(".")


# -- feed ----------------------------------------------------------------------------------


@needs_depositary
def test_the_feed_is_atom_with_south_sudans_accession(client: TestClient) -> None:
    feed = _feed(client)
    assert feed.tag == f"{ATOM}feed"
    assert _text(feed, "id") == "tag:treatywatch,2025:feed"
    entries = _entries(feed)
    assert 0 < len(entries) <= 100
    dates = [dt.datetime.fromisoformat(_text(e, "updated")) for e in entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    assert dt.datetime.fromisoformat(_text(feed, "updated")) == dates[0]
    assert dates[0].date() <= dt.date.today()  # nothing yet to come
    ssd = next(e for e in entries if _text(e, "id") == SSD_ACCESSION)
    assert _text(ssd, "title") == "South Sudan acceded to the CCM"
    assert _text(ssd, "updated").startswith("2023-08-03")
    link = ssd.find(f"{ATOM}link")
    assert link is not None and link.get("href", "").endswith("/states/SSD")
    assert "Monitor" in _text(ssd, "summary") or "Source" in _text(ssd, "summary")


def test_every_entry_has_a_unique_id_a_page_link_and_a_source(client: TestClient) -> None:
    entries = _entries(_feed(client))
    ids = [_text(e, "id") for e in entries]
    assert len(ids) == len(set(ids))
    for e in entries:
        links = e.findall(f"{ATOM}link")
        # Atom allows one alternate link per type; feedgen writes every entry link as one.
        assert len(links) == 1
        path = links[0].get("href", "").split("testserver", 1)[1]
        assert path.startswith(("/states/", "/events/")), path
        assert "Source" in _text(e, "summary"), _text(e, "id")


def test_entry_ids_are_derived_from_the_facts(client: TestClient, ctx: Any) -> None:
    """A reader fetching on another day, when other entries came and went, knows an entry
    it has seen by its id."""
    from treatywatch import feeds

    then = {e.id: e.date for e in feeds.feed_entries(ctx, "CCM", as_of=dt.date(2024, 1, 1))}
    now = {
        _text(e, "id"): _text(e, "updated")
        for e in _entries(_feed(client, "/feed.atom?treaty=CCM"))
    }
    assert then[SSD_ACCESSION] == dt.date(2023, 8, 3)
    assert now[SSD_ACCESSION].startswith("2023-08-03")
    assert set(now) == {_text(e, "id") for e in _entries(_feed(client, "/feed.atom?treaty=CCM"))}


def test_a_meeting_enters_the_feed_when_it_opens(ctx: Any) -> None:
    from treatywatch import feeds

    def ids(day: dt.date) -> set[str]:
        entries = feeds.feed_entries(ctx, "CCM", as_of=day)
        assert all(e.date <= day for e in entries)
        return {e.id for e in entries}

    assert "tag:treatywatch,2025:event/ccm-13msp" not in ids(dt.date(2025, 9, 15))
    assert "tag:treatywatch,2025:event/ccm-13msp" in ids(dt.date(2025, 9, 16))


def test_an_act_sources_date_differently_is_dated_as_the_rules_engine_dates_it(
    ctx: Any,
) -> None:
    """Where sources give an instrument of consent two days, the entry takes the day the
    status pages show (the most authoritative source's)."""
    from treatywatch import feeds, query

    disputed = {
        (c.key.split("/")[0], c.key.split("/")[1])
        for c in ctx.record.conflicts
        if c.fact_type == "action"
        and c.field == "date"
        and c.key.endswith(("/ratification", "/accession"))
    }
    assert disputed, "the bundled record has consents whose date sources dispute"
    entries = {e.id: e for e in feeds.feed_entries(ctx, limit=100_000)}
    for treaty, iso3 in sorted(disputed):
        standing = query.status(ctx, treaty, state=iso3)[0]
        entry = entries[f"tag:treatywatch,2025:action/{treaty}/{iso3}/{standing['consent_type']}"]
        assert entry.date == standing["consent"], (treaty, iso3)
        assert "Other sources give" in entry.summary


def test_a_treaty_feed_has_only_that_treaty(client: TestClient, ctx: Any) -> None:
    feed = _feed(client, "/feed.atom?treaty=APMBC")
    assert _text(feed, "id") == "tag:treatywatch,2025:feed/APMBC"
    for e in _entries(feed):
        kind, _, rest = _text(e, "id").removeprefix("tag:treatywatch,2025:").partition("/")
        if kind == "event":
            assert ctx.record.events[rest].instrument == "APMBC"
        else:
            assert rest.startswith("APMBC/"), rest


def test_the_pages_link_the_feed_and_the_calendar(client: TestClient) -> None:
    html = client.get("/events").text
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/feed.atom"' in html and 'href="/calendar.ics"' in html
    assert 'href="/calendar.ics"' in client.get("/downloads").text
