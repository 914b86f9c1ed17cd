"""Server-side sessions: a random token in the ``tw_session`` cookie names a row here.

Only a hash of the token is stored, and each session has its own CSRF token. A session
ends at logout, when it expires, or when its account is disabled or changes role.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from treatywatch.store import schema as s
from treatywatch.workspace import audit
from treatywatch.workspace.accounts import Account, by_id

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

#: How long a session lasts after login: a working day, then sign in again.
LIFETIME = dt.timedelta(hours=8)


@dataclass(frozen=True)
class Session:
    token: str
    account: Account
    csrf: str
    expires: dt.datetime  # UTC


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(eng: Engine, account: Account) -> Session:
    """A new session for an account that has just signed in."""
    from sqlalchemy import delete, insert

    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = audit.now()
    expires = now + LIFETIME
    with eng.begin() as conn:
        conn.execute(delete(s.login_session).where(s.login_session.c.expires <= now))
        conn.execute(
            insert(s.login_session).values(
                token_hash=_hash(token),
                account=account.id,
                csrf=csrf,
                created=now,
                expires=expires,
            )
        )
    return Session(token=token, account=account, csrf=csrf, expires=expires)


def lookup(eng: Engine, token: str | None) -> Session | None:
    """The live session a cookie names: None when there is none, it has expired, or its
    account is disabled."""
    from sqlalchemy import select

    if not token:
        return None
    t = s.login_session
    with eng.connect() as conn:
        row = conn.execute(
            select(t.c.account, t.c.csrf, t.c.expires).where(t.c.token_hash == _hash(token))
        ).first()
        if row is None or row.expires <= audit.now():
            return None
        account = by_id(conn, row.account)
    if account is None or account.disabled:
        return None
    return Session(token=token, account=account, csrf=row.csrf, expires=row.expires)


def end(eng: Engine, token: str | None) -> None:
    from sqlalchemy import delete

    if token:
        with eng.begin() as conn:
            conn.execute(
                delete(s.login_session).where(s.login_session.c.token_hash == _hash(token))
            )


def end_all(conn: Connection, account_id: int) -> None:
    """End every session of an account, in the caller's transaction."""
    from sqlalchemy import delete

    conn.execute(delete(s.login_session).where(s.login_session.c.account == account_id))
