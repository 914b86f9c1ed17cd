"""Obligations of one state under one treaty: due dates from the rules, extension chains and
completions from the record's ``ObligationFact`` rows, and a status on a date.

Choices (documented in the package docstring too):

- Stockpile destruction and clearance apply only where the record holds a fact showing the
  state has stockpiles or contamination (a deadline, an extension request or decision, a
  completion). A ``not_applicable`` fact makes it ``not-applicable`` unless a completion is
  recorded (then ``met``); with no fact at all it is omitted: silence in the record is not
  evidence either way.
- A fact without its own date counts from the earliest ``published`` (else ``retrieved``)
  date of its sources, so asking about an earlier day does not see it; with neither it
  counts on every day.
- A ``found`` fact (more stocks or contaminated areas came to light, its ``scope`` naming
  them) reopens a completed obligation until a completion of that scope; the obligation is
  met when every part is, on the day of the last part.
- "Overdue" only on evidence: a passed deadline with no completion is ``overdue`` on a day
  only when no request to extend it awaits a decision on record and the record of that
  obligation is declared complete for that day (``data/coverage.yaml``, see
  ``rules.coverage``); otherwise ``unknown``, and the basis says why in one sentence.
- Transparency reports (Article 7): a report received on record is ``met`` or ``met-late``
  by its day; past its due date without one it is ``overdue`` only where the record shows it
  was not received that day (received later, or a dated source saying so) or the record of
  reports reaches that day, else ``unknown``. One annual row per calendar year covered.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, TypeVar, cast

from treatywatch import model
from treatywatch.rules.coverage import NOWHERE, Reach
from treatywatch.rules.dates import add_years
from treatywatch.rules.declarations import AnnualRule, DeadlineRule, TreatyRules
from treatywatch.rules.results import Obligation, ObligationStatus

S = ObligationStatus
T = TypeVar("T")
F = TypeVar("F", model.ObligationFact, model.ReportFact)
INITIAL = "transparency_initial"


@dataclass(frozen=True, slots=True)
class Dated(Generic[F]):
    """A fact with the day from which the record may be said to know it."""

    fact: F
    known: dt.date | None  # None: counts on every day

    def visible(self, day: dt.date) -> bool:
        return self.known is None or self.known <= day


# The two kinds in use (annotations only: a frozen slotted generic is built as Dated(...)).
Known = Dated[model.ObligationFact]  # an obligation fact
Filed = Dated[model.ReportFact]  # a report fact


@dataclass(slots=True)
class FactGroup:
    """The facts about one (state, obligation), sorted once."""

    deadlines: list[Known] = field(default_factory=list)
    granted: list[Known] = field(default_factory=list)
    requests: list[Known] = field(default_factory=list)
    completed: list[Known] = field(default_factory=list)
    found: list[Known] = field(default_factory=list)
    not_applicable: list[Known] = field(default_factory=list)
    #: Decisions that answer a request without granting it (deferred, refused).
    answers: list[Known] = field(default_factory=list)
    findings: list[Known] = field(default_factory=list)  # noncompliance
    citations: list[model.Citation] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.deadlines or self.granted or self.requests or self.completed or self.found)


def known_date(fact: model.ObligationFact, sources: Mapping[str, model.Source]) -> dt.date | None:
    if fact.date is not None:
        return fact.date
    if fact.kind == "completed" and fact.deadline is not None:
        return fact.deadline  # "done by" that day: see _completion_day
    return source_day(fact.citations, sources)


def source_day(
    citations: Iterable[model.Citation], sources: Mapping[str, model.Source]
) -> dt.date | None:
    """The earliest day a fact's sources were published (else retrieved): for a fact that
    gives no day of its own, the day from which the record may be said to know it."""
    cited = [sources[c.source_id] for c in citations if c.source_id in sources]
    published = [s.published for s in cited if s.published]
    retrieved = [s.retrieved for s in cited if s.retrieved]
    return min(published or retrieved, default=None)


def group_facts(
    facts: Iterable[model.ObligationFact], sources: Mapping[str, model.Source]
) -> dict[tuple[str, str], FactGroup]:
    groups: dict[tuple[str, str], FactGroup] = {}
    for f in facts:
        g = groups.setdefault((f.state, f.obligation), FactGroup())
        k: Known = Dated(f, known_date(f, sources))
        bucket = {
            "deadline": g.deadlines,
            "extension_granted": g.granted,
            "extension_request": g.requests,
            "completed": g.completed,
            "found": g.found,
            "not_applicable": g.not_applicable,
            "extension_deferred": g.answers,
            "extension_refused": g.answers,
            "noncompliance": g.findings,
        }.get(f.kind)
        if bucket is not None:
            bucket.append(k)
        g.citations.extend(c for c in f.citations if c not in g.citations)
    for g in groups.values():
        g.deadlines.sort(key=lambda k: k.fact.deadline or dt.date.max)
        # Decisions rarely carry their own date in the record; the deadline they set orders them.
        g.granted.sort(key=lambda k: (k.fact.deadline or dt.date.max, k.fact.date or dt.date.max))
        g.completed.sort(key=lambda k: k.known or dt.date.min)
        g.found.sort(key=lambda k: k.known or dt.date.min)
        g.not_applicable.sort(key=lambda k: k.known or dt.date.min)
        g.findings.sort(key=lambda k: k.known or dt.date.min)
    return groups


@lru_cache(maxsize=4096)
def period(rule: DeadlineRule, eif: dt.date) -> dt.date:
    """The day a rule's period from entry into force ends (asked for every state on every
    date, from few distinct days of entry into force)."""
    return add_years(eif, rule.years) + dt.timedelta(days=rule.days)


def _period_text(rule: DeadlineRule) -> str:
    if rule.days:
        return f"{rule.days} days"
    years = int(rule.years) if rule.years == int(rule.years) else rule.years
    return f"{years} years"


def _cites(k: Known | Filed) -> str:
    return ", ".join(c.source_id for c in k.fact.citations)


def deadline_obligation(
    rules: TreatyRules,
    rule: DeadlineRule,
    state: str,
    eif: dt.date | None,
    group: FactGroup,
    day: dt.date,
    reach: Reach = NOWHERE,
) -> Obligation | None:
    """Stockpile destruction or clearance: rule + extension chain + completion, on ``day``."""
    base = (rules.treaty, state, rule.name, rule.article)
    cites = tuple(group.citations)
    declared_none = [k for k in group.not_applicable if k.visible(day)]
    done = any(k.visible(day) for k in group.completed)
    if not group.active and not declared_none:
        return None
    # What is found after a declaration of none reopens it, as it reopens a completion
    # (Niger declared no mined areas in 2009 and reported Madama in 2012).
    found_since = declared_none and any(
        k.visible(day) and (k.known or dt.date.min) > (declared_none[0].known or dt.date.min)
        for k in group.found
    )
    if declared_none and not done and not found_since:
        # "No stockpile / no contamination" outweighs earlier deadline facts: a state that
        # once reported a stockpile may clarify it holds none (Guinea-Bissau, CCM, 2022).
        return Obligation(
            *base,
            due=None,
            status=S.NOT_APPLICABLE,
            facts=cites,
            basis=f"Art. {rule.article}: the state declared it has nothing to destroy or clear "
            f"({_cites(declared_none[0])})",
        )
    issues: list[str] = []
    basis: list[str] = []
    published = [k for k in group.deadlines if k.visible(day) and k.fact.deadline]
    due: dt.date | None = None
    if eif is not None:
        due = period(rule, eif)
        basis.append(
            f"Art. {rule.article}: {_period_text(rule)} after entry into force for the state "
            f"({eif}) = {due}"
        )
        if published and published[0].fact.deadline and published[0].fact.deadline < due:
            issues.append(
                f"published deadline {published[0].fact.deadline} ({_cites(published[0])}) is "
                f"earlier than Art. {rule.article} allows ({due})"
            )
    elif published:
        due = published[0].fact.deadline
        basis.append(f"Art. {rule.article}: deadline {due} as published ({_cites(published[0])})")
    original = due
    extensions = 0
    ext = rule.extension
    for k, new in _chain(group.granted, due, day, issues):
        g = k.fact
        if due is not None and new <= due:
            continue  # an earlier link of the chain, already passed
        if ext is None:
            issues.append(
                f"Art. {rule.article} provides for no extension, yet {_cites(k)} "
                f"records one to {new}"
            )
        else:
            if g.years is not None and g.years > ext.max_years:
                issues.append(
                    f"extension of {g.years} years ({_cites(k)}) exceeds the maximum "
                    f"of {ext.max_years:g} years of Art. {ext.article}"
                )
            elif due is not None and new > add_years(due, ext.max_years):
                issues.append(
                    f"extension to {new} ({_cites(k)}) is more than {ext.max_years:g} "
                    f"years after the previous deadline {due} (Art. {ext.article})"
                )
        article = ext.article if ext and extensions == 0 else (ext.further_article if ext else "?")
        basis.append(f"extended under Art. {article} to {new} ({_cites(k)})")
        due = new
        extensions += 1
    latest = published[-1] if published else None
    if latest and latest.fact.deadline and due and latest.fact.deadline > due:
        # A published deadline beyond the chain means a decision the record lacks: take it.
        due = latest.fact.deadline
        extensions += 1
        basis.append(f"deadline {due} as published ({_cites(latest)})")
    status, completed = _status(group, due, day, issues, basis, extensions, reach)
    if status is S.OVERDUE and (vague := _grant_of_unknown_length(group, day)):
        # A meeting extended the deadline to a day the record does not give: it may not
        # have passed at all.
        status = S.UNKNOWN
        granted = f" {vague.fact.date}" if vague.fact.date else ""
        basis[-1] = (
            f"deadline {due} passed with no completion on record, but an extension granted"
            f"{granted} ({_cites(vague)}) gives no new deadline"
        )
    return Obligation(
        *base,
        due=due,
        status=status,
        basis="; ".join(basis),
        original_due=original,
        completed=completed,
        extensions=extensions,
        facts=cites,
        issues=tuple(issues),
    )


def _grant_of_unknown_length(group: FactGroup, day: dt.date) -> Known | None:
    """A grant known on ``day`` that names neither a deadline nor a period. Any such grant
    counts, even one a later link of the chain may have overtaken: the record cannot tell
    which deadline it set, so it cannot rule out one that has not passed."""
    for k in group.granted:
        if k.visible(day) and k.fact.deadline is None and k.fact.years is None:
            return k
    return None


def _new_deadline(g: model.ObligationFact, due: dt.date | None) -> dt.date | None:
    return g.deadline or (add_years(due, g.years) if due and g.years else None)


def _chain(
    granted: list[Known], due: dt.date | None, day: dt.date, issues: list[str]
) -> Iterator[tuple[Known, dt.date]]:
    """Granted extensions in the order they were decided, each with the deadline it sets.

    Decisions with a date go in date order; an undated one goes where its new deadline
    fits, before a dated decision that sets a later deadline. Duplicates (same deadline and
    years, from several sources) count once.
    """
    seen: set[tuple[dt.date | None, float | None]] = set()
    left: list[Known] = []
    for k in granted:
        key = (k.fact.deadline, k.fact.years)
        if k.visible(day) and key not in seen:
            seen.add(key)
            left.append(k)
    while left:
        dated = [k for k in left if k.fact.date is not None]
        eligible = [k for k in left if k.fact.date is None]
        if dated:
            eligible.append(min(dated, key=lambda k: k.fact.date or dt.date.max))
        k = min(eligible, key=lambda k: _new_deadline(k.fact, due) or dt.date.min)
        left.remove(k)
        new = _new_deadline(k.fact, due)
        if new is None:
            issues.append(f"extension granted ({_cites(k)}) gives neither a deadline nor years")
            continue
        yield k, new
        due = max(due, new) if due else new


def _parts(group: FactGroup, day: dt.date) -> tuple[dict[str, Known], dict[str, Known]]:
    """The parts of the obligation completed by ``day`` (the first completion known of each
    scope) and the parts found and not yet completed (the first report of each scope)."""
    done: dict[str, Known] = {}
    for k in group.completed:
        if k.visible(day):
            done.setdefault(k.fact.scope, k)
    # A declaration that there was nothing to do settles the obligation as a whole.
    for k in group.not_applicable:
        if k.visible(day):
            done.setdefault("", k)
    still_open: dict[str, Known] = {}
    for k in group.found:
        if k.visible(day) and k.fact.scope not in done:
            still_open.setdefault(k.fact.scope, k)
    return done, still_open


def _completion_day(fact: model.ObligationFact) -> dt.date | None:
    """The day a part was done: its date, or where a source says only that it was done by a
    day (Guinea-Bissau cleared its mined areas by its 1 January 2012 deadline, and declared
    it later), that day, the latest it can have been."""
    if fact.kind == "completed" and fact.date is None:
        return fact.deadline
    return fact.date


def _part(scope: str) -> str:
    return f"{scope}: " if scope else ""


def _status(
    group: FactGroup,
    due: dt.date | None,
    day: dt.date,
    issues: list[str],
    basis: list[str],
    extensions: int,
    reach: Reach = NOWHERE,
) -> tuple[ObligationStatus, dt.date | None]:
    done, still_open = _parts(group, day)
    for scope, k in done.items():
        if k.fact.kind == "not_applicable":
            what, shown = "declared nothing to do", str(k.fact.date or "(date not given)")
        elif k.fact.date is None and k.fact.deadline is not None:
            what, shown = "completed by", str(k.fact.deadline)
        else:
            what, shown = "completed", str(k.fact.date or "(date not given)")
        basis.append(f"{_part(scope)}{what} {shown} ({_cites(k)})")
    for scope, k in still_open.items():
        basis.append(f"{scope or 'more'} reported ({_cites(k)}), no completion on record")
    if done and not still_open:
        dates = [_completion_day(k.fact) for k in done.values()]
        if None in dates:
            last_known = max((k.known for k in done.values() if k.known), default=None)
            if due is not None and last_known and last_known > due:
                issues.append("completion date not given: cannot tell whether it was on time")
            return S.MET, None
        # The obligation is met when its last part is.
        when = max(d for d in dates if d is not None)
        return (S.MET if due is None or when <= due else S.MET_LATE), when
    if due is None:
        basis.append("due date cannot be computed from the record")
        return S.PENDING, None
    if day > due:
        unseen = [k for k in group.completed if not k.visible(day) and k.fact.scope not in done]
        # A completion is recorded undated by a source later than ``day``: we cannot say,
        # unless a dated record of that same completion puts it after ``day``.
        dated_later = {
            k.fact.scope for k in unseen if k.fact.date is not None and k.fact.date > day
        }
        if any(k.fact.date is None and k.fact.scope not in dated_later for k in unseen):
            basis.append("completion recorded by a later source that gives no day")
            return S.UNKNOWN, None
        if done and still_open and all(k.known and k.known > due for k in still_open.values()):
            # Stocks or areas found after the deadline: the treaty sets no day for them.
            basis.append(
                f"deadline {due} passed before more was found; the Article sets no day for "
                "what is found later, and no completion of it is on record"
            )
            return S.UNKNOWN, None
        pending = _awaiting(group, due, day)
        if pending:
            # A request to move the deadline past ``due`` is on record but its decision is
            # not: the meeting may well have granted it, so "overdue" would claim too much.
            k = pending[-1]
            asked = f" to {k.fact.deadline}" if k.fact.deadline else ""
            at = f" for {k.fact.event}" if k.fact.event else ""
            basis.append(
                f"deadline {due} passed; extension{asked} requested{at} ({_cites(k)}); "
                "no decision on record"
            )
            return S.UNKNOWN, None
        findings = [k for k in group.findings if k.visible(day)]
        if findings:
            f = findings[-1]
            found_on = f" on {f.fact.date}" if f.fact.date else ""
            basis.append(f"found in non-compliance{found_on} ({_cites(f)})")
        refused = [
            k for k in group.answers if k.visible(day) and k.fact.kind == "extension_refused"
        ]
        if refused:
            # Said beside the verdict: a reader should learn that a meeting said no.
            r = refused[-1]
            at = f" at {r.fact.event}" if r.fact.event else ""
            on = f" on {r.fact.date}" if r.fact.date else ""
            basis.append(f"a request to extend it was not granted{at}{on} ({_cites(r)})")
        if not reach.supports(due, day):
            basis.append(
                f"deadline {due} passed with no completion on record, but {reach.gap(day, due)}"
            )
            return S.UNKNOWN, None
        basis.append(f"deadline {due} passed with no completion on record")
        return S.OVERDUE, None
    return (S.EXTENDED if extensions else S.PENDING), None


def _awaiting(group: FactGroup, due: dt.date, day: dt.date) -> list[Known]:
    """Requests known on ``day`` that would move ``due`` and that nothing known on ``day``
    answers. A request is answered by any decision of the meeting it was made to, by a grant
    of the deadline it asked, by a decision dated after it, or by news of the outcome known
    after it: a published deadline at least as late as the one asked (or, for a request
    that names no deadline, any later decision or published deadline). A deferral answers
    nothing."""
    decided = [
        k
        for k in (*group.granted, *group.answers)
        if k.visible(day) and k.fact.kind != "extension_deferred"
    ]
    published = [k for k in group.deadlines if k.visible(day) and k.fact.deadline]
    out = []
    for r in group.requests:
        if not r.visible(day) or (r.fact.deadline is not None and r.fact.deadline <= due):
            continue
        if not _answered(r, decided, published):
            out.append(r)
    out.sort(key=lambda k: k.fact.date or k.known or dt.date.min)
    return out


def _answered(r: Known, decided: list[Known], published: list[Known]) -> bool:
    asked_on = r.fact.date or r.known
    asked = r.fact.deadline

    def after(k: Known) -> bool:
        return asked_on is not None and k.known is not None and k.known > asked_on

    for d in decided:
        if r.fact.event is not None and d.fact.event == r.fact.event:
            return True
        if asked is not None and d.fact.kind == "extension_granted" and d.fact.deadline == asked:
            return True
        if asked_on is not None and d.fact.date is not None and d.fact.date >= asked_on:
            return True
        if asked is None and after(d):
            return True
    return any(
        after(p) and (asked is None or (p.fact.deadline is not None and p.fact.deadline >= asked))
        for p in published
    )


@dataclass(slots=True)
class ReportGroup:
    """What the record says of one report (a state's initial report, or its annual report
    for one year): the receipts and the dated statements that it had not arrived."""

    received: list[Filed] = field(default_factory=list)
    not_received: list[Filed] = field(default_factory=list)

    @property
    def citations(self) -> tuple[model.Citation, ...]:
        out: list[model.Citation] = []
        for f in (*self.received, *self.not_received):
            out.extend(c for c in f.fact.citations if c not in out)
        return tuple(out)


ReportKey = tuple[str, str, int | None]  # (state, "initial" | "annual", year covered)


def group_reports(
    facts: Iterable[model.ReportFact], sources: Mapping[str, model.Source]
) -> dict[ReportKey, ReportGroup]:
    groups: dict[ReportKey, ReportGroup] = {}
    for f in facts:
        g = groups.setdefault((f.state, f.report, f.year), ReportGroup())
        # A "not received" statement speaks of its own day; a receipt is known from its day,
        # or where the source gives none, from the source's.
        known = f.date or source_day(f.citations, sources)
        (g.received if f.status == "received" else g.not_received).append(Dated(f, known))
    for g in groups.values():
        g.received.sort(key=lambda k: (k.fact.date is None, k.fact.date or dt.date.min))
        g.not_received.sort(key=lambda k: k.known or dt.date.min)
    return groups


def report_status(
    group: ReportGroup | None, due: dt.date, day: dt.date, reach: Reach, basis: list[str]
) -> tuple[ObligationStatus, dt.date | None]:
    """A report's status on ``day``, adding to ``basis`` the facts it rests on."""
    if group is None:  # most reports: nothing on record either way
        if day <= due:
            return S.PENDING, None
        return _no_receipt(due, day, reach, basis)
    seen = [f for f in group.received if f.visible(day)]
    if seen:
        first = seen[0]
        when = first.fact.date
        if when is None:
            basis.append(f"received, day not given ({_cites(first)})")
            return S.MET, None
        basis.append(f"received {when} ({_cites(first)})")
        return (S.MET if when <= due else S.MET_LATE), when
    if day <= due:
        return S.PENDING, None
    later = [f for f in group.received if f.fact.date is not None and f.fact.date > day]
    if later and not any(f.fact.date is None for f in group.received):
        basis.append(f"received only on {later[0].fact.date} ({_cites(later[0])})")
        return S.OVERDUE, None
    # A dated word that it had not arrived outweighs a receipt the record cannot date.
    said = [f for f in group.not_received if f.fact.date is not None and f.fact.date >= day]
    if said:
        basis.append(f"not received as of {said[0].fact.date} ({_cites(said[0])})")
        return S.OVERDUE, None
    earlier = [f for f in group.not_received if f.visible(day)]
    if earlier:
        basis.append(f"not received as of {earlier[-1].fact.date} ({_cites(earlier[-1])})")
    if any(f.fact.date is None for f in group.received):
        basis.append("received on a day the record does not give, after this one")
        return S.UNKNOWN, None
    return _no_receipt(due, day, reach, basis)


