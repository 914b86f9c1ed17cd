"""The rules engine on records built from real facts (the depositary's dates where we name a
state; states named Q01.. are fillers that only bring the count of deposits to the
threshold, so that the entry-into-force arithmetic has something to count)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TypeAlias

import pytest

from treatywatch import model
from treatywatch.rules import Engine, ObligationStatus, Standing, load_rules

D = dt.date
K: TypeAlias = model.ActionKind
S = ObligationStatus

SOURCES = {
    "untc": model.Source("untc", "UNTC XXVI-6", "UN", model.Authority.DEPOSITARY, url="https://x"),
    "monitor": model.Source("monitor", "Monitor", "LCMM", model.Authority.MONITOR, url="https://y"),
    "news": model.Source(
        "news", "News", "Paper", model.Authority.SECONDARY, url="https://z", published=D(2023, 8, 1)
    ),
}
UNTC = (model.Citation("untc", "status table"),)
MONITOR = (model.Citation("monitor", "summary"),)
NEWS = (model.Citation("news", "para 1"),)


def act(
    state: str,
    kind: K,
    day: dt.date | None,
    cites: tuple[model.Citation, ...] = UNTC,
    instrument: str = "CCM",
) -> model.Action:
    return model.Action(instrument, state, kind, day, cites)


def fact(
    state: str,
    obligation: str,
    kind: str,
    day: dt.date | None = None,
    deadline: dt.date | None = None,
    years: float | None = None,
    cites: tuple[model.Citation, ...] = MONITOR,
    instrument: str = "CCM",
    scope: str = "",
) -> model.ObligationFact:
    return model.ObligationFact(
        instrument, state, obligation, kind, day, deadline, years, cites, scope=scope
    )


def ccm_opening(instrument: str = "CCM", threshold: int = 30, last: D = D(2010, 2, 16)) -> list:
    """Four states deposited on the signing day (3 Dec 2008); fillers; then the last two
    deposits on ``last`` (Burkina Faso and Moldova, 16 Feb 2010, the 29th and 30th)."""
    acts = [
        act(s, K.RATIFICATION, D(2008, 12, 3), instrument=instrument)
        for s in ("IRL", "VAT", "NOR", "SLE")
    ]
    fillers = threshold - 6
    acts += [
        act(
            f"Q{i:02d}", K.RATIFICATION, D(2009, 1, 5) + dt.timedelta(days=11 * i), UNTC, instrument
        )
        for i in range(fillers)
    ]
    acts += [act(s, K.RATIFICATION, last, instrument=instrument) for s in ("BFA", "MDA")]
    return acts


#: The record of Articles 3 and 4 declared complete to a far day, so that a passed deadline
#: with nothing else on record reads "overdue" (tests of coverage itself set their own).
COMPLETE = D(2030, 1, 1)


def coverage(
    through: dt.date | None = COMPLETE,
    parts: tuple[str, ...] = ("stockpile_destruction", "clearance"),
    instrument: str = "CCM",
    next_meeting: str | None = None,
) -> list[model.Coverage]:
    return [
        model.Coverage(instrument, part, through, next_meeting=next_meeting, basis="test")
        for part in parts
    ]


def ccm_record(
    *extra_actions: model.Action,
    obligations: tuple = (),
    reports: tuple = (),
    covered: list[model.Coverage] | None = None,
    events: dict[str, model.Event] | None = None,
) -> model.Record:
    actions = [*ccm_opening(), *extra_actions]
    return model.Record(
        sources=dict(SOURCES),
        actions=actions,
        obligations=list(obligations),
        reports=list(reports),
        coverage=coverage() if covered is None else covered,
        events=dict(events or {}),
    )


SWZ = act("SWZ", K.ACCESSION, D(2011, 9, 13))
LTU = (
    act("LTU", K.SIGNATURE, D(2008, 12, 3)),
    act("LTU", K.RATIFICATION, D(2011, 3, 24)),
    act("LTU", K.WITHDRAWAL_NOTIFICATION, D(2025, 3, 6)),
)


# -- declarations ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ccm", "apmbc"])
def test_every_rule_cites_its_article(name: str) -> None:
    rules = load_rules(name)
    assert rules.eif_article == "17(1)" and rules.later_article == "17(2)"
    assert rules.provisional_article == "18"
    assert all(d.article for d in rules.deadlines)
    assert rules.annual is not None and rules.annual.article == "7(2)"
    assert {m.article for m in rules.meetings} == {"11(2)", "12(1)"}

    def walk(node: object, path: str) -> None:
        # Every mapping that states a period or a condition also names its article.
        if isinstance(node, dict):
            periodic = {"years", "days", "months", "max_years", "month", "threshold"} & set(node)
            if periodic:
                assert "article" in node, f"{name}.yaml {path} has no article"
            for k, v in node.items():
                walk(v, f"{path}.{k}")

    walk(rules.declared, "")


def test_articles_as_the_treaties_number_them() -> None:
    ccm, apmbc = load_rules("ccm"), load_rules("apmbc")
    ccm_articles = {d.name: d.article for d in ccm.deadlines}
    assert ccm_articles == {
        "stockpile_destruction": "3(2)",
        "clearance": "4(1)(a)",
        "transparency_initial": "7(1)",
    }
    assert {d.name: d.article for d in apmbc.deadlines}["clearance"] == "5(1)"
    assert ccm.deadline("stockpile_destruction").extension.max_years == 4
    assert ccm.deadline("clearance").extension.max_years == 5
    assert apmbc.deadline("clearance").extension.max_years == 10
    assert apmbc.deadline("stockpile_destruction").extension is None
    assert (ccm.eif_threshold, apmbc.eif_threshold) == (30, 40)
    assert (ccm.withdrawal_article, apmbc.withdrawal_article) == ("20(2)", "20(3)")


# -- entry into force --------------------------------------------------------------------------


def test_ccm_enters_into_force_on_1_august_2010() -> None:
    eif = Engine(ccm_record()).entry_into_force("CCM")
    assert eif is not None
    assert eif.date == D(2010, 8, 1)
    assert eif.article == "17(1)"
    assert "2010-02-16" in eif.basis and "30th" in eif.basis
    assert eif.facts == UNTC


def test_not_in_force_with_29_deposits() -> None:
    actions = ccm_opening()[:-1]
    engine = Engine(model.Record(sources=dict(SOURCES), actions=actions))
    assert engine.entry_into_force("CCM") is None
    assert {s.status for s in engine.status("CCM", D(2011, 1, 1))} == {Standing.NOT_IN_FORCE_YET}


def test_eswatini_accession_2011_09_13_in_force_for_it_2012_03_01() -> None:
    engine = Engine(ccm_record(SWZ))
    eif = engine.entry_into_force("CCM", "SWZ")
    assert eif is not None and eif.date == D(2012, 3, 1) and eif.article == "17(2)"
    (st,) = engine.status("CCM", D(2011, 9, 13), "SWZ")
    assert st.status is Standing.NOT_IN_FORCE_YET
    assert (st.consent, st.consent_type, st.entry_into_force) == (
        D(2011, 9, 13),
        "accession",
        eif.date,
    )
    (st,) = engine.status("CCM", D(2012, 3, 1), "SWZ")
    assert st.status is Standing.STATE_PARTY


def test_first_depositors_take_the_treatys_date() -> None:
    engine = Engine(ccm_record())
    for iso3 in ("IRL", "BFA", "MDA"):
        eif = engine.entry_into_force("CCM", iso3)
        assert eif is not None and eif.date == D(2010, 8, 1) and eif.article == "17(1)"


def test_a_deposit_later_in_the_month_of_the_30th_still_gets_the_treatys_date() -> None:
    engine = Engine(ccm_record(act("XYZ", K.RATIFICATION, D(2010, 2, 28))))
    assert engine.entry_into_force("CCM", "XYZ").date == D(2010, 8, 1)


def test_acts_after_as_of_are_ignored() -> None:
    engine = Engine(ccm_record(SWZ))
    assert engine.status("CCM", D(2011, 9, 12), "SWZ") == []
    # Before the 30th deposit the treaty's entry into force is not known yet.
    (irl,) = engine.status("CCM", D(2010, 1, 1), "IRL")
    assert irl.status is Standing.NOT_IN_FORCE_YET and irl.entry_into_force is None
    assert all(s.consent <= D(2009, 6, 1) for s in engine.status("CCM", D(2009, 6, 1)))


def test_apmbc_with_40_deposits_in_force_1_march_1999() -> None:
    actions = ccm_opening("APMBC", 40, D(1998, 9, 16))
    actions = [
        a
        if a.date != D(2008, 12, 3)
        else model.Action("APMBC", a.state, a.kind, D(1997, 12, 3), UNTC)
        for a in actions
    ]
    actions = [
        a
        if not a.state.startswith("Q")
        else model.Action("APMBC", a.state, a.kind, D(1998, 1, 2), UNTC)
        for a in actions
    ]
    engine = Engine(model.Record(sources=dict(SOURCES), actions=actions))
    eif = engine.entry_into_force("APMBC")
    assert eif is not None and eif.date == D(1999, 3, 1) and "40th" in eif.basis


def test_succession_takes_effect_on_notification_and_does_not_count() -> None:
    engine = Engine(ccm_record(act("Q99", K.SUCCESSION, D(2012, 5, 17))))
    eif = engine.entry_into_force("CCM", "Q99")
    assert eif is not None and eif.date == D(2012, 5, 17)


# -- status ------------------------------------------------------------------------------------


def test_withdrawal_six_months_after_notification() -> None:
    engine = Engine(ccm_record(*LTU))
    (before,) = engine.status("CCM", D(2025, 9, 5), "LTU")
    assert before.status is Standing.STATE_PARTY
    assert before.withdrawal_notification == D(2025, 3, 6)
    assert before.withdrawal_effective == D(2025, 9, 6)
    assert "armed conflict" in before.withdrawal_condition
    (after,) = engine.status("CCM", D(2025, 9, 6), "LTU")
    assert after.status is Standing.WITHDRAWN
    assert "20(2)" in after.basis
    (signed,) = engine.status("CCM", D(2010, 1, 1), "LTU")
    assert signed.status is Standing.SIGNATORY and signed.signature == D(2008, 12, 3)


def test_recorded_effective_date_wins_over_the_computed_one() -> None:
    engine = Engine(ccm_record(*LTU, act("LTU", K.WITHDRAWAL_EFFECTIVE, D(2025, 9, 7))))
    (st,) = engine.status("CCM", D(2026, 1, 1), "LTU")
    assert st.withdrawal_effective == D(2025, 9, 7) and st.withdrawal_condition == ""


def test_conflicting_dates_the_depositary_wins_and_the_other_is_kept() -> None:
    engine = Engine(
        ccm_record(
            act("SWZ", K.ACCESSION, D(2011, 9, 12), NEWS),
            SWZ,
            act("SWZ", K.ACCESSION, D(2011, 9, 15), MONITOR),
        )
    )
    (st,) = engine.status("CCM", D(2012, 1, 1), "SWZ")
    assert st.consent == D(2011, 9, 13)
    assert {(a.date, a.sources) for a in st.alternatives} == {
        (D(2011, 9, 12), ("news",)),
        (D(2011, 9, 15), ("monitor",)),
    }


def test_conflicting_dates_of_equal_authority_the_earliest_wins() -> None:
    engine = Engine(ccm_record(act("SWZ", K.ACCESSION, D(2011, 9, 20)), SWZ))
    (st,) = engine.status("CCM", D(2012, 1, 1), "SWZ")
    assert st.consent == D(2011, 9, 13)
    assert [a.date for a in st.alternatives] == [D(2011, 9, 20)]


def test_undated_acts_are_ignored_and_reported() -> None:
    engine = Engine(ccm_record(act("USA", K.SIGNATURE, None)))
    assert engine.status("CCM", D(2020, 1, 1), "USA") == []
    assert any("USA" in i for i in engine.issues("CCM"))


def test_other_acts_give_not_joined() -> None:
    engine = Engine(ccm_record(act("FIN", K.MORATORIUM, D(2009, 1, 1))))
    (st,) = engine.status("CCM", D(2010, 1, 1), "FIN")
    assert st.status is Standing.NOT_JOINED


# -- series ------------------------------------------------------------------------------------


def test_series_counts_parties_on_the_day_of_deposit() -> None:
    engine = Engine(ccm_record(SWZ, *LTU))
    points = {p.date: p for p in engine.series("CCM")}
    assert points[D(2010, 2, 16)].parties == 30
    assert points[D(2010, 2, 16)].in_force == 0
    assert points[D(2010, 8, 1)].in_force == 30
    assert points[D(2011, 9, 13)].parties == 32  # 30 + Lithuania + Eswatini
    assert points[D(2011, 3, 24)].signatories == 0
    assert points[D(2012, 3, 1)].in_force == 32
    last = points[D(2025, 9, 6)]
    assert (last.parties, last.in_force, last.withdrawn) == (31, 31, 1)
    dates = [p.date for p in engine.series("CCM")]
    assert dates == sorted(set(dates))


def test_series_before_any_act_is_empty_and_point_dates_are_change_dates() -> None:
    engine = Engine(ccm_record())
    first = engine.series("CCM")[0]
    assert first.date == D(2008, 12, 3) and first.parties == 4


# -- obligations -------------------------------------------------------------------------------

BGR = act("BGR", K.RATIFICATION, D(2011, 4, 6))  # in force for Bulgaria 1 Oct 2011


def by(obligations: list, name: str):
    (found,) = [o for o in obligations if o.obligation == name]
    return found


def test_initial_report_180_days_after_entry_into_force() -> None:
    engine = Engine(ccm_record(SWZ))
    ob = by(engine.obligations("CCM", D(2012, 1, 1), "SWZ"), "transparency_initial")
    assert (ob.due, ob.article, ob.status) == (D(2012, 8, 28), "7(1)", S.PENDING)
    assert "7(1)" in ob.basis and "2012-03-01" in ob.basis
    # Past due with no record of submission: never "overdue".
    ob = by(engine.obligations("CCM", D(2013, 1, 1), "SWZ"), "transparency_initial")
    assert ob.status is S.UNKNOWN
    assert not engine.overdue("CCM", D(2013, 1, 1))


def annual(obligations: list) -> dict[int | None, object]:
    return {o.year: o for o in obligations if o.obligation == "transparency_annual"}


def test_annual_reports_one_row_per_year_covered_through_the_next_due() -> None:
    engine = Engine(ccm_record(SWZ))
    rows = annual(engine.obligations("CCM", D(2014, 5, 1), "SWZ"))
    # The first 30 April after the initial report is due (28 August 2012) covers 2012.
    assert sorted(rows) == [2012, 2013, 2014]
    nxt = rows[2014]
    assert (nxt.due, nxt.article, nxt.status) == (D(2015, 4, 30), "7(2)", S.PENDING)
    assert "covering 2014" in nxt.basis
    assert rows[2012].due == D(2013, 4, 30) and rows[2012].status is S.UNKNOWN
    first = annual(engine.obligations("CCM", D(2012, 1, 1), "SWZ"))
    assert [o.due for o in first.values()] == [D(2013, 4, 30)]


def test_stockpile_and_clearance_omitted_without_facts() -> None:
    engine = Engine(ccm_record(SWZ))
    names = {o.obligation for o in engine.obligations("CCM", D(2020, 1, 1), "SWZ")}
    assert names == {"transparency_initial", "transparency_annual"}


def test_not_applicable_only_with_a_fact() -> None:
    engine = Engine(
        ccm_record(BGR, obligations=(fact("BGR", "stockpile_destruction", "not_applicable"),))
    )
    ob = by(engine.obligations("CCM", D(2020, 1, 1), "BGR"), "stockpile_destruction")
    assert ob.status is S.NOT_APPLICABLE and ob.due is None and ob.facts == MONITOR


def test_a_later_declaration_of_no_stockpile_outweighs_a_deadline() -> None:
    facts = (
        fact("BGR", "stockpile_destruction", "deadline", deadline=D(2019, 10, 1)),
        fact("BGR", "stockpile_destruction", "not_applicable", D(2022, 5, 1)),
    )
    engine = Engine(ccm_record(BGR, obligations=facts))
    early = by(engine.obligations("CCM", D(2021, 1, 1), "BGR"), "stockpile_destruction")
    assert early.status is S.OVERDUE
    late = by(engine.obligations("CCM", D(2022, 6, 1), "BGR"), "stockpile_destruction")
    assert late.status is S.NOT_APPLICABLE


def test_bulgaria_stockpile_chain_and_completion() -> None:
    facts = (
        fact("BGR", "stockpile_destruction", "deadline", deadline=D(2019, 10, 1)),
        fact("BGR", "stockpile_destruction", "extension_request", D(2019, 3, 1), D(2021, 4, 1)),
        fact("BGR", "stockpile_destruction", "extension_granted", D(2019, 11, 25), years=1.5),
        fact("BGR", "stockpile_destruction", "extension_granted", D(2021, 2, 9), D(2022, 10, 1)),
        fact("BGR", "stockpile_destruction", "extension_granted", D(2022, 8, 30), years=1.25),
        fact("BGR", "stockpile_destruction", "completed", D(2023, 9, 12)),
    )
    engine = Engine(ccm_record(BGR, obligations=facts))

    def on(day: dt.date):
        return by(engine.obligations("CCM", day, "BGR"), "stockpile_destruction")

    assert (on(D(2015, 1, 1)).due, on(D(2015, 1, 1)).status) == (D(2019, 10, 1), S.PENDING)
    assert on(D(2015, 1, 1)).article == "3(2)"
    assert (on(D(2020, 1, 1)).due, on(D(2020, 1, 1)).status) == (D(2021, 4, 1), S.EXTENDED)
    assert on(D(2021, 6, 1)).due == D(2022, 10, 1)
    final = on(D(2023, 1, 1))
    assert (final.due, final.status, final.extensions) == (D(2024, 1, 1), S.EXTENDED, 3)
    assert final.original_due == D(2019, 10, 1)
    assert "3(5)" in final.basis and "3(6)" in final.basis
    done = on(D(2024, 1, 1))
    assert (done.status, done.completed) == (S.MET, D(2023, 9, 12))
    assert final.issues == ()


def test_completion_after_the_deadline_is_met_late() -> None:
    facts = (fact("BGR", "stockpile_destruction", "completed", D(2020, 1, 1)),)
    engine = Engine(ccm_record(BGR, obligations=facts))
    ob = by(engine.obligations("CCM", D(2021, 1, 1), "BGR"), "stockpile_destruction")
    assert (ob.status, ob.due, ob.completed) == (S.MET_LATE, D(2019, 10, 1), D(2020, 1, 1))
    ob = by(engine.obligations("CCM", D(2019, 12, 1), "BGR"), "stockpile_destruction")
    assert ob.status is S.OVERDUE


def test_stocks_found_after_completion_reopen_it_until_they_are_destroyed() -> None:
    # Spain's shape: declared stock destroyed, more found later, destroyed before the deadline.
    found = "stocks found in 2012"
    facts = (
        fact("BGR", "stockpile_destruction", "completed", D(2009, 3, 31)),
        fact("BGR", "stockpile_destruction", "found", D(2012, 6, 1), scope=found),
        fact("BGR", "stockpile_destruction", "completed", D(2018, 7, 25), scope=found),
    )
    engine = Engine(ccm_record(BGR, obligations=facts))

    def on(day: dt.date):
        return by(engine.obligations("CCM", day, "BGR"), "stockpile_destruction")

    assert (on(D(2012, 1, 1)).status, on(D(2012, 1, 1)).completed) == (S.MET, D(2009, 3, 31))
    reopened = on(D(2013, 1, 1))
    assert (reopened.status, reopened.completed) == (S.PENDING, None)
    assert f"{found} reported (monitor)" in reopened.basis
    done = on(D(2019, 1, 1))
    assert (done.status, done.completed) == (S.MET, D(2018, 7, 25))
    assert f"{found}: completed 2018-07-25" in done.basis
    # Found parts still open when the deadline passes make the obligation overdue.
    open_ = Engine(ccm_record(BGR, obligations=facts[:2]))
    assert by(open_.obligations("CCM", D(2020, 1, 1), "BGR"), "stockpile_destruction").status is (
        S.OVERDUE
    )
    # Destroying the found part late makes the whole obligation met late, on that day.
    late = (*facts[:2], dataclasses.replace(facts[2], date=D(2020, 2, 1)))
    ob = by(
        Engine(ccm_record(BGR, obligations=late)).obligations("CCM", D(2021, 1, 1), "BGR"),
        "stockpile_destruction",
    )
    assert (ob.status, ob.completed) == (S.MET_LATE, D(2020, 2, 1))
    # A completion of another scope does not close the found part.
    other = (*facts[:2], dataclasses.replace(facts[2], scope="retained stock"))
    ob = by(
        Engine(ccm_record(BGR, obligations=other)).obligations("CCM", D(2019, 1, 1), "BGR"),
        "stockpile_destruction",
    )
    assert ob.status is S.PENDING


def test_overdue_needs_a_fact_and_a_passed_deadline() -> None:
    facts = (fact("BGR", "clearance", "deadline", deadline=D(2021, 10, 1)),)
    engine = Engine(ccm_record(BGR, obligations=facts))
    (ob,) = engine.overdue("CCM", D(2022, 1, 1))
    assert (ob.state, ob.obligation, ob.article, ob.due) == (
        "BGR",
        "clearance",
        "4(1)(a)",
        D(2021, 10, 1),
    )
    assert engine.overdue("CCM", D(2021, 10, 1)) == []


def test_a_pending_request_past_the_deadline_is_not_called_overdue() -> None:
    # Somalia's case: the deadline passed while a request to extend it awaited a decision
    # the record does not hold; the answer must be "unknown", naming the request.
    facts = (
        fact("BGR", "clearance", "deadline", deadline=D(2021, 10, 1)),
        fact("BGR", "clearance", "extension_request", D(2021, 3, 1), D(2025, 10, 1)),
    )
    engine = Engine(ccm_record(BGR, obligations=facts))
    ob = by(engine.obligations("CCM", D(2022, 1, 1), "BGR"), "clearance")
    assert ob.status is S.UNKNOWN
    assert "extension to 2025-10-01 requested" in ob.basis
    assert engine.overdue("CCM", D(2022, 1, 1)) == []
    # Without the request, the same passed deadline is overdue.
    bare = Engine(ccm_record(BGR, obligations=facts[:1]))
    assert by(bare.obligations("CCM", D(2022, 1, 1), "BGR"), "clearance").status is S.OVERDUE
    # So it is on a day before a later request was made.
    later = (facts[0], fact("BGR", "clearance", "extension_request", D(2022, 3, 1), D(2025, 10, 1)))
    before = Engine(ccm_record(BGR, obligations=later))
    assert by(before.obligations("CCM", D(2022, 1, 1), "BGR"), "clearance").status is S.OVERDUE
    assert by(before.obligations("CCM", D(2022, 4, 1), "BGR"), "clearance").status is S.UNKNOWN
    # A request for a deadline the state has already passed changes nothing.
    short = (facts[0], fact("BGR", "clearance", "extension_request", D(2021, 3, 1), D(2021, 6, 1)))
    late = Engine(ccm_record(BGR, obligations=short))
    assert by(late.obligations("CCM", D(2022, 1, 1), "BGR"), "clearance").status is S.OVERDUE


def test_extension_over_the_maximum_is_flagged() -> None:
    facts = (
        fact("BGR", "clearance", "extension_granted", deadline=D(2027, 10, 1), years=6),
        fact("BGR", "stockpile_destruction", "extension_granted", deadline=D(2025, 10, 1)),
    )
    engine = Engine(ccm_record(BGR, obligations=facts))
    obs = engine.obligations("CCM", D(2022, 1, 1), "BGR")
    clearance = by(obs, "clearance")
    assert clearance.due == D(2027, 10, 1) and clearance.status is S.EXTENDED
    assert any("exceeds the maximum of 5 years" in i for i in clearance.issues)
    stock = by(obs, "stockpile_destruction")
    assert any("more than 4 years" in i for i in stock.issues)
    assert len(engine.issues("CCM")) == 2


def test_apmbc_article_4_allows_no_extension() -> None:
    actions = [
        model.Action("APMBC", a.state, a.kind, a.date, a.citations)
        for a in ccm_opening("APMBC", 40, D(1998, 9, 16))
    ]
    facts = (
        fact(
            "BFA",
            "stockpile_destruction",
            "extension_granted",
            deadline=D(2004, 3, 1),
            instrument="APMBC",
        ),
    )
    engine = Engine(model.Record(sources=dict(SOURCES), actions=actions, obligations=list(facts)))
    ob = by(engine.obligations("APMBC", D(2003, 1, 1), "BFA"), "stockpile_destruction")
    assert ob.article == "4"
    assert any("provides for no extension" in i for i in ob.issues)


def test_a_later_published_deadline_implies_an_extension() -> None:
    facts = (
        fact("BGR", "stockpile_destruction", "deadline", deadline=D(2019, 10, 1)),
        fact("BGR", "stockpile_destruction", "deadline", deadline=D(2023, 12, 31), cites=NEWS),
    )
    engine = Engine(ccm_record(BGR, obligations=facts))
    # The news source was published 2023-08-01: before that the record does not know it.
    early = by(engine.obligations("CCM", D(2019, 1, 1), "BGR"), "stockpile_destruction")
    assert early.due == D(2019, 10, 1)
    late = by(engine.obligations("CCM", D(2023, 9, 1), "BGR"), "stockpile_destruction")
    assert (late.due, late.status) == (D(2023, 12, 31), S.EXTENDED)
    assert "news" in late.basis


def test_facts_about_a_state_without_acts_still_show() -> None:
    facts = (fact("AFG", "clearance", "deadline", deadline=D(2022, 3, 1)),)
    engine = Engine(ccm_record(obligations=facts))
    (ob,) = engine.obligations("CCM", D(2021, 1, 1), "AFG")
    assert (ob.due, ob.status) == (D(2022, 3, 1), S.PENDING)


def test_withdrawn_states_have_no_obligations() -> None:
    engine = Engine(ccm_record(*LTU))
    assert engine.obligations("CCM", D(2025, 9, 6), "LTU") == []
    # No annual update falls due after the withdrawal takes effect.
    rows = annual(engine.obligations("CCM", D(2025, 4, 1), "LTU"))
    assert max(o.due for o in rows.values()) == D(2025, 4, 30)
    after = annual(engine.obligations("CCM", D(2025, 5, 1), "LTU"))
    assert max(o.due for o in after.values()) == D(2025, 4, 30)


def test_due_within_lists_every_report_in_the_window_soonest_first() -> None:
    engine = Engine(ccm_record(SWZ))
    found = [o for o in engine.due_within("CCM", 800, D(2012, 1, 1)) if o.state == "SWZ"]
    assert [(o.obligation, o.due) for o in found] == [
        ("transparency_initial", D(2012, 8, 28)),
        ("transparency_annual", D(2013, 4, 30)),
    ]
    everything = engine.due_within("CCM", 800, D(2012, 1, 1))
    assert [o.due for o in everything] == sorted(o.due for o in everything)


def test_timeline_and_meetings() -> None:
    facts = (
        fact("BGR", "stockpile_destruction", "extension_granted", D(2019, 11, 25), years=1.5),
        fact("BGR", "stockpile_destruction", "completed", D(2020, 12, 1)),
    )
    engine = Engine(ccm_record(BGR, obligations=facts))
    events = [(e.date, e.event, e.article) for e in engine.timeline("CCM", "BGR")]
    assert events == [
        (D(2011, 4, 6), "ratification", "17(1)"),
        (D(2011, 10, 1), "entry_into_force", "17(2)"),
        (D(2012, 3, 29), "transparency_initial_due", "7(1)"),
        (D(2019, 10, 1), "stockpile_destruction_due", "3(2)"),
        (D(2020, 12, 1), "stockpile_destruction_completed", "3(2)"),
        (D(2021, 4, 1), "stockpile_destruction_due", "3(2)"),
    ]
    meetings = {m.event: (m.date, m.article) for m in engine.meetings("CCM")}
    assert meetings["review_conference"] == (D(2015, 8, 1), "12(1)")
    assert meetings["first_meeting_of_states_parties"] == (D(2011, 8, 1), "11(2)")


def test_unknown_instrument_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="OSLO"):
        Engine(ccm_record()).status("OSLO")


def test_results_are_frozen() -> None:
    (st,) = Engine(ccm_record(SWZ)).status("CCM", D(2012, 1, 1), "SWZ")
    with pytest.raises(AttributeError):
        st.status = Standing.WITHDRAWN


def test_a_recorded_entry_into_force_stands_where_the_deposits_on_record_are_too_few() -> None:
    # Three deposits cannot bring a 30-instrument treaty into force; the depositary's day can.
    from treatywatch import model as m

    src = m.Source("dep", "UNTC", "UN", m.Authority.DEPOSITARY, url="https://treaties.un.org")
    cite = (m.Citation("dep", "row"),)

    def act(state: str, kind: m.ActionKind, day: dt.date) -> m.Action:
        return m.Action(instrument="CCM", state=state, kind=kind, date=day, citations=cite)

    record = m.Record(
        sources={"dep": src},
        instruments={
            "CCM": m.Instrument(
                "CCM", "Convention on Cluster Munitions", "CCM", m.InstrumentKind.TREATY,
                dt.date(2008, 5, 30), dt.date(2008, 12, 3), "UN", "ccm", cite,
                entered_into_force=dt.date(2010, 8, 1),
            )
        },
        actions=[
            act("NOR", m.ActionKind.RATIFICATION, dt.date(2008, 12, 3)),
            act("BFA", m.ActionKind.RATIFICATION, dt.date(2010, 2, 16)),
            act("SWZ", m.ActionKind.ACCESSION, dt.date(2011, 9, 13)),
        ],
    )  # fmt: skip
    engine = Engine(record)
    treaty = engine.entry_into_force("CCM")
    assert treaty is not None and treaty.date == dt.date(2010, 8, 1)
    assert "depositary" in treaty.basis
    by_state = {s.iso3: s for s in engine.status("CCM", dt.date(2012, 6, 1))}
    assert by_state["NOR"].entry_into_force == dt.date(2010, 8, 1)
    assert by_state["BFA"].entry_into_force == dt.date(2010, 8, 1)
    assert by_state["SWZ"].entry_into_force == dt.date(2012, 3, 1)
    before = engine.status("CCM", dt.date(2009, 6, 1), "NOR")[0]
    assert before.status is Standing.NOT_IN_FORCE_YET  # not yet settled in June 2009
