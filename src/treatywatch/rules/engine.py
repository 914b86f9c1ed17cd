"""One engine for every treaty: the declarations say what, the record says who and when."""

from __future__ import annotations

import datetime as dt
import functools
import threading
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator

from treatywatch import model
from treatywatch.rules import obligations as ob
from treatywatch.rules.coverage import Reach, nowhere, reaches_for
from treatywatch.rules.dates import add_years
from treatywatch.rules.declarations import DeadlineRule, RulesError, TreatyRules, load_rules
from treatywatch.rules.results import (
    EntryIntoForce,
    Obligation,
    ObligationStatus,
    SeriesPoint,
    StateStatus,
    TimelineEntry,
)
from treatywatch.rules.standing import Standings, StateActs

#: "On the whole record": a day after every fact, far enough from date.max to add to it.
WHOLE_RECORD = dt.date(9000, 1, 1)
_MEMO_LIMIT = 256  # obligation answers kept per engine (web views ask for few distinct days)


class _Treaty:
    """Everything precomputed for one treaty."""

    def __init__(
        self,
        rules: TreatyRules,
        actions: list[model.Action],
        facts: list[model.ObligationFact],
        sources: dict[str, model.Source],
        recorded_eif: tuple[dt.date, tuple[model.Citation, ...]] | None = None,
        reports: list[model.ReportFact] | None = None,
        reaches: dict[str, Reach] | None = None,
    ) -> None:
        self.rules = rules
        self.standings = Standings(rules, actions, sources, recorded_eif)
        self.facts = ob.group_facts(facts, sources)
        self.reports = ob.group_reports(reports or (), sources)
        self.reaches = reaches or {}
        self.fact_states = sorted({s for s, _ in self.facts})
        self.series = tuple(self.standings.series())
        self.memo: dict[dt.date, tuple[Obligation, ...]] = {}
        self.status_changes = self.standings.status_changes()
        #: Every state's standing, per stretch between change days (its first day).
        self.status_memo: dict[dt.date, tuple[StateStatus, ...]] = {}
        #: Each state's compliance answer and the stretch [from, to) of days it holds for.
        self.compliance_spans: dict[str, tuple[dt.date, dt.date, tuple[Obligation, ...]]] = {}
        #: Each report's statuses over time, keyed by (state, obligation, due date).
        self.report_steps: dict[tuple[str, str, dt.date | None], ob.Steps[Obligation]] = {}
        #: Each Article 3/4 obligation over time, keyed by (state, obligation, entry into force).
        self.deadline_steps: dict[tuple[str, str, dt.date | None], ob.DeadlineSteps]
        self.deadline_steps = {}

    def report(
        self,
        iso3: str,
        name: str,
        due: dt.date | None,
        group: ob.ReportGroup | None,
        make: Callable[[dt.date], Obligation],
    ) -> ob.Steps[Obligation]:
        key = (iso3, name, due)
        found = self.report_steps.get(key)
        if found is None:
            changes = ob.report_changes(group, due, self.reach(name)) if due else ()
            found = self.report_steps[key] = ob.Steps(make, changes)
        return found

    def deadline(
        self, rule: DeadlineRule, iso3: str, eif: dt.date | None, group: ob.FactGroup
    ) -> ob.DeadlineSteps:
        key = (iso3, rule.name, eif)
        found = self.deadline_steps.get(key)
        if found is None:
            reach = self.reach(rule.name)

            def make(d: dt.date) -> Obligation | None:
                return ob.deadline_obligation(self.rules, rule, iso3, eif, group, d, reach)

            found = self.deadline_steps[key] = ob.DeadlineSteps(make, group, reach)
        return found

    def reach(self, part: str) -> Reach:
        found = self.reaches.get(part)
        if found is None:
            found = self.reaches[part] = nowhere(part)
        return found


