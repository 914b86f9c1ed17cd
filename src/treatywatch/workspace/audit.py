"""The audit log: every write in the workspace, who made it, when, what changed and why.

``record`` is called inside the transaction of the write it describes, so an entry exists
exactly when the change does. Targets are ``candidate:<id>``, ``fact:<type>:<id>``,
``report:<id>`` and ``account:<name>``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from treatywatch.store import schema as s

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine


class _Named(Protocol):
    @property
    def name(self) -> str: ...


#: Who made a change: a workspace account (its name is recorded) or a string such as
#: ``cli:<os user>`` for a command run on the server.
Actor = _Named | str
SYSTEM = "system"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime  # UTC
    actor: str
    action: str
    target: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    comment: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds") + "Z",
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "before": self.before,
            "after": self.after,
            "comment": self.comment,
        }


def now() -> dt.datetime:
    """UTC, naive: the form every workspace timestamp is stored in on both databases."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def actor_name(actor: Actor) -> str:
    return actor if isinstance(actor, str) else actor.name


def _dump(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, default=str)


def record(
    conn: Connection,
    actor: Actor,
    action: str,
    target: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    comment: str,
) -> None:
    """Write one entry, in the caller's transaction (``conn`` from ``eng.begin()``)."""
    from sqlalchemy import insert

    conn.execute(
        insert(s.audit_entry).values(
            at=now(),
            actor=actor_name(actor),
            action=action,
            target=target,
            before=_dump(before),
            after=_dump(after),
            comment=comment or "",
        )
    )


def _bound(value: dt.date | dt.datetime, end: bool) -> dt.datetime:
    """A date as the first instant of that day, or with ``end`` the first of the next."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
    day = value + dt.timedelta(days=1) if end else value
    return dt.datetime(day.year, day.month, day.day)


def entries(
    eng: Engine,
    *,
    target: str | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: dt.date | dt.datetime | None = None,
    until: dt.date | dt.datetime | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """Entries, newest first. ``target``, ``actor`` and ``action`` match exactly, except
    that a ``target`` or ``action`` ending in ``:`` or ``.`` matches every one it begins
    (``fact:action:`` all action facts, ``account.`` every account change); ``since`` and
    ``until`` are inclusive, a date standing for its whole day (UTC)."""
    from sqlalchemy import select

    t = s.audit_entry
    query = select(t).order_by(t.c.at.desc(), t.c.id.desc())
    for column, value in ((t.c.target, target), (t.c.action, action)):
        if value:
            query = query.where(
                column.startswith(value, autoescape=True)
                if value.endswith((":", "."))
                else column == value
            )
    if actor:
        query = query.where(t.c.actor == actor)
    if since is not None:
        query = query.where(t.c.at >= _bound(since, end=False))
    if until is not None:
        if isinstance(until, dt.datetime):
            query = query.where(t.c.at <= _bound(until, end=True))
        else:  # through the whole of that day
            query = query.where(t.c.at < _bound(until, end=True))
    if limit is not None:
        query = query.limit(limit)
    with eng.connect() as conn:
        rows = conn.execute(query).all()
    return [
        AuditEntry(
            id=r.id,
            at=r.at,
            actor=r.actor,
            action=r.action,
            target=r.target,
            before=None if r.before is None else json.loads(r.before),
            after=None if r.after is None else json.loads(r.after),
            comment=r.comment,
        )
        for r in rows
    ]
