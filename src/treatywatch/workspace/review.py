"""Review in the workspace: the queue of candidates ``treatywatch ingest`` stored, a document
beside its candidates, and accepting (as read or corrected) or rejecting them.

Accepting goes through the same ``ingest.accept.Acceptor`` as ``treatywatch review accept``,
so the browser and the command put the same facts in the record. Each candidate reviewed
gets an audit entry written in the transaction that reviews it. Before accepting, the
conflicts a candidate would open are found by accepting it in a transaction that is then
rolled back: the preview is what accepting does, not a second guess at it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from treatywatch import model, registry
from treatywatch.ingest.store import Candidate, ReviewError
from treatywatch.store import schema as s
from treatywatch.workspace import audit

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from treatywatch.ingest.accept import Acceptor

KINDS = ("participant_list", "event", "statement", "action", "claim")
STATUSES = ("pending", "accepted", "rejected", "all")
#: The kinds of candidate whose facts the record can find in conflict (record.conflicts).
MAY_CONFLICT = frozenset({"participant_list", "event", "action", "claim"})
PER_PAGE = 50
MAX_PER_PAGE = 200

#: What an editor may correct in each kind of candidate, and how each value is read.
DATE, INT, TEXT, STATE, STATES, WORDS, ROLE, STANCE = (
    "date", "int", "text", "state", "states", "words", "role", "stance",
)  # fmt: skip
EDITABLE: dict[str, dict[str, str]] = {
    "action": {"state": STATE, "action": TEXT, "date": DATE},
    "event": {"name": TEXT, "city": TEXT, "country": TEXT, "start": DATE, "end": DATE},
    "claim": {"quantity": INT, "unit": TEXT, "text": TEXT},
    "statement": {
        "speaker": TEXT, "date": DATE, "text": TEXT, "agenda": TEXT, "topics": WORDS,
        "stance": STANCE,
    },
    "participant_list": {"role": ROLE, "states": STATES, "stated_count": INT, "as_of": DATE},
}  # fmt: skip
ROLES = tuple(r.value for r in model.Role)
STANCES = tuple(x.value for x in model.Stance)


class ReviewInputError(ValueError):
    """What an editor sent cannot be reviewed as it stands; one sentence says why."""


class NotFoundError(LookupError):
    """No document or candidate by that name."""


class ConcurrentWriteError(ReviewError):
    """Other writers kept taking the ids this review chose; trying again later succeeds."""


# -- the queue ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueuePage:
    candidates: list[Candidate]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class DocumentSummary:
    sha256: str
    title: str
    path: str
    pending: int
    total: int

    @property
    def name(self) -> str:
        return self.title or self.path.rsplit("/", 1)[-1]


def _filtered(query: Any, document: str | None, kind: str | None, status: str | None) -> Any:
    """The filters of ``treatywatch review``: a document by sha256 prefix or file name."""
    c, d = s.candidate.c, s.document.c
    if document:
        query = query.where(
            c.document.startswith(document, autoescape=True)
            | d.path.endswith(document, autoescape=True)
        )
    if kind:
        query = query.where(c.kind == kind)
    if status and status != "all":
        query = query.where(c.status == status)
    return query


def _candidate(r: Any) -> Candidate:
    span = (r.span_start, r.span_end) if r.span_start is not None else None
    return Candidate(r.id, r.document, r.kind, r.status, json.loads(r.payload), span, r.quote or "")


def queue(
    eng: Engine,
    document: str | None = None,
    kind: str | None = None,
    status: str | None = "pending",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> QueuePage:
    """One page of the candidates, oldest first. Only each candidate's quote is read from
    its document, not the whole text, so a long queue costs what its page shows."""
    from sqlalchemy import func, select

    c, d = s.candidate.c, s.document.c
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    page = max(1, page)
    joined = s.candidate.join(s.document, d.sha256 == c.document)
    quote = func.substr(d.text, c.span_start + 1, c.span_end - c.span_start).label("quote")
    rows_q = _filtered(select(s.candidate, quote).select_from(joined), document, kind, status)
    count_q = _filtered(select(func.count()).select_from(joined), document, kind, status)
    with eng.connect() as conn:
        total = int(conn.execute(count_q).scalar() or 0)
        rows = conn.execute(
            rows_q.order_by(c.id).limit(per_page).offset((page - 1) * per_page)
        ).all()
    return QueuePage([_candidate(r) for r in rows], total, page, per_page)


def documents(eng: Engine) -> list[DocumentSummary]:
    """Every ingested document with how many of its candidates wait, newest first."""
    from sqlalchemy import case, func, select

    c, d = s.candidate.c, s.document.c
    pending = func.sum(case((c.status == "pending", 1), else_=0))
    query = (
        select(d.sha256, d.title, d.path, pending.label("pending"), func.count(c.id).label("total"))
        .select_from(s.document.outerjoin(s.candidate, c.document == d.sha256))
        .group_by(d.sha256, d.title, d.path, d.ingested)
        .order_by(d.ingested.desc(), d.path)
    )
    with eng.connect() as conn:
        rows = conn.execute(query).all()
    return [
        DocumentSummary(r.sha256, r.title or "", r.path, int(r.pending or 0), int(r.total))
        for r in rows
    ]


# -- a document beside its candidates ----------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of the document's text and the candidates whose spans cover it."""

    text: str
    covered_by: tuple[int, ...]
    #: Candidates whose span begins here: each gets an anchor the candidate list links to.
    starts: tuple[int, ...]


