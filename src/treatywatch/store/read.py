"""Read the record back out of the database, as the model types every layer speaks."""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from treatywatch import model
from treatywatch.record.conflicts import find_conflicts
from treatywatch.record.derive import implied_acts
from treatywatch.store import schema as s

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

_cache: dict[str, tuple[str, model.Record]] = {}
_lock = threading.Lock()


def revision(conn: Connection) -> str:
    from sqlalchemy import select

    value = conn.execute(
        select(s.build_info.c.value).where(s.build_info.c.key == "revision")
    ).scalar()
    return str(value or "")


def load_record(eng: Engine, fresh: bool = False) -> model.Record:
    """The record as stored, cached until the database's revision changes (``fresh``: read
    again whatever the cache holds)."""
    key = str(eng.url)
    # One transaction, so every table is read as one build left it (on PostgreSQL a
    # repeatable-read snapshot; on SQLite the transaction db.engine begins).
    snapshot = {"isolation_level": "REPEATABLE READ"} if eng.dialect.name == "postgresql" else {}
    with eng.connect().execution_options(**snapshot) as conn:
        rev = revision(conn)
        with _lock:
            hit = _cache.get(key)
            if hit is not None and hit[0] == rev and not fresh:
                return hit[1]
        record = _read(conn)
    with _lock:
        _cache[key] = (rev, record)
    return record


def _cites(conn: Connection) -> dict[tuple[str, str], tuple[model.Citation, ...]]:
    from sqlalchemy import select

    out: dict[tuple[str, str], list[model.Citation]] = defaultdict(list)
    for row in conn.execute(select(s.citation).order_by(s.citation.c.id)):
        out[(row.fact_type, row.fact_id)].append(model.Citation(row.source, row.locator))
    return {k: tuple(v) for k, v in out.items()}


