"""Fixtures: the bundled record, real SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def _find_shared() -> Path:
    """The shared folder of seed documents and gold annotations, which lives outside the repo.

    It sits beside the checkout (``../shared``); a fresh clone made elsewhere (``git clone .
    /tmp/x``, as CI does) finds it beside the checkout it was cloned from. TREATYWATCH_SHARED
    overrides both.
    """
    if env := os.environ.get("TREATYWATCH_SHARED"):
        return Path(env)
    candidates = [ROOT.parent / "shared"]
    origin = subprocess.run(
        ["git", "-C", str(ROOT), "config", "--get", "remote.origin.url"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if origin and "://" not in origin and ":" not in origin.split("/")[0]:
        candidates.append((ROOT / origin).resolve().parent / "shared")
    return next((c for c in candidates if (c / "seeds").is_dir()), candidates[0])


SHARED = _find_shared()
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"


def pytest_configure(config: pytest.Config) -> None:
    if not SEEDS.is_dir():
        raise pytest.UsageError(
            f"The seed documents are not at {SEEDS}: set TREATYWATCH_SHARED to the folder "
            "that holds seeds/ and gold/."
        )
    # The commands keep copies of the record and the registry in a cache folder: the tests'
    # go to one of their own, not the user's (subprocesses and xdist workers inherit it).
    os.environ.setdefault("TREATYWATCH_CACHE", tempfile.mkdtemp(prefix="treatywatch-cache-"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres_user(cmd: list[str]) -> list[str]:
    # initdb refuses to run as root; run the server as an unprivileged account instead.
    if os.geteuid() == 0:
        return ["runuser", "-u", "nobody", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL 15 server of our own on a loopback port, for the whole session."""
    initdb = shutil.which("initdb")
    pg_ctl = shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) are not on the PATH")
    base = Path(tempfile.mkdtemp(prefix="treatywatch-pg-"))
    base.chmod(0o777)
    datadir = base / "data"
    port = _free_port()
    if os.geteuid() == 0:
        shutil.chown(base, "nobody")
    subprocess.run(
        _as_postgres_user(
            [initdb, "-D", str(datadir), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        ),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_postgres_user(
            [
                pg_ctl,
                "-D",
                str(datadir),
                "-w",
                "-l",
                str(base / "log"),
                "-o",
                f"-p {port} -k {base} -h 127.0.0.1 -F",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_postgres_user([pg_ctl, "-D", str(datadir), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server."""
    import psycopg

    name = f"tw_{uuid.uuid4().hex[:12]}"
    deadline = time.monotonic() + 10
    while True:
        try:
            with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    yield f"{postgres_server}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "treatywatch.sqlite")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database built once from the bundled record."""
    from treatywatch.store.build import build

    path = tmp_path_factory.mktemp("db") / "bundled.sqlite"
    build(str(path), DATA)
    return str(path)


@pytest.fixture(scope="module")
def record_site(built_db: str) -> Iterator[tuple[Any, Any]]:
    """The API and pages on the bundled database, with a query context on it: the pair the
    meeting and statement-search tests check the one against the other."""
    from fastapi.testclient import TestClient

    from treatywatch import query
    from treatywatch.api.app import create_app

    with TestClient(create_app(built_db)) as client:
        yield client, query.open_context(built_db)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled record, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


#: Tests that need the depositary record of the CCM and APMBC (data/actions/ccm.csv,
#: apmbc.csv). Until it is bundled they are skipped with this reason, visible under -ra.
needs_depositary = pytest.mark.skipif(
    not (DATA / "actions" / "ccm.csv").exists(),
    reason="the depositary record (data/actions/ccm.csv) is not bundled yet (issue 5)",
)


def _extractor_present() -> bool:
    from importlib.util import find_spec

    return all(find_spec(f"treatywatch.ingest.{m}") is not None for m in ("readers", "extract"))


#: Tests that need the document readers and extractors (issue 8, parts 1-2).
needs_extractor = pytest.mark.skipif(
    not _extractor_present(), reason="treatywatch.ingest has no read_document/extract yet"
)


def complete_through(treaty: str, what: str = "consents_complete_through") -> dt.date | None:
    """The day up to which data/coverage.yaml says the bundled record holds every act of a
    kind for a treaty: counts of States Parties can be checked on days up to it."""
    import yaml

    coverage = yaml.safe_load((DATA / "coverage.yaml").read_text(encoding="utf-8"))
    day = (coverage.get(treaty) or {}).get(what)
    return day if isinstance(day, dt.date) else None
