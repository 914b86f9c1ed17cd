"""Where the database is, and how to open it: a SQLite file by default, PostgreSQL by URL."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def default_db() -> str:
    """``$TREATYWATCH_DB``, else ``treatywatch.sqlite`` in the user's data directory."""
    env = os.environ.get("TREATYWATCH_DB")
    if env:
        return env
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("treatywatch", appauthor=False)) / "treatywatch.sqlite")


def url_for(db: str) -> str:
    """A SQLAlchemy URL for a file path or a database URL."""
    if "://" not in db:
        return f"sqlite:///{Path(db).expanduser().resolve()}"
    if db.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver the project installs; SQLAlchemy defaults to psycopg2.
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    return db


def is_sqlite_file(db: str) -> bool:
    return "://" not in db or db.startswith("sqlite:///")


def sqlite_path(db: str) -> Path | None:
    if "://" not in db:
        return Path(db).expanduser().resolve()
    if db.startswith("sqlite:///"):
        return Path(db[len("sqlite:///") :])
    return None


@cache
def engine(db: str) -> Engine:
    from sqlalchemy import create_engine, event

    url = url_for(db)
    path = sqlite_path(db)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    eng = create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
    if url.startswith("sqlite"):

        @event.listens_for(eng, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            # A writer waits for another instead of failing at once with "locked".
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()
            # Python's sqlite3 opens a transaction only before a write, so the SELECTs of
            # one read ran each on its own snapshot and could straddle a build's commit;
            # SQLAlchemy's transactions now begin SQLite's (the recipe in its docs).
            dbapi_conn.isolation_level = None

        @event.listens_for(eng, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN")

    return eng


class MissingDatabaseError(FileNotFoundError):
    pass


def existing_engine(db: str) -> Engine:
    """The engine of a database that has been built; a clear error when it has not."""
    path = sqlite_path(db)
    if path is not None and not path.exists():
        raise MissingDatabaseError(
            f"No database at {path}; run `treatywatch build --db {db}` first."
        )
    return engine(db)