class Engine:
    """Answers about treaties from a record: status on a date, series over time, obligations.

    Pure: besides reading its YAML declarations once it does no I/O, and all per-state facts
    are resolved in ``__init__`` so that each query is a pass over precomputed values.
    """

    def __init__(self, record: model.Record) -> None:
        self.record = record
        actions: dict[str, list[model.Action]] = defaultdict(list)
        for a in record.actions:
            actions[a.instrument].append(a)
        facts: dict[str, list[model.ObligationFact]] = defaultdict(list)
        for f in record.obligations:
            facts[f.instrument].append(f)
        reports: dict[str, list[model.ReportFact]] = defaultdict(list)
        for r in record.reports:
            reports[r.instrument].append(r)
        # Each treaty's precomputation is made when first asked for: `status CCM` need not
        # pay for the APMBC's (about 20 ms each).
        self._treaties: dict[str, _Treaty] = {}
        self._pending: dict[str, Callable[[], _Treaty]] = {}
        self._building = threading.Lock()
        for inst in {*record.instruments, *actions, *facts}:
            rules = self._declaration(inst)
            if rules is not None:
                declared = record.instruments.get(inst)
                recorded = (
                    (declared.entered_into_force, declared.citations)
                    if declared is not None and declared.entered_into_force is not None
                    else None
                )
                self._pending[inst] = functools.partial(
                    _Treaty,
                    rules,
                    actions[inst],
                    facts[inst],
                    record.sources,
                    recorded,
                    reports[inst],
                    reaches_for(inst, record),
                )

    def _declaration(self, instrument: str) -> TreatyRules | None:
        inst = self.record.instruments.get(instrument)
        if inst is not None:
            return load_rules(inst.rules) if inst.rules else None
        try:  # a record built without instruments.yaml (tests, fragments): by convention
            return load_rules(instrument.lower())
        except RulesError:
            return None

    def _treaty(self, instrument: str) -> _Treaty:
        found = self._treaties.get(instrument)
        if found is not None:
            return found
        if instrument not in self._pending:
            known = ", ".join(sorted(self._pending)) or "none"
            raise KeyError(f"{instrument!r} has no rules declaration (treaties: {known})")
        with self._building:  # the API's threads share one engine: build each treaty once
            found = self._treaties.get(instrument)
            if found is None:
                found = self._treaties[instrument] = self._pending[instrument]()
        return found

    @property
    def instruments(self) -> tuple[str, ...]:
        return tuple(sorted(self._pending))

    def prepare(self) -> Engine:
        """Precompute every treaty now rather than on its first question (a server warms
        up before serving; a benchmark times the questions, not the set-up)."""
        for instrument in self._pending:
            self._treaty(instrument)
        return self

    def rules(self, instrument: str) -> TreatyRules:
        return self._treaty(instrument).rules

    # -- standing ----------------------------------------------------------------------------

    def status(
        self, instrument: str, as_of: dt.date | None = None, state: str | None = None
    ) -> list[StateStatus]:
        """Every state with any act on the treaty dated on or before ``as_of`` (today)."""
        t = self._treaty(instrument)
        day = as_of or dt.date.today()
        # Every answer holds from one change day to the next: keep one per stretch, so an
        # as-of query on any of the thousands of days costs a lookup once its stretch is seen.
        stretch = self.status_stretch(instrument, day)
        every = t.status_memo.get(stretch)
        if every is None:
            st = t.standings
            found = [s for a in st.states.values() if (s := st.status(a, stretch)) is not None]
            found.sort(key=lambda s: s.iso3)
            every = t.status_memo[stretch] = tuple(found)
        if state is None:
            return list(every)
        return [s for s in every if s.iso3 == state]

    def status_stretch(self, instrument: str, as_of: dt.date | None = None) -> dt.date:
        """The first day of the stretch holding ``as_of`` (today) over which every state's
        standing stays as it is: answers on any two days of it are the same."""
        t = self._treaty(instrument)
        i = bisect_right(t.status_changes, as_of or dt.date.today())
        return t.status_changes[i - 1] if i else dt.date.min

    def series(self, instrument: str) -> list[SeriesPoint]:
        return list(self._treaty(instrument).series)

    def entry_into_force(self, instrument: str, state: str | None = None) -> EntryIntoForce | None:
        """When the treaty entered (or enters) into force, for itself or for ``state``."""
        st = self._treaty(instrument).standings
        if state is None:
            if st.treaty_eif is None:
                return None
            return EntryIntoForce(
                st.treaty_eif, st.rules.eif_article, st.treaty_eif_basis, st.trigger_citations
            )
        acts = st.states.get(state)
        if acts is None or acts.eif is None or acts.consent is None:
            return None
        return EntryIntoForce(acts.eif, acts.eif_article, acts.eif_basis, acts.consent.citations)

    def treaty_entry_into_force(self, instrument: str) -> EntryIntoForce | None:
        return self.entry_into_force(instrument)

    # -- obligations -------------------------------------------------------------------------

    def obligations(
        self, instrument: str, as_of: dt.date | None = None, state: str | None = None
    ) -> list[Obligation]:
        """Each state's obligations with due date and status on ``as_of`` (today)."""
        t = self._treaty(instrument)
        day = as_of or dt.date.today()
        every = t.memo.get(day)
        if every is None:
            every = tuple(self._obligations_on(t, day, None))
            if len(t.memo) >= _MEMO_LIMIT:
                t.memo.clear()
            t.memo[day] = every
        return [o for o in every if state is None or o.state == state]

    def compliance(
        self, instrument: str, as_of: dt.date | None = None, state: str | None = None
    ) -> list[Obligation]:
        """Each state's standing under each obligation on ``as_of`` (today): its Article 3/4
        obligations and initial report as :meth:`obligations` gives them, and of its annual
        reports only the latest one due by then (else the first one due), so a view of every
        state on every date of a series costs a few lookups per state and day."""
        return [o for _, held in self.compliance_by_state(instrument, as_of, state) for o in held]

    def compliance_by_state(
        self, instrument: str, as_of: dt.date | None = None, state: str | None = None
    ) -> list[tuple[str, tuple[Obligation, ...]]]:
        """:meth:`compliance` grouped by state. A state's tuple is the same object on every
        day its answer holds, so a caller can remember what it built from it by identity."""
        t = self._treaty(instrument)
        day = as_of or dt.date.today()
        # A state's answer holds over a stretch of days (until its standing, one of its
        # obligations or the latest annual report due changes): kept, a view asked on
        # every date of a series recomputes a state only where something changed.
        out: list[tuple[str, tuple[Obligation, ...]]] = []
        for iso3, acts in self._everyone(t):
            if state is not None and iso3 != state:
                continue
            held = t.compliance_spans.get(iso3)
            if held is None or not held[0] <= day < held[1]:
                held = t.compliance_spans[iso3] = self._state_compliance(t, iso3, acts, day)
            if held[2]:
                out.append((iso3, held[2]))
        return out

    def _state_compliance(
        self, t: _Treaty, iso3: str, acts: StateActs | None, day: dt.date
    ) -> tuple[dt.date, dt.date, tuple[Obligation, ...]]:
        """A state's compliance answer on ``day`` and the stretch of days it holds for."""
        lo, hi = dt.date.min, dt.date.max
        if acts is not None:
            changes = t.standings.subject_changes(acts)
            i = bisect_right(changes, day)
            lo = changes[i - 1] if i else dt.date.min
            hi = changes[i] if i < len(changes) else dt.date.max
            active, eif = t.standings.subject_on(acts, day)
            if not active:
                return lo, hi, ()
        else:
            eif = None
        steps = list(self._state_steps(t, iso3, eif, acts is not None))
        r, initial = t.rules, t.rules.deadline(ob.INITIAL)
        if r.annual is not None and initial is not None and eif is not None and acts:
            first = ob.period(initial, eif)
            due = ob.latest_annual_due(r.annual, first, day)
            if acts.withdrawal is None or due < acts.withdrawal:
                steps.append(self._annual_steps(t, iso3, due))
            # The latest report due changes on each due day after the first.
            if due <= day:
                lo = max(lo, due)
            hi = min(hi, dt.date(due.year + 1, r.annual.month, r.annual.day))
        found: list[Obligation] = []
        for step in steps:
            start, end = step.span(day)
            lo, hi = max(lo, start), min(hi, end)
            value = step.at(day)
            if value is not None:
                found.append(value)
        return lo, hi, tuple(found)

    def _state_steps(
        self, t: _Treaty, iso3: str, eif: dt.date | None, has_acts: bool
    ) -> Iterator[ob.Steps[Obligation] | ob.DeadlineSteps]:
        """A state's initial report and Article 3/4 obligations over time."""
        for rule in t.rules.deadlines:
            if rule.name == ob.INITIAL:
                if has_acts:
                    yield self._initial_steps(t, rule, iso3, eif)
                continue
            group = t.facts.get((iso3, rule.name))
            if group is not None:  # without a fact the obligation is not known to apply
                yield t.deadline(rule, iso3, eif, group)

    def _state_obligations(
        self, t: _Treaty, iso3: str, eif: dt.date | None, has_acts: bool, day: dt.date
    ) -> Iterator[Obligation]:
        """A state's initial report and Article 3/4 obligations on ``day``."""
        for step in self._state_steps(t, iso3, eif, has_acts):
            found = step.at(day)
            if found is not None:
                yield found

    @staticmethod
    def _everyone(t: _Treaty) -> Iterator[tuple[str, StateActs | None]]:
        """Every state with acts on the treaty, then those with obligation facts only:
        facts about a state whose acts are not in the record yet still show."""
        yield from t.standings.states.items()
        for iso3 in t.fact_states:
            if iso3 not in t.standings.states:
                yield iso3, None

    def _subjects(self, t: _Treaty, day: dt.date) -> Iterator[tuple[str, dt.date | None, bool]]:
        """(state, entry into force as known on ``day``, whether its acts are on record),
        for the states bound on ``day`` and those with obligation facts only."""
        for iso3, acts in self._everyone(t):
            if acts is None:
                yield iso3, None, False
                continue
            active, eif = t.standings.subject_on(acts, day)
            if active:
                yield iso3, eif, True

    def _obligations_on(
        self, t: _Treaty, day: dt.date, until: dt.date | None
    ) -> Iterator[Obligation]:
        r = t.rules
        initial = r.deadline(ob.INITIAL)
        for iso3, eif, has_acts in self._subjects(t, day):
            withdrawal = t.standings.states[iso3].withdrawal if has_acts else None
            yield from self._state_obligations(t, iso3, eif, has_acts, day)
            if r.annual is None or initial is None or eif is None or not has_acts:
                continue
            # Every year covered from the first update due, through the next one due after
            # ``day`` (or every one due by ``until``).
            last = until if until is not None else day
            for due in ob.annual_dues(r.annual, ob.period(initial, eif), dt.date.min):
                if withdrawal and due >= withdrawal:
                    break
                yield self._annual(t, iso3, due, day)
                if due > last:
                    break

    @staticmethod
    def _initial_steps(
        t: _Treaty, rule: DeadlineRule, iso3: str, eif: dt.date | None
    ) -> ob.Steps[Obligation]:
        due = ob.period(rule, eif) if eif else None
        group = t.reports.get((iso3, "initial", None))
        reach = t.reach(rule.name)

        def make(d: dt.date) -> Obligation:
            return ob.initial_report(t.rules, rule, iso3, eif, d, group, reach)

        return t.report(iso3, rule.name, due, group, make)

    @staticmethod
    def _annual_steps(t: _Treaty, iso3: str, due: dt.date) -> ob.Steps[Obligation]:
        annual = t.rules.annual
        assert annual is not None
        group = t.reports.get((iso3, "annual", due.year - 1))
        reach = t.reach(annual.name)

        def make(d: dt.date) -> Obligation:
            return ob.annual_report(t.rules, annual, iso3, due, d, group, reach)

        return t.report(iso3, annual.name, due, group, make)

    def _annual(self, t: _Treaty, iso3: str, due: dt.date, day: dt.date) -> Obligation:
        return self._annual_steps(t, iso3, due).at(day)

    def due_within(
        self, instrument: str, days: int = 365, as_of: dt.date | None = None
    ) -> list[Obligation]:
        """Obligations not yet met and due between ``as_of`` and ``days`` later, soonest first
        (every annual report in the window, not only the next)."""
        t = self._treaty(instrument)
        day = as_of or dt.date.today()
        until = day + dt.timedelta(days=days)
        open_ = {ObligationStatus.PENDING, ObligationStatus.EXTENDED}
        found = [
            o
            for o in self._obligations_on(t, day, until)
            if o.status in open_ and o.due is not None and day <= o.due <= until
        ]
        found.sort(key=lambda o: (o.due or dt.date.max, o.state, o.obligation))
        return found

    def overdue(self, instrument: str, as_of: dt.date | None = None) -> list[Obligation]:
        """Obligations past due with no completion, where the record's facts support it."""
        found = [o for o in self.obligations(instrument, as_of) if o.status is ob.S.OVERDUE]
        found.sort(key=lambda o: (o.due or dt.date.max, o.state, o.obligation))
        return found

    def issues(self, instrument: str) -> list[str]:
        """What the engine found questionable: undated acts, extensions over the maximum, ..."""
        t = self._treaty(instrument)
        out = list(t.standings.issues)
        for o in self.obligations(instrument, WHOLE_RECORD):
            out.extend(f"{o.instrument}/{o.state}/{o.obligation}: {i}" for i in o.issues)
        return out

    # -- timelines ---------------------------------------------------------------------------

    def timeline(self, instrument: str, state: str) -> list[TimelineEntry]:
        """A state's dated story under the treaty: its acts and the dates the rules derive."""
        t = self._treaty(instrument)
        r = t.rules
        out: list[TimelineEntry] = []
        acts = t.standings.states.get(state)
        if acts is not None:
            for act, article in (
                (acts.signature, ""),
                (acts.consent, r.eif_article),
                (acts.provisional, r.provisional_article),
                (acts.wd_notice, r.withdrawal_article),
            ):
                if act is not None:
                    out.append(
                        TimelineEntry(
                            act.date, act.kind.value, article, "as recorded", act.citations
                        )
                    )
            for alt in acts.alternatives:
                out.append(
                    TimelineEntry(
                        alt.date,
                        f"{alt.kind} (other source)",
                        "",
                        "not chosen: " + ", ".join(alt.sources),
                    )
                )
            if acts.eif is not None:
                out.append(
                    TimelineEntry(acts.eif, "entry_into_force", acts.eif_article, acts.eif_basis)
                )
            if acts.withdrawal is not None:
                out.append(
                    TimelineEntry(
                        acts.withdrawal,
                        "withdrawal_effective",
                        r.withdrawal_article,
                        acts.withdrawal_basis,
                    )
                )
        for o in self.obligations(instrument, WHOLE_RECORD, state):
            if o.obligation == (r.annual.name if r.annual else None):
                continue
            if o.original_due and o.original_due != o.due:
                out.append(
                    TimelineEntry(
                        o.original_due, f"{o.obligation}_due", o.article, "original deadline"
                    )
                )
            out.append(TimelineEntry(o.due, f"{o.obligation}_due", o.article, o.basis, o.facts))
            if o.completed:
                out.append(
                    TimelineEntry(
                        o.completed, f"{o.obligation}_completed", o.article, o.status.value, o.facts
                    )
                )
        out.sort(key=lambda e: (e.date or dt.date.max, e.event))
        return out

    def meetings(self, instrument: str) -> list[TimelineEntry]:
        """The meetings the treaty itself schedules from its entry into force."""
        t = self._treaty(instrument)
        eif = t.standings.treaty_eif
        return [
            TimelineEntry(
                add_years(eif, m.years_after_entry_into_force) if eif else None,
                m.name,
                m.article,
                m.text,
            )
            for m in t.rules.meetings
        ]
