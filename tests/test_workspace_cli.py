"""`treatywatch user`: the accounts an administrator manages from the server's shell, each
change in the audit log under the shell's user."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from pathlib import Path

import pytest

PASSWORD = "a long enough password"


def tw(*args: str, stdin: str = "", columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-m", "treatywatch", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    """An empty database with the schema (accounts need no record)."""
    from treatywatch.store.db import engine
    from treatywatch.store.migrate import upgrade

    path = str(tmp_path / "accounts.sqlite")
    with engine(path).begin() as conn:
        upgrade(conn)
    return path


def one_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ") and lines[0].endswith(".")
    return lines[0]


def test_an_account_added_with_the_password_on_stdin_can_sign_in(db: str) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import accounts, audit

    added = tw("user", "add", "admin", "--role", "administrator", "--db", db, stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert added.stderr.strip() == "Added admin, administrator."
    eng = engine(db)
    account = accounts.authenticate(eng, "admin", PASSWORD)  # the newline is not the password's
    assert account is not None and account.role.value == "administrator"
    [entry] = audit.entries(eng, target="account:admin")
    assert entry.actor == f"cli:{getpass.getuser()}"
    assert entry.action == "account.add" and entry.before is None
    assert entry.after is not None and entry.after["role"] == "administrator"


def test_role_disable_and_list_change_and_show_accounts_and_each_is_audited(db: str) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import accounts, audit

    assert tw("user", "add", "ana", "--role", "editor", "--db", db, stdin=PASSWORD).returncode == 0
    moved = tw("user", "role", "ana", "focal-point", "--state", "lao", "--db", db)
    assert moved.returncode == 0, moved.stderr
    assert moved.stderr.strip() == "ana is now focal-point for LAO."
    gone = tw("user", "disable", "ana", "--comment", "left the unit", "--db", db)
    assert gone.returncode == 0, gone.stderr
    assert accounts.authenticate(engine(db), "ana", PASSWORD) is None

    listed = tw("user", "list", "--db", db)
    assert listed.returncode == 0
    assert all(len(line) <= 80 for line in listed.stdout.splitlines())
    row = next(line for line in listed.stdout.splitlines() if "ana" in line)
    for cell in ("focal-point", "LAO", "disabled"):
        assert cell in row
    as_json = tw("user", "list", "--format", "json", "--db", db)
    assert '"status": "disabled"' in as_json.stdout

    entries = audit.entries(engine(db), target="account:ana")
    assert [e.action for e in entries] == ["account.disable", "account.role", "account.add"]
    assert entries[0].comment == "left the unit"
    assert entries[1].before is not None and entries[1].before["role"] == "editor"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("add", "fp", "--role", "focal-point"), "A focal point needs --state"),
        (("add", "fp", "--role", "focal-point", "--state", "XXX"), "'XXX' is not the ISO3 code"),
        (("add", "ed", "--role", "editor", "--state", "NOR"), "Only a focal point has a state"),
        (("add", "bad name", "--role", "editor"), "Account name 'bad name' must be"),
        (("role", "nobody", "editor"), "There is no account named 'nobody'."),
        (("disable", "nobody"), "There is no account named 'nobody'."),
    ],
)
def test_a_mistake_exits_1_with_one_sentence_and_changes_nothing(
    db: str, args: tuple[str, ...], says: str
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import accounts, audit

    assert says in one_error(tw("user", *args, "--db", db, stdin=PASSWORD))
    assert accounts.list_all(engine(db)) == []
    assert audit.entries(engine(db)) == []


def test_a_short_password_or_a_taken_name_is_refused(db: str) -> None:
    short = tw("user", "add", "ana", "--role", "editor", "--db", db, stdin="pw\n")
    assert "at least 8 characters" in one_error(short)
    assert tw("user", "add", "ana", "--role", "editor", "--db", db, stdin=PASSWORD).returncode == 0
    again = tw("user", "add", "ana", "--role", "editor", "--db", db, stdin=PASSWORD)
    assert "An account named 'ana' already exists." in one_error(again)


def test_an_unknown_role_is_a_usage_error(db: str) -> None:
    result = tw("user", "add", "ana", "--role", "owner", "--db", db, stdin=PASSWORD)
    assert result.returncode == 2
    assert "owner" in result.stderr


def test_a_database_not_built_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite"
    said = one_error(tw("user", "list", "--db", str(missing)))
    assert str(missing) in said and "treatywatch build" in said
    assert not missing.exists()


def test_serve_offers_the_workspace() -> None:
    result = tw("serve", "--help", columns=200)
    assert result.returncode == 0
    assert "--workspace" in result.stdout