def _no_receipt(
    due: dt.date, day: dt.date, reach: Reach, basis: list[str]
) -> tuple[ObligationStatus, dt.date | None]:
    """Past due with no receipt on record: overdue only where the record is complete."""
    if reach.supports(due, day):
        basis.append(f"due {due}; no receipt on record, which is complete for this day")
        return S.OVERDUE, None
    basis.append(f"due {due} passed with no receipt on record, but {reach.gap(day, due)}")
    return S.UNKNOWN, None


def report_changes(group: ReportGroup | None, due: dt.date, reach: Reach) -> set[dt.date]:
    """The days on which a report's status or basis may change: ``report_status`` compares
    ``day`` only with these, so it is constant from one to the next."""
    days = {due + dt.timedelta(days=1)}
    if reach.ends is not None:
        days.add(reach.ends)
    for f in group.received if group else ():
        days.update(d for d in (f.known, f.fact.date) if d is not None)
    for f in group.not_received if group else ():
        if f.fact.date is not None:
            days.update((f.fact.date, f.fact.date + dt.timedelta(days=1)))
    return days


_UNSET: Any = object()


def _starts(changes: Iterable[dt.date]) -> list[dt.date]:
    """The first days of the stretches that ``changes`` cut the calendar into, from the
    beginning of time; built for every obligation the engine meets, so one sort."""
    starts = sorted(set(changes))
    if not starts or starts[0] != dt.date.min:
        starts.insert(0, dt.date.min)
    return starts


