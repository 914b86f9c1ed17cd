"""The shapes of the API's answers, as pydantic models, for the OpenAPI document only.

The routes build their answers as plain dicts and write them with orjson (deps.JSON), so
these models are never used to validate or serialise at run time and cost nothing per
request. They exist so the document says what each operation returns: a client can be
generated from it, and a schema-driven test (tests/reliability) checks every answer against
them, which keeps them true. Closed vocabularies are the record's own enums, so a value
added there appears here.

Objects allow keys beyond those listed (JSON Schema's default), so adding a field to an
answer does not break a client; removing or retyping one fails the schema test.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from treatywatch import model
from treatywatch.rules.results import ObligationStatus, Standing

T = TypeVar("T")


class Error(BaseModel):
    """Every error the API answers: one sentence, and the HTTP status again."""

    error: str = Field(description="What went wrong, in one sentence.")
    status: int = Field(description="The HTTP status code of the response.")


#: Declared on every operation: the API's real error shape, in place of FastAPI's default
#: ``{"detail": [...]}``, which this API never sends.
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": Error, "description": "Nothing of that name or id is in the record."},
    422: {"model": Error, "description": "A parameter is empty, unknown or out of range."},
}


class Page(BaseModel, Generic[T]):
    """The one pagination shape: how many rows match, the window asked for, and its rows."""

    total: int
    limit: int
    offset: int
    items: list[T]


class Items(BaseModel, Generic[T]):
    items: list[T]


class Citation(BaseModel):
    """A source behind a fact, with where in it the fact stands."""

    source: str
    locator: str
    title: str | None
    url: str | None
    authority: model.Authority | None


class FactCitation(BaseModel):
    """A citation as the rules engine keeps it (the source's id and the locator)."""

    source_id: str
    locator: str


class SourceRow(BaseModel):
    id: str
    authority: model.Authority
    title: str
    publisher: str
    url: str | None
    sha256: str | None
    published: dt.date | None
    retrieved: dt.date | None
    locator: str | None = Field(
        default=None, description="Where in the source the fact stands (with `fact` only)."
    )


class Variant(BaseModel):
    value: str
    citations: list[Citation]


class ConflictRow(BaseModel):
    fact_type: str
    key: str
    field: str
    variants: list[Variant]


# -- treaties ------------------------------------------------------------------------------


class TreatyRow(BaseModel):
    id: str
    name: str
    short_name: str
    kind: model.InstrumentKind
    adopted: dt.date | None
    opened_for_signature: dt.date | None
    entered_into_force: dt.date | None
    depositary: str | None
    rules: str | None
    citations: list[Citation]


class TreatyDetail(TreatyRow):
    status_counts: dict[str, int] | None = Field(
        default=None, description="States per status on the date (treaties with rules only)."
    )


class Alternative(BaseModel):
    kind: str
    date: dt.date | None
    sources: list[str]


class _Standing(BaseModel):
    """What a state's standing toward a treaty is on a day: shared by the two rows below."""

    iso3: str
    state: str
    status: Standing
    signature: dt.date | None
    consent: dt.date | None
    consent_type: str | None
    entry_into_force: dt.date | None
    withdrawal_effective: dt.date | None


class StatusRow(_Standing):
    provisional_application: dt.date | None
    withdrawal_notification: dt.date | None
    withdrawal_condition: str
    basis: str
    alternatives: list[Alternative]


class SeriesPoint(BaseModel):
    date: dt.date
    parties: int
    in_force: int
    signatories: int
    withdrawn: int


# -- states --------------------------------------------------------------------------------


class StateRow(_Standing):
    region: str
    subregion: str


class StateAction(BaseModel):
    instrument: str
    action: model.ActionKind
    date: dt.date | None
    note: str
    citations: list[Citation]


class StateParticipation(BaseModel):
    event: str
    event_name: str
    start: dt.date | None
    role: model.Role
    citations: list[Citation]


class StateStatement(BaseModel):
    id: str
    event: str | None
    date: dt.date | None
    text: str
    topics: list[str]
    stance: model.Stance | None
    citations: list[Citation]


class ObligationFact(BaseModel):
    instrument: str
    obligation: str
    kind: str
    date: dt.date | None
    deadline: dt.date | None
    years: float | None
    citations: list[Citation]


class StateStory(BaseModel):
    iso3: str
    iso2: str
    name: str
    formal_name: str
    region: str
    subregion: str
    un_member: bool
    names: list[str]
    groupings: list[str]
    actions: list[StateAction]
    participation: list[StateParticipation]
    statements: list[StateStatement]
    obligation_facts: list[ObligationFact]
    conflicts: list[ConflictRow]
    sources: list[SourceRow]


# -- events and statements -----------------------------------------------------------------


class EventRow(BaseModel):
    id: str
    name: str
    kind: model.EventKind
    instrument: str | None
    city: str | None
    country: str | None
    start: dt.date | None
    end: dt.date | None


class Participant(BaseModel):
    participant: str
    name: str
    role: model.Role
    citations: list[Citation]


class EventStatement(BaseModel):
    id: str
    speaker: str
    speaker_name: str
    date: dt.date | None
    text: str
    topics: list[str]
    stance: model.Stance | None
    citations: list[Citation]


class EventClaim(BaseModel):
    property: str
    as_of: dt.date | None
    quantity: float
    unit: str
    text: str
    citations: list[Citation]


class EventDetail(EventRow):
    note: str
    citations: list[Citation]
    participants: list[Participant]
    statements: list[EventStatement]
    claims: list[EventClaim]
    conflicts: list[ConflictRow]


class StatementRow(EventStatement):
    event: str | None


# -- meetings (query_meetings) -------------------------------------------------------------


class MeetingStatement(StatementRow):
    agenda: str = Field(description="The agenda item, as the source names it; empty if not.")


class RoleMember(BaseModel):
    participant: str
    name: str
    citations: list[Citation]


class RoleGroup(BaseModel):
    role: model.Role
    count: int = Field(description="Participants listed in this role.")
    states: int = Field(description="Of them, states (not organisations or people).")
    participants: list[RoleMember]


class CountCheck(BaseModel):
    """A source's count of attendance beside the record's count of the same roles."""

    property: str = Field(description="What is counted, e.g. states_attending, observer_states.")
    roles: list[model.Role] = Field(description="The roles counted; empty: any capacity.")
    quantity: int = Field(description="What the source counts.")
    bound: str = Field(description="exact, at_least or more_than, as the source words it.")
    as_of: dt.date | None
    text: str
    recorded: int = Field(description="How many states the record lists in those roles.")
    status: str = Field(
        description="reproduced; partial (the record lists fewer than the source counts); "
        "differs (it lists more)."
    )
    summary: str = Field(description="The check in one English sentence.")
    citations: list[Citation]


class TopicGroup(BaseModel):
    topic: str | None = Field(description="The topic; null for statements tagged with none.")
    label: str
    count: int
    statements: list[MeetingStatement]


class MeetingDetail(EventDetail):
    participants_by_role: list[RoleGroup]
    count_checks: list[CountCheck]
    statements_by_topic: list[TopicGroup]
    next_meeting: EventRow | None


class FacetValue(BaseModel):
    value: str
    label: str
    count: int = Field(description="Statements this value gives, the other choices kept.")
    selected: bool


class StatementSearch(Page[MeetingStatement]):
    facets: dict[str, list[FacetValue]] = Field(
        description="For speaker, topic, stance, event and year: each value and its count."
    )


class AttendedMeeting(BaseModel):
    event: str
    event_name: str
    instrument: str | None
    kind: model.EventKind
    start: dt.date | None
    year: int | None
    roles: list[model.Role]
    capacity: model.Role = Field(description="The most specific capacity the roles give.")
    citations: list[Citation]


class AttendanceYear(BaseModel):
    year: int
    meetings: int = Field(description="Meetings the record holds that year.")
    attended: int
    by_capacity: dict[str, int]


class Attendance(BaseModel):
    iso3: str
    name: str
    meetings: list[AttendedMeeting]
    years: list[AttendanceYear]
    statements: list[MeetingStatement]


# -- obligations and compliance ------------------------------------------------------------


class ObligationRow(BaseModel):
    instrument: str
    state: str
    state_name: str
    obligation: str
    article: str
    due: dt.date | None
    status: ObligationStatus
    basis: str
    original_due: dt.date | None
    completed: dt.date | None
    extensions: int
    facts: list[FactCitation]
    issues: list[str]
    year: int | None


class ComplianceCell(BaseModel):
    status: ObligationStatus
    due: dt.date | None
    year: int | None
    article: str
    basis: str
    original_due: dt.date | None
    completed: dt.date | None
    extensions: int
    facts: list[Citation]
    issues: list[str]


class ComplianceRow(BaseModel):
    instrument: str
    iso3: str
    state: str
    region: str | None
    link: str
    cells: dict[str, ComplianceCell | None] = Field(
        description="One cell per obligation; null where the rules compute none."
    )


class CoverageRow(BaseModel):
    obligation: str
    complete_through: dt.date | None
    through_event: str | None
    next_meeting: str | None
    reaches_as_of: bool
    basis: str


class ReportingYear(BaseModel):
    year: int
    required: int
    due: int
    received: int
    overdue: int
    unknown: int
    pending: int
    rate: float | None
    rate_on_record: float | None


class StatedRate(BaseModel):
    property: str
    as_of: dt.date | None
    year: int | None
    quantity: float
    unit: str
    text: str
    citations: list[Citation]


class Reporting(BaseModel):
    computed: list[ReportingYear]
    stated: list[StatedRate]


class Compliance(BaseModel):
    as_of: dt.date
    treaties: list[str]
    state: str | None
    obligations: list[str]
    statuses: list[str]
    counts: dict[str, dict[str, dict[str, int]]] = Field(
        description="Per treaty, per obligation, cells per status."
    )
    coverage: dict[str, list[CoverageRow]]
    rows: list[ComplianceRow]
    reporting: dict[str, Reporting]