@dataclass(frozen=True)
class DocumentView:
    sha256: str
    title: str
    path: str
    date: dt.date | None
    text: str
    candidates: list[Candidate]

    @property
    def name(self) -> str:
        return self.title or self.path.rsplit("/", 1)[-1]

    def segments(self) -> list[Segment]:
        return segments(self.text, self.candidates)


def segments(text: str, candidates: Iterable[Candidate]) -> list[Segment]:
    """The text cut at every span's ends, so that overlapping spans are each marked whole."""
    spans = [
        (c.id, max(0, c.span[0]), min(len(text), c.span[1]))
        for c in candidates
        if c.span is not None and c.span[0] < c.span[1]
    ]
    cuts = sorted({0, len(text), *(a for _, a, _ in spans), *(b for _, _, b in spans)})
    out = []
    for a, b in itertools.pairwise(cuts):
        covered = tuple(cid for cid, x, y in spans if x < b and a < y)
        starts = tuple(cid for cid, x, _ in spans if x == a)
        out.append(Segment(text[a:b], covered, starts))
    return out


def document(eng: Engine, ref: str) -> DocumentView:
    """An ingested document by its sha256 (or a unique prefix of at least 8 characters) with
    every candidate read from it."""
    from sqlalchemy import select

    from treatywatch.ingest.store import candidates

    if not re.fullmatch(r"[0-9a-f]{8,64}", ref):
        raise NotFoundError(f"{ref!r} is not a document's sha256 (8 to 64 hexadecimal digits).")
    d = s.document.c
    with eng.connect() as conn:
        rows = conn.execute(select(s.document).where(d.sha256.startswith(ref)).limit(2)).all()
    if len(rows) != 1:
        found = "No document" if not rows else "More than one document"
        raise NotFoundError(f"{found} has a sha256 beginning {ref}; the review queue lists them.")
    row = rows[0]
    day = row.date if isinstance(row.date, dt.date) or row.date is None else None
    cands = candidates(eng, document=row.sha256, status=None)
    return DocumentView(row.sha256, row.title or "", row.path, day, row.text, cands)


def instruments(eng: Engine) -> list[str]:
    """The treaties an accepted action may be of (the record's instruments)."""
    from sqlalchemy import select

    with eng.connect() as conn:
        return [
            str(x)
            for x in conn.execute(select(s.instrument.c.id).order_by(s.instrument.c.id)).scalars()
        ]


# -- corrections -----------------------------------------------------------------------------


