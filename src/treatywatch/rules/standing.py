"""Each state's acts on one treaty, resolved once: status on any date and the series.

Sources may disagree on the date of an act. For each slot (signature, consent, provisional
application, withdrawal notification, withdrawal effective) the act cited by the most
authoritative source wins (``model.AUTHORITY_RANK``: the depositary first), ties going to the
earliest date; the others are kept as alternatives. The choice is made once, on the whole
record, so a higher authority's date is the truth even when asking about an earlier day.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from treatywatch import model
from treatywatch.rules.dates import add_months, first_day_of_month_after
from treatywatch.rules.declarations import TreatyRules
from treatywatch.rules.results import Alternative, SeriesPoint, Standing, StateStatus

K = model.ActionKind
_SLOTS: dict[K, str] = {
    K.SIGNATURE: "signature",
    K.PROVISIONAL_APPLICATION: "provisional",
    K.WITHDRAWAL_NOTIFICATION: "wd_notice",
    K.WITHDRAWAL_EFFECTIVE: "wd_effective",
    **{k: "consent" for k in model.CONSENT_KINDS},
}


@dataclass(frozen=True, slots=True)
class Act:
    kind: K
    date: dt.date
    citations: tuple[model.Citation, ...]


@dataclass(frozen=True, slots=True)
class StateActs:
    """One state's resolved acts and the dates they imply on the whole record."""

    iso3: str
    first: dt.date  # its earliest dated act of any kind
    signature: Act | None
    consent: Act | None
    provisional: Act | None
    wd_notice: Act | None
    wd_effective: Act | None
    eif: dt.date | None  # entry into force for the state, on the whole record
    eif_article: str
    eif_basis: str
    withdrawal: dt.date | None  # when withdrawal takes (or took) effect
    withdrawal_basis: str
    alternatives: tuple[Alternative, ...]


class _Dated(Protocol):
    @property
    def date(self) -> dt.date | None: ...
    @property
    def citations(self) -> tuple[model.Citation, ...]: ...


T = TypeVar("T", bound=_Dated)


def by_preference(candidates: Iterable[T], sources: Mapping[str, model.Source]) -> list[T]:
    """Dated facts of one kind (a state's acts of one kind, the receipts of one report), the
    one the record holds most strongly first: by the weight of the independent sources that
    agree on its day, then authority, then the earlier day (record/conflicts.py orders a
    conflict's variants the same way)."""
    facts = list(candidates)

    def day(f: Any) -> tuple[Any, Any]:
        return getattr(f, "kind", None), f.date

    agreeing: dict[tuple[Any, Any], list[model.Citation]] = {}
    for f in facts:
        cites = agreeing.setdefault(day(f), [])
        cites.extend(c for c in f.citations if c not in cites)
    return sorted(
        facts, key=lambda f: (model.preference(agreeing[day(f)], sources), f.date or dt.date.max)
    )


def _choose(
    candidates: list[model.Action], sources: Mapping[str, model.Source]
) -> tuple[Act, list[Alternative]]:
    ordered = by_preference(candidates, sources)
    best = ordered[0]
    assert best.date is not None  # only dated actions are candidates
    alts = [
        Alternative(a.kind.value, a.date, tuple(c.source_id for c in a.citations))
        for a in ordered[1:]
        if (a.date, a.kind) != (best.date, best.kind)
    ]
    return Act(best.kind, best.date, best.citations), alts


