"""Documents into the store as review candidates, and accepted candidates into the record.

Ingesting stores a document and the items extracted from it as *candidates*; nothing enters
the record until a person accepts it. Each document is written in one transaction, so a
failure leaves nothing half-stored, and the same bytes ingested again change nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treatywatch import model

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

#: The extraction contract's fields that become candidates, and the kind each is stored as.
CANDIDATE_FIELDS = {
    "participant_lists": "participant_list",
    "events": "event",
    "statements": "statement",
    "actions": "action",
    "claims": "claim",
}
SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".pdf", ".docx")
#: Facts accepted from documents get ids above every id a build hands out.
REVIEW_ID_BASE = 1_000_000_000


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)  # sha256 of new documents
    unchanged: list[str] = field(default_factory=list)  # already stored, byte for byte
    candidates: int = 0
    errors: list[str] = field(default_factory=list)  # one sentence per file that failed


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and the supported files under each folder, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            yield path


def source_id(sha256: str) -> str:
    return f"doc-{sha256[:16]}"


def ingest(
    eng: Engine,
    paths: Iterable[Path],
    progress: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Read, extract and store each document; a bad file is reported and the batch goes on."""
    from sqlalchemy import select
    from sqlalchemy.exc import IntegrityError

    from treatywatch.ingest.extract import extract
    from treatywatch.ingest.readers import read_document
    from treatywatch.store import schema as s

    report = IngestReport()
    for path in expand(paths):
        if progress is not None:
            progress(path)
        try:
            doc = read_document(path)
            with eng.connect() as conn:
                known = conn.execute(
                    select(s.document.c.sha256).where(s.document.c.sha256 == doc.sha256)
                ).first()
            if known is not None:
                report.unchanged.append(doc.sha256)
                continue
            items = with_meeting_items(doc, extract(doc))
        except Exception as exc:
            report.errors.append(_sentence(path, exc))
            continue
        try:
            added = _store(eng, doc, path, items)
        except IntegrityError:
            # Another ingest stored the same document between our look and our write.
            report.unchanged.append(doc.sha256)
            continue
        report.added.append(doc.sha256)
        report.candidates += added
    return report


def with_meeting_items(doc: Any, items: dict[str, Any]) -> dict[str, Any]:
    """The hook for what meeting documents give beyond the extraction contract: a final
    report's participant lists by role, a statement page's statements. Each replaces what
    the general rules read from the same words (a role-less list of the same paragraph),
    so one paragraph never gives two lists that disagree on the role."""
    from treatywatch.ingest.extract import dates, final_reports, statement_lists

    reference, exact = dates.reference_date(doc.text, doc.date)
    lists = final_reports.find_participation(doc.text, reference, exact)
    spoken = statement_lists.find_statement_list(doc.text, reference, doc.title)
    if not lists and not spoken:
        return items

    def outside(found: list[dict[str, Any]], covered: list[dict[str, Any]]) -> list[Any]:
        spans = [c["span"] for c in covered]
        return [
            f for f in found if not any(f["span"][0] < b and a < f["span"][1] for a, b in spans)
        ]

    out = dict(items)
    out["participant_lists"] = [*outside(items.get("participant_lists", []), lists), *lists]
    out["statements"] = [*outside(items.get("statements", []), spoken), *spoken]
    return out


def fingerprint(kind: str, payload: dict[str, Any]) -> str:
    """What makes two candidates the same fact read twice: everything but where in its
    document it was read (the same words in another copy sit at other offsets)."""
    kept = {k: v for k, v in payload.items() if k not in ("span", "spans")}
    return kind + json.dumps(kept, sort_keys=True, ensure_ascii=False)


def _known_fingerprints(conn: Connection) -> set[str]:
    """The candidates already stored, whatever their review said: a copy of a document
    (other bytes, the same words) brings nothing back to review, not even what was rejected."""
    from sqlalchemy import select

    from treatywatch.store import schema as s

    rows = conn.execute(select(s.candidate.c.kind, s.candidate.c.payload))
    return {fingerprint(r.kind, json.loads(r.payload)) for r in rows}


def _store(eng: Engine, doc: Any, path: Path, items: dict[str, Any]) -> int:
    """Write one document and its candidates in one transaction; the number of candidates.

    The candidates' ids are taken after the transaction holds the write lock, so two
    ingests at once never take the same ones (issue 18, item 10): on SQLite the document's
    insert takes it, on PostgreSQL a transaction-level advisory lock."""
    from sqlalchemy import func, insert, select

    from treatywatch.store import schema as s
    from treatywatch.store.lock import candidate_ids_lock

    with eng.begin() as conn:
        candidate_ids_lock(conn)
        conn.execute(
            insert(s.document).values(
                sha256=doc.sha256,
                path=str(path),
                title=doc.title,
                date=_date(doc.date),
                chars=doc.chars,
                text=doc.text,
                ingested=dt.date.today().isoformat(),
            )
        )
        next_id = (conn.execute(select(func.max(s.candidate.c.id))).scalar() or 0) + 1
        known = _known_fingerprints(conn)
        rows: list[dict[str, Any]] = []
        for fld, kind in CANDIDATE_FIELDS.items():
            for item in items.get(fld, []):
                key = fingerprint(kind, item)
                if key in known:
                    continue
                known.add(key)
                span = item.get("span") or [None, None]
                rows.append(
                    {
                        "id": next_id + len(rows),
                        "document": doc.sha256,
                        "kind": kind,
                        "payload": json.dumps(item, sort_keys=True, ensure_ascii=False),
                        "span_start": span[0],
                        "span_end": span[1],
                        "status": "pending",
                    }
                )
        if rows:
            conn.execute(insert(s.candidate), rows)
    return len(rows)