def _one_value(kind: str, fld: str, raw: Any, cid: int) -> Any:
    """A corrected field's value as the extraction contract holds it; an empty one clears it."""
    how = EDITABLE[kind][fld]
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if how in (STATES, WORDS):
            return []
        if fld in ("state", "action", "speaker", "quantity"):
            raise ReviewInputError(f"Candidate {cid}: the {fld} cannot be left empty.")
        return None
    where = f"Candidate {cid}: the {fld.replace('_', ' ')}"
    if how in (STATES, WORDS):
        items = raw if isinstance(raw, list) else re.split(r"[\s,;]+", str(raw).strip())
        values = [str(x).strip() for x in items if str(x).strip()]
        if how == STATES:
            values = [v.upper() for v in values]
            wrong = [v for v in values if not registry.is_state(v)]
            if wrong:
                raise ReviewInputError(
                    f"{where} holds {', '.join(wrong)}, not ISO3 codes of states."
                )
        elif unknown := [v for v in values if v not in model.TOPICS]:
            raise ReviewInputError(
                f"{where} holds {', '.join(unknown)}, not topics the record knows."
            )
        return values
    text = str(raw).strip()
    if how == DATE:
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise ReviewInputError(f"{where} must be a day of the form YYYY-MM-DD.") from None
    if how == INT:
        if isinstance(raw, bool) or not re.fullmatch(r"\d{1,9}", text):
            raise ReviewInputError(f"{where} must be a whole number.")
        return int(text)
    if how == STATE:
        if not registry.is_state(text.upper()):
            raise ReviewInputError(f"{where} {text!r} is not the ISO3 code of a state.")
        return text.upper()
    if how == ROLE and text not in ROLES:
        raise ReviewInputError(f"{where} must be one of {', '.join(ROLES)}.")
    if how == STANCE and text not in STANCES:
        raise ReviewInputError(f"{where} must be one of {', '.join(STANCES)}.")
    return text


def shown(value: Any) -> str:
    """A payload value as its form field shows it (lists as words, nothing as empty)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(map(str, value))
    return str(value)


def form_changes(cand: Candidate, sent: Mapping[str, str]) -> dict[str, str]:
    """The fields of one candidate whose form value differs from what it shows; a form sends
    every field, and one left as shown is no correction (whatever its spacing)."""

    def same(a: str, b: str) -> bool:
        return " ".join(a.split()) == " ".join(b.split())

    return {
        fld: sent[fld]
        for fld in EDITABLE.get(cand.kind, {})
        if fld in sent and not same(sent[fld], shown(cand.payload.get(fld)))
    }


def corrected_payload(cand: Candidate, changes: Mapping[str, Any]) -> dict[str, Any] | None:
    """The candidate's payload with the editor's changes; None when nothing differs."""
    editable = EDITABLE.get(cand.kind, {})
    unknown = sorted(set(changes) - set(editable))
    if unknown:
        has = ", ".join(editable) or "nothing"
        raise ReviewInputError(
            f"Candidate {cand.id} ({cand.kind}) has no field {unknown[0]!r} to correct; "
            f"it has {has}."
        )
    payload = dict(cand.payload)
    for fld, raw in changes.items():
        value = _one_value(cand.kind, fld, raw, cand.id)
        if value in (None, []) and fld not in payload:
            continue  # left empty, as the document left it
        payload[fld] = value
    return None if payload == cand.payload else payload


def _by_id(eng: Engine, ids: list[int]) -> dict[int, Candidate]:
    from sqlalchemy import literal, select

    if not ids:
        return {}
    t = s.candidate
    query = select(t, literal("").label("quote")).where(t.c.id.in_(ids))
    with eng.connect() as conn:
        return {r.id: _candidate(r) for r in conn.execute(query)}


def _corrections(
    eng: Engine, ids: list[int], corrections: Mapping[int, Mapping[str, Any]]
) -> dict[int, dict[str, Any]]:
    """Each corrected candidate's new payload, checked before anything is written."""
    stray = sorted(set(corrections) - set(ids))
    if stray:
        raise ReviewInputError(
            f"Candidate {stray[0]} has a correction but is not among those to accept."
        )
    found = _by_id(eng, [i for i in ids if corrections.get(i)])
    out = {}
    for cid, changes in corrections.items():
        if not changes or cid not in found:
            continue  # a missing candidate is named by the review itself
        new = corrected_payload(found[cid], changes)
        if new is not None:
            out[cid] = new
    return out


# -- accepting and rejecting -------------------------------------------------------------------


@dataclass(frozen=True)
class VariantView:
    value: str
    sources: tuple[str, ...]
    #: Whether this is the value the reviewed candidates give (else the record's).
    from_review: bool


@dataclass(frozen=True)
class ConflictView:
    """A disagreement accepting would open or widen: the record's value and the candidate's."""

    fact_type: str
    key: str
    field: str
    variants: tuple[VariantView, ...]
    candidates: tuple[int, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "fact_type": self.fact_type, "key": self.key, "field": self.field,
            "candidates": list(self.candidates),
            "variants": [
                {"value": v.value, "sources": list(v.sources), "from_review": v.from_review}
                for v in self.variants
            ],
        }  # fmt: skip

    def line(self) -> str:
        values = "; ".join(
            f"{v.value or '(no value)'} ("
            + ("this review" if v.from_review else ", ".join(v.sources))
            + ")"
            for v in self.variants
        )
        return f"{self.fact_type} {self.key}, {self.field}: {values}"


