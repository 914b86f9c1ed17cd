"""The statement search (issue 21): full-text over the words, a search per facet (speaker,
topic, stance, meeting, year) with the counts each facet shows, "CCW" finding what is tagged
with the CCW topic, and one sentence for a value that cannot be searched. Expectations are
derived from the bundled record, so they hold as statements are added."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from treatywatch import model, query, query_meetings
from treatywatch.query_meetings import FACETS, words

API = "/api/v1"


@pytest.fixture(scope="module")
def client(record_site: tuple[TestClient, query.Context]) -> TestClient:
    return record_site[0]


@pytest.fixture(scope="module")
def ctx(record_site: tuple[TestClient, query.Context]) -> query.Context:
    return record_site[1]


def _values(ctx: query.Context, s: model.Statement, facet: str) -> set[str]:
    """A statement's values of a facet, worked out here from the record."""
    if facet == "speaker":
        return {s.speaker}
    if facet == "topic":
        return set(s.topics)
    if facet == "stance":
        return {s.stance.value} if s.stance else set()
    if facet == "event":
        return {s.event} if s.event else set()
    ev = ctx.record.events.get(s.event or "")
    year = s.date.year if s.date else query.event_year(query.event_row(ev)) if ev else None
    return {str(year)} if year else set()


def _search(client: TestClient, params: str) -> dict:
    r = client.get(f"{API}/statements?limit=1000&{params}")
    assert r.status_code == 200, r.text
    return r.json()


def test_ccw_finds_the_statements_tagged_with_the_ccw_topic(
    client: TestClient, ctx: query.Context
) -> None:
    tagged = {s.id for s in ctx.record.statements if "ccw-protocol" in s.topics}
    found = {s["id"] for s in _search(client, "q=CCW")["items"]}
    assert tagged and tagged <= found
    # Iran's words at Beirut do not say "CCW": the topic it is tagged with does.
    iran = next(s for s in ctx.record.statements if s.id == "ccm-2msp-irn-ccw")
    assert "ccw" not in iran.text.casefold() and iran.id in found
    page = client.get("/statements?q=CCW").text
    assert "/states/IRN" in page


@pytest.mark.parametrize("facet", FACETS)
def test_a_search_per_facet(facet: str, client: TestClient, ctx: query.Context) -> None:
    every = _search(client, "")
    counts = every["facets"][facet]
    assert counts, facet
    assert {f["value"] for f in counts} == {
        v for s in ctx.record.statements for v in _values(ctx, s, facet)
    }
    for f in counts[:3]:
        expected = {s.id for s in ctx.record.statements if f["value"] in _values(ctx, s, facet)}
        assert f["count"] == len(expected)
        got = _search(client, f"{facet}={f['value']}")
        assert {s["id"] for s in got["items"]} == expected
        chosen = [x for x in got["facets"][facet] if x["selected"]]
        assert [x["value"] for x in chosen] == [f["value"]]
        # The other values keep their counts: a reader sees what switching would find.
        assert got["facets"][facet] == [{**x, "selected": x["value"] == f["value"]} for x in counts]
    page = client.get(f"/statements?{facet}={counts[0]['value']}").text
    section = page.split(f'<section class="facet" id="facet-{facet}">', 1)[1].split("</section>")[0]
    assert 'aria-current="true"' in section
    assert re.search(rf'<span class="n">{counts[0]["count"]}</span>', section)
    n = counts[0]["count"]
    assert (f"{n} statement." if n == 1 else f"{n} statements") in page


def test_words_and_facets_narrow_together(client: TestClient, ctx: query.Context) -> None:
    found = _search(client, "q=victim")
    topic = found["facets"]["topic"][0]
    both = _search(client, f"q=victim&topic={topic['value']}")
    assert both["total"] == topic["count"]
    for s in both["items"]:
        said = words(" ".join([s["text"], s["agenda"], *s["topics"]]))
        assert any(w.startswith("victim") for w in said) and topic["value"] in s["topics"]


def test_a_word_finds_the_words_it_begins(client: TestClient, ctx: query.Context) -> None:
    plural = {s.id for s in ctx.record.statements if "munitions" in words(s.text)}
    assert plural and plural <= {s["id"] for s in _search(client, "q=munition")["items"]}
    assert _search(client, "q=zzzqqq")["total"] == 0
    assert words("Côte d'Ivoire: CCW-protocol") == ["cote", "d", "ivoire", "ccw", "protocol"]


def test_the_index_is_built_once_per_revision(ctx: query.Context) -> None:
    index = query_meetings.statement_index(ctx)
    assert query_meetings.statement_index(ctx) is index
    assert len(index.statements) == len(ctx.record.statements)


def test_what_cannot_be_searched_is_one_sentence(client: TestClient) -> None:
    for params, status, word in (
        ("topic=weather", 422, "topic"),
        ("stance=grumpy", 422, "stance"),
        ("year=11", 422, "year"),
        ("event=no-such-meeting", 404, "event"),
        ("speaker=Narnia", 404, "Narnia"),
    ):
        r = client.get(f"{API}/statements?{params}")
        assert r.status_code == status and word in r.json()["error"], params
        assert client.get(f"/statements?{params}").status_code == status


def test_the_search_page_keeps_the_words_when_a_facet_is_chosen(client: TestClient) -> None:
    page = client.get("/statements?q=victim").text
    link = re.search(r'<section class="facet" id="facet-year">.*?<a href="([^"]+)"', page, re.S)
    assert link is not None
    href = html.unescape(link.group(1))
    assert "q=victim" in href and "year=" in href
