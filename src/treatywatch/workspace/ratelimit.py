"""Failed logins, counted per account name and per client address over a sliding minute.

After ``LIMIT`` failures within ``WINDOW`` for the same name or the same address, the next
attempt is refused without checking the password, so guessing is slowed to a few tries a
minute whatever the attacker varies.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from treatywatch.store import schema as s
from treatywatch.workspace import audit

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

LIMIT = 5
WINDOW = dt.timedelta(seconds=60)
#: Failures older than this are deleted as new ones are written.
KEEP = dt.timedelta(hours=1)
REFUSED = "Too many failed logins for this account or address; wait a minute and try again."


def too_many(eng: Engine, name: str, address: str, now: dt.datetime | None = None) -> bool:
    """Whether ``LIMIT`` logins have failed within the last ``WINDOW`` for this name or address."""
    from sqlalchemy import func, select

    t = s.login_attempt
    since = (now or audit.now()) - WINDOW
    with eng.connect() as conn:
        for column, value in ((t.c.name, name), (t.c.address, address)):
            count = conn.execute(
                select(func.count()).select_from(t).where(column == value, t.c.at > since)
            ).scalar_one()
            if count >= LIMIT:
                return True
    return False


def failed(eng: Engine, name: str, address: str, now: dt.datetime | None = None) -> None:
    from sqlalchemy import delete, insert

    at = now or audit.now()
    with eng.begin() as conn:
        conn.execute(delete(s.login_attempt).where(s.login_attempt.c.at < at - KEEP))
        conn.execute(insert(s.login_attempt).values(name=name[:64], address=address[:64], at=at))
