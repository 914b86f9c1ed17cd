"""Properties of the entry-into-force arithmetic over any deposit date, month ends and
29 February included."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_rules_engine import SOURCES, ccm_opening, fact
from treatywatch import model
from treatywatch.rules import Engine
from treatywatch.rules.dates import add_months, add_years, first_day_of_month_after

D = dt.date
TREATY_EIF = D(2010, 8, 1)  # the 30th deposit in ``ccm_opening`` is on 16 February 2010

_awkward = st.sampled_from(
    [
        D(2012, 2, 29),
        D(2016, 2, 29),
        D(2011, 1, 31),
        D(2011, 8, 31),
        D(2010, 12, 31),
        D(2010, 2, 16),
        D(2010, 2, 28),
        D(2020, 2, 29),
        D(2023, 12, 31),
    ]
)
deposits = st.one_of(_awkward, st.dates(min_value=D(2010, 2, 16), max_value=D(2099, 12, 31)))


def _eif(day: dt.date) -> dt.date:
    acts = [*ccm_opening(), model.Action("CCM", "XYZ", model.ActionKind.ACCESSION, day)]
    found = Engine(model.Record(sources=dict(SOURCES), actions=acts)).entry_into_force("CCM", "XYZ")
    assert found is not None
    return found.date


@settings(max_examples=150, deadline=None)
@given(deposits)
def test_entry_into_force_is_a_first_of_month_strictly_after_deposit(day: dt.date) -> None:
    eif = _eif(day)
    assert eif.day == 1
    assert eif > day
    assert eif >= TREATY_EIF
    # ... and exactly the first day of the sixth month after the month of deposit.
    months = (eif.year - day.year) * 12 + eif.month - day.month
    assert months == 6 or eif == TREATY_EIF


@settings(max_examples=150, deadline=None)
@given(deposits, deposits)
def test_entry_into_force_is_monotone_in_the_deposit_date(a: dt.date, b: dt.date) -> None:
    first, second = sorted((a, b))
    assert first_day_of_month_after(first, 6) <= first_day_of_month_after(second, 6)
    assert _eif(first) <= _eif(second)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2900, 12, 31)), st.integers(0, 600))
def test_add_months_keeps_the_day_or_clamps_to_month_end(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or (later.day < day.day and (later + dt.timedelta(1)).day == 1)


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2500, 12, 31)), st.integers(1, 20))
def test_add_years_on_29_february(day: dt.date, years: int) -> None:
    later = add_years(day, years)
    assert later.year == day.year + years and later.month == day.month
    if (day.month, day.day) == (2, 29):
        assert later.day in (28, 29)


def test_known_dates() -> None:
    assert first_day_of_month_after(D(2010, 2, 16), 6) == D(2010, 8, 1)
    assert first_day_of_month_after(D(2011, 9, 13), 6) == D(2012, 3, 1)
    assert first_day_of_month_after(D(2011, 8, 31), 6) == D(2012, 2, 1)
    assert add_months(D(2025, 3, 6), 6) == D(2025, 9, 6)
    assert add_months(D(2011, 8, 31), 6) == D(2012, 2, 29)
    assert add_years(D(2012, 2, 29), 1) == D(2013, 2, 28)
    assert add_years(D(2021, 3, 1), 1.5) == D(2022, 9, 1)


_days = st.dates(min_value=D(2010, 9, 1), max_value=D(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(_days, st.integers(1, 3000), st.integers(0, 3000), _days)
def test_found_stock_leaves_the_obligation_met_only_outside_its_open_span(
    first: dt.date, found_after: int, done_after: int, day: dt.date
) -> None:
    # Any dates: a completion, more stock found later, that part completed later still.
    found = first + dt.timedelta(days=found_after)
    second = found + dt.timedelta(days=done_after)
    part = "stocks found later"
    facts = [
        fact("IRL", "stockpile_destruction", "completed", first),
        fact("IRL", "stockpile_destruction", "found", found, scope=part),
        fact("IRL", "stockpile_destruction", "completed", second, scope=part),
    ]
    record = model.Record(sources=dict(SOURCES), actions=ccm_opening(), obligations=facts)
    (ob,) = [
        o
        for o in Engine(record).obligations("CCM", day, "IRL")
        if o.obligation == "stockpile_destruction"
    ]
    met = ob.status.value.startswith("met")
    assert met == (first <= day < found or second <= day)
    if met:
        assert ob.completed == (second if second <= day else first)


_any_day = st.dates(min_value=D(2008, 1, 1), max_value=D(2030, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.lists(_any_day, min_size=2, max_size=12))
def test_compliance_on_any_sequence_of_days_is_what_each_day_alone_gives(
    days: list[dt.date],
) -> None:
    # The engine keeps each state's answer over the stretch it holds for; asked on days in
    # any order it must give exactly what a fresh engine gives on each day alone.
    from tests.test_rules_engine import BGR, LTU, SWZ, ccm_record

    facts = (
        fact("BGR", "stockpile_destruction", "deadline", deadline=D(2019, 10, 1)),
        fact("BGR", "stockpile_destruction", "extension_granted", D(2019, 11, 25), years=1.5),
        fact("BGR", "stockpile_destruction", "completed", D(2023, 9, 12)),
        fact("BGR", "clearance", "deadline", deadline=D(2021, 10, 1)),
    )
    record = ccm_record(SWZ, BGR, *LTU, obligations=facts)
    kept = Engine(record)
    for day in days:
        assert kept.compliance("CCM", day) == Engine(record).compliance("CCM", day)


@settings(max_examples=80, deadline=None)
@given(st.lists(_any_day, min_size=1, max_size=10))
def test_status_kept_per_stretch_is_what_each_day_gives(days: list[dt.date]) -> None:
    # The engine keeps each day's standings per stretch between change days; on any day it
    # must be what the standings give computed for that very day.
    from tests.test_rules_engine import BGR, LTU, SWZ, ccm_record

    engine = Engine(ccm_record(SWZ, BGR, *LTU))
    standings = engine._treaty("CCM").standings
    for day in days:
        direct = [s for a in standings.states.values() if (s := standings.status(a, day))]
        assert engine.status("CCM", day) == sorted(direct, key=lambda s: s.iso3)
