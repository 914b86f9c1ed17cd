"""Review in the browser and through the JSON API: the candidate queue, a document beside its
candidates with their spans marked, and accept, correct or reject, one or many at once.

Every route needs the ``review`` permission; a correction needs ``correct`` as well. Every
route that writes checks the CSRF token, and every review asks for a comment, which the
audit log keeps as the reason.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from treatywatch.api.deps import JSON
from treatywatch.ingest.store import AlreadyReviewedError, Candidate, ReviewError
from treatywatch.workspace import authz, review
from treatywatch.workspace.accounts import Account
from treatywatch.workspace.auth import PREFIX, check_csrf, engine_of, require
from treatywatch.workspace.review import (
    ConcurrentWriteError,
    NotFoundError,
    Outcome,
    ReviewInputError,
)
from treatywatch.workspace.views import page

router = APIRouter()
reviewer = require("review")
#: The form field of one candidate's correction: ``fix.<candidate id>.<field>``.
FIX = "fix"


class AcceptIn(BaseModel):
    ids: list[int] = Field(min_length=1, max_length=500)
    comment: str = Field(max_length=2000)
    instrument: str = Field("CCM", max_length=40)
    event: str | None = Field(None, max_length=120)
    #: Per candidate id, the fields to change before accepting it.
    corrections: dict[int, dict[str, Any]] = Field(default_factory=dict)
    #: Only say what accepting would do (conflicts, problems); write nothing.
    dry_run: bool = False


class RejectIn(BaseModel):
    ids: list[int] = Field(min_length=1, max_length=500)
    comment: str = Field(max_length=2000)


def _status(exc: Exception) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, AlreadyReviewedError | ConcurrentWriteError):
        return 409  # someone else wrote meanwhile: reviewed it, or took the same new ids
    return 422


def _may_correct(account: Account, corrections: dict[int, Any]) -> None:
    if any(corrections.values()) and not authz.allowed(account, "correct"):
        raise HTTPException(403, f"Your account ({account.role.value}) may not correct facts.")


def _candidate_json(c: Candidate) -> dict[str, Any]:
    return {
        "id": c.id, "document": c.document, "kind": c.kind, "status": c.status,
        "summary": c.summary(), "quote": c.quote, "span": list(c.span) if c.span else None,
        "payload": c.payload, "href": f"{PREFIX}/review/{c.document}#candidate-{c.id}",
    }  # fmt: skip


class QueueFilters(BaseModel):
    document: str | None = None
    kind: str | None = None
    status: str = "pending"
    page: int = 1
    per_page: int = review.PER_PAGE


def queue_filters(
    document: str | None = Query(None, min_length=1, max_length=200),
    kind: str | None = Query(None, pattern="^(" + "|".join(review.KINDS) + ")$"),
    status: str = Query("pending", pattern="^(" + "|".join(review.STATUSES) + ")$"),
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(review.PER_PAGE, ge=1, le=review.MAX_PER_PAGE),
) -> QueueFilters:
    return QueueFilters(document=document, kind=kind, status=status, page=page, per_page=per_page)


def _queue(request: Request, f: QueueFilters) -> review.QueuePage:
    return review.queue(engine_of(request), f.document, f.kind, f.status, f.page, f.per_page)


# -- pages -----------------------------------------------------------------------------------


@router.get("/review")
def queue_page(
    request: Request, f: QueueFilters = Depends(queue_filters), _: Account = Depends(reviewer)
) -> Response:
    eng = engine_of(request)
    return page(
        request,
        "workspace/review.html",
        queue=_queue(request, f),
        filters=f.model_dump(),
        documents=review.documents(eng),
        kinds=review.KINDS,
        statuses=review.STATUSES,
    )


def _document_page(
    request: Request,
    ref: str,
    *,
    status_code: int = 200,
    error: str | None = None,
    message: str | None = None,
    done: Outcome | None = None,
    form: FormData | None = None,
) -> Response:
    eng = engine_of(request)
    try:
        doc = review.document(eng, ref)
    except NotFoundError as exc:
        raise HTTPException(404, str(exc)) from None
    sent = form or request.query_params
    instrument = str(sent.get("instrument") or "CCM")
    event = str(sent.get("event") or "") or None
    # Statements are never in conflict (the record keeps every one), so none is tried.
    pending = [
        c.id for c in doc.candidates if c.status == "pending" and c.kind in review.MAY_CONFLICT
    ]
    try:
        ahead = review.preview(eng, pending, instrument=instrument, event=event)
    except (ReviewInputError, ReviewError) as exc:
        ahead, error = Outcome(), error or str(exc)
    return page(
        request,
        "workspace/review_document.html",
        status_code=status_code,
        error=error,
        message=message,
        doc=doc,
        segments=doc.segments(),
        preview=ahead,
        done=done,
        editable=review.EDITABLE,
        shown=review.shown,
        instruments=review.instruments(eng),
        instrument=instrument,
        event=event or "",
        chosen=set(_ids(form)) if form else set(),
        comment=str(form.get("comment") or "") if form else "",
        sent={k: str(v) for k, v in form.items()} if form else {},
        fix=FIX,
    )


@router.get("/review/{document}")
def document_page(request: Request, document: str, _: Account = Depends(reviewer)) -> Response:
    return _document_page(request, document)


def _ids(form: FormData) -> list[int]:
    return [int(i) for i in form.getlist("ids") if isinstance(i, str) and i.isdigit()]


async def _form(request: Request) -> FormData:
    return await request.form()  # parsed once: check_csrf has read it already


def _form_corrections(form: FormData, candidates: list[Candidate]) -> dict[int, dict[str, Any]]:
    """``fix.<id>.<field>`` fields whose values differ from what the page showed."""
    out: dict[int, dict[str, Any]] = {}
    for cand in candidates:
        prefix = f"{FIX}.{cand.id}."
        sent = {k[len(prefix) :]: str(v) for k, v in form.items() if k.startswith(prefix)}
        changes = review.form_changes(cand, sent)
        if changes:
            out[cand.id] = changes
    return out


def _summary(verb: str, outcome: Outcome) -> str:
    ids = ", ".join(map(str, outcome.reviewed))
    n = len(outcome.reviewed)
    text = f"{verb} {n} candidate{'s' if n != 1 else ''} ({ids})."
    if outcome.conflicts:
        k = len(outcome.conflicts)
        text += f" {k} conflict{'s' if k != 1 else ''} with the record kept: both values stand."
    return text


@router.post("/review/{document}", dependencies=[Depends(check_csrf)])
def review_from_form(
    request: Request,
    document: str,
    form: FormData = Depends(_form),
    account: Account = Depends(reviewer),
) -> Response:
    """One form for the document's candidates: ``do`` is accept, reject or check (the
    conflicts accepting the chosen ones, as corrected, would open)."""
    eng = engine_of(request)
    try:
        doc = review.document(eng, document)
    except NotFoundError as exc:
        raise HTTPException(404, str(exc)) from None
    do = str(form.get("do") or "accept")
    ids = _ids(form)
    comment = str(form.get("comment") or "")
    instrument = str(form.get("instrument") or "CCM")
    event = str(form.get("event") or "") or None
    fixes = _form_corrections(form, doc.candidates)
    try:
        if do == "check":
            checked = review.preview(
                eng, ids, instrument=instrument, event=event, corrections=fixes
            )
            return _document_page(
                request, document, done=checked, message=_checked(ids, checked), form=form
            )
        if do == "reject":
            outcome = review.reject(eng, account, ids, comment)
            return _document_page(request, document, message=_summary("Rejected", outcome))
        if do != "accept":
            raise ReviewInputError("Choose accept, reject or check.")
        _may_correct(account, fixes)
        outcome = review.accept(
            eng, account, ids, comment, instrument=instrument, event=event, corrections=fixes
        )
    except (ReviewInputError, ReviewError, NotFoundError) as exc:
        return _document_page(
            request, document, status_code=_status(exc), error=str(exc), form=form
        )
    return _document_page(request, document, message=_summary("Accepted", outcome), done=outcome)


def _checked(ids: list[int], outcome: Outcome) -> str:
    if not ids:
        return "Choose the candidates to check."
    if not outcome.checked:
        return "The record is being written by someone else; check again in a moment."
    k = len(outcome.conflicts)
    if not k and not outcome.problems:
        return "Accepting these would open no conflict with the record."
    return f"Accepting these would open {k} conflict{'s' if k != 1 else ''} with the record."


# -- JSON API --------------------------------------------------------------------------------


@router.get("/api/candidates")
def api_candidates(
    request: Request, f: QueueFilters = Depends(queue_filters), _: Account = Depends(reviewer)
) -> Response:
    found = _queue(request, f)
    return JSON(
        {
            "filters": f.model_dump(),
            "total": found.total,
            "page": found.page,
            "pages": found.pages,
            "per_page": found.per_page,
            "candidates": [_candidate_json(c) for c in found.candidates],
        }
    )


@router.post("/api/candidates/accept", dependencies=[Depends(check_csrf)])
def api_accept(request: Request, body: AcceptIn, account: Account = Depends(reviewer)) -> Response:
    """Accept candidates, with corrections if given; ``dry_run`` only tells what would happen."""
    eng = engine_of(request)
    try:
        if body.dry_run:
            found = review.preview(
                eng, body.ids, instrument=body.instrument, event=body.event,
                corrections=body.corrections,
            )  # fmt: skip
            return JSON({"dry_run": True, **found.as_dict()})
        _may_correct(account, body.corrections)
        outcome = review.accept(
            eng, account, body.ids, body.comment, instrument=body.instrument,
            event=body.event, corrections=body.corrections,
        )  # fmt: skip
    except (ReviewInputError, ReviewError, NotFoundError) as exc:
        raise HTTPException(_status(exc), str(exc)) from None
    return JSON({"dry_run": False, **outcome.as_dict()})


@router.post("/api/candidates/reject", dependencies=[Depends(check_csrf)])
def api_reject(request: Request, body: RejectIn, account: Account = Depends(reviewer)) -> Response:
    try:
        outcome = review.reject(engine_of(request), account, body.ids, body.comment)
    except (ReviewInputError, ReviewError, NotFoundError) as exc:
        raise HTTPException(_status(exc), str(exc)) from None
    return JSON(outcome.as_dict())