def _sentence(path: Path, exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if str(path) in text else f"{path}: {text}"


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# -- review --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    id: int
    document: str
    kind: str
    status: str
    payload: dict[str, Any]
    span: tuple[int, int] | None
    quote: str

    def summary(self) -> str:
        """One line a reviewer reads; what the document does not give is left out, not
        printed as None."""
        p = {k: v for k, v in self.payload.items() if v not in (None, "", [])}
        if self.kind == "participant_list":
            parts = [f"{len(p.get('states', []))} states"]
            if p.get("role", "participant") != "participant":
                parts.append(f"as {str(p['role']).replace('_', ' ')}")
            if "stated_count" in p:
                parts.append(f"(stated {p['stated_count']})")
            if "as_of" in p:
                parts.append(f"as of {p['as_of']}")
            return " ".join(parts)
        if self.kind == "event":
            days = "–".join(str(p[k]) for k in ("start", "end") if k in p)
            where = ", ".join(x for x in (str(p.get("city", "")), days) if x)
            name = str(p.get("name", "event"))
            return f"{name} — {where}" if where else name
        if self.kind == "statement":
            on = f" on {p['date']}" if "date" in p else ""
            words = str(p.get("text") or p.get("agenda") or "")[:80]
            return f"{p.get('speaker', 'speaker not known')}{on}: {words}"
        if self.kind == "action":
            return " ".join(str(p[k]) for k in ("state", "action", "date") if k in p)
        if self.kind == "claim":
            what = " ".join(str(p[k]) for k in ("quantity", "unit") if k in p)
            return f"{what}: {p['text']}" if "text" in p else what
        return json.dumps(self.payload)[:100]


def candidates(
    eng: Engine,
    document: str | None = None,
    kind: str | None = None,
    status: str | None = "pending",
) -> list[Candidate]:
    from sqlalchemy import select

    from treatywatch.store import schema as s

    query = select(s.candidate, s.document.c.text).join(
        s.document, s.document.c.sha256 == s.candidate.c.document
    )
    if document:
        query = query.where(
            (s.candidate.c.document.startswith(document)) | (s.document.c.path.endswith(document))
        )
    if kind:
        query = query.where(s.candidate.c.kind == kind)
    if status:
        query = query.where(s.candidate.c.status == status)
    with eng.connect() as conn:
        rows = conn.execute(query.order_by(s.candidate.c.id)).all()
    out = []
    for r in rows:
        span = (r.span_start, r.span_end) if r.span_start is not None else None
        quote = r.text[span[0] : span[1]] if span else ""
        out.append(
            Candidate(r.id, r.document, r.kind, r.status, json.loads(r.payload), span, quote)
        )
    return out


class ReviewError(ValueError):
    """A candidate cannot be accepted or rejected as asked."""


class AlreadyReviewedError(ReviewError):
    """The candidate was accepted or rejected already, perhaps a moment ago by someone else."""


@dataclass
class ReviewReport:
    accepted: list[int] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    conflicts: list[model.Conflict] = field(default_factory=list)


def reject(eng: Engine, ids: Iterable[int]) -> ReviewReport:
    from sqlalchemy import update

    from treatywatch.store import schema as s

    ids = list(ids)
    with eng.begin() as conn:
        _check_pending(conn, ids, claim="rejected")
        conn.execute(update(s.candidate).where(s.candidate.c.id.in_(ids)).values(status="rejected"))
    return ReviewReport(rejected=ids)


def _check_pending(conn: Connection, ids: list[int], claim: str = "accepted") -> dict[int, Any]:
    """The candidates' rows, each claimed for review as ``claim``; an error unless every
    one exists and was still pending.

    The claim is a conditional update (``WHERE status = 'pending'``) and the transaction's
    first statement, so of two reviews of one candidate at once exactly one wins: on
    PostgreSQL the second waits on the row lock and then finds the row no longer pending;
    on SQLite it waits for the writer lock and then reads after the first commit."""
    from sqlalchemy import select, update

    from treatywatch.store import schema as s

    t = s.candidate
    claimed = set(
        conn.execute(
            update(t)
            .where(t.c.id.in_(ids), t.c.status == "pending")
            .values(status=claim)
            .returning(t.c.id)
        ).scalars()
    )
    rows = {r.id: r for r in conn.execute(select(t).where(t.c.id.in_(ids)))}
    missing = [i for i in ids if i not in rows]
    if missing:
        raise ReviewError(f"No candidate has the id {', '.join(map(str, missing))}.")
    done = [i for i in ids if i not in claimed]
    if done:
        raise AlreadyReviewedError(
            f"Candidate {', '.join(map(str, done))} was already reviewed "
            f"({', '.join(sorted({rows[i].status for i in done}))})."
        )
    return rows


def accept(
    eng: Engine,
    ids: Iterable[int],
    instrument: str = "CCM",
    event: str | None = None,
) -> ReviewReport:
    """Move candidates into the record with their document as the source, in one transaction.

    A fact that contradicts the record is stored beside it and the conflict is recorded.
    """
    from treatywatch.ingest.accept import Acceptor

    ids = list(ids)
    with eng.begin() as conn:
        rows = _check_pending(conn, ids)
        acceptor = Acceptor(conn, instrument=instrument, event=event)
        for cid in ids:
            acceptor.accept(rows[cid])
        conflicts = acceptor.finish()
    return ReviewReport(accepted=ids, conflicts=conflicts)
