"""Where sources disagree: the same fact with different values, every value kept."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from treatywatch import model


def rank(fact: Any, sources: Mapping[str, model.Source]) -> tuple[int, int, str]:
    """Order of preference between facts: the weight of their independent sources, then
    the best authority among them (``model.preference``)."""
    return model.preference(fact.citations, sources)


def pooled(
    facts: Iterable[Any], value: Callable[[Any], Any]
) -> dict[Any, tuple[model.Citation, ...]]:
    """Each value the facts give, with the sources of every fact that gives it."""
    out: dict[Any, list[model.Citation]] = {}
    for fact in facts:
        cites = out.setdefault(value(fact), [])
        cites.extend(c for c in fact.citations if c not in cites)
    return {v: tuple(c) for v, c in out.items()}


def ordered_values(
    facts: Iterable[Any], value: Callable[[Any], Any], sources: Mapping[str, model.Source]
) -> list[tuple[Any, tuple[model.Citation, ...]]]:
    """The values the facts give, the one the record holds most strongly first (by the
    weight of the independent sources that agree on it, then authority); a fact that gives
    no value (None or "") comes last, since it does not say anything against the others."""
    return sorted(
        pooled(facts, value).items(),
        key=lambda vc: (vc[0] in (None, ""), model.preference(vc[1], sources), str(vc[0])),
    )


def disputes(
    facts: Iterable[Any],
    key: Callable[[Any], str],
    value: Callable[[Any], str],
    fact_type: str,
    field: str,
    sources: Mapping[str, model.Source],
) -> list[model.Conflict]:
    """A conflict for every key whose facts carry more than one value."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for fact in facts:
        groups[key(fact)].append(fact)
    out = []
    for k, facts in sorted(groups.items()):
        # A source that leaves the value out (a report that gives no day) does not disagree.
        if len({value(f) for f in facts} - {""}) > 1:
            ranked = ordered_values(facts, value, sources)
            out.append(
                model.Conflict(fact_type, k, field, tuple(model.Variant(v, c) for v, c in ranked))
            )
    return out


#: Obligation facts that happen once: two sources giving two days for one of them disagree.
#: Deadlines and extensions are not here, since a state may have several in turn.
ONCE_ONLY_OBLIGATION_KINDS = frozenset({"completed"})


def _completion_value(o: model.ObligationFact) -> str:
    """A completion's day, or "by" the day a source says it was done by."""
    if o.date is not None:
        return str(o.date)
    return f"by {o.deadline}" if o.deadline is not None else ""


def _obligation_key(o: model.ObligationFact) -> str:
    return f"{o.instrument}/{o.state}/{o.obligation}/{o.kind}" + (f"@{o.scope}" if o.scope else "")


#: The capacities a state attends a meeting in: a final report lists it as a State Party, a
#: signatory or an observer, and only one of them; ``participant`` is a source that took no
#: side. Host and president are offices held besides a capacity, so they exclude nothing.
CAPACITIES = frozenset(
    {model.Role.PARTICIPANT, model.Role.STATE_PARTY, model.Role.SIGNATORY, model.Role.OBSERVER}
)


def _compatible(a: model.Role, b: model.Role) -> bool:
    """Whether two sources' capacities for one state at one meeting can both be true: a
    source that says only "took part" agrees with one naming a member's capacity (State
    Party or signatory), not with one that says it only observed."""
    if a == b:
        return True
    loose = {a, b} & {model.Role.PARTICIPANT}
    return bool(loose) and model.Role.OBSERVER not in {a, b}


def _capacity_disputes(record: model.Record) -> list[model.Conflict]:
    """A conflict for every state two sources give exclusive capacities at one meeting
    (State Party and observer; participant and observer; State Party and signatory)."""
    groups: dict[str, list[model.Participation]] = defaultdict(list)
    for p in record.participation:
        if p.role in CAPACITIES:
            groups[f"{p.event}/{p.participant}"].append(p)
    out = []
    for key, facts in sorted(groups.items()):
        roles = {p.role for p in facts}
        if all(_compatible(a, b) for a in roles for b in roles):
            continue
        ranked = ordered_values(facts, lambda p: p.role.value, record.sources)
        variants = tuple(model.Variant(v, c) for v, c in ranked)
        out.append(model.Conflict("participation", key, "role", variants))
    return out


def find_conflicts(record: model.Record) -> list[model.Conflict]:
    """Disagreements among the record's actions (on dates), claims (on numbers),
    participants (the capacity a state attended in), once-only obligation facts (on dates) and
    reports received (on dates)."""
    return [
        *disputes(
            record.actions,
            lambda a: f"{a.instrument}/{a.state}/{a.kind.value}",
            lambda a: str(a.date or ""),
            "action",
            "date",
            record.sources,
        ),
        *disputes(
            record.claims,
            # A count on another day is another fact, not a disagreement.
            lambda c: f"{c.subject}/{c.property}" + (f"@{c.as_of}" if c.as_of else ""),
            lambda c: str(c.quantity),
            "claim",
            "quantity",
            record.sources,
        ),
        *_capacity_disputes(record),
        *disputes(
            (o for o in record.obligations if o.kind in ONCE_ONLY_OBLIGATION_KINDS),
            _obligation_key,
            _completion_value,
            "obligation",
            "date",
            record.sources,
        ),
        # A report is received once: two days for it from two sources disagree.
        *disputes(
            (r for r in record.reports if r.status == "received"),
            _report_key,
            lambda r: str(r.date or ""),
            "report",
            "date",
            record.sources,
        ),
        *_report_disputes(record),
    ]


def _report_key(r: model.ReportFact) -> str:
    return f"{r.instrument}/{r.state}/{r.report}" + (f"/{r.year}" if r.year else "")


def _report_disputes(record: model.Record) -> list[model.Conflict]:
    """A source saying a report had not arrived on a day after another source's day of
    receipt: one of them is wrong, and both are shown."""
    groups: dict[str, list[model.ReportFact]] = defaultdict(list)
    for r in record.reports:
        groups[_report_key(r)].append(r)
    out = []
    for key, facts in sorted(groups.items()):
        received = sorted(
            (r for r in facts if r.status == "received" and r.date is not None),
            key=lambda r: r.date or dt.date.max,
        )
        if not received or received[0].date is None:
            continue
        first = received[0]
        day = received[0].date
        contradicted = [
            r for r in facts if r.status == "not_received" and r.date is not None and r.date >= day
        ]
        if contradicted:
            ranked = sorted([first, *contradicted], key=lambda f: rank(f, record.sources))
            variants = tuple(
                model.Variant(
                    f"received {v.date}" if v.status == "received" else f"not received {v.date}",
                    v.citations,
                )
                for v in ranked
            )
            out.append(model.Conflict("report", key, "received", variants))
    return out
