"""Workspace accounts: who may sign in, with which role, and for which state.

Passwords are hashed with argon2id (argon2-cffi's ``PasswordHasher``); only the hash is
stored. Every change to an account writes an audit entry in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any

from treatywatch.store import schema as s
from treatywatch.workspace import audit

if TYPE_CHECKING:
    from argon2 import PasswordHasher
    from sqlalchemy.engine import Connection, Engine

#: Shorter passwords are refused (NIST SP 800-63B's minimum for chosen passwords).
MIN_PASSWORD = 8
#: Letters, digits and . _ - : a name that is safe in a URL, a log line and a table.
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


class AccountRole(StrEnum):
    EDITOR = "editor"
    FOCAL_POINT = "focal-point"
    ADMINISTRATOR = "administrator"


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: AccountRole
    state: str | None
    disabled: bool

    def as_dict(self) -> dict[str, Any]:
        """The account as the audit log and the JSON API show it (never the password)."""
        out = asdict(self)
        out["role"] = self.role.value
        return out


class AccountError(ValueError):
    """A change to accounts that cannot be made; the message is one sentence for the user."""


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's current recommended costs


@cache
def _dummy_hash() -> str:
    # Verified against when the name is unknown, so that an unknown name takes as long as a
    # wrong password and the timing does not tell which names exist.
    return _hasher().hash("not a password anyone has")


def _role(role: AccountRole | str) -> AccountRole:
    try:
        return AccountRole(role)
    except ValueError:
        choices = ", ".join(r.value for r in AccountRole)
        raise AccountError(f"Role {role!r} is not one of {choices}.") from None


def _state_for(role: AccountRole, state: str | None) -> str | None:
    """The state an account of this role is tied to: a focal point's, nobody else's."""
    from treatywatch import registry

    if role is AccountRole.FOCAL_POINT:
        if not state:
            raise AccountError("A focal point needs --state, the ISO3 code of its state.")
        code = state.strip().upper()
        if not registry.is_state(code):
            raise AccountError(f"{state!r} is not the ISO3 code of a state in the registry.")
        return code
    if state:
        raise AccountError(f"Only a focal point has a state; a {role.value} does not.")
    return None


def _check_name(name: str) -> str:
    if not NAME.match(name):
        raise AccountError(
            f"Account name {name!r} must be 1 to 64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit."
        )
    return name


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"The password must have at least {MIN_PASSWORD} characters.")


def _from_row(row: Any) -> Account:
    return Account(
        id=row.id,
        name=row.name,
        role=AccountRole(row.role),
        state=row.state,
        disabled=bool(row.disabled),
    )


def _get(conn: Connection, name: str) -> Any:
    from sqlalchemy import select

    return conn.execute(select(s.account).where(s.account.c.name == name)).first()


def _require(conn: Connection, name: str) -> Any:
    row = _get(conn, name)
    if row is None:
        raise AccountError(f"There is no account named {name!r}.")
    return row


def get(eng: Engine, name: str) -> Account | None:
    with eng.connect() as conn:
        row = _get(conn, name)
    return None if row is None else _from_row(row)


def by_id(conn: Connection, account_id: int) -> Account | None:
    from sqlalchemy import select

    row = conn.execute(select(s.account).where(s.account.c.id == account_id)).first()
    return None if row is None else _from_row(row)


def add(
    eng: Engine,
    name: str,
    password: str,
    role: AccountRole | str,
    state: str | None = None,
    *,
    actor: audit.Actor = audit.SYSTEM,
    comment: str = "",
) -> Account:
    """Create an account. ``AccountError`` when the name is taken or the input is not valid
    (a focal point needs a registry state, others none; passwords of 8 characters or more)."""
    from sqlalchemy import insert

    _check_name(name)
    role = _role(role)
    code = _state_for(role, state)
    _check_password(password)
    hashed = _hasher().hash(password)
    with eng.begin() as conn:
        if _get(conn, name) is not None:
            raise AccountError(f"An account named {name!r} already exists.")
        conn.execute(
            insert(s.account).values(
                name=name,
                password_hash=hashed,
                role=role.value,
                state=code,
                disabled=False,
                created=_now(),
            )
        )
        account = _from_row(_require(conn, name))
        audit.record(
            conn, actor, "account.add", f"account:{name}", None, account.as_dict(), comment
        )
    return account


def set_role(
    eng: Engine,
    name: str,
    role: AccountRole | str,
    state: str | None = None,
    *,
    actor: audit.Actor = audit.SYSTEM,
    comment: str = "",
) -> Account:
    """Change an account's role (and state). Its sessions end: they were granted to the old role."""
    from sqlalchemy import update

    from treatywatch.workspace import sessions

    role = _role(role)
    code = _state_for(role, state)
    with eng.begin() as conn:
        before = _from_row(_require(conn, name))
        conn.execute(
            update(s.account).where(s.account.c.id == before.id).values(role=role.value, state=code)
        )
        after = _from_row(_require(conn, name))
        sessions.end_all(conn, before.id)
        audit.record(
            conn,
            actor,
            "account.role",
            f"account:{name}",
            before.as_dict(),
            after.as_dict(),
            comment,
        )
    return after


def disable(
    eng: Engine, name: str, *, actor: audit.Actor = audit.SYSTEM, comment: str = ""
) -> Account:
    """Disable an account: it can no longer sign in, and its sessions end at once."""
    from sqlalchemy import update

    from treatywatch.workspace import sessions

    with eng.begin() as conn:
        before = _from_row(_require(conn, name))
        conn.execute(update(s.account).where(s.account.c.id == before.id).values(disabled=True))
        after = _from_row(_require(conn, name))
        sessions.end_all(conn, before.id)
        audit.record(
            conn,
            actor,
            "account.disable",
            f"account:{name}",
            before.as_dict(),
            after.as_dict(),
            comment,
        )
    return after


def list_all(eng: Engine) -> list[Account]:
    from sqlalchemy import select

    with eng.connect() as conn:
        rows = conn.execute(select(s.account).order_by(s.account.c.name)).all()
    return [_from_row(r) for r in rows]


def authenticate(eng: Engine, name: str, password: str) -> Account | None:
    """The account when the name and password match and it is not disabled, else None."""
    from argon2.exceptions import InvalidHashError, VerificationError
    from sqlalchemy import update

    with eng.connect() as conn:
        row = _get(conn, name)
    hasher = _hasher()
    try:
        hasher.verify(row.password_hash if row is not None else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    if hasher.check_needs_rehash(row.password_hash):  # the library's costs have risen
        with eng.begin() as conn:
            conn.execute(
                update(s.account)
                .where(s.account.c.id == row.id)
                .values(password_hash=hasher.hash(password))
            )
    return _from_row(row)


def _now() -> dt.datetime:
    return audit.now()
