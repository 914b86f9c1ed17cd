"""How far the record reaches: whether an absence in it is evidence on a given day.

"Overdue" accuses a government, so the engine says it only on a day the record of that
obligation is declared complete for (``data/coverage.yaml``): up to ``complete_through``, and
after it until the next meeting at which decisions are taken or completions declared begins,
since nothing that changes a verdict happens between meetings without being declared at the
next one. Past that, or where no coverage is declared, a passed deadline reads ``unknown``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from treatywatch import model


@dataclass(frozen=True, slots=True)
class Reach:
    """The coverage of one part (an obligation) of one treaty's record."""

    part: str
    complete_through: dt.date | None
    #: The first day the record no longer speaks for: the next meeting's first day, or the
    #: day after ``complete_through`` where that meeting is unknown or undated.
    ends: dt.date | None
    through_event: str | None = None
    next_meeting: str | None = None
    next_start: dt.date | None = None

    def reaches(self, day: dt.date) -> bool:
        return self.ends is not None and day < self.ends

    def supports(self, due: dt.date, day: dt.date) -> bool:
        """Whether an absence in the record on ``day`` of what was due on ``due`` is evidence.
        Past ``complete_through`` only a breach the complete record already showed carries
        on until the next meeting: a deadline that fell after it may have been met, and
        declared at that meeting, without the record knowing."""
        through = self.complete_through
        return self.reaches(day) and through is not None and due <= through

    def gap(self, day: dt.date, due: dt.date | None = None) -> str:
        """Why the record does not reach ``day``, in words a reader can check."""
        if self.complete_through is None:
            return f"the record of {_label(self.part)} is not declared complete (coverage.yaml)"
        upto = f"complete through {self.complete_through}"
        if self.through_event:
            upto += f" ({self.through_event})"
        if self.next_meeting and self.next_start and self.next_start <= day:
            return (
                f"the record of {_label(self.part)} is {upto}; the decisions of "
                f"{self.next_meeting} ({self.next_start}) are not on record"
            )
        if due is not None and due > self.complete_through and self.reaches(day):
            return f"the record of {_label(self.part)} is {upto}, before that deadline"
        return f"the record of {_label(self.part)} is {upto} only"


_LABELS = {
    "transparency_initial": "initial reports",
    "transparency_annual": "annual reports",
    "stockpile_destruction": "stockpile destruction",
}


def _label(part: str) -> str:
    return _LABELS.get(part, part.replace("_", " "))


NOWHERE = Reach(part="", complete_through=None, ends=None)


def nowhere(part: str) -> Reach:
    """The reach of a part no coverage is declared for: no day."""
    return Reach(part=part, complete_through=None, ends=None)


def reach(coverage: model.Coverage | None, events: Mapping[str, model.Event]) -> Reach:
    if coverage is None or coverage.complete_through is None:
        part = coverage.part if coverage else ""
        return Reach(part=part, complete_through=None, ends=None)
    through = coverage.complete_through
    ends = through + dt.timedelta(days=1)
    nxt = events.get(coverage.next_meeting) if coverage.next_meeting else None
    start = nxt.start if nxt is not None else None
    if start is not None and start > through:
        ends = start
    return Reach(
        part=coverage.part,
        complete_through=through,
        ends=ends,
        through_event=coverage.through_event,
        next_meeting=coverage.next_meeting,
        next_start=start,
    )


def reaches_for(instrument: str, record: model.Record) -> dict[str, Reach]:
    """Each part's reach for one treaty; a part with no declaration reaches nowhere."""
    out: dict[str, Reach] = {}
    for c in record.coverage:
        if c.instrument == instrument:
            out[c.part] = reach(c, record.events)
    return out
