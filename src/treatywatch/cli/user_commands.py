"""`treatywatch user`: the workspace's accounts, managed on the server itself.

Each change is written to the audit log as made by ``cli:<os user>``, the person at the
server's shell, since no workspace account is signed in here.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from treatywatch.cli.common import DbOption, Format, FormatOption, fail, output, resolve_db

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

user = typer.Typer(help="Workspace accounts: add one, change its role, disable it, list them.")


class Role(StrEnum):  # the CLI's copy of AccountRole: importing the workspace costs start-up
    editor = "editor"
    focal_point = "focal-point"
    administrator = "administrator"


StateOption = Annotated[
    str | None,
    typer.Option("--state", help="A focal point's state, as its ISO3 code (e.g. NOR)."),
]
CommentOption = Annotated[str, typer.Option("--comment", help="Why, for the audit log.")]


def _engine(db: str | None) -> Engine:
    """The database's engine with the workspace tables in place (migration 0008)."""
    from treatywatch.store.db import MissingDatabaseError, existing_engine
    from treatywatch.store.migrate import upgrade

    target = resolve_db(db)
    try:
        eng = existing_engine(target)
    except MissingDatabaseError as exc:
        fail(str(exc))
    with eng.begin() as conn:
        upgrade(conn)
    return eng


def _actor() -> str:
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "cli:unknown"


def _password() -> str:
    """From standard input when it is not a terminal (one line, its newline dropped), else
    asked twice without echo."""
    if not sys.stdin.isatty():
        text = sys.stdin.read()
        return text[:-1] if text.endswith("\n") else text
    value: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return value


@user.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="The account's name (letters, digits, . _ -).")],
    role: Annotated[Role, typer.Option("--role", help="What the account may do.")],
    state: StateOption = None,
    comment: CommentOption = "",
    db: DbOption = None,
) -> None:
    """Add an account. The password is read from standard input when it is not a terminal
    (`printf '%s' "$PW" | treatywatch user add ana --role editor`), else asked for twice."""
    from treatywatch.workspace import accounts

    eng = _engine(db)
    password = _password().rstrip("\r")
    try:
        account = accounts.add(
            eng, name, password, role.value, state, actor=_actor(), comment=comment
        )
    except accounts.AccountError as exc:
        fail(str(exc))
    where = f" for {account.state}" if account.state else ""
    typer.echo(f"Added {account.name}, {account.role.value}{where}.", err=True)


@user.command("role")
def user_role(
    name: Annotated[str, typer.Argument(help="The account's name.")],
    role: Annotated[Role, typer.Argument(help="Its new role.")],
    state: StateOption = None,
    comment: CommentOption = "",
    db: DbOption = None,
) -> None:
    """Change an account's role (a focal point needs --state); its sessions end."""
    from treatywatch.workspace import accounts

    try:
        account = accounts.set_role(
            _engine(db), name, role.value, state, actor=_actor(), comment=comment
        )
    except accounts.AccountError as exc:
        fail(str(exc))
    where = f" for {account.state}" if account.state else ""
    typer.echo(f"{account.name} is now {account.role.value}{where}.", err=True)


@user.command("disable")
def user_disable(
    name: Annotated[str, typer.Argument(help="The account's name.")],
    comment: CommentOption = "",
    db: DbOption = None,
) -> None:
    """Disable an account: it cannot sign in again, and its sessions end now."""
    from treatywatch.workspace import accounts

    try:
        accounts.disable(_engine(db), name, actor=_actor(), comment=comment)
    except accounts.AccountError as exc:
        fail(str(exc))
    typer.echo(f"Disabled {name}; its sessions ended.", err=True)


@user.command("list")
def user_list(fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """Every account with its role, state and whether it is disabled."""
    from treatywatch.workspace import accounts

    rows = [
        {
            "name": a.name,
            "role": a.role.value,
            "state": a.state or "",
            "status": "disabled" if a.disabled else "active",
        }
        for a in accounts.list_all(_engine(db))
    ]
    output(rows, fmt, ("name", "role", "state", "status"), "Workspace accounts")
