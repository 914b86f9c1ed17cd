"""Build the database from the record: validate first, then write everything in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treatywatch import model, registry
from treatywatch.record import load
from treatywatch.store import schema as s

if TYPE_CHECKING:
    from sqlalchemy import Table

#: Tables whose ``origin='data'`` rows every build replaces.
FACT_TABLES = (
    s.citation,
    s.conflict,
    s.participation,
    s.action,
    s.statement,
    s.claim,
    s.obligation_fact,
    s.report_fact,
    s.coverage,
    s.event,
    s.source,
)


@dataclass(frozen=True, slots=True)
class BuildReport:
    db: str
    digest: str
    #: Rows written per table.
    counts: dict[str, int]
    #: Disagreements between sources in the record, of every kind. Only event conflicts
    #: are stored as rows (the others are found again on read), so the ``conflict`` row
    #: count alone would undercount them.
    conflicts: int = 0


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


def _values(fact: Any, table: Table, **extra: Any) -> dict[str, Any]:
    """A fact's fields under the table's column names, enums as their values."""
    row: dict[str, Any] = {}
    for column in table.columns:
        if column.name in extra or not hasattr(fact, column.name):
            continue
        value = getattr(fact, column.name)
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, model.Implication):
            value = json.dumps(value.as_mapping(), sort_keys=True)
        elif isinstance(value, tuple):
            value = " ".join(value)
        row[column.name] = value
    row.update(extra)
    return row


def rows_for(record: model.Record) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for a record, in a deterministic order with deterministic ids."""
    cites: list[dict[str, Any]] = []
    out: dict[str, list[dict[str, Any]]] = {
        "source": [
            _values(x, s.source) for x in sorted(record.sources.values(), key=lambda x: x.id)
        ]
    }
    keyed: list[tuple[str, str, Table, Iterable[Any]]] = [
        ("instrument", "instrument", s.instrument, record.instruments.values()),
        ("event", "event", s.event, record.events.values()),
        ("statement", "statement", s.statement, record.statements),
    ]
    for name, fact_type, table, facts in keyed:
        out[name] = []
        for fact in facts:
            out[name].append(_values(fact, table))
            _citations(fact_type, fact.id, fact.citations, cites)
    numbered: list[tuple[str, str, Table, Iterable[Any]]] = [
        ("participation", "participation", s.participation, record.participation),
        ("action", "action", s.action, record.actions),
        ("claim", "claim", s.claim, record.claims),
        ("obligation_fact", "obligation", s.obligation_fact, record.obligations),
        ("report_fact", "report", s.report_fact, record.reports),
    ]
    for name, fact_type, table, facts in numbered:
        out[name] = []
        for i, fact in enumerate(facts, 1):
            out[name].append(_values(fact, table, id=i))
            _citations(fact_type, str(i), fact.citations, cites)
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
    out["coverage"] = [_values(c, s.coverage, id=i) for i, c in enumerate(record.coverage, 1)]
    out["citation"] = cites
    out["state"] = [_values(x, s.state) for x in registry.all_states()]
    members = [(g.code, m) for g in registry.groupings().values() for m in g.memberships]
    out["grouping_member"] = [
        {"id": i, "grouping": code, "state": m.state, "joined": m.joined, "left_on": m.left}
        for i, (code, m) in enumerate(members, 1)
    ]
    return out


def _replace_sources(conn: Any, new_rows: list[dict[str, Any]]) -> set[str]:
    """Replace the bundled sources, keeping in place those that reviewed facts cite.

    A fact accepted from a document the record already cites (a seed) cites the bundled
    source row; deleting that row would break the citation's foreign key, so it is
    updated where it stands. Returns the ids updated in place."""
    from sqlalchemy import delete, select, update

    cited = set(conn.execute(select(s.citation.c.source).distinct()).scalars())
    conn.execute(delete(s.source).where(s.source.c.origin == "data", s.source.c.id.not_in(cited)))
    kept = set(conn.execute(select(s.source.c.id).where(s.source.c.origin == "data")).scalars())
    updates = [row for row in new_rows if row["id"] in kept]
    for row in updates:  # the few sources reviewed facts cite
        values = {k: v for k, v in row.items() if k != "id"}
        conn.execute(update(s.source).where(s.source.c.id == row["id"]).values(**values))
    return {row["id"] for row in updates}


def build(db: str, data_dir: Path, today: dt.date | None = None) -> BuildReport:
    """Validate ``data_dir`` and write it to ``db`` in one transaction.

    Validation happens before the database is opened, so a record with a problem
    leaves the previous database exactly as it was.
    """
    from treatywatch.store.db import engine
    from treatywatch.store.lock import build_lock

    record = load(data_dir, today)
    digest = record_digest(data_dir)
    rows = rows_for(record)
    eng = engine(db)
    with build_lock(db, eng):
        _write(eng, rows, digest)
    return BuildReport(
        db=db,
        digest=digest,
        counts={k: len(v) for k, v in rows.items()},
        conflicts=len(record.conflicts),
    )


def _write(eng: Any, rows: dict[str, list[dict[str, Any]]], digest: str) -> None:
    """Migrate, then replace the bundled facts: each step one transaction."""
    from sqlalchemy import delete, insert

    from treatywatch.store.migrate import upgrade

    with eng.begin() as conn:
        upgrade(conn)
    with eng.begin() as conn:
        for table in FACT_TABLES:
            if table is not s.source:
                conn.execute(delete(table).where(table.c.origin == "data"))
        kept = _replace_sources(conn, rows["source"])
        for table in (s.state, s.grouping_member, s.instrument, s.build_info):
            conn.execute(delete(table))
        # Parents before children: citations point at sources.
        order = [
            "source", "state", "grouping_member", "instrument", "event", "participation",
            "action", "statement", "claim", "obligation_fact", "report_fact", "coverage",
            "conflict", "citation",
        ]  # fmt: skip
        for name in order:
            batch = rows[name]
            if name == "source":
                batch = [r for r in batch if r["id"] not in kept]
            if batch:
                conn.execute(insert(s.metadata.tables[name]), batch)
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
