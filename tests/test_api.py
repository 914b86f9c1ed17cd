"""The REST API as a client meets it: every endpoint, its paging, and its errors as JSON.

The database is built from the bundled record; the assertions hold for any complete or
partial record (no counts that the data researchers' next commit would change).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DATA

API = "/api/v1"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from treatywatch.api.app import create_app
    from treatywatch.store.build import build

    data = Path(os.environ.get("TREATYWATCH_TEST_DATA", DATA))
    db = tmp_path_factory.mktemp("api") / "api.sqlite"
    build(str(db), data)
    with TestClient(create_app(str(db))) as c:
        yield c


def ok(client: TestClient, url: str) -> dict:
    r = client.get(url)
    assert r.status_code == 200, (url, r.text)
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def error(client: TestClient, url: str, status: int) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text)
    body = r.json()
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    return body["error"]


def is_page(body: dict) -> None:
    assert set(body) == {"total", "limit", "offset", "items"}
    assert len(body["items"]) <= body["limit"]


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = ok(client, f"{API}/openapi.json")
    paths = set(spec["paths"])
    for path in (
        "/api/v1/treaties",
        "/api/v1/treaties/{treaty}",
        "/api/v1/treaties/{treaty}/status",
        "/api/v1/treaties/{treaty}/series",
        "/api/v1/states",
        "/api/v1/states/{name}",
        "/api/v1/events",
        "/api/v1/events/{event_id}",
        "/api/v1/events/{event_id}/participants",
        "/api/v1/statements",
        "/api/v1/obligations",
        "/api/v1/deadlines",
        "/api/v1/deadlines/overdue",
        "/api/v1/sources",
        "/api/v1/sources/{source_id}",
        "/api/v1/conflicts",
    ):
        assert path in paths
    assert not any(p.startswith("/states") for p in paths)  # pages stay out of the API spec


def test_treaties(client: TestClient) -> None:
    body = ok(client, f"{API}/treaties")
    is_page(body)
    ids = {t["id"] for t in body["items"]}
    assert {"CCM", "APMBC"} <= ids
    ccm = ok(client, f"{API}/treaties/ccm")
    assert ccm["id"] == "CCM" and ccm["adopted"] == "2008-05-30"
    assert set(ccm["status_counts"]) >= {"state_party", "signatory"}
    assert "Narnia" in error(client, f"{API}/treaties/Narnia", 404)
    assert "2011-13-45" in error(client, f"{API}/treaties/CCM?as_of=2011-13-45", 422)


@pytest.mark.parametrize("treaty", ["CCM", "APMBC"])
def test_each_status_count_is_the_length_of_the_list_it_links_to(
    client: TestClient, treaty: str
) -> None:
    # The dashboard links each headline count to /states?status=...; they must agree,
    # including "not_joined", which covers states that never acted at all.
    counts = ok(client, f"{API}/treaties/{treaty}?as_of=2011-09-16")["status_counts"]
    assert sum(counts.values()) == ok(client, f"{API}/states?limit=1")["total"]
    for status, n in counts.items():
        listed = ok(
            client, f"{API}/states?treaty={treaty}&status={status}&as_of=2011-09-16&limit=1"
        )
        assert listed["total"] == n, status


def test_treaty_status_on_a_date(client: TestClient) -> None:
    body = ok(client, f"{API}/treaties/CCM/status?as_of=2011-09-16&limit=5")
    is_page(body)
    for row in body["items"]:
        assert row["status"] in {
            "state_party", "not_in_force_yet", "signatory", "withdrawn", "not_joined",
        }  # fmt: skip
        for key in ("signature", "consent", "entry_into_force"):
            assert row[key] is None or len(row[key]) == 10  # ISO dates
        if row["status"] == "not_joined":
            # A state with only other acts that day (adopting the text in Dublin, say).
            assert row["signature"] is None and row["consent"] is None
    # Nobody was a party before the convention existed.
    before = ok(client, f"{API}/treaties/CCM/status?as_of=2008-01-01")
    assert not [r for r in before["items"] if r["status"] == "state_party"]
    error(client, f"{API}/treaties/CCM/status?as_of=2011-13-45", 422)
    error(client, f"{API}/treaties/CCM/status?state=Narnia", 404)


def test_series(client: TestClient) -> None:
    body = ok(client, f"{API}/treaties/CCM/series")
    assert isinstance(body["items"], list)
    error(client, f"{API}/treaties/Narnia/series", 404)


def test_states_table_and_filters(client: TestClient) -> None:
    from treatywatch import registry

    body = ok(client, f"{API}/states")
    is_page(body)
    assert body["total"] == len(registry.all_states())
    lao = next(r for r in body["items"] if r["iso3"] == "LAO")
    assert lao["region"] == "Asia"
    asia = ok(client, f"{API}/states?region=asia")
    assert asia["total"] and all(r["region"] == "Asia" for r in asia["items"])
    sea = ok(client, f"{API}/states?region=South-eastern Asia")
    assert "LAO" in {r["iso3"] for r in sea["items"]}
    for status in ("state_party", "not_joined"):
        rows = ok(client, f"{API}/states?status={status}&as_of=2012-01-01")["items"]
        assert all(r["status"] == status for r in rows)
    eu = ok(client, f"{API}/states?grouping=EU&as_of=2020-01-01")
    assert "FRA" in {r["iso3"] for r in eu["items"]}
    first, second = (ok(client, f"{API}/states?limit=2&offset={o}") for o in (0, 1))
    assert first["items"][1] == second["items"][0] and first["limit"] == 2
    assert "status" in error(client, f"{API}/states?status=friendly", 422)
    assert "grouping" in error(client, f"{API}/states?grouping=NOPE", 422).lower()
    assert "as_of" in error(client, f"{API}/states?as_of=2011-13-45", 422)
    assert "limit" in error(client, f"{API}/states?limit=0", 422)
    error(client, f"{API}/states?limit=abc", 422)
    error(client, f"{API}/states?treaty=Narnia", 404)


def test_one_state_by_any_name(client: TestClient) -> None:
    stories = [ok(client, f"{API}/states/{name}") for name in ("Lao DPR", "LAO", "Laos")]
    assert stories[0]["iso3"] == "LAO"
    assert stories[0] == stories[1] == stories[2]
    for key in ("actions", "participation", "statements", "obligation_facts", "sources"):
        assert isinstance(stories[0][key], list)
    assert all(a["citations"] for a in stories[0]["actions"])
    message = error(client, f"{API}/states/Narnia", 404)
    assert "Narnia" in message


def test_events_and_participants(client: TestClient) -> None:
    body = ok(client, f"{API}/events")
    is_page(body)
    starts = [e["start"] for e in body["items"] if e["start"]]
    assert starts == sorted(starts)
    for e in body["items"][:3]:
        detail = ok(client, f"{API}/events/{e['id']}")
        assert detail["id"] == e["id"]
        is_page(ok(client, f"{API}/events/{e['id']}/participants"))
    error(client, f"{API}/events/no-such-event", 404)
    error(client, f"{API}/events/no-such-event/participants", 404)
    error(client, f"{API}/events?kind=picnic", 422)


def test_statement_search(client: TestClient) -> None:
    body = ok(client, f"{API}/statements")
    # A page, with the counts of each facet beside it (tests/test_statement_search.py).
    assert set(body.pop("facets")) == {"speaker", "topic", "stance", "event", "year"}
    is_page(body)
    if body["items"]:
        from treatywatch.query import topic_label
        from treatywatch.query_meetings import words

        # A word of q matches the words it begins, in the text, agenda item or topics.
        word = words(body["items"][0]["text"])[0]
        hits = ok(client, f"{API}/statements?q={word}")["items"]
        assert hits
        for s in hits:
            said = [s["text"], s["agenda"], *s["topics"], *map(topic_label, s["topics"])]
            assert any(w.startswith(word) for w in words(" ".join(said))), s
    dated = ok(client, f"{API}/statements?from=2010-01-01&to=2012-12-31")["items"]
    assert all("2010-01-01" <= s["date"] <= "2012-12-31" for s in dated)
    lao = ok(client, f"{API}/statements?speaker=Lao DPR")["items"]
    assert all(s["speaker"] == "LAO" for s in lao)
    assert "from" in error(client, f"{API}/statements?from=2011-13-45", 422)
    error(client, f"{API}/statements?topic=weather", 422)
    error(client, f"{API}/statements?stance=grumpy", 422)
    error(client, f"{API}/statements?speaker=Narnia", 404)


def test_obligations_and_deadlines(client: TestClient) -> None:
    is_page(ok(client, f"{API}/obligations?treaty=CCM&state=LAO"))
    is_page(ok(client, f"{API}/deadlines?within_days=3650"))
    is_page(ok(client, f"{API}/deadlines/overdue?as_of=2030-01-01"))
    error(client, f"{API}/obligations?state=Narnia", 404)
    error(client, f"{API}/obligations?as_of=2011-13-45", 422)
    error(client, f"{API}/deadlines?within_days=-1", 422)
    error(client, f"{API}/deadlines/overdue?as_of=yesterday", 422)


def test_sources_and_conflicts(client: TestClient) -> None:
    body = ok(client, f"{API}/sources?limit=1000")
    is_page(body)
    assert body["total"] > 0
    first = body["items"][0]
    assert ok(client, f"{API}/sources/{first['id']}") == first
    error(client, f"{API}/sources/no-such-source", 404)
    error(client, f"{API}/sources?fact=nonsense", 422)
    error(client, f"{API}/sources?fact=event:no-such-event", 404)
    is_page(ok(client, f"{API}/conflicts"))


def test_the_site_is_read_only_and_sends_a_csp(client: TestClient) -> None:
    for method in ("post", "put", "delete", "patch"):
        r = client.request(method.upper(), f"{API}/states")
        assert r.status_code == 405
        assert "read-only" in r.json()["error"]
    r = client.head(f"{API}/treaties")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert client.get(f"{API}/nothing-here").json()["status"] == 404
