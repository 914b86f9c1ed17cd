"""Builds and reads at the same time, on SQLite and PostgreSQL: a reader sees one build or
the other, never a mix, and two builds at once both succeed (one waits for the other) or
one stops with a sentence, never with a traceback.

The reproducers of issue 18 (items 2 and 11): while a build committed, a reader could see
some tables before it and some after (25 in 1,147 reads on SQLite); two builds on a new
SQLite file died with "table action already exists" or "database is locked", and on
PostgreSQL with UniqueViolation pk_citation.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import DATA

BIN = Path(sys.executable).with_name("treatywatch")


def _variant(data_copy: Path) -> Path:
    """The record plus one source and one act citing it: a reader that sees the source of
    one build and the acts of the other sees the mix."""
    with (data_copy / "sources" / "seeds.csv").open("a", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(
            [
                "zz-concurrency-probe",
                "secondary",
                "Probe",
                "Test",
                "https://example.org/",
                "",
                "",
                "",
            ]
        )
    with (data_copy / "actions" / "seeds.csv").open("a", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(
            ["CCM", "NOR", "moratorium", "2009-01-01", "zz-concurrency-probe", "probe", ""]
        )
    return data_copy


def _build(db: str, data: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(BIN), "build", "--db", db, "--data", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def test_two_builds_at_once_both_finish_or_one_says_why(any_db: str, data_copy: Path) -> None:
    other = _variant(data_copy)
    for _ in range(3):
        first, second = _build(any_db, DATA), _build(any_db, other)
        results = [(*p.communicate(timeout=240), p.returncode) for p in (first, second)]
        for _out, err, code in results:
            assert "Traceback" not in err, err
            assert code == 0 or (code == 1 and err.strip().count("\n") == 0), (code, err)
        assert any(code == 0 for _, _, code in results)
    from treatywatch.store.db import engine
    from treatywatch.store.read import load_record

    record = load_record(engine(any_db))
    assert record.actions and record.sources


def test_a_reader_never_sees_two_builds_mixed(any_db: str, data_copy: Path) -> None:
    from treatywatch.store.build import build
    from treatywatch.store.db import engine
    from treatywatch.store.read import load_record

    other = _variant(data_copy)
    build(any_db, DATA)
    eng = engine(any_db)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from treatywatch.store.build import build\n"
            "for i in range(int(sys.argv[2])):\n"
            "    build(sys.argv[1], Path(sys.argv[3 + i % 2]))",
            any_db,
            "12",
            str(other),
            str(DATA),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    mixed = reads = 0
    deadline = time.monotonic() + 120
    from treatywatch.store import read

    while writer.poll() is None and time.monotonic() < deadline:
        read._cache.clear()  # read the tables every time, not the cached record
        record = load_record(eng)
        reads += 1
        has_source = "zz-concurrency-probe" in record.sources
        has_act = any(
            c.source_id == "zz-concurrency-probe" for a in record.actions for c in a.citations
        )
        mixed += has_source != has_act
    _, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert reads > 5, "the reader had no time to read during the builds"
    assert mixed == 0, f"{mixed} of {reads} reads mixed two builds"


def test_two_ingests_at_once_take_different_ids_and_keep_every_candidate(
    any_db: str, tmp_path: Path
) -> None:
    from sqlalchemy import func, select

    from tests.conftest import SEEDS
    from treatywatch.store import schema as s
    from treatywatch.store.build import build
    from treatywatch.store.db import engine

    build(any_db, DATA)
    seeds = sorted(SEEDS.iterdir())
    halves = [tmp_path / "a", tmp_path / "b"]
    for i, half in enumerate(halves):
        half.mkdir()
        for seed in seeds[i::2]:
            (half / seed.name).write_bytes(seed.read_bytes())
    procs = [
        subprocess.Popen(
            [str(BIN), "ingest", str(half), "--db", any_db],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in (*halves, *halves)  # each half twice: the same documents race too
    ]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0 and "Traceback" not in err, err
    with engine(any_db).connect() as conn:
        documents = conn.execute(select(func.count()).select_from(s.document)).scalar()
        ids = conn.execute(select(s.candidate.c.id)).scalars().all()
    assert documents == len(seeds)
    assert ids and len(ids) == len(set(ids))


def test_the_api_answers_while_builds_run(any_db: str, data_copy: Path) -> None:
    import datetime as dt
    import random

    from fastapi.testclient import TestClient

    from treatywatch.api.app import create_app
    from treatywatch.store.build import build

    other = _variant(data_copy)
    build(any_db, DATA)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from treatywatch.store.build import build\n"
            "for i in range(6):\n"
            "    build(sys.argv[1], Path(sys.argv[2 + i % 2]))",
            any_db,
            str(other),
            str(DATA),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    rng = random.Random(18)
    answers = 0
    with TestClient(create_app(any_db), raise_server_exceptions=False) as client:
        deadline = time.monotonic() + 120
        while writer.poll() is None and time.monotonic() < deadline:
            day = dt.date(1998, 1, 1) + dt.timedelta(days=rng.randrange(10_000))
            for url in (f"/api/v1/states?as_of={day}", "/api/v1/sources?limit=5", "/"):
                r = client.get(url)
                assert r.status_code == 200, (url, r.status_code, r.text[:200])
                answers += 1
    _, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert answers > 30
