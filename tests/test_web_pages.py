"""What the pages say, as a reader checks it on the bundled record: the chart counts States
Parties as the headline does, the map answers for a day, rules read as words, a state's page
does not repeat itself, events are in the order the page says, and searches find what the
filters find. Layout at phone width is tested in Chromium (tests/browser/test_pages_phone.py).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DATA, needs_depositary
from treatywatch import query
from treatywatch.web import charts

#: An event added to a copy of the record with neither a day nor a year.
EXTRA_EVENTS = (
    "id,name,kind,instrument,city,country,start,end,source,locator,note\n"
    "zz-someday,Meeting of Unknown Date,conference,,,,,,seed-001,test row,\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, query.Context]]:
    from treatywatch.api.app import create_app
    from treatywatch.store.build import build

    base = tmp_path_factory.mktemp("pages")
    data = base / "data"
    shutil.copytree(DATA, data)
    (data / "events" / "zz-test.csv").write_text(EXTRA_EVENTS, encoding="utf-8")
    db = str(base / "pages.sqlite")
    build(db, data)
    with TestClient(create_app(db)) as client:
        yield client, query.open_context(db)


@pytest.fixture(scope="module")
def client(site: tuple[TestClient, query.Context]) -> TestClient:
    return site[0]


@pytest.fixture(scope="module")
def ctx(site: tuple[TestClient, query.Context]) -> query.Context:
    return site[1]


def _text(fragment: str) -> str:
    """What a reader sees of some HTML: tags dropped, entities read, spaces squeezed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


# -- the chart -----------------------------------------------------------------------------


def _bands(page: str, treaty: str) -> dict[dt.date, str]:
    """Each stretch of a treaty's step chart: its first day -> the figures its title gives."""
    chart = page.split(f'<h2 id="t-{treaty}">', 1)[1].split("</figure>", 1)[0]
    return {
        dt.date.fromisoformat(day): figures
        for day, figures in re.findall(r"<title>(\d{4}-\d\d-\d\d): ([^<]*)</title>", chart)
    }


@needs_depositary
@pytest.mark.parametrize("treaty", ["CCM", "APMBC"])
def test_the_chart_counts_states_parties_as_the_headline_does(
    client: TestClient, ctx: query.Context, treaty: str
) -> None:
    bands = _bands(client.get("/").text, treaty)
    assert len(bands) > 50
    for day, figures in bands.items():
        found = re.search(r"States Parties (\d+)", figures)
        assert found, figures
        headline = query.status_counts(ctx, treaty, day)["state_party"]
        assert int(found.group(1)) == headline, (day, figures)


@needs_depositary
def test_the_ccm_chart_between_august_2023_and_february_2024(client: TestClient) -> None:
    # A consent deposited on 2023-08-03 took effect on 2024-02-01: 111 States Parties, 112
    # ratifications or accessions, as the headline on any of those days says.
    figures = _bands(client.get("/").text, "CCM")[dt.date(2023, 8, 3)]
    assert "States Parties 111" in figures and "Ratified or acceded 112" in figures
    assert (
        client.get("/treaties/CCM?as_of=2023-12-01&format=json").json()["counts"]["state_party"]
        == 111
    )


@needs_depositary
def test_the_chart_is_labelled_plainly_and_has_no_dot_per_change(client: TestClient) -> None:
    page = client.get("/treaties/CCM").text
    chart = page.split('<svg class="chart"', 1)[1].split("</figure>", 1)[0]
    legend = _text(chart.split('<ul class="legend chart-key">', 1)[1])
    assert "States Parties" in legend and "Ratified or acceded" in legend
    assert "In force for" not in page
    assert "<circle" not in chart  # no dot on every change
    assert "viewBox" not in chart.split('class="plot"', 1)[0]  # text keeps its size


def test_a_line_that_is_zero_throughout_is_not_drawn() -> None:
    days = [dt.date(2010, 1, 1), dt.date(2012, 1, 1), dt.date(2014, 1, 1)]
    parties = charts.Line("in-force", "States Parties", list(zip(days, [1, 5, 9], strict=True)))
    nil = charts.Line("withdrawn", "Withdrawn", [(d, 0) for d in days], hide_zero=True)
    later = charts.Line("withdrawn", "Withdrawn", list(zip(days, [0, 0, 2], strict=True)), True)
    svg = charts.step_chart([parties, nil], "t", end=dt.date(2015, 1, 1))
    assert "line-withdrawn" not in svg and "Withdrawn" not in svg
    svg = charts.step_chart([parties, later], "t", end=dt.date(2015, 1, 1))
    path = re.search(r'class="line line-withdrawn"[^>]*d="M([\d.]+),', svg)
    share = (days[2] - days[0]).days / (dt.date(2015, 1, 1) - days[0]).days
    assert path and float(path.group(1)) == pytest.approx(charts.PLOT * share, abs=0.1)


# -- the map -------------------------------------------------------------------------------


