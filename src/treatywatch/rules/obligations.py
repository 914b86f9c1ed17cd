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
- Transparency reports: the record holds no submissions yet, so a report is ``pending`` until
  its due date and ``unknown`` after, never ``overdue``. Annual updates are emitted only for
  the window asked about (the next one due), not for every past year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from treatywatch import model
from treatywatch.rules.dates import add_years
from treatywatch.rules.declarations import AnnualRule, DeadlineRule, TreatyRules
from treatywatch.rules.results import Obligation, ObligationStatus

S = ObligationStatus
INITIAL = "transparency_initial"


@dataclass(frozen=True, slots=True)
class Known:
    """A fact with the day from which the record may be said to know it."""

    fact: model.ObligationFact
    known: dt.date | None  # None: counts on every day

    def visible(self, day: dt.date) -> bool:
        return self.known is None or self.known <= day


@dataclass(slots=True)
class FactGroup:
    """The facts about one (state, obligation), sorted once."""

    deadlines: list[Known] = field(default_factory=list)
    granted: list[Known] = field(default_factory=list)
    requests: list[Known] = field(default_factory=list)
    completed: list[Known] = field(default_factory=list)
    found: list[Known] = field(default_factory=list)
    not_applicable: list[Known] = field(default_factory=list)
    citations: list[model.Citation] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.deadlines or self.granted or self.requests or self.completed or self.found)


def known_date(fact: model.ObligationFact, sources: Mapping[str, model.Source]) -> dt.date | None:
    if fact.date is not None:
        return fact.date
    cited = [sources[c.source_id] for c in fact.citations if c.source_id in sources]
    published = [s.published for s in cited if s.published]
    retrieved = [s.retrieved for s in cited if s.retrieved]
    return min(published or retrieved, default=None)


def group_facts(
    facts: Iterable[model.ObligationFact], sources: Mapping[str, model.Source]
) -> dict[tuple[str, str], FactGroup]:
    groups: dict[tuple[str, str], FactGroup] = {}
    for f in facts:
        g = groups.setdefault((f.state, f.obligation), FactGroup())
        k = Known(f, known_date(f, sources))
        bucket = {
            "deadline": g.deadlines,
            "extension_granted": g.granted,
            "extension_request": g.requests,
            "completed": g.completed,
            "found": g.found,
            "not_applicable": g.not_applicable,
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
    return groups


def period(rule: DeadlineRule, eif: dt.date) -> dt.date:
    return add_years(eif, rule.years) + dt.timedelta(days=rule.days)


def _period_text(rule: DeadlineRule) -> str:
    if rule.days:
        return f"{rule.days} days"
    years = int(rule.years) if rule.years == int(rule.years) else rule.years
    return f"{years} years"


def _cites(k: Known) -> str:
    return ", ".join(c.source_id for c in k.fact.citations)


def deadline_obligation(
    rules: TreatyRules,
    rule: DeadlineRule,
    state: str,
    eif: dt.date | None,
    group: FactGroup,
    day: dt.date,
) -> Obligation | None:
    """Stockpile destruction or clearance: rule + extension chain + completion, on ``day``."""
    base = (rules.treaty, state, rule.name, rule.article)
    cites = tuple(group.citations)
    declared_none = [k for k in group.not_applicable if k.visible(day)]
    done = any(k.visible(day) for k in group.completed)
    if not group.active and not declared_none:
        return None
    if declared_none and not done:
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
    status, completed = _status(group, due, day, issues, basis, extensions)
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
    still_open: dict[str, Known] = {}
    for k in group.found:
        if k.visible(day) and k.fact.scope not in done:
            still_open.setdefault(k.fact.scope, k)
    return done, still_open


def _part(scope: str) -> str:
    return f"{scope}: " if scope else ""


def _status(
    group: FactGroup,
    due: dt.date | None,
    day: dt.date,
    issues: list[str],
    basis: list[str],
    extensions: int,
) -> tuple[ObligationStatus, dt.date | None]:
    done, still_open = _parts(group, day)
    for scope, k in done.items():
        when = k.fact.date
        basis.append(f"{_part(scope)}completed {when or '(date not given)'} ({_cites(k)})")
    for scope, k in still_open.items():
        basis.append(f"{scope or 'more'} reported ({_cites(k)}), no completion on record")
    if done and not still_open:
        dates = [k.fact.date for k in done.values()]
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
        if any(k.fact.date is None for k in unseen):
            # Completion is recorded, undated, by a source later than ``day``: we cannot say.
            return S.UNKNOWN, None
        pending = [
            k for k in group.requests
            if k.visible(day) and k.fact.deadline is not None and k.fact.deadline > due
        ]  # fmt: skip
        if pending:
            # A request to move the deadline past ``due`` is on record but its decision is
            # not: the meeting may well have granted it, so "overdue" would claim too much.
            k = max(pending, key=lambda k: k.fact.deadline or dt.date.min)
            basis.append(
                f"extension to {k.fact.deadline} requested ({_cites(k)}); no decision on record"
            )
            return S.UNKNOWN, None
        return S.OVERDUE, None
    return (S.EXTENDED if extensions else S.PENDING), None


def initial_report(
    rules: TreatyRules, rule: DeadlineRule, state: str, eif: dt.date | None, day: dt.date
) -> Obligation:
    due = period(rule, eif) if eif else None
    if due is None:
        basis = f"Art. {rule.article}: {_period_text(rule)} after entry into force (not yet known)"
    else:
        basis = f"Art. {rule.article}: {_period_text(rule)} after entry into force ({eif}) = {due}"
    status = S.PENDING if due is None or day <= due else S.UNKNOWN
    if status is S.UNKNOWN:
        basis += "; the record holds no submission data"
    return Obligation(
        rules.treaty, state, rule.name, rule.article, due, status, basis, original_due=due
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


def annual_report(
    rules: TreatyRules, rule: AnnualRule, state: str, due: dt.date, day: dt.date
) -> Obligation:
    basis = (
        f"Art. {rule.article}: annual update by {due:%d %B}, covering {due.year - 1}; "
        "the record holds no submission data"
    )
    status = S.PENDING if day <= due else S.UNKNOWN
    return Obligation(
        rules.treaty, state, rule.name, rule.article, due, status, basis, original_due=due
    )