class Steps(Generic[T]):
    """A value that changes only on given days, computed once per stretch and only when
    asked for: the engine asks each obligation's status on many days, and most never change
    after falling due. ``make(d)`` must give the same value on every day of the stretch
    that begins on ``d``; the changes passed in are the days it may differ."""

    __slots__ = ("_make", "_values", "starts")

    def __init__(self, make: Callable[[dt.date], T], changes: Iterable[dt.date]) -> None:
        self.starts = _starts(changes)
        self._make = make
        self._values: list[Any] = [_UNSET] * len(self.starts)

    def at(self, day: dt.date) -> T:
        i = bisect_right(self.starts, day) - 1
        found = self._values[i]
        if found is _UNSET:
            found = self._values[i] = self._make(self.starts[i])
        return cast(T, found)

    def span(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """The stretch holding ``day``: from its first day to the first day after it."""
        i = bisect_right(self.starts, day)
        end = self.starts[i] if i < len(self.starts) else dt.date.max
        return self.starts[i - 1], end


def fact_changes(group: FactGroup, reach: Reach) -> set[dt.date]:
    """The days on which what ``deadline_obligation`` sees of a group may change: a fact
    becomes known, a dated fact's day passes, the record's coverage ends. The due date it
    computes changes only on these days too, so its passing is added per stretch (see
    ``DeadlineSteps``)."""
    days: set[dt.date] = set()
    every = (
        *group.deadlines, *group.granted, *group.requests, *group.completed, *group.found,
        *group.not_applicable, *group.answers, *group.findings,
    )  # fmt: skip
    for k in every:
        if k.known is not None:
            days.add(k.known)
        if k.fact.date is not None:
            days.update((k.fact.date, k.fact.date + dt.timedelta(days=1)))
    if reach.ends is not None:
        days.add(reach.ends)
    return days


class DeadlineSteps:
    """``deadline_obligation`` over time, computed only for the stretches asked about.

    Between two days on which its facts change (``fact_changes``) the due date it computes
    is fixed, and its status changes at most once more, the day after that due date: each
    stretch is split there when it is first asked for."""

    __slots__ = ("_make", "_split", "starts")

    def __init__(
        self, make: Callable[[dt.date], Obligation | None], group: FactGroup, reach: Reach
    ) -> None:
        self._make = make
        self.starts = _starts(fact_changes(group, reach))
        # Per stretch: (its value, the day it splits or None, the value from then).
        self._split: list[tuple[Obligation | None, dt.date | None, Obligation | None] | None]
        self._split = [None] * len(self.starts)

    def _stretch(self, i: int) -> tuple[Obligation | None, dt.date | None, Obligation | None]:
        found = self._split[i]
        if found is None:
            start = self.starts[i]
            end = self.starts[i + 1] if i + 1 < len(self.starts) else dt.date.max
            first = self._make(start)
            due = first.due if first is not None else None
            after = due + dt.timedelta(days=1) if due is not None and due < dt.date.max else None
            if after is not None and start < after < end:
                found = (first, after, self._make(after))
            else:
                found = (first, None, None)
            self._split[i] = found
        return found

    def at(self, day: dt.date) -> Obligation | None:
        i = bisect_right(self.starts, day) - 1
        first, split, later = self._stretch(i)
        return later if split is not None and day >= split else first

    def span(self, day: dt.date) -> tuple[dt.date, dt.date]:
        i = bisect_right(self.starts, day)
        start = self.starts[i - 1]
        end = self.starts[i] if i < len(self.starts) else dt.date.max
        _, split, _ = self._stretch(i - 1)
        if split is None:
            return start, end
        return (split, end) if day >= split else (start, split)


def initial_report(
    rules: TreatyRules,
    rule: DeadlineRule,
    state: str,
    eif: dt.date | None,
    day: dt.date,
    group: ReportGroup | None = None,
    reach: Reach = NOWHERE,
) -> Obligation:
    due = period(rule, eif) if eif else None
    cites = group.citations if group else ()
    if due is None:
        basis = f"Art. {rule.article}: {_period_text(rule)} after entry into force (not yet known)"
        return Obligation(
            rules.treaty, state, rule.name, rule.article, None, S.PENDING, basis, facts=cites
        )
    first = f"Art. {rule.article}: {_period_text(rule)} after entry into force ({eif}) = {due}"
    return _report(rules.treaty, state, rule.name, rule.article, due, day, group, reach, first)


def _report(
    treaty: str,
    state: str,
    name: str,
    article: str,
    due: dt.date,
    day: dt.date,
    group: ReportGroup | None,
    reach: Reach,
    first: str,
    year: int | None = None,
) -> Obligation:
    """A report's obligation on ``day``: ``first`` (the rule) and the facts it rests on."""
    parts = [first]
    status, received = report_status(group, due, day, reach, parts)
    return Obligation(
        treaty,
        state,
        name,
        article,
        due,
        status,
        "; ".join(parts),
        original_due=due,
        completed=received,
        facts=group.citations if group else (),
        year=year,
    )


def annual_dues(rule: AnnualRule, initial_due: dt.date, start: dt.date) -> Iterator[dt.date]:
    """30 April of each year from the first one after the initial report is due, and not
    before ``start``, endlessly."""
    first = max(initial_due + dt.timedelta(days=1), start)
    year = first.year
    while True:
        d = dt.date(year, rule.month, rule.day)
        if d >= first:
            yield d
        year += 1


def latest_annual_due(rule: AnnualRule, initial_due: dt.date, day: dt.date) -> dt.date:
    """The last annual update due on or before ``day``, else the first one due."""
    first = next(annual_dues(rule, initial_due, dt.date.min))
    this_year = dt.date(day.year, rule.month, rule.day)
    latest = this_year if this_year <= day else dt.date(day.year - 1, rule.month, rule.day)
    return max(first, latest)


_MONTHS = (
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


def annual_report(
    rules: TreatyRules,
    rule: AnnualRule,
    state: str,
    due: dt.date,
    day: dt.date,
    group: ReportGroup | None = None,
    reach: Reach = NOWHERE,
) -> Obligation:
    covers = due.year - 1
    first = (
        f"Art. {rule.article}: annual update by {due.day} {_MONTHS[due.month]} {due.year}, "
        f"covering {covers}"
    )
    return _report(
        rules.treaty, state, rule.name, rule.article, due, day, group, reach, first, covers
    )