class Standings:
    """All states' standing toward one treaty. Built once; every query is a lookup."""

    def __init__(
        self,
        rules: TreatyRules,
        actions: Iterable[model.Action],
        sources: Mapping[str, model.Source],
        recorded_eif: tuple[dt.date, tuple[model.Citation, ...]] | None = None,
    ) -> None:
        self.rules = rules
        self.recorded_eif = recorded_eif
        self.issues: list[str] = []
        by_slot: dict[str, dict[str, list[model.Action]]] = defaultdict(lambda: defaultdict(list))
        first: dict[str, dt.date] = {}
        for a in actions:
            if a.date is None:
                # An act we cannot place in time cannot move a status on any date.
                self.issues.append(f"{a.instrument}/{a.state}/{a.kind.value}: no date, ignored")
                continue
            first[a.state] = min(first.get(a.state, a.date), a.date)
            slot = _SLOTS.get(a.kind)
            if slot:
                by_slot[a.state][slot].append(a)
        chosen: dict[str, dict[str, Act]] = {}
        alternatives: dict[str, list[Alternative]] = defaultdict(list)
        for iso3, slots in by_slot.items():
            chosen[iso3] = {}
            for slot, candidates in slots.items():
                act, alts = _choose(candidates, sources)
                chosen[iso3][slot] = act
                alternatives[iso3].extend(alts)
        self._find_trigger(chosen)
        self.states: dict[str, StateActs] = {}
        for iso3, day in first.items():
            acts = chosen.get(iso3, {})
            consent = acts.get("consent")
            eif, eif_article, eif_basis = self._eif(consent)
            wd, wd_basis = self._withdrawal(acts.get("wd_notice"), acts.get("wd_effective"))
            self.states[iso3] = StateActs(
                iso3,
                day,
                acts.get("signature"),
                consent,
                acts.get("provisional"),
                acts.get("wd_notice"),
                acts.get("wd_effective"),
                eif,
                eif_article,
                eif_basis,
                wd,
                wd_basis,
                tuple(alternatives.get(iso3, ())),
            )

    # -- entry into force --------------------------------------------------------------------

    def _find_trigger(self, chosen: Mapping[str, Mapping[str, Act]]) -> None:
        """The deposit that brings the treaty into force: the ``threshold``-th counted one."""
        r = self.rules
        deposits = sorted(
            (acts["consent"] for acts in chosen.values() if "consent" in acts),
            key=lambda act: act.date,
        )
        counted = [act for act in deposits if act.kind in r.eif_counts]
        self.trigger: dt.date | None = None
        self.treaty_eif: dt.date | None = None
        self.eif_known_from: dt.date | None = None
        self.treaty_eif_basis = ""
        if len(counted) >= r.eif_threshold:
            self.trigger = counted[r.eif_threshold - 1].date
            self.treaty_eif = first_day_of_month_after(self.trigger, r.eif_months)
            self.eif_known_from = self.trigger
            self.treaty_eif_basis = (
                f"Art. {r.eif_article}: first day of the {_ordinal(r.eif_months)} month after "
                f"the month of the {_ordinal(r.eif_threshold)} deposit ({self.trigger})"
            )
            self.trigger_citations = counted[r.eif_threshold - 1].citations
        else:
            self.trigger_citations = ()
        if self.recorded_eif is not None and self.recorded_eif[0] != self.treaty_eif:
            # The deposits on record do not give the day the depositary records (the record
            # lacks some of them): the depositary's day stands, and each state's own date
            # follows from its deposit alone.
            day, citations = self.recorded_eif
            computed = (
                f"; the deposits on record would give {self.treaty_eif}"
                if (self.treaty_eif)
                else ""
            )
            self.trigger = None
            self.treaty_eif = day
            # The triggering deposit fell in the month ``eif_months`` before: from then on
            # the treaty's date was settled.
            self.eif_known_from = add_months(day, -r.eif_months)
            self.treaty_eif_basis = (
                f"Art. {r.eif_article}: in force on {day} as the depositary records it{computed}"
            )
            self.trigger_citations = citations

    def _eif(self, consent: Act | None) -> tuple[dt.date | None, str, str]:
        """(date, article, basis) of entry into force for a state with this consent."""
        r = self.rules
        if consent is None or self.treaty_eif is None:
            return None, "", ""
        if consent.kind not in r.eif_counts:
            day = max(self.treaty_eif, consent.date)
            return (
                day,
                r.succession_article,
                (f"Art. {r.succession_article} (succession notified {consent.date})"),
            )
        if self.trigger is not None and consent.date <= self.trigger:
            return self.treaty_eif, r.eif_article, self.treaty_eif_basis
        if self.trigger is None and (
            first_day_of_month_after(consent.date, r.later_months) <= self.treaty_eif
        ):
            # Without the trigger's day: a deposit early enough to bring its own date to or
            # before the treaty's is one of those that brought the treaty into force.
            return self.treaty_eif, r.eif_article, self.treaty_eif_basis
        day = max(self.treaty_eif, first_day_of_month_after(consent.date, r.later_months))
        return (
            day,
            r.later_article,
            (
                f"Art. {r.later_article}: first day of the {_ordinal(r.later_months)} month after "
                f"deposit on {consent.date}"
            ),
        )

    def _withdrawal(self, notice: Act | None, effective: Act | None) -> tuple[dt.date | None, str]:
        r = self.rules
        if effective is not None:
            return effective.date, f"Art. {r.withdrawal_article}: effective date as recorded"
        if notice is None:
            return None, ""
        return add_months(notice.date, r.withdrawal_months), (
            f"Art. {r.withdrawal_article}: {r.withdrawal_months} months after notification on "
            f"{notice.date}, unless the state is then engaged in an armed conflict"
        )

    # -- queries -----------------------------------------------------------------------------

    def eif_on(self, s: StateActs, day: dt.date) -> dt.date | None:
        """Entry into force for the state as known on ``day``: the triggering deposit must
        have happened by then (acts after ``day`` are ignored)."""
        known = self.eif_known_from
        if s.consent is None or s.consent.date > day or known is None:
            return None
        return s.eif if known <= day else None

    def withdrawal_on(self, s: StateActs, day: dt.date) -> dt.date | None:
        known = [a.date for a in (s.wd_notice, s.wd_effective) if a is not None]
        return s.withdrawal if known and min(known) <= day else None

    def status_changes(self) -> tuple[dt.date, ...]:
        """Every day on which :meth:`status` may answer differently for some state: the
        days of its acts and of the dates they imply. Between two of them every answer
        holds, so answers can be kept per stretch."""
        days: set[dt.date] = set()
        if self.eif_known_from is not None:
            days.add(self.eif_known_from)
        for s in self.states.values():
            days.add(s.first)
            for act in (s.signature, s.consent, s.provisional, s.wd_notice, s.wd_effective):
                if act is not None:
                    days.add(act.date)
            for d in (s.eif, s.withdrawal):
                if d is not None:
                    days.add(d)
        return tuple(sorted(days))

    def subject_changes(self, s: StateActs) -> tuple[dt.date, ...]:
        """The days on which :meth:`subject_on` may answer differently for the state."""
        days = {
            s.first,
            s.consent.date if s.consent else None,
            self.eif_known_from,
            min((a.date for a in (s.wd_notice, s.wd_effective) if a is not None), default=None),
            s.withdrawal,
        }
        return tuple(sorted(d for d in days if d is not None))

    def subject_on(self, s: StateActs, day: dt.date) -> tuple[bool, dt.date | None]:
        """Whether the state has consented and not withdrawn on ``day`` (a State Party, or
        one for which the treaty is not yet in force), and its entry into force as known
        then: what :meth:`status` says of it, without building the whole answer."""
        if s.first > day or s.consent is None or s.consent.date > day:
            return False, None
        wd = self.withdrawal_on(s, day)
        if wd is not None and wd <= day:
            return False, None
        return True, self.eif_on(s, day)

    def status(self, s: StateActs, day: dt.date) -> StateStatus | None:
        if s.first > day:
            return None
        r = self.rules
        sig = _on(s.signature, day)
        consent = _on(s.consent, day)
        eif = self.eif_on(s, day)
        wd = self.withdrawal_on(s, day)
        if wd is not None and wd <= day:
            standing = Standing.WITHDRAWN
        elif consent is not None:
            in_force = eif is not None and eif <= day
            standing = Standing.STATE_PARTY if in_force else Standing.NOT_IN_FORCE_YET
        elif sig is not None:
            standing = Standing.SIGNATORY
        else:
            standing = Standing.NOT_JOINED
        basis = "; ".join(
            b for b, show in ((s.eif_basis, eif), (s.withdrawal_basis, wd)) if show and b
        )
        return StateStatus(
            iso3=s.iso3,
            status=standing,
            signature=sig.date if sig else None,
            consent=consent.date if consent else None,
            consent_type=consent.kind.value if consent else None,
            entry_into_force=eif,
            withdrawal_effective=wd,
            provisional_application=p.date if (p := _on(s.provisional, day)) else None,
            withdrawal_notification=n.date if (n := _on(s.wd_notice, day)) else None,
            withdrawal_condition=r.withdrawal_condition if wd and s.wd_effective is None else "",
            basis=basis,
            alternatives=s.alternatives,
        )

    def series(self) -> list[SeriesPoint]:
        """One point per date on which any state's standing changes, on the whole record."""
        # Each state contributes half-open intervals [start, end) to four counts.
        deltas: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0, 0, 0])

        def interval(i: int, start: dt.date | None, *ends: dt.date | None) -> None:
            if start is None:
                return
            end = min((e for e in ends if e is not None), default=None)
            if end is not None and end <= start:
                return
            deltas[start][i] += 1
            if end is not None:
                deltas[end][i] -= 1

        for s in self.states.values():
            consent = s.consent.date if s.consent else None
            interval(0, consent, s.withdrawal)
            interval(1, s.eif, s.withdrawal)
            interval(2, s.signature.date if s.signature else None, consent, s.withdrawal)
            interval(3, s.withdrawal)
        points = []
        counts = [0, 0, 0, 0]
        for day in sorted(deltas):
            counts = [c + d for c, d in zip(counts, deltas[day], strict=True)]
            points.append(SeriesPoint(day, *counts))
        return points


def _on(act: Act | None, day: dt.date) -> Act | None:
    return act if act is not None and act.date <= day else None


def _ordinal(n: int) -> str:
    words = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}
    if n in words:
        return words[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
