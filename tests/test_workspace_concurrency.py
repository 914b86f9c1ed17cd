"""Many writers on one PostgreSQL (issue 22, item 5): two editors accepting the same candidate
at once, and a focal point's submission beside an editor's correction of the same state. A
real server (tests/conftest.py), real threads, nothing mocked but the timing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DATA, SEEDS, needs_extractor
from tests.test_workspace_auth import PASSWORD, new_client, session_csrf, sign_in

pytestmark = needs_extractor
SEED_004 = SEEDS / "004_bb41aa2810c924ff.txt"  # names Eswatini's accession, and claims


@pytest.fixture
def pg_db(postgres_url: str) -> str:
    """The bundled record on PostgreSQL, one seed document ingested, two editors and Lao
    PDR's focal point."""
    from treatywatch.ingest.store import ingest
    from treatywatch.store.build import build
    from treatywatch.store.db import engine
    from treatywatch.store.migrate import upgrade
    from treatywatch.workspace import accounts

    build(postgres_url, DATA)
    eng = engine(postgres_url)
    with eng.begin() as conn:
        upgrade(conn)
    assert ingest(eng, [SEED_004]).candidates > 0
    for name in ("ed", "ed2"):
        accounts.add(eng, name, PASSWORD, "editor")
    accounts.add(eng, "fp-lao", PASSWORD, "focal-point", "LAO")
    return postgres_url


def _candidate(db: str, kind: str, **payload: Any) -> Any:
    from treatywatch.ingest.store import candidates
    from treatywatch.store.db import engine

    [found] = [
        c
        for c in candidates(engine(db), kind=kind)
        if all(c.payload.get(k) == v for k, v in payload.items())
    ]
    return found


def at_once(*work: Callable[[], Any]) -> list[Any]:
    """Run each in its own thread, released together; each one's result or exception."""
    start = threading.Barrier(len(work))
    results: list[Any] = [None] * len(work)

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = work[i]()
        except Exception as exc:  # the test looks at what each got
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def _citations_of(db: str, source_sha: str, locator_end: str) -> list[Any]:
    from sqlalchemy import select

    from treatywatch.store import schema as s
    from treatywatch.store.db import engine

    with engine(db).connect() as conn:
        sources = conn.execute(select(s.source.c.id).where(s.source.c.sha256 == source_sha))
        ids = list(sources.scalars())
        rows = conn.execute(
            select(s.citation).where(
                s.citation.c.source.in_(ids), s.citation.c.locator.endswith(locator_end)
            )
        ).all()
    return list(rows)


@pytest.fixture
def editors(pg_db: str) -> Iterator[list[TestClient]]:
    from treatywatch.api.app import create_app

    app = create_app(pg_db, workspace=True)
    made = []
    for name in ("ed", "ed2"):
        client = new_client(app)
        assert sign_in(client, name).status_code == 303
        made.append(client)
    yield made
    for c in made:
        c.close()