@needs_depositary
def test_the_map_answers_for_the_day_asked(client: TestClient) -> None:
    def lao(url: str) -> str:
        page = client.get(url).text
        found = re.search(r'<path class="st-([a-z_]+)" data-iso3="LAO"', page)
        assert found, "the map's geometry is installed by npm ci"
        return found.group(1)

    # Laos signed on 2008-12-03 and ratified on 2009-03-18.
    assert lao("/?map=CCM&as_of=2009-01-01") == "signatory"
    assert lao("/?map=CCM") == "state_party"
    page = client.get("/?map=CCM&as_of=2009-01-01").text
    assert 'name="as_of" value="2009-01-01"' in page and "CCM as of 2009-01-01" in page
    assert client.get("/?map=CCM&as_of=2009-02-30").status_code == 422


# -- a treaty's rules ----------------------------------------------------------------------


def test_the_rules_read_as_words_not_python(client: TestClient) -> None:
    page = client.get("/treaties/CCM").text
    rules = page.split("<h2>Rules</h2>", 1)[1].split("</table>", 1)[0]
    text = _text(rules)
    assert "{'" not in text and "['" not in text and "_" not in text
    assert "Entry into force › later states Art. 17(2)" in text  # a nested rule, its own row
    assert "ratification, acceptance, approval, accession" in text


# -- a state's page ------------------------------------------------------------------------


@needs_depositary
def test_a_states_timeline_names_instruments_and_says_each_act_once(client: TestClient) -> None:
    page = client.get("/states/AFG").text
    timeline = page.split("<h2>Timeline</h2>", 1)[1].split("</ol>", 1)[0]
    assert "OSLO-DECLARATION" not in _text(timeline)
    # Afghanistan endorsed the Oslo Declaration once: one source gives the day, one does not.
    items = [_text(li) for li in timeline.split("<li>")[1:]]
    oslo = [i for i in items if re.search(r"Oslo Declaration ?: endorsement", i)]
    assert len(oslo) == 1 and oslo[0].startswith("2007-02-23")
    assert "seed-001" in oslo[0]  # the undated source is kept, on the dated row


@needs_depositary
def test_a_state_page_lists_a_fact_once_with_all_its_sources(client: TestClient) -> None:
    page = client.get("/states/AUS").text
    facts = page.split("<h3>Obligation facts on record</h3>", 1)[1].split("</table>", 1)[0]
    rows = [_text(r) for r in facts.split("<tr>")[2:]]
    # Australia's stockpile destruction: one source gives the day, two others none.
    completed = [r for r in rows if r.startswith("APMBC Stockpile destruction completed")]
    assert len(completed) == 1 and "2001-05-21" in completed[0]
    assert all(s in completed[0] for s in ("isu-sp-aus", "a4-lm2000-aus", "a4-lm2004-aus"))


