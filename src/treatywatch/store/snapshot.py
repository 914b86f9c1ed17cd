"""A read command's fast path to the record of a SQLite database: a pickled copy per
database revision, so `treatywatch status CCM` answers without importing SQLAlchemy or
reading every table again (issue 19: read commands within 150 ms of a bare interpreter).

The copy lives in the user's cache folder, named by the database file's state, its
revision and the code that made it, so a rebuilt or written database or a changed model is
a miss, never a stale answer. Anything wrong with a copy (missing, truncated, from another
version) is a miss too: the record is read from the database and the copy written again.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treatywatch.store.db import MissingDatabaseError, sqlite_path

if TYPE_CHECKING:
    from treatywatch import model

_memo: dict[Path, tuple[str, model.Record]] = {}  # path: (key, record)
_lock = threading.Lock()


def _read(path: Path, sql: str, params: tuple[str, ...] = ()) -> list[tuple[Any, ...]] | None:
    """The rows of one query of a SQLite file opened read-only with the standard library;
    None where it cannot be read so (the caller then takes the slow path, which says what
    is wrong)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error:
        return None
    try:
        return conn.execute(sql, params).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def sqlite_revision(path: Path) -> str | None:
    """The revision `treatywatch build` stored; None where the file is no database
    treatywatch built."""
    rows = _read(path, "SELECT value FROM build_info WHERE key = 'revision'")
    return str(rows[0][0]) if rows and rows[0][0] else None


def _key(path: Path, revision: str) -> str:
    """The database file and its state, the revision, and the code the copy depends on.

    The revision alone is not enough: it names the record files a build read, and a build
    keeps the documents accepted through `review` beside them, so one revision can stand
    for different contents. Any write changes the file or its write-ahead log."""
    from treatywatch import cachefile

    stamps = []
    for f in (path, path.with_name(path.name + "-wal")):
        try:
            st = f.stat()
        except OSError:
            continue
        if st.st_size:  # an empty log, which opening the database may create, holds nothing
            stamps.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    code = cachefile.source_stamp(
        "treatywatch.model", "treatywatch.store.read", "treatywatch.record.conflicts"
    )
    return "|".join([str(path), revision, *stamps, code])


def cached_record(db: str) -> model.Record | None:
    """The record of the SQLite database ``db`` from its copy, written on a miss; None for a
    database that is not a SQLite file (PostgreSQL is read as before)."""
    path = sqlite_path(db)
    if path is None:
        return None
    if not path.exists():
        raise MissingDatabaseError(
            f"No database at {path}; run `treatywatch build --db {db}` first."
        )
    revision = sqlite_revision(path)
    if revision is None:
        return None
    key = _key(path, revision)
    with _lock:
        hit = _memo.get(path)
        if hit is not None and hit[0] == key:
            return hit[1]
    record = _load(key) or _read_and_keep(db, key)
    with _lock:
        _memo[path] = (key, record)
    return record


def _load(key: str) -> model.Record | None:
    from treatywatch import cachefile, model

    return cachefile.load("record", key, model.Record)


def _read_and_keep(db: str, key: str) -> model.Record:
    from treatywatch import cachefile
    from treatywatch.store.db import existing_engine
    from treatywatch.store.read import load_record

    # Fresh: the reader's own memo is by revision, which a rebuild after `review` repeats.
    record = load_record(existing_engine(db), fresh=True)
    cachefile.save("record", key, record)
    return record


def citations_of(db: str, fact_type: str, fact_id: str) -> list[tuple[str, str]] | None:
    """(source, locator) of one stored fact of a SQLite database, in citation order, read
    with the standard library; None where ``db`` is not a SQLite file or cannot be read so
    (the caller asks through SQLAlchemy, which says what is wrong)."""
    path = sqlite_path(db)
    if path is None or not path.exists():
        return None
    found = _read(
        path,
        "SELECT source, locator FROM citation WHERE fact_type = ? AND fact_id = ? ORDER BY id",
        (fact_type, fact_id),
    )
    if found is None:
        return None
    return [(str(source), str(locator or "")) for source, locator in found]
