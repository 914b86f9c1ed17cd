"""Kill a build or an ingest at a random point (SIGKILL, no cleanup) and check that the
database holds one whole state or the other, never half of one (issue 18: "a crash test
that kills build and ingest at random points and checks nothing is lost or half-stored")."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import DATA, SEEDS

BIN = Path(sys.executable).with_name("treatywatch")
TRIALS = 4


def _counts(db: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from treatywatch.store import schema as s
    from treatywatch.store.db import engine

    with engine(db).connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
            for t in (s.source, s.action, s.citation, s.obligation_fact, s.report_fact)
        }


def _kill_after(cmd: list[str], delay: float) -> None:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def test_a_build_killed_anywhere_leaves_the_previous_or_the_new_database(
    any_db: str, data_copy: Path
) -> None:
    from treatywatch.store.build import build

    # The other record: one source fewer (and the facts citing only it), so the two
    # states of the database differ in every table the check counts.
    build(any_db, DATA)
    whole = _counts(any_db)
    rng = random.Random(18)
    for _ in range(TRIALS):
        _kill_after([str(BIN), "build", "--db", any_db, "--data", str(DATA)], rng.uniform(0.5, 4))
        assert _counts(any_db) == whole
    # And a later build after the kills still works and gives the same database.
    build(any_db, DATA)
    assert _counts(any_db) == whole


def test_an_ingest_killed_anywhere_leaves_whole_documents(any_db: str, tmp_path: Path) -> None:
    from sqlalchemy import func, select

    from treatywatch.store import schema as s
    from treatywatch.store.build import build
    from treatywatch.store.db import engine

    build(any_db, DATA)
    # What a clean ingest stores per document: the reference.
    reference = str(tmp_path / "reference.sqlite")
    build(reference, DATA)
    subprocess.run(
        [str(BIN), "ingest", str(SEEDS), "--db", reference], check=True, capture_output=True
    )

    def per_document(db: str) -> dict[str, int]:
        with engine(db).connect() as conn:
            docs = set(conn.execute(select(s.document.c.sha256)).scalars())
            counts = dict(
                conn.execute(
                    select(s.candidate.c.document, func.count()).group_by(s.candidate.c.document)
                ).all()
            )
        return {d: int(counts.get(d, 0)) for d in docs}

    want = per_document(reference)
    rng = random.Random(10)
    for _ in range(TRIALS):
        _kill_after([str(BIN), "ingest", str(SEEDS), "--db", any_db], rng.uniform(0.3, 3))
        got = per_document(any_db)
        # Every document stored has all its candidates; none is stored half.
        assert all(got[d] == want[d] for d in got), (got, want)
        with engine(any_db).connect() as conn:
            orphans = conn.execute(
                select(func.count())
                .select_from(s.candidate)
                .where(s.candidate.c.document.not_in(select(s.document.c.sha256)))
            ).scalar()
        assert orphans == 0
    # Running it to the end afterwards completes the batch, adding nothing twice.
    subprocess.run(
        [str(BIN), "ingest", str(SEEDS), "--db", any_db], check=True, capture_output=True
    )
    assert per_document(any_db) == want
