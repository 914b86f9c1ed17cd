"""The read commands' copies of the record and the registry (store/snapshot.py,
cachefile.py): an answer from a copy is the database's answer, a write the revision does
not show is still seen, and a broken or unwritable copy costs speed, never the answer."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def tw(*args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TREATYWATCH_CACHE": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "treatywatch", *args],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip


@pytest.fixture
def db(built_db: str, tmp_path: Path) -> str:
    # A copy of its own (these tests write to it), made by SQLite: the file alone may leave
    # the last writes behind in its write-ahead log.
    target = tmp_path / "own.sqlite"
    with sqlite3.connect(built_db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return str(target)


def _note(db: str, cache: Path) -> str:
    result = tw("event", "oslo-2007", "--format", "json", "--db", db, cache=cache)
    assert result.returncode == 0, result.stderr
    return str(json.loads(result.stdout)["note"])


def test_a_write_the_revision_does_not_show_is_seen(db: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert _note(db, cache) == ""
    assert list(cache.glob("record-*.pickle"))  # the first read left a copy
    # As `review accept` and a later rebuild can leave the revision as it was.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE event SET note = 'changed by hand' WHERE id = 'oslo-2007'")
    assert _note(db, cache) == "changed by hand"


def test_a_broken_copy_is_read_again_from_the_database(db: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = tw("status", "CCM", "--as-of", "2012-01-01", "-f", "csv", "--db", db, cache=cache)
    for copy in cache.glob("*.pickle"):
        copy.write_bytes(b"\x80\x05not a pickle")
    again = tw("status", "CCM", "--as-of", "2012-01-01", "-f", "csv", "--db", db, cache=cache)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


def test_an_unwritable_cache_costs_speed_not_the_answer(db: str, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    result = tw("status", "CCM", "--as-of", "2012-01-01", "-f", "csv", "--db", db, cache=blocked)
    fresh = tw("status", "CCM", "--as-of", "2012-01-01", "-f", "csv", "--db", db,
               cache=tmp_path / "c")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == fresh.stdout and "LAO" in result.stdout


def test_a_missing_database_is_one_sentence(tmp_path: Path) -> None:
    result = tw("status", "CCM", "--db", str(tmp_path / "none.sqlite"), cache=tmp_path / "c")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Error: No database at")
    assert len(result.stderr.strip().splitlines()) == 1


def test_read_commands_answer_without_importing_sqlalchemy(db: str, tmp_path: Path) -> None:
    # What keeps a read command quick (bench/bench_startup.py): the record's copy, and the
    # standard library's sqlite3 for a fact's sources.
    script = (
        "import sys\n"
        "from treatywatch import query\n"
        f"ctx = query.open_context({db!r})\n"
        "query.status(ctx, 'CCM')\n"
        "assert query.fact_citations(ctx, 'event:oslo-2007')\n"
        "print('sqlalchemy' in sys.modules, 'pycountry' in sys.modules)\n"
    )
    env = {**os.environ, "TREATYWATCH_CACHE": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr  # writes the copies
    again = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout.split() == ["False", "False"]