def _read(conn: Connection) -> model.Record:
    from sqlalchemy import select

    cites = _cites(conn)

    def c(fact_type: str, fact_id: Any) -> tuple[model.Citation, ...]:
        return cites.get((fact_type, str(fact_id)), ())

    rec = model.Record()
    for r in conn.execute(select(s.source).order_by(s.source.c.id)):
        rec.sources[r.id] = model.Source(
            id=r.id,
            title=r.title,
            publisher=r.publisher,
            authority=model.Authority(r.authority),
            url=r.url,
            sha256=r.sha256,
            published=r.published,
            retrieved=r.retrieved,
        )
    for r in conn.execute(select(s.instrument)):
        rec.instruments[r.id] = model.Instrument(
            id=r.id,
            name=r.name,
            short_name=r.short_name,
            kind=model.InstrumentKind(r.kind),
            adopted=r.adopted,
            opened_for_signature=r.opened_for_signature,
            depositary=r.depositary,
            rules=r.rules,
            citations=c("instrument", r.id),
            entered_into_force=r.entered_into_force,
            implied_by=_implication(r.implied_by),
        )
    for r in conn.execute(select(s.event).order_by(s.event.c.start, s.event.c.id)):
        rec.events[r.id] = model.Event(
            id=r.id,
            name=r.name,
            kind=model.EventKind(r.kind),
            instrument=r.instrument,
            city=r.city,
            country=r.country,
            start=r.start,
            end=r.end,
            citations=c("event", r.id),
            note=r.note,
        )
    # A reviewed document that confirms a bundled participant is stored as its own row (its
    # citation must survive rebuilds, which renumber the data rows); here the two are one fact.
    participants: dict[tuple[str, str, str], tuple[model.Citation, ...]] = {}
    for r in conn.execute(select(s.participation).order_by(s.participation.c.id)):
        key = (r.event, r.participant, r.role)
        participants[key] = participants.get(key, ()) + c("participation", r.id)
    for (event, participant, role), cited in participants.items():
        rec.participation.append(model.Participation(event, participant, model.Role(role), cited))
    # A reviewed document that confirms an act or a count the record holds is stored as its
    # own row (its citation must survive rebuilds); here the two are one fact (issue 21).
    acts: dict[tuple[str, str, str], list[int]] = {}
    for r in conn.execute(select(s.action).order_by(s.action.c.id)):
        act = model.Action(
            r.instrument, r.state, model.ActionKind(r.kind), r.date, c("action", r.id), r.note
        )
        same = acts.setdefault((r.instrument, r.state, r.kind), [])
        if r.origin == "review" and _merged(rec.actions, same, act, lambda a: a.date):
            continue
        same.append(len(rec.actions))
        rec.actions.append(act)
    for r in conn.execute(select(s.statement).order_by(s.statement.c.id)):
        rec.statements.append(
            model.Statement(
                id=r.id,
                speaker=r.speaker,
                event=r.event,
                date=r.date,
                text=r.text,
                topics=tuple(r.topics.split()),
                stance=model.Stance(r.stance) if r.stance else None,
                citations=c("statement", r.id),
                agenda=r.agenda,
            )
        )
    counts: dict[tuple[Any, ...], list[int]] = {}
    for r in conn.execute(select(s.claim).order_by(s.claim.c.id)):
        claim = model.Claim(
            r.subject, r.property, r.quantity, r.unit, r.text, c("claim", r.id), r.as_of
        )
        same = counts.setdefault((r.subject, r.property, r.quantity, r.unit), [])
        if r.origin == "review" and _merged(rec.claims, same, claim, lambda x: x.as_of):
            continue
        same.append(len(rec.claims))
        rec.claims.append(claim)
    for r in conn.execute(select(s.obligation_fact).order_by(s.obligation_fact.c.id)):
        rec.obligations.append(
            model.ObligationFact(
                instrument=r.instrument,
                state=r.state,
                obligation=r.obligation,
                kind=r.kind,
                date=r.date,
                deadline=r.deadline,
                years=r.years,
                citations=c("obligation", r.id),
                note=r.note,
                scope=r.scope,
                event=r.event,
                document=r.document,
            )
        )
    for r in conn.execute(select(s.report_fact).order_by(s.report_fact.c.id)):
        rec.reports.append(
            model.ReportFact(
                instrument=r.instrument,
                state=r.state,
                report=r.report,
                year=r.year,
                status=r.status,
                date=r.date,
                citations=c("report", r.id),
                note=r.note,
            )
        )
    for r in conn.execute(select(s.coverage).order_by(s.coverage.c.id)):
        rec.coverage.append(
            model.Coverage(
                instrument=r.instrument,
                part=r.part,
                complete_through=r.complete_through,
                through_event=r.through_event,
                next_meeting=r.next_meeting,
                basis=r.basis,
            )
        )
    for r in conn.execute(select(s.conflict).order_by(s.conflict.c.id)):
        variants = tuple(
            model.Variant(
                v["value"],
                tuple(model.Citation(x["source"], x["locator"]) for x in v["citations"]),
            )
            for v in json.loads(r.variants)
        )
        rec.conflicts.append(model.Conflict(r.fact_type, r.key, r.field, variants))
    # Acts accepted through review entail what the same acts in data/ do; those from data/
    # were derived at build and are rows already, so only the reviewed ones add anything.
    rec.actions.extend(implied_acts(rec))
    rec.conflicts.extend(find_conflicts(rec))
    return rec


def _merged(facts: list[Any], candidates: list[int], fact: Any, day: Any) -> bool:
    """Add a reviewed fact's citations to the first of ``candidates`` (indexes into
    ``facts``, same key) it confirms: the same day, or no day of its own. False if none."""
    import dataclasses

    for i in candidates:
        if day(fact) is None or day(facts[i]) == day(fact):
            cites = facts[i].citations + tuple(
                x for x in fact.citations if x not in facts[i].citations
            )
            facts[i] = dataclasses.replace(facts[i], citations=cites)
            return True
    return False


def _implication(text: str | None) -> model.Implication | None:
    return model.Implication.from_mapping(json.loads(text)) if text else None