@pytest.mark.postgres
def test_two_editors_accepting_one_candidate_at_once_one_wins_the_other_is_told(
    pg_db: str, editors: list[TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import audit, retry

    # No second try: the claim of the candidate alone must decide, not a retry after the
    # loser's doubled fact collided with the winner's.
    monkeypatch.setattr(retry, "RETRIES", 1)
    cand = _candidate(pg_db, "claim", text="Forty countries")
    tokens = [session_csrf(c) for c in editors]

    def accept(i: int) -> Callable[[], Any]:
        return lambda: editors[i].post(
            "/workspace/api/candidates/accept",
            json={"ids": [cand.id], "comment": f"editor {i} read it too"},
            headers={"X-CSRF-Token": tokens[i]},
        )

    answers = at_once(accept(0), accept(1))
    assert sorted(a.status_code for a in answers) == [200, 409], [a.text for a in answers]
    [lost] = [a for a in answers if a.status_code == 409]
    assert lost.json()["error"] == f"Candidate {cand.id} was already reviewed (accepted)."

    # One fact, one citation, one audit entry: nothing doubled.
    span = f"characters {cand.span[0]}-{cand.span[1]}"
    assert len(_citations_of(pg_db, cand.document, span)) == 1
    [entry] = audit.entries(engine(pg_db), target=f"candidate:{cand.id}")
    winner = 0 if answers[0].status_code == 200 else 1
    assert entry.actor == ("ed", "ed2")[winner]


@pytest.mark.postgres
def test_many_accepts_of_one_candidate_at_once_leave_one_fact(
    pg_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treatywatch.ingest.store import AlreadyReviewedError
    from treatywatch.store.db import engine
    from treatywatch.workspace import audit, retry, review

    monkeypatch.setattr(retry, "RETRIES", 1)  # the claim decides (see above)
    cand = _candidate(pg_db, "action", state="SWZ")
    eng = engine(pg_db)
    results = at_once(
        *((lambda n=n: review.accept(eng, f"editor-{n}", [cand.id], "seen")) for n in range(4))
    )
    won = [r for r in results if isinstance(r, review.Outcome)]
    lost = [r for r in results if isinstance(r, AlreadyReviewedError)]
    assert (len(won), len(lost)) == (1, 3), results
    span = f"characters {cand.span[0]}-{cand.span[1]}"
    assert len(_citations_of(pg_db, cand.document, span)) == 1
    assert len(audit.entries(eng, target=f"candidate:{cand.id}")) == 1


@pytest.mark.postgres
def test_a_submission_and_a_correction_of_the_same_state_at_once_both_land(
    pg_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import select

    from tests.test_reporting import LAO_2025
    from treatywatch.reporting import submissions
    from treatywatch.store import schema as s
    from treatywatch.store.db import engine
    from treatywatch.store.read import load_record
    from treatywatch.workspace import accounts, audit, review

    eng = engine(pg_db)
    fp = next(a for a in accounts.list_all(eng) if a.name == "fp-lao")
    draft = submissions.create_draft(eng, fp, "CCM", "LAO", "annual", 2025, entries=LAO_2025)
    cand = _candidate(pg_db, "action", state="SWZ")

    # The submission holds its transaction open, its citation written but not committed,
    # while the correction writes its own: both take the next citation id, so one of them
    # must see the other's and try again, not lose it or fail.
    held = threading.Event()
    bump = submissions._bump_revision

    def slow_bump(conn: Any, marker: str) -> None:
        held.set()
        time.sleep(1.5)
        bump(conn, marker)

    monkeypatch.setattr(submissions, "_bump_revision", slow_bump)
    tries: list[int] = []
    inner = review._accept

    def counted(*args: Any) -> Any:
        tries.append(1)
        return inner(*args)

    monkeypatch.setattr(review, "_accept", counted)

    def submit() -> Any:
        return submissions.submit(eng, fp, draft.id, "sent online")

    def correct() -> Any:
        assert held.wait(30)
        return review.accept(
            eng, "ed", [cand.id], "the report names Lao PDR, not Eswatini",
            corrections={cand.id: {"state": "LAO", "action": "accession", "date": "2009-03-18"}},
        )  # fmt: skip

    sent, corrected = at_once(submit, correct)
    assert isinstance(sent, submissions.Submission), sent
    assert isinstance(corrected, review.Outcome), corrected
    assert sent.status == "submitted"

    record = load_record(eng, fresh=True)
    received = [
        r for r in record.reports
        if (r.instrument, r.state, r.year, r.status) == ("CCM", "LAO", 2025, "received")
    ]  # fmt: skip
    assert len(received) == 1
    assert any(
        a.state == "LAO" and a.kind.value == "accession" and str(a.date) == "2009-03-18"
        and any(c.locator.endswith(f"characters {cand.span[0]}-{cand.span[1]}")
                for c in a.citations)
        for a in record.actions
    )  # fmt: skip
    with eng.connect() as conn:
        ids = list(conn.execute(select(s.citation.c.id)).scalars())
    assert len(ids) == len(set(ids))
    newest = audit.entries(eng, target=f"report:{draft.id}", limit=1)
    assert [e.action for e in newest] == ["report.submit"]
    [entry] = audit.entries(eng, target=f"candidate:{cand.id}")
    assert entry.action == "candidate.correct" and entry.after is not None
    assert entry.after["payload"]["state"] == "LAO"
    assert tries, "the correction never ran"


def test_sqlite_serves_one_reviewer_as_before(tmp_path: Any) -> None:
    """The same race on SQLite: one writer at a time, so the second waits and is told."""
    from treatywatch.ingest.store import AlreadyReviewedError, ingest
    from treatywatch.store.build import build
    from treatywatch.store.db import engine
    from treatywatch.store.migrate import upgrade
    from treatywatch.workspace import audit, review

    db = str(tmp_path / "one.sqlite")
    build(db, DATA)
    eng = engine(db)
    with eng.begin() as conn:
        upgrade(conn)
    ingest(eng, [SEED_004])
    cand = _candidate(db, "claim", text="Forty countries")
    results = at_once(
        lambda: review.accept(eng, "a", [cand.id], "one"),
        lambda: review.accept(eng, "b", [cand.id], "two"),
    )
    assert sorted(type(r).__name__ for r in results) == ["AlreadyReviewedError", "Outcome"]
    assert any(isinstance(r, AlreadyReviewedError) for r in results)
    assert len(audit.entries(eng, target=f"candidate:{cand.id}")) == 1
