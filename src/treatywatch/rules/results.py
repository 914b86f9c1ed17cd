"""What the engine answers: frozen values, plain enough for ``dataclasses.asdict``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from treatywatch import model


class Standing(StrEnum):
    STATE_PARTY = "state_party"
    NOT_IN_FORCE_YET = "not_in_force_yet"  # consent deposited, not yet in force for the state
    SIGNATORY = "signatory"
    WITHDRAWN = "withdrawn"
    NOT_JOINED = "not_joined"  # only other acts (moratorium, renounced, ...) on that date
    # No act, and the depositary accepts none from it (registry.CANNOT_DEPOSIT: Kosovo).
    CANNOT_DEPOSIT = "cannot_deposit"


class ObligationStatus(StrEnum):
    PENDING = "pending"
    MET = "met"
    MET_LATE = "met-late"
    OVERDUE = "overdue"
    EXTENDED = "extended"
    NOT_APPLICABLE = "not-applicable"
    # The due date has passed and the record cannot say whether it was met (a request awaits
    # a decision the record lacks, or the record is not complete for that day): we never
    # claim "overdue" without the facts to support it.
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Alternative:
    """A date another source gives for the same act, not chosen (lower authority or later)."""

    kind: str
    date: dt.date | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StateStatus:
    iso3: str
    status: Standing
    signature: dt.date | None
    consent: dt.date | None
    consent_type: str | None
    entry_into_force: dt.date | None
    withdrawal_effective: dt.date | None
    provisional_application: dt.date | None = None
    withdrawal_notification: dt.date | None = None
    withdrawal_condition: str = ""
    basis: str = ""  # which article produced entry_into_force / withdrawal_effective
    alternatives: tuple[Alternative, ...] = ()


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    date: dt.date
    parties: int  # consent deposited, not withdrawn
    in_force: int  # treaty in force for the state that day
    signatories: int  # signed, no consent yet, not withdrawn
    withdrawn: int


@dataclass(frozen=True, slots=True)
class EntryIntoForce:
    date: dt.date
    article: str
    basis: str
    facts: tuple[model.Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Obligation:
    instrument: str
    state: str  # iso3
    obligation: str  # stockpile_destruction | clearance | transparency_initial | ..._annual
    article: str  # as the treaty numbers it: "3(2)", "4(1)(a)", "7(2)"
    due: dt.date | None
    status: ObligationStatus
    basis: str  # human text naming the article and the facts
    original_due: dt.date | None = None  # before any extension
    completed: dt.date | None = None
    extensions: int = 0  # granted extensions counted into ``due``
    # Citations behind the obligation. Named ``facts`` (not ``citations``) because views
    # render ``citations`` as enriched source dicts, which these are not.
    facts: tuple[model.Citation, ...] = ()
    issues: tuple[str, ...] = ()  # validation problems: extension over the maximum, ...
    year: int | None = None  # for an annual report, the calendar year it covers


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: dt.date | None
    event: str
    article: str
    basis: str
    facts: tuple[model.Citation, ...] = ()