@needs_depositary
def test_a_states_obligations_do_not_repeat_the_state(client: TestClient) -> None:
    page = client.get("/states/LAO").text
    table = page.split('id="obligations"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col">State</th>' not in table and "Laos</a>" not in table
    standing = page.split("<h2>Standing today</h2>", 1)[1].split("</table>", 1)[0]
    assert '<td class="date">2008-12-03</td>' in standing  # date cells do not wrap (CSS)


def test_meetings_without_a_day_have_no_empty_brackets(client: TestClient) -> None:
    page = client.get("/states/CRI").text
    assert "()" not in _text(page)
    assert "Latin American Conference on Cluster Munitions — host" in _text(page)


# -- events --------------------------------------------------------------------------------


def test_events_are_oldest_first_by_year_with_undated_apart(client: TestClient) -> None:
    page = client.get("/events").text
    assert page.index('id="past"') < page.index('id="undated"')
    assert "Oldest first" in page or "oldest first" in page
    past = page.split('id="past"', 1)[1].split('id="undated"', 1)[0]
    years = [int(y) for y in re.findall(r'<h3 id="y-(\d{4})">', past)]
    assert years == sorted(years) and years[-1] <= dt.date.today().year
    # Known years without a day: in their year (the id's, or the end's), not after the rest.
    y2007 = past.split('<h3 id="y-2007">', 1)[1].split("<h3", 1)[0]
    assert "/events/san-jose-2007" in y2007
    y2021 = past.split('<h3 id="y-2021">', 1)[1].split("<h3", 1)[0]
    assert "/events/ccm-2rc-part2" in y2021
    undated = page.split('id="undated"', 1)[1]
    assert "/events/zz-someday" in undated and "neither a day nor a year" in undated


def test_meetings_to_come_are_listed_first(ctx: query.Context) -> None:
    from treatywatch.web.pages import event_groups

    # The record holds no meeting after the day it was built; a page served on an earlier
    # day (a server left running) lists the meetings still to come first.
    rows = query.events(ctx)
    day = dt.date(2024, 10, 1)
    groups = event_groups(rows, day)
    ids = [r["id"] for r in groups["upcoming"]]
    assert ids[:2] == ["apmbc-5rc", "apmbc-is-2025"] and "ccm-12msp" not in ids
    starts = [r["start"] for r in groups["upcoming"]]
    assert starts == sorted(starts) and all(s >= day for s in starts)
    held = {r["id"] for _, events in groups["by_year"] for r in events}
    assert "ccm-12msp" in held and held.isdisjoint(ids)


def test_events_filter_by_treaty_kind_and_year(client: TestClient, ctx: query.Context) -> None:
    page = client.get("/events?treaty=CCM&kind=review_conference&year=2021").text
    assert 'name="year"' in page and 'name="kind"' in page and 'name="treaty"' in page
    listed = set(re.findall(r'<td class="who" data-label="Event"><a href="/events/([^"]+)"', page))
    expected = {
        e["id"]
        for e in query.events(ctx, "CCM", "review_conference")
        if query.event_year(e) == 2021
    }
    assert listed == expected and "ccm-2rc-part2" in listed
    assert "1 event." in page
    rows = client.get("/events?year=2008&format=json").json()
    in_2008 = {e["id"] for e in query.events(ctx) if query.event_year(e) == 2008}
    assert rows and {r["id"] for r in rows} == in_2008
    assert client.get("/events?year=20x").status_code == 422


# -- statements ----------------------------------------------------------------------------


def _statement_ids(client: TestClient, query_string: str) -> set[str]:
    return {r["id"] for r in client.get(f"/statements?{query_string}&format=json").json()}


def test_words_find_statements_by_their_topic(client: TestClient) -> None:
    by_topic = _statement_ids(client, "topic=ccw-protocol")
    assert len(by_topic) > 1
    assert by_topic <= _statement_ids(client, "q=CCW")
    assert by_topic <= _statement_ids(client, "q=ccw+protocol")


def test_a_statement_names_its_event_and_leaves_out_what_is_missing(
    client: TestClient, ctx: query.Context
) -> None:
    # The meeting chosen: the page shows only the newest statements of the whole record.
    page = client.get("/statements?event=ccm-2msp").text
    name = ctx.record.events["ccm-2msp"].name
    assert f'<a href="/events/ccm-2msp">{html.escape(name)}</a>' in page
    footers = [_text(f) for f in re.findall(r"<footer>(.*?)</footer>", page, re.S)]
    assert footers and not any(", ," in f or f.startswith(",") or " · ·" in f for f in footers)
    lao = client.get("/states/LAO").text
    assert "ccm-2msp</a>" not in lao and f"{html.escape(name)}</a>" in lao


def test_one_statement_is_one_statement(client: TestClient, ctx: query.Context) -> None:
    speakers: dict[str, int] = {}
    for s in ctx.record.statements:
        speakers[s.speaker] = speakers.get(s.speaker, 0) + 1
    lone = next(code for code, n in speakers.items() if n == 1 and ":" not in code)
    page = client.get(f"/statements?speaker={lone}").text
    assert "1 statement." in page and "1 statements" not in page


# -- sources and conflicts -----------------------------------------------------------------


def test_sources_can_be_searched(client: TestClient, ctx: query.Context) -> None:
    every = client.get("/sources?format=json").json()
    found = client.get("/sources?q=Monitor+Lao&format=json").json()
    assert 0 < len(found) < len(every)
    for row in found:
        seen = " ".join(str(row[k] or "") for k in ("id", "title", "publisher", "url")).lower()
        assert "monitor" in seen and "lao" in seen
    by_url = client.get("/sources?q=clusterconvention.org&format=json").json()
    assert by_url and all("clusterconvention.org" in (r["url"] or "") for r in by_url)
    page = client.get("/sources?q=Monitor+Lao").text
    assert 'value="Monitor Lao"' in page and f"{len(found)} sources match" in page


@needs_depositary
def test_conflicts_mark_the_value_the_site_shows(client: TestClient, ctx: query.Context) -> None:
    page = client.get("/conflicts").text
    rows = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    assert rows and all(r.count('class="chosen"') == 1 for r in rows)
    # For a disputed act, the marked date is the one the states table gives.
    checked = 0
    for c in query.conflicts(ctx):
        instrument, state, kind = [*c["key"].split("/"), "", "", ""][:3]
        if c["fact_type"] != "action" or instrument not in ("CCM", "APMBC"):
            continue
        shown = [v["value"] for v in c["variants"] if v["chosen"]]
        row = query.status(ctx, instrument, None, state)[0]
        if kind == "signature":
            assert shown == [str(row["signature"])], c["key"]
            checked += 1
        elif kind == row["consent_type"]:
            assert shown == [str(row["consent"])], c["key"]
            checked += 1
    assert checked >= 10


def test_the_downloads_and_conflicts_pages_still_render(client: TestClient) -> None:
    for url in ("/downloads", "/conflicts", "/sources/seed-001", "/events/san-jose-2007"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "()" not in _text(r.text.split('<main id="main">', 1)[1]), url