@dataclass
class Outcome:
    reviewed: list[int] = field(default_factory=list)
    conflicts: list[ConflictView] = field(default_factory=list)
    #: Candidates that cannot be accepted as they stand, with why (a preview only).
    problems: dict[int, str] = field(default_factory=dict)
    checked: bool = True  # False when the preview could not run (the record was busy)

    def conflicts_of(self, cid: int) -> list[ConflictView]:
        return [c for c in self.conflicts if cid in c.candidates]

    def as_dict(self) -> dict[str, Any]:
        return {
            "reviewed": self.reviewed,
            "conflicts": [c.as_dict() for c in self.conflicts],
            "problems": {str(k): v for k, v in self.problems.items()},
        }


@dataclass(frozen=True)
class _Row:
    """A candidate row as the Acceptor reads it, its payload possibly corrected."""

    id: int
    document: str
    kind: str
    payload: str
    span_start: int | None
    span_end: int | None


def _row(row: Any, payload: dict[str, Any] | None) -> _Row:
    text = (
        row.payload if payload is None else json.dumps(payload, sort_keys=True, ensure_ascii=False)
    )
    return _Row(row.id, row.document, row.kind, text, row.span_start, row.span_end)


def _views(
    acceptor: Acceptor, conflicts: list[model.Conflict], rows: list[_Row]
) -> list[ConflictView]:
    """Each conflict with the candidates that give a value of it: the citations a candidate
    gets name its document and ``characters a-b`` of its span."""
    from treatywatch.ingest.store import source_id

    by_sha = {x.sha256: x.id for x in acceptor.record.sources.values() if x.sha256}
    out = []
    for conflict in conflicts:
        variants: list[VariantView] = []
        involved: list[int] = []
        for v in conflict.variants:
            mine = [
                r.id
                for r in rows
                if r.span_start is not None
                and any(
                    c.source_id == by_sha.get(r.document, source_id(r.document))
                    and f"characters {r.span_start}-{r.span_end}" in c.locator
                    for c in v.citations
                )
            ]
            involved.extend(i for i in mine if i not in involved)
            sources = tuple(dict.fromkeys(c.source_id for c in v.citations))
            variants.append(VariantView(v.value, sources, bool(mine)))
        out.append(
            ConflictView(
                conflict.fact_type, conflict.key, conflict.field, tuple(variants), tuple(involved)
            )
        )
    return out


def _snapshot(row: Any, status: str) -> dict[str, Any]:
    return {
        "status": status, "kind": row.kind, "document": row.document,
        "payload": json.loads(row.payload), "span": [row.span_start, row.span_end],
    }  # fmt: skip


def _need(eng: Engine, ids: Iterable[int], comment: str) -> list[int]:
    """The ids once each, every one a candidate's, and a comment: else one sentence."""
    unique = list(dict.fromkeys(int(i) for i in ids))
    if not unique:
        raise ReviewInputError("Choose at least one candidate.")
    if not comment.strip():
        raise ReviewInputError(
            "Say why in the comment: every review is explained in the audit log."
        )
    found = _by_id(eng, unique)
    missing = [i for i in unique if i not in found]
    if missing:
        raise NotFoundError(f"No candidate has the id {', '.join(map(str, missing))}.")
    return unique


def _retrying(work: Any) -> Any:
    from treatywatch.workspace.retry import retrying

    return retrying(work, ConcurrentWriteError)


def accept(
    eng: Engine,
    actor: audit.Actor,
    ids: Iterable[int],
    comment: str,
    *,
    instrument: str = "CCM",
    event: str | None = None,
    corrections: Mapping[int, Mapping[str, Any]] | None = None,
) -> Outcome:
    """Accept candidates, each as read or as corrected, into the record in one transaction
    with an audit entry for each; the conflicts they open or widen are kept and returned.

    Raises ``ingest.store.AlreadyReviewedError`` when one was reviewed meanwhile (by
    someone else a moment ago, say): then nothing is written."""
    unique = _need(eng, ids, comment)
    fixes = _corrections(eng, unique, corrections or {})

    def work() -> Outcome:
        with eng.begin() as conn:
            return _accept(conn, actor, unique, comment.strip(), instrument, event, fixes)

    outcome: Outcome = _retrying(work)
    return outcome


