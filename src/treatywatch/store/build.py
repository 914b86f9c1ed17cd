"""Build the database from the record: validate first, then write everything in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treatywatch import model, registry
from treatywatch.record import load
from treatywatch.store import schema as s

#: Tables whose ``origin='data'`` rows every build replaces.
FACT_TABLES = (
    s.citation,
    s.conflict,
    s.participation,
    s.action,
    s.statement,
    s.claim,
    s.obligation_fact,
    s.event,
    s.source,
)


@dataclass(frozen=True, slots=True)
class BuildReport:
    db: str
    digest: str
    counts: dict[str, int]


def record_digest(data_dir: Path) -> str:
    """A hash of every file of the record, so a build can say what it was built from."""
    h = hashlib.sha256()
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(data_dir)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def _citations(
    fact_type: str, fact_id: str, citations: Iterable[model.Citation], rows: list[dict[str, Any]]
) -> None:
    for c in citations:
        rows.append(
            {
                "id": len(rows) + 1,
                "fact_type": fact_type,
                "fact_id": fact_id,
                "source": c.source_id,
                "locator": c.locator,
            }
        )


def rows_for(record: model.Record) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for a record, in a deterministic order with deterministic ids."""
    cites: list[dict[str, Any]] = []
    out: dict[str, list[dict[str, Any]]] = {}
    out["source"] = [
        {
            "id": src.id,
            "authority": src.authority.value,
            "title": src.title,
            "publisher": src.publisher,
            "url": src.url,
            "sha256": src.sha256,
            "published": src.published,
            "retrieved": src.retrieved,
        }
        for src in sorted(record.sources.values(), key=lambda x: x.id)
    ]
    out["instrument"] = []
    for inst in record.instruments.values():
        out["instrument"].append(
            {
                "id": inst.id,
                "name": inst.name,
                "short_name": inst.short_name,
                "kind": inst.kind.value,
                "adopted": inst.adopted,
                "opened_for_signature": inst.opened_for_signature,
                "depositary": inst.depositary,
                "rules": inst.rules,
            }
        )
        _citations("instrument", inst.id, inst.citations, cites)
    out["event"] = []
    for ev in record.events.values():
        out["event"].append(
            {
                "id": ev.id,
                "name": ev.name,
                "kind": ev.kind.value,
                "instrument": ev.instrument,
                "city": ev.city,
                "country": ev.country,
                "start": ev.start,
                "end": ev.end,
                "note": ev.note,
            }
        )
        _citations("event", ev.id, ev.citations, cites)
    out["participation"] = []
    for i, p in enumerate(record.participation, 1):
        out["participation"].append(
            {"id": i, "event": p.event, "participant": p.participant, "role": p.role.value}
        )
        _citations("participation", str(i), p.citations, cites)
    out["action"] = []
    for i, a in enumerate(record.actions, 1):
        out["action"].append(
            {
                "id": i,
                "instrument": a.instrument,
                "state": a.state,
                "kind": a.kind.value,
                "date": a.date,
                "note": a.note,
            }
        )
        _citations("action", str(i), a.citations, cites)
    out["statement"] = []
    for st in record.statements:
        out["statement"].append(
            {
                "id": st.id,
                "speaker": st.speaker,
                "event": st.event,
                "date": st.date,
                "text": st.text,
                "topics": " ".join(st.topics),
                "stance": st.stance.value if st.stance else None,
            }
        )
        _citations("statement", st.id, st.citations, cites)
    out["claim"] = []
    for i, c in enumerate(record.claims, 1):
        out["claim"].append(
            {
                "id": i,
                "subject": c.subject,
                "property": c.property,
                "quantity": c.quantity,
                "unit": c.unit,
                "text": c.text,
            }
        )
        _citations("claim", str(i), c.citations, cites)
    out["obligation_fact"] = []
    for i, o in enumerate(record.obligations, 1):
        out["obligation_fact"].append(
            {
                "id": i,
                "instrument": o.instrument,
                "state": o.state,
                "obligation": o.obligation,
                "kind": o.kind,
                "date": o.date,
                "deadline": o.deadline,
                "years": o.years,
                "note": o.note,
            }
        )
        _citations("obligation", str(i), o.citations, cites)
    out["conflict"] = [
        {
            "id": i,
            "fact_type": c.fact_type,
            "key": c.key,
            "field": c.field,
            "variants": json.dumps(
                [
                    {
                        "value": v.value,
                        "citations": [
                            {"source": x.source_id, "locator": x.locator} for x in v.citations
                        ],
                    }
                    for v in c.variants
                ],
                sort_keys=True,
            ),
        }
        # Disputes among actions and claims are found again on every read (see
        # store.read), so facts accepted later are weighed too; only event variants,
        # which are merged at load, need storing.
        for i, c in enumerate((c for c in record.conflicts if c.fact_type == "event"), 1)
    ]
    out["citation"] = cites
    out["state"] = [
        {
            "iso3": st3.iso3,
            "iso2": st3.iso2,
            "name": st3.name,
            "formal_name": st3.formal_name,
            "region": st3.region,
            "subregion": st3.subregion,
            "un_member": st3.un_member,
        }
        for st3 in registry.all_states()
    ]
    members = [(g.code, m) for g in registry.groupings().values() for m in g.memberships]
    out["grouping_member"] = [
        {"id": i, "grouping": code, "state": m.state, "joined": m.joined, "left_on": m.left}
        for i, (code, m) in enumerate(members, 1)
    ]
    return out


def build(db: str, data_dir: Path, today: dt.date | None = None) -> BuildReport:
    """Validate ``data_dir`` and write it to ``db`` in one transaction.

    Validation happens before the database is opened, so a record with a problem
    leaves the previous database exactly as it was.
    """
    from sqlalchemy import delete, insert

    from treatywatch.store.db import engine
    from treatywatch.store.migrate import upgrade

    record = load(data_dir, today)
    digest = record_digest(data_dir)
    rows = rows_for(record)
    eng = engine(db)
    with eng.begin() as conn:
        upgrade(conn)
    with eng.begin() as conn:
        for table in FACT_TABLES:
            conn.execute(delete(table).where(table.c.origin == "data"))
        for table in (s.state, s.grouping_member, s.instrument, s.build_info):
            conn.execute(delete(table))
        # Parents before children: citations point at sources.
        order = [
            "source", "state", "grouping_member", "instrument", "event", "participation",
            "action", "statement", "claim", "obligation_fact", "conflict", "citation",
        ]  # fmt: skip
        for name in order:
            if rows[name]:
                conn.execute(insert(s.metadata.tables[name]), rows[name])
        # The revision names the content, not the time, so that the same input gives the
        # same database; readers compare it to know when their cached record is stale.
        revision = digest
        conn.execute(
            insert(s.build_info),
            [
                {"key": "record_digest", "value": digest},
                {"key": "schema", "value": s.SCHEMA_VERSION},
                {"key": "revision", "value": revision},
            ],
        )
    return BuildReport(db=db, digest=digest, counts={k: len(v) for k, v in rows.items()})
