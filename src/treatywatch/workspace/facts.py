"""An editor's correction of the record: a new action fact, cited, kept beside the old one.

Bundled facts are rebuilt from ``data/`` by every build, so a correction is not an edit of
the bundled row: it is a new fact (origin ``workspace``, an id above every build's) citing
the source that shows it. Where it disagrees with the bundled fact, the reader weighs the
two as it weighs any disagreement between sources. The ids, the check of the instrument and
the bump of the revision that tells readers to reload are the review's (ingest.accept).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from treatywatch import model
from treatywatch.store import schema as s
from treatywatch.workspace import audit

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

ORIGIN = "workspace"


class CorrectionError(ValueError):
    """A correction that cannot be stored; the message is one sentence for the editor."""


@dataclass(frozen=True)
class ActionCorrection:
    instrument: str
    state: str
    kind: str
    date: dt.date | None
    source: str
    locator: str
    comment: str
    note: str = ""
    #: The id of the action fact this one corrects, if it corrects one.
    corrects: int | None = None


def _row(conn: Connection, action_id: int) -> dict[str, Any] | None:
    from sqlalchemy import select

    row = conn.execute(select(s.action).where(s.action.c.id == action_id)).mappings().first()
    return None if row is None else _plain(dict(row))


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}


def _check(conn: Connection, c: ActionCorrection) -> tuple[str, dict[str, Any] | None]:
    """The state's code and the corrected fact's row, or the first thing wrong, as an error."""
    from sqlalchemy import select

    from treatywatch import registry

    if not c.comment.strip():
        raise CorrectionError("Say why in the comment: every correction is explained.")
    if not c.locator.strip():
        raise CorrectionError("Give the locator: where in the source this is (page, paragraph).")
    if conn.execute(select(s.source.c.id).where(s.source.c.id == c.source)).first() is None:
        raise CorrectionError(f"No source has the id {c.source!r}; /sources lists them.")
    state = c.state.strip().upper()
    if not registry.is_state(state):
        raise CorrectionError(f"{c.state!r} is not the ISO3 code of a state in the registry.")
    if c.kind not in {k.value for k in model.ActionKind}:
        kinds = ", ".join(k.value for k in model.ActionKind)
        raise CorrectionError(f"Action {c.kind!r} is not one of {kinds}.")
    before = None
    if c.corrects is not None:
        before = _row(conn, c.corrects)
        if before is None:
            raise CorrectionError(f"No action fact has the id {c.corrects}.")
    return state, before


def correct_action(eng: Engine, actor: audit.Actor, c: ActionCorrection) -> dict[str, Any]:
    """Store the corrected action with its citation and an audit entry, in one transaction;
    the new fact's row. The entry's target is the corrected fact when there is one (its
    history shows the correction), else the new fact."""

    from treatywatch.workspace.retry import retrying

    return retrying(lambda: _correct_once(eng, actor, c), CorrectionError)


def _correct_once(eng: Engine, actor: audit.Actor, c: ActionCorrection) -> dict[str, Any]:
    from sqlalchemy import insert

    from treatywatch.ingest.accept import Acceptor
    from treatywatch.ingest.store import ReviewError

    with eng.begin() as conn:
        state, before = _check(conn, c)
        try:
            acceptor = Acceptor(conn, instrument=c.instrument, event=None)
        except ReviewError as exc:
            raise CorrectionError(str(exc)) from None
        new_id = acceptor._next_id(s.action)
        conn.execute(
            insert(s.action).values(
                id=new_id, instrument=c.instrument, state=state, kind=c.kind, date=c.date,
                note=c.note, origin=ORIGIN,
            )
        )  # fmt: skip
        conn.execute(
            insert(s.citation).values(
                id=acceptor._next_id(s.citation), fact_type="action", fact_id=str(new_id),
                source=c.source, locator=c.locator.strip(), origin=ORIGIN,
            )
        )  # fmt: skip
        acceptor.accepted.append(new_id)
        acceptor.finish()  # a new revision: the public pages reload the record
        after = _row(conn, new_id)
        assert after is not None
        after["citation"] = {"source": c.source, "locator": c.locator.strip()}
        target = f"fact:action:{c.corrects if c.corrects is not None else new_id}"
        audit.record(conn, actor, "fact.correct", target, before, after, c.comment.strip())
    return after
