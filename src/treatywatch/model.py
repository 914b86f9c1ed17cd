"""The vocabulary of the record: plain, immutable value types shared by every layer.

Nothing here touches a database, a file or the network, so the rules engine, the
loader, the store and the extractors can all speak the same types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, ClassVar


class InstrumentKind(StrEnum):
    TREATY = "treaty"
    DECLARATION = "declaration"


class EventKind(StrEnum):
    CONFERENCE = "conference"
    REGIONAL_CONFERENCE = "regional_conference"
    DIPLOMATIC_CONFERENCE = "diplomatic_conference"
    SIGNING_CONFERENCE = "signing_conference"
    MEETING_OF_STATES_PARTIES = "meeting_of_states_parties"
    REVIEW_CONFERENCE = "review_conference"
    INTERSESSIONAL = "intersessional"
    OTHER = "other"


class Role(StrEnum):
    #: Took part, where the source does not say in which capacity.
    PARTICIPANT = "participant"
    #: Took part as a State Party (the final reports list these apart from signatories).
    STATE_PARTY = "state_party"
    #: Took part as a signatory that has not ratified.
    SIGNATORY = "signatory"
    OBSERVER = "observer"
    HOST = "host"
    PRESIDENT = "president"


class ActionKind(StrEnum):
    ENDORSEMENT = "endorsement"
    ADOPTION = "adoption"
    SIGNATURE = "signature"
    RATIFICATION = "ratification"
    ACCESSION = "accession"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    SUCCESSION = "succession"
    PROVISIONAL_APPLICATION = "provisional_application"
    WITHDRAWAL_NOTIFICATION = "withdrawal_notification"
    WITHDRAWAL_EFFECTIVE = "withdrawal_effective"
    # A notice purporting to suspend the treaty's operation (Ukraine, APMBC, July 2025). The
    # treaties provide no suspension, so it changes no state's standing; it is on record
    # because states and the meetings responded to it.
    SUSPENSION = "suspension"
    # National policy steps that are not treaty instruments but are reported as facts.
    MORATORIUM = "moratorium"
    RENOUNCED = "renounced"


#: Instruments of consent to be bound: each makes a state a party once deposited.
CONSENT_KINDS: frozenset[ActionKind] = frozenset(
    {
        ActionKind.RATIFICATION,
        ActionKind.ACCESSION,
        ActionKind.ACCEPTANCE,
        ActionKind.APPROVAL,
        ActionKind.SUCCESSION,
    }
)


class Stance(StrEnum):
    SUPPORTIVE = "supportive"
    CONSIDERING = "considering"
    NOT_YET = "not-yet"
    OPPOSED = "opposed"


TOPICS: frozenset[str] = frozenset(
    {
        "universalisation",
        "victim-assistance",
        "clearance",
        "stockpile-destruction",
        "transparency",
        "compliance",
        "cooperation-assistance",
        "ccw-protocol",
        "interoperability",
        "national-implementation",
        "use-of-cluster-munitions",
    }
)


class Authority(StrEnum):
    """How much weight a source carries when two sources disagree."""

    DEPOSITARY = "depositary"  # the treaty's own depositary (UN Secretary-General)
    OFFICIAL = "official"  # treaty bodies, governments, conference documents
    MONITOR = "monitor"  # civil-society monitoring (Landmine and Cluster Munition Monitor)
    SECONDARY = "secondary"  # news, blogs, campaign updates


AUTHORITY_RANK: dict[Authority, int] = {
    Authority.DEPOSITARY: 0,
    Authority.OFFICIAL: 1,
    Authority.MONITOR: 2,
    Authority.SECONDARY: 3,
}

#: What one independent source adds to the value it gives, by its authority: the
#: depositary settles a question alone; a treaty body or government outweighs two
#: Monitor reports and several news items, but two official sources that agree outweigh
#: one that stands alone (an archived support-unit list against the UN's convening note
#: and a meeting report).
AUTHORITY_WEIGHT: dict[Authority, int] = {
    Authority.DEPOSITARY: 1000,
    Authority.OFFICIAL: 10,
    Authority.MONITOR: 4,
    Authority.SECONDARY: 1,
}


def preference(
    citations: Iterable[Citation], sources: Mapping[str, Source]
) -> tuple[int, int, str]:
    """How strongly the record holds a value, as a sort key (the preferred value first):
    the weight of the independent sources that give it (sources of one publisher count
    once, at their best), then the best authority among them, then the first source's id
    so the order never depends on how the files were read."""
    best_by_publisher: dict[str, int] = {}
    ranks: list[int] = []
    first = ""
    for c in citations:
        first = first or c.source_id
        src = sources.get(c.source_id)
        if src is None:
            continue
        publisher = (src.publisher or src.id).casefold()
        weight = AUTHORITY_WEIGHT[src.authority]
        best_by_publisher[publisher] = max(best_by_publisher.get(publisher, 0), weight)
        ranks.append(AUTHORITY_RANK[src.authority])
    return (-sum(best_by_publisher.values()), min(ranks, default=len(AUTHORITY_RANK)), first)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    authority: Authority
    url: str | None = None
    sha256: str | None = None
    published: dt.date | None = None
    retrieved: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """One source behind one fact, with where in the source the fact stands."""

    source_id: str
    locator: str = ""


@dataclass(frozen=True, slots=True)
class Implication:
    """An act on another instrument that, by the process's own terms, entails an act on
    this one: only states that had endorsed the Wellington Declaration could negotiate and
    adopt the Convention in Dublin, so each adopter endorsed it, on a day the record may not
    know. The entailed act, undated and citing ``citation``, is added for every state the
    record does not already show doing it: by the loader over data/, and by the store's reader
    for acts accepted through review (treatywatch.record.derive)."""

    instrument: str  # the other instrument ("CCM")
    action: ActionKind  # the act on it ("adoption")
    implies: ActionKind  # the act on this instrument it entails ("endorsement")
    citation: Citation  # the source for the entailment
    reason: str  # one sentence a reader sees in the derived fact's note

    #: The keys of the mapping form, as ``instruments.yaml`` writes a rule and the database
    #: stores it.
    KEYS: ClassVar[tuple[str, ...]] = (
        "instrument",
        "action",
        "implies",
        "source",
        "locator",
        "reason",
    )

    def as_mapping(self) -> dict[str, str]:
        return {
            "instrument": self.instrument,
            "action": self.action.value,
            "implies": self.implies.value,
            "source": self.citation.source_id,
            "locator": self.citation.locator,
            "reason": self.reason,
        }

    @classmethod
    def from_mapping(cls, spec: Mapping[str, Any]) -> Implication:
        """The rule from its mapping form; the caller has checked every key is there."""
        return cls(
            instrument=str(spec["instrument"]),
            action=ActionKind(spec["action"]),
            implies=ActionKind(spec["implies"]),
            citation=Citation(str(spec["source"]), str(spec["locator"]).strip()),
            reason=str(spec["reason"]).strip(),
        )


@dataclass(frozen=True, slots=True)
class Instrument:
    id: str  # "CCM", "APMBC", "OSLO-DECLARATION", ...
    name: str
    short_name: str
    kind: InstrumentKind
    adopted: dt.date | None
    opened_for_signature: dt.date | None
    depositary: str | None
    rules: str | None  # name of the rules declaration, for treaties
    citations: tuple[Citation, ...] = ()
    # The day the depositary records the treaty entering into force. The rules engine
    # computes the same day from the deposits; where the record does not yet hold every
    # deposit, this recorded day is what it falls back on.
    entered_into_force: dt.date | None = None
    implied_by: Implication | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    name: str
    kind: EventKind
    instrument: str | None
    city: str | None
    country: str | None  # iso3
    start: dt.date | None
    end: dt.date | None
    citations: tuple[Citation, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Participation:
    event: str
    participant: str  # iso3, or "org:ACRONYM", or "person:Full Name"
    role: Role
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Action:
    instrument: str
    state: str  # iso3
    kind: ActionKind
    date: dt.date | None
    citations: tuple[Citation, ...] = ()
    note: str = ""

    @property
    def key(self) -> tuple[str, str, ActionKind]:
        return (self.instrument, self.state, self.kind)


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    speaker: str  # iso3, "org:ACRONYM" or "person:Full Name"
    event: str | None
    date: dt.date | None
    text: str
    topics: tuple[str, ...] = ()
    stance: Stance | None = None
    citations: tuple[Citation, ...] = ()
    #: The agenda item the statement was made under, as the source names it ("General
    #: exchange of views"); empty where the source does not say.
    agenda: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """A number a source asserts about a subject, e.g. "67 states attended Lima"."""

    subject: str  # an event id or instrument id
    property: str  # e.g. "states_attending", "states_adopting"
    quantity: int
    unit: str
    text: str
    citations: tuple[Citation, ...] = ()
    as_of: dt.date | None = None  # the day the number describes, where the source says


@dataclass(frozen=True, slots=True)
class ObligationFact:
    """A fact of record about an Article 3/4 obligation: a published deadline, an
    extension request or decision, a completion declaration."""

    instrument: str
    state: str
    obligation: str  # "stockpile_destruction" | "clearance" | "transparency_initial" ...
    kind: str  # see treatywatch.rules for the vocabulary
    date: dt.date | None  # when the fact happened (request submitted, decision taken)
    deadline: dt.date | None  # the deadline the fact states or sets
    years: float | None = None
    citations: tuple[Citation, ...] = ()
    note: str = ""
    #: Which part of the obligation the fact concerns, when a state reports more than one
    #: (Spain destroyed its declared stock in 2009 and stocks found in 2012 later); empty for
    #: the obligation as a whole. Facts with different scopes never disagree.
    scope: str = ""
    #: The meeting that decided (or is to decide) it, an event id; None where not given.
    event: str | None = None
    #: The UN document symbol of the request or decision ("APLC/MSP.22/2025/WP.5").
    document: str = ""


#: The dates an "as of" question may name, in the CLI, the API and the pages. Beyond them
#: the rules engine's date arithmetic leaves the calendar (year 10000), and each year later
#: adds a round of annual reports per state to compute, so a far-future day is both a crash
#: and a slow request. Every date a treaty of the record concerns (1997 onwards, and a
#: century of deadlines after the last day) falls inside.
ASKABLE_DAYS = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))

#: What an obligation fact may say (``ObligationFact.kind``).
OBLIGATION_KINDS = frozenset(
    {
        "deadline",  # a deadline as published
        "extension_request",  # a request submitted to a meeting
        "extension_granted",  # a meeting's decision granting it
        "extension_deferred",  # a meeting took no decision: the request stays open
        "extension_refused",  # a meeting did not grant it
        "completed",  # completion declared
        "found",  # more stocks or contaminated areas came to light after a completion
        "not_applicable",  # the state declared it has nothing to destroy or clear
        "noncompliance",  # a meeting, the President or the Monitor found a breach
    }
)

#: Article 7 reports: the initial report and the annual update covering a calendar year.
REPORT_KINDS = frozenset({"initial", "annual"})
#: ``received``: a report the UN received (on ``date``, where a source gives the day);
#: ``not_received``: a source says that on ``date`` the report had not been received.
REPORT_STATUSES = frozenset({"received", "not_received"})


@dataclass(frozen=True, slots=True)
class ReportFact:
    """A fact of record about one Article 7 transparency report of one state."""

    instrument: str
    state: str  # iso3
    report: str  # "initial" | "annual"
    year: int | None  # for an annual report, the calendar year it covers
    status: str  # "received" | "not_received"
    date: dt.date | None  # day received; for not_received, the day the source speaks of
    citations: tuple[Citation, ...] = ()
    note: str = ""


#: The parts of a treaty's record whose completeness ``data/coverage.yaml`` declares, by the
#: name the rules give the obligation.
COVERAGE_PARTS = frozenset(
    {"stockpile_destruction", "clearance", "transparency_initial", "transparency_annual"}
)


@dataclass(frozen=True, slots=True)
class Coverage:
    """How far the record of one obligation of one treaty is complete.

    Up to ``complete_through`` every fact of that kind (requests, decisions, completions;
    reports received) is on record, so an absence there is evidence. The record is taken to
    reach a later day too while ``next_meeting`` (the next meeting at which decisions are
    taken or completions declared) has not begun: nothing that changes a verdict happens
    between meetings without being declared at the next one."""

    instrument: str
    part: str  # an obligation name (COVERAGE_PARTS)
    complete_through: dt.date | None
    through_event: str | None = None  # the last meeting whose decisions are all on record
    next_meeting: str | None = None  # an event id
    basis: str = ""


@dataclass(slots=True)
class Record:
    """The whole curated record, as loaded and validated from ``data/``."""

    sources: dict[str, Source] = field(default_factory=dict)
    instruments: dict[str, Instrument] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    participation: list[Participation] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    obligations: list[ObligationFact] = field(default_factory=list)
    reports: list[ReportFact] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Variant:
    """One value of a disputed fact, with the sources that give it."""

    value: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources disagree on one fact: each variant is kept, none is dropped."""

    fact_type: str  # "action", "claim", "event", "obligation", "participation"
    key: str  # e.g. "CCM/SWZ/accession" or "lima-2007/states_attending"
    field: str  # which value differs: "date", "quantity", "start", ...
    variants: tuple[Variant, ...]


def _pickled_by_fields(cls: type) -> None:
    """Pickle a slotted dataclass as its class and field values: the state methods
    dataclasses gives slotted classes look up the fields on every object, and a read
    command loads its record copy (store/snapshot.py), some 9,000 objects, on each run."""
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, tuple(getattr(self, n) for n in names)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign, assignment]


for _cls in (
    Source, Citation, Implication, Instrument, Event, Participation, Action, Statement,
    Claim, ObligationFact, ReportFact, Coverage, Variant, Conflict,
):  # fmt: skip
    _pickled_by_fields(_cls)
