"""A verdict only on evidence: "overdue" where the record supports it, "unknown" (with the
reason) where it does not, on synthetic records built from real shapes (Somalia's pending
request, Iraq's decided one, Greece's missed stockpile deadline, a list of late reports)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_rules_engine import (
    BGR,
    MONITOR,
    SOURCES,
    SWZ,
    by,
    ccm_opening,
    ccm_record,
    coverage,
    fact,
)
from treatywatch import model
from treatywatch.rules import Engine, ObligationStatus

D = dt.date
S = ObligationStatus
DEADLINE = fact("BGR", "clearance", "deadline", deadline=D(2021, 10, 1))


def meeting(eid: str, start: dt.date) -> model.Event:
    return model.Event(
        eid, eid, model.EventKind.MEETING_OF_STATES_PARTIES, "CCM", None, None, start, start
    )


def clearance(record: model.Record, day: dt.date) -> object:
    return by(Engine(record).obligations("CCM", day, "BGR"), "clearance")


def test_without_declared_coverage_a_passed_deadline_is_unknown_and_says_why() -> None:
    ob = clearance(ccm_record(BGR, obligations=(DEADLINE,), covered=[]), D(2022, 1, 1))
    assert ob.status is S.UNKNOWN
    assert "deadline 2021-10-01 passed with no completion on record" in ob.basis
    assert "not declared complete" in ob.basis


def test_coverage_reaches_its_day_and_on_to_the_next_meeting_only() -> None:
    events = {"msp": meeting("msp", D(2022, 9, 1))}
    covered = coverage(D(2021, 12, 31), next_meeting="msp")
    record = ccm_record(BGR, obligations=(DEADLINE,), covered=covered, events=events)
    assert clearance(record, D(2021, 12, 31)).status is S.OVERDUE
    # No meeting between: nothing can have changed the verdict without the record knowing.
    assert clearance(record, D(2022, 8, 31)).status is S.OVERDUE
    later = clearance(record, D(2022, 9, 1))
    assert later.status is S.UNKNOWN
    assert "the decisions of msp (2022-09-01) are not on record" in later.basis
    # Without a next meeting on record, the coverage ends on its day.
    bare = ccm_record(BGR, obligations=(DEADLINE,), covered=coverage(D(2021, 12, 31)))
    assert clearance(bare, D(2022, 1, 1)).status is S.UNKNOWN


def test_a_request_answered_by_its_meeting_no_longer_holds_the_verdict() -> None:
    # Iraq's shape: a request to the meeting, decided there; the new deadline then passes.
    request = fact("BGR", "clearance", "extension_request", D(2021, 3, 1), D(2023, 10, 1))
    request = model.ObligationFact(**{**_fields(request), "event": "msp"})
    granted = model.ObligationFact(
        **{
            **_fields(fact("BGR", "clearance", "extension_granted", D(2021, 9, 3), D(2023, 10, 1))),
            "event": "msp",
        }
    )
    record = ccm_record(BGR, obligations=(DEADLINE, request, granted))
    ob = clearance(record, D(2022, 1, 1))
    assert (ob.status, ob.due) == (S.EXTENDED, D(2023, 10, 1))
    assert clearance(record, D(2024, 1, 1)).status is S.OVERDUE


def test_a_refused_request_leaves_the_deadline_and_a_deferred_one_keeps_it_open() -> None:
    request = fact("BGR", "clearance", "extension_request", D(2021, 3, 1), D(2025, 10, 1))
    refused = fact("BGR", "clearance", "extension_refused", D(2021, 9, 3))
    deferred = fact("BGR", "clearance", "extension_deferred", D(2021, 9, 3))
    assert (
        clearance(ccm_record(BGR, obligations=(DEADLINE, request, refused)), D(2022, 1, 1)).status
        is S.OVERDUE
    )
    kept = clearance(ccm_record(BGR, obligations=(DEADLINE, request, deferred)), D(2022, 1, 1))
    assert kept.status is S.UNKNOWN and "no decision on record" in kept.basis


def test_a_finding_of_noncompliance_is_named_in_the_basis() -> None:
    finding = fact("BGR", "clearance", "noncompliance", D(2022, 9, 1))
    ob = clearance(ccm_record(BGR, obligations=(DEADLINE, finding)), D(2022, 10, 1))
    assert ob.status is S.OVERDUE and "found in non-compliance on 2022-09-01 (monitor)" in ob.basis


def _fields(f: model.ObligationFact) -> dict:
    return {name: getattr(f, name) for name in f.__slots__}  # type: ignore[attr-defined]


# -- Article 7 reports ---------------------------------------------------------------------

SWZ_DUE = D(2012, 8, 28)  # in force for Swaziland 1 March 2012; 180 days later


def report(status: str, day: dt.date | None, kind: str = "initial", year: int | None = None):
    return model.ReportFact("CCM", "SWZ", kind, year, status, day, MONITOR)


def initial(record: model.Record, day: dt.date) -> object:
    return by(Engine(record).obligations("CCM", day, "SWZ"), "transparency_initial")


def test_a_report_received_on_time_is_met_and_late_is_met_late_on_its_day() -> None:
    on_time = ccm_record(SWZ, reports=(report("received", D(2012, 8, 1)),))
    ob = initial(on_time, D(2013, 1, 1))
    assert (ob.status, ob.completed) == (S.MET, D(2012, 8, 1))
    late = ccm_record(SWZ, reports=(report("received", D(2014, 2, 3)),))
    assert (initial(late, D(2015, 1, 1)).status, initial(late, D(2015, 1, 1)).completed) == (
        S.MET_LATE,
        D(2014, 2, 3),
    )
    # Before it arrived, the record shows it had not: overdue then, by its own receipt day.
    before = initial(late, D(2013, 6, 1))
    assert before.status is S.OVERDUE and "received only on 2014-02-03" in before.basis


def test_a_dated_statement_that_a_report_had_not_arrived_makes_it_overdue_up_to_that_day() -> None:
    record = ccm_record(SWZ, reports=(report("not_received", D(2015, 6, 18)),))
    assert initial(record, D(2015, 6, 18)).status is S.OVERDUE
    assert initial(record, D(2014, 1, 1)).status is S.OVERDUE
    after = initial(record, D(2016, 1, 1))
    assert after.status is S.UNKNOWN
    assert "not received as of 2015-06-18" in after.basis


def test_reports_read_overdue_only_where_their_record_is_complete() -> None:
    bare = ccm_record(SWZ)
    assert initial(bare, D(2013, 1, 1)).status is S.UNKNOWN
    covered = ccm_record(SWZ, covered=coverage(D(2020, 1, 1), ("transparency_initial",)))
    assert initial(covered, D(2013, 1, 1)).status is S.OVERDUE
    assert initial(covered, D(2012, 8, 28)).status is S.PENDING


def test_annual_reports_are_read_year_by_year() -> None:
    facts = (report("received", D(2014, 4, 29), "annual", 2013),)
    rows = {
        o.year: o
        for o in Engine(ccm_record(SWZ, reports=facts)).obligations("CCM", D(2015, 1, 1), "SWZ")
        if o.obligation == "transparency_annual"
    }
    assert rows[2013].status is S.MET and rows[2013].completed == D(2014, 4, 29)
    assert rows[2012].status is S.UNKNOWN
    assert rows[2014].status is S.PENDING


# -- the property ----------------------------------------------------------------------------

_days = st.dates(min_value=D(2018, 1, 1), max_value=D(2032, 12, 31))


@settings(max_examples=300, deadline=None)
@given(
    # From the day Article 4 gives Ireland (1 August 2020), so the published one is the one due.
    deadline=st.dates(min_value=D(2020, 8, 1), max_value=D(2030, 12, 31)),
    request_on=st.one_of(st.none(), _days),
    asked_years=st.integers(1, 5),
    through=st.one_of(st.none(), _days),
    meeting_on=st.one_of(st.none(), _days),
    day=_days,
)
def test_never_overdue_while_a_request_awaits_a_decision_or_the_record_falls_short(
    deadline: dt.date,
    request_on: dt.date | None,
    asked_years: int,
    through: dt.date | None,
    meeting_on: dt.date | None,
    day: dt.date,
) -> None:
    facts = [fact("IRL", "clearance", "deadline", deadline=deadline)]
    if request_on is not None:
        asked = D(deadline.year + asked_years, deadline.month, 1)
        facts.append(fact("IRL", "clearance", "extension_request", request_on, asked))
    events = {"next": meeting("next", meeting_on)} if meeting_on else {}
    record = model.Record(
        sources=dict(SOURCES),
        actions=ccm_opening(),
        obligations=facts,
        coverage=coverage(through, next_meeting="next" if meeting_on else None),
        events=events,
    )
    (ob,) = [
        o for o in Engine(record).obligations("CCM", day, "IRL") if o.obligation == "clearance"
    ]
    pending = request_on is not None and request_on <= day
    # The record speaks for a day up to its complete day, and on until the next meeting
    # for a breach it already showed.
    reaches = (
        through is not None
        and deadline <= through
        and (
            day <= through or (meeting_on is not None and meeting_on > through and day < meeting_on)
        )
    )
    if ob.status is S.OVERDUE:
        assert day > deadline and not pending and reaches
    elif day > deadline:
        # Everything else the record shows makes it unknown, never silently pending.
        assert ob.status is S.UNKNOWN
        assert pending or not reaches


def test_what_is_found_after_a_declaration_of_none_reopens_it() -> None:
    # Niger's shape: no mined areas declared, one reported years later, then extended.
    facts = (
        fact("BGR", "clearance", "not_applicable", D(2019, 5, 26)),
        fact("BGR", "clearance", "found", D(2022, 5, 1), scope="area found in 2022"),
    )
    record = ccm_record(BGR, obligations=facts)
    assert clearance(record, D(2020, 1, 1)).status is S.NOT_APPLICABLE
    # Found after the deadline (1 October 2021): the Article sets it no day of its own.
    later = clearance(record, D(2023, 1, 1))
    assert later.status is S.UNKNOWN and "declared nothing to do 2019-05-26" in later.basis
    done = (
        *facts,
        fact("BGR", "clearance", "completed", D(2024, 2, 1), scope="area found in 2022"),
    )
    ob = clearance(ccm_record(BGR, obligations=done), D(2025, 1, 1))
    assert ob.status.value.startswith("met") and ob.completed == D(2024, 2, 1)


def test_a_completion_known_only_to_have_been_done_by_a_day_counts_on_that_day() -> None:
    # Guinea-Bissau's shape: cleared by its deadline, declared weeks after it.
    facts = (
        DEADLINE,
        fact("BGR", "clearance", "completed", D(2021, 11, 15)),
        fact("BGR", "clearance", "completed", None, D(2021, 10, 1)),
    )
    ob = clearance(ccm_record(BGR, obligations=facts), D(2021, 10, 20))
    assert (ob.status, ob.completed) == (S.MET, D(2021, 10, 1))
    assert "completed by 2021-10-01" in ob.basis
