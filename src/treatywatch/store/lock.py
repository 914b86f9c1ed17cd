"""One build of a database at a time.

Two builds at once on a new SQLite file raced to create the same tables ("table action
already exists"), and on PostgreSQL to insert the same rows; the second build now waits
for the first (up to ``timeout`` seconds) and then runs on the finished database, or stops
with one sentence. SQLite is locked by a file beside the database (``fcntl.flock``, so a
killed build releases it), PostgreSQL by a session advisory lock.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from treatywatch.store.db import sqlite_path

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

#: The advisory lock key of treatywatch builds ("tw" in ASCII, then "build").
_PG_KEY = 0x7477_6275_696C_64
_POLL = 0.2


class BuildLockedError(RuntimeError):
    """Another build of the same database did not finish in time."""


@contextlib.contextmanager
def build_lock(db: str, eng: Engine, timeout: float = 600.0) -> Iterator[None]:
    path = sqlite_path(db)
    if path is not None:
        with _file_lock(path.with_name(path.name + ".build-lock"), db, timeout):
            yield
    else:
        with _advisory_lock(eng, db, timeout):
            yield


@contextlib.contextmanager
def _file_lock(lock: object, db: str, timeout: float) -> Iterator[None]:
    import fcntl
    from pathlib import Path

    assert isinstance(lock, Path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as fh:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise _locked(db, timeout) from None
                time.sleep(_POLL)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def _advisory_lock(eng: Engine, db: str, timeout: float) -> Iterator[None]:
    from sqlalchemy import text

    with eng.connect() as conn:
        deadline = time.monotonic() + timeout
        while not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _PG_KEY}).scalar():
            conn.rollback()
            if time.monotonic() > deadline:
                raise _locked(db, timeout)
            time.sleep(_POLL)
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_KEY})
            conn.commit()


def _locked(db: str, timeout: float) -> BuildLockedError:
    return BuildLockedError(
        f"Another build of {db} is still running after {timeout:g} s; try again when it ends."
    )


#: The transaction-level advisory lock that serialises the taking of candidate ids.
_PG_CANDIDATES_KEY = 0x7477_6361_6E64


def candidate_ids_lock(conn: Any) -> None:
    """Hold, until ``conn``'s transaction ends, the right to take the next candidate ids.

    PostgreSQL needs the lock: two transactions would each read the same largest id. On
    SQLite the transaction's first write already excludes every other writer."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy import text

        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_CANDIDATES_KEY})