def _accept(
    conn: Connection,
    actor: audit.Actor,
    ids: list[int],
    comment: str,
    instrument: str,
    event: str | None,
    fixes: dict[int, dict[str, Any]],
) -> Outcome:
    from sqlalchemy import update

    from treatywatch.ingest.accept import Acceptor
    from treatywatch.ingest.store import _check_pending

    rows = _check_pending(conn, ids)  # the claim comes first: see its docstring
    acceptor = Acceptor(conn, instrument=instrument, event=event)
    accepted = []
    for cid in ids:
        row = _row(rows[cid], fixes.get(cid))
        if cid in fixes:
            conn.execute(
                update(s.candidate).where(s.candidate.c.id == cid).values(payload=row.payload)
            )
        try:
            acceptor.accept(row)
        except ReviewError:
            raise
        except (KeyError, TypeError, ValueError) as exc:  # a payload missing what it needs
            raise ReviewError(f"Candidate {cid} lacks what accepting it needs ({exc}).") from None
        accepted.append(row)
    views = _views(acceptor, acceptor.finish(), accepted)
    for row in accepted:
        after = _snapshot(row, "accepted") | {
            "instrument": instrument, "event": event,
            "conflicts": [v.line() for v in views if row.id in v.candidates],
        }  # fmt: skip
        action = "candidate.correct" if row.id in fixes else "candidate.accept"
        before = _snapshot(rows[row.id], "pending")
        audit.record(conn, actor, action, f"candidate:{row.id}", before, after, comment)
    return Outcome(reviewed=ids, conflicts=views)


def reject(eng: Engine, actor: audit.Actor, ids: Iterable[int], comment: str) -> Outcome:
    """Reject candidates, with an audit entry for each; they never enter the record."""
    from treatywatch.ingest.store import _check_pending

    unique = _need(eng, ids, comment)
    with eng.begin() as conn:
        rows = _check_pending(conn, unique, claim="rejected")
        for cid in unique:
            row = rows[cid]
            audit.record(
                conn, actor, "candidate.reject", f"candidate:{cid}",
                _snapshot(row, "pending"), _snapshot(row, "rejected"), comment.strip(),
            )  # fmt: skip
    return Outcome(reviewed=unique)


def preview(
    eng: Engine,
    ids: Iterable[int],
    *,
    instrument: str = "CCM",
    event: str | None = None,
    corrections: Mapping[int, Mapping[str, Any]] | None = None,
) -> Outcome:
    """What accepting the pending ones of ``ids`` would do, without doing it: the conflicts
    with the record each would open, and why any cannot be accepted. Nothing is kept."""
    from sqlalchemy.exc import DBAPIError

    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return Outcome()
    fixes = _corrections(eng, wanted, corrections or {})
    try:
        with eng.connect() as conn:
            tx = conn.begin()
            try:
                return _dry_run(conn, wanted, instrument, event, fixes)
            finally:
                tx.rollback()  # whatever happened: a preview keeps nothing
    except DBAPIError:
        # Another writer holds the record this moment; the review itself will wait for it.
        return Outcome(checked=False)


def _dry_run(
    conn: Connection,
    ids: list[int],
    instrument: str,
    event: str | None,
    fixes: dict[int, dict[str, Any]],
) -> Outcome:
    """Accept each pending candidate in a savepoint of its own, so that one that cannot be
    accepted is named and the others still tried; the caller rolls everything back."""
    from sqlalchemy import select

    from treatywatch.ingest.accept import Acceptor

    t = s.candidate
    found = conn.execute(select(t).where(t.c.id.in_(ids), t.c.status == "pending"))
    by_id = {r.id: r for r in found}
    try:
        acceptor = Acceptor(conn, instrument=instrument, event=event)
    except ReviewError as exc:
        raise ReviewInputError(str(exc)) from None
    tried, problems = [], {}
    for cid in (i for i in ids if i in by_id):
        row = _row(by_id[cid], fixes.get(cid))
        step = conn.begin_nested()
        try:
            acceptor.accept(row)
        except ReviewError as exc:
            step.rollback()
            problems[cid] = str(exc)
        except (KeyError, TypeError, ValueError) as exc:  # a payload missing what it needs
            step.rollback()
            problems[cid] = f"Candidate {cid} lacks what accepting it needs ({exc})."
        else:
            step.commit()
            tried.append(row)
    return Outcome(conflicts=_views(acceptor, acceptor.finish(), tried), problems=problems)
