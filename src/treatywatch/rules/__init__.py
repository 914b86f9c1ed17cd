"""Treaty rules: one declaration per treaty (``treaties/*.yaml``, each rule citing its
article) and one :class:`Engine` that applies any of them to a :class:`model.Record`.

    from treatywatch.rules import Engine
    engine = Engine(record)
    engine.status("CCM", as_of=date(2011, 9, 13))     # each state's standing that day
    engine.series("CCM")                              # counts on every date anything changes
    engine.obligations("CCM", as_of=..., state="SWZ") # due dates, status, article, basis
    engine.due_within("CCM", 90), engine.overdue("APMBC")
    engine.entry_into_force("CCM", "SWZ"), engine.timeline("CCM", "SWZ")

Choices the treaties leave to the reader, made here once:

- Conflicting dates for one act: the most authoritative source wins (depositary first),
  ties go to the earliest date; the others show as ``alternatives``. Undated acts are ignored
  (they cannot be placed in time) and listed by :meth:`Engine.issues`.
- Successions take effect on the recorded notification date (never before the treaty's
  entry into force) and do not count toward the entry-into-force threshold.
- A notice of suspension (the treaties provide none) is kept on record and changes nothing.
- Withdrawal takes effect six months after notification unless the record gives the
  effective date; the armed-conflict proviso is reported as ``withdrawal_condition``.
- Stockpile destruction and clearance apply only where the record has facts about them; a
  ``not_applicable`` fact gives ``not-applicable`` (unless completion is recorded, then
  ``met``); with no fact they are omitted.
- More stocks or contamination reported after a completion (a ``found`` fact, its ``scope``
  naming them) reopen the obligation until that scope is completed too; it is then met on
  the day its last part was.
- The current deadline is the rule's (from entry into force) followed by the granted
  extensions (their ``deadline``, else previous deadline + ``years``); a later deadline
  published by a source is taken too, as it implies a decision the record lacks.
- A deadline that has passed while a request to move it later awaits a decision the record
  lacks is ``unknown``, not ``overdue``; the basis names the request.
- Transparency reports have no submission data yet: ``pending`` until due, then
  ``unknown``, never ``overdue``; only the next annual update is listed (``due_within``
  lists every one in its window).
"""

from __future__ import annotations

from treatywatch.rules.declarations import RulesError, TreatyRules, load_rules
from treatywatch.rules.engine import Engine
from treatywatch.rules.results import (
    Alternative,
    EntryIntoForce,
    Obligation,
    ObligationStatus,
    SeriesPoint,
    Standing,
    StateStatus,
    TimelineEntry,
)

__all__ = [
    "Alternative",
    "Engine",
    "EntryIntoForce",
    "Obligation",
    "ObligationStatus",
    "RulesError",
    "SeriesPoint",
    "Standing",
    "StateStatus",
    "TimelineEntry",
    "TreatyRules",
    "load_rules",
]
