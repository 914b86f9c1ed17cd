"""Article 7 reports in the workspace: a focal point lists, drafts, checks, submits and
amends its state's reports, through web forms generated from the treaty's forms and through
the JSON API under /workspace/api/reports.

Who may is asked of ``authz`` on every route: ``report.read`` or ``report.write`` for the
report's own state, so a focal point never reaches another state's report, restricted
forms included. Every route that writes checks the CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException
from pydantic import BaseModel, Field
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from treatywatch.api.deps import JSON
from treatywatch.reporting import published, submissions
from treatywatch.reporting.schema import Forms, treaties_with_forms
from treatywatch.reporting.submissions import (
    ReportConflictError,
    ReportError,
    ReportInvalidError,
    ReportNotFoundError,
    Submission,
)
from treatywatch.workspace import authz
from treatywatch.workspace.accounts import Account
from treatywatch.workspace.auth import PREFIX, check_csrf, engine_of, require
from treatywatch.workspace.views import page

router = APIRouter()
#: Blank rows a table offers beyond those filled in, for adding rows without JavaScript.
SPARE_ROWS = 2
#: What the page says after a step, named by ``?done=`` in the redirect to it.
DONE = {
    "saved": "The draft is saved.",
    "submitted": "The report is submitted. The transparency record shows it received today.",
}


class DraftIn(BaseModel):
    instrument: str = Field(max_length=40)
    state: str = Field(min_length=2, max_length=64)
    report: str = Field("annual", max_length=16)
    year: int | None = None
    entries: dict[str, Any] | None = None
    visibility: dict[str, str] | None = None
    comment: str = Field("", max_length=2000)


class EntriesIn(BaseModel):
    entries: dict[str, Any]
    visibility: dict[str, str] | None = None
    comment: str = Field("", max_length=2000)


class StepIn(BaseModel):
    comment: str = Field("", max_length=2000)


# -- authorisation and errors -----------------------------------------------------------------


def _gate(account: Account, permission: str, state: str) -> None:
    if not authz.allowed(account, permission, state):
        doing = "write" if permission == "report.write" else "read"
        raise HTTPException(403, f"Your account may not {doing} {state.upper()}'s reports.")


def _reads_every_state(account: Account) -> bool:
    # Asked for a state code no account holds: true only where the permission is not
    # scoped to the account's own state (editors, administrators).
    return authz.allowed(account, "report.read", "---")


def _report(request: Request, account: Account, report_id: int, permission: str) -> Submission:
    try:
        sub = submissions.get(engine_of(request), report_id)
    except ReportNotFoundError as exc:
        raise HTTPException(404, str(exc)) from None
    _gate(account, permission, sub.state)
    return sub


def _json_error(exc: ReportError) -> Response:
    status = 404 if isinstance(exc, ReportNotFoundError) else 409
    if isinstance(exc, ReportInvalidError) or type(exc) is ReportError:
        status = 422
    body: dict[str, Any] = {"error": str(exc), "status": status}
    if isinstance(exc, ReportInvalidError):
        body["problems"] = exc.problems
    return JSON(body, status_code=status)


def _summary(sub: Submission) -> dict[str, Any]:
    out = sub.as_dict()
    out.pop("forms")
    out["href"] = f"{PREFIX}/reports/{sub.id}"
    return out


# -- JSON API -----------------------------------------------------------------------------


@router.get("/api/reports")
def api_list(
    request: Request,
    state: str | None = None,
    instrument: str | None = None,
    account: Account = Depends(require("report.read")),
) -> Response:
    """The versions of the reports the account may read (a focal point: its own state's)."""
    if state is None and not _reads_every_state(account):
        state = account.state  # a focal point's list is its own state's
    if state is not None:
        _gate(account, "report.read", state)
    found = submissions.versions(
        engine_of(request), state=state.upper() if state else None, instrument=instrument
    )
    return JSON({"reports": [_summary(x) for x in found]})


@router.get("/api/reports/{report_id}")
def api_get(
    request: Request, report_id: int, account: Account = Depends(require("report.read"))
) -> Response:
    sub = _report(request, account, report_id, "report.read")
    return JSON({"report": sub.as_dict(), "problems": submissions.problems(sub)})


@router.post("/api/reports", status_code=201, dependencies=[Depends(check_csrf)])
def api_draft(
    request: Request, body: DraftIn, account: Account = Depends(require("report.write"))
) -> Response:
    _gate(account, "report.write", body.state)
    try:
        sub = submissions.create_draft(
            engine_of(request), account, body.instrument, body.state, body.report, body.year,
            body.entries, body.visibility, body.comment,
        )  # fmt: skip
    except ReportError as exc:
        return _json_error(exc)
    return JSON({"report": sub.as_dict(), "problems": submissions.problems(sub)}, 201)


@router.put("/api/reports/{report_id}/entries", dependencies=[Depends(check_csrf)])
def api_entries(
    request: Request,
    report_id: int,
    body: EntriesIn,
    account: Account = Depends(require("report.write")),
) -> Response:
    _report(request, account, report_id, "report.write")
    try:
        sub = submissions.save(
            engine_of(request), account, report_id, body.entries, body.visibility, body.comment
        )
    except ReportError as exc:
        return _json_error(exc)
    return JSON({"report": sub.as_dict(), "problems": submissions.problems(sub)})


@router.post("/api/reports/{report_id}/validate", dependencies=[Depends(check_csrf)])
def api_validate(
    request: Request, report_id: int, account: Account = Depends(require("report.write"))
) -> Response:
    """What still keeps the report from being submitted (nothing is changed)."""
    sub = _report(request, account, report_id, "report.write")
    found = submissions.problems(sub)
    return JSON({"valid": not found, "problems": found})


@router.post("/api/reports/{report_id}/submit", dependencies=[Depends(check_csrf)])
def api_submit(
    request: Request,
    report_id: int,
    body: StepIn | None = None,
    account: Account = Depends(require("report.write")),
) -> Response:
    return _step(request, account, report_id, body, submissions.submit, 200)


@router.post("/api/reports/{report_id}/amend", status_code=201, dependencies=[Depends(check_csrf)])
def api_amend(
    request: Request,
    report_id: int,
    body: StepIn | None = None,
    account: Account = Depends(require("report.write")),
) -> Response:
    return _step(request, account, report_id, body, submissions.amend, 201)


def _step(
    request: Request,
    account: Account,
    report_id: int,
    body: StepIn | None,
    step: Callable[[Any, Account, int, str], Any],
    status: int,
) -> Response:
    """Submit or amend one report the account may write, answering with its new state."""
    _report(request, account, report_id, "report.write")
    try:
        sub = step(engine_of(request), account, report_id, body.comment if body else "")
    except ReportError as exc:
        return _json_error(exc)
    return JSON({"report": sub.as_dict()}, status)


# -- pages ----------------------------------------------------------------------------------


def _list_page(
    request: Request, account: Account, status_code: int = 200, error: str | None = None
) -> Response:
    everyone = _reads_every_state(account)
    found = submissions.versions(engine_of(request), state=None if everyone else account.state)
    return page(
        request,
        "workspace/reports.html",
        status_code=status_code,
        error=error,
        reports=found,
        may_write=authz.allowed(account, "report.write", account.state),
        treaties=treaties_with_forms(),
        state=account.state,
    )


@router.get("/reports")
def list_page(request: Request, account: Account = Depends(require("report.read"))) -> Response:
    return _list_page(request, account)


@router.post("/reports", dependencies=[Depends(check_csrf)])
def draft_from_form(
    request: Request,
    instrument: Annotated[str, Form(max_length=40)],
    report: Annotated[str, Form(max_length=16)] = "annual",
    year: Annotated[str, Form(max_length=4)] = "",
    account: Account = Depends(require("report.write")),
) -> Response:
    state = account.state or ""
    _gate(account, "report.write", state)
    try:
        covered = int(year) if year.strip() else None
    except ValueError:
        return _list_page(request, account, 422, f"Year {year!r} is not a year.")
    try:
        sub = submissions.create_draft(
            engine_of(request), account, instrument, state, report, covered
        )
    except ReportError as exc:
        return _list_page(
            request, account, 422 if not isinstance(exc, ReportConflictError) else 409, str(exc)
        )
    return RedirectResponse(f"{PREFIX}/reports/{sub.id}", status_code=303)


def _report_page(
    request: Request,
    account: Account,
    sub: Submission,
    *,
    data: dict[str, Any] | None = None,
    visibility: dict[str, str] | None = None,
    problems: list[str] | None = None,
    message: str | None = None,
    status_code: int = 200,
) -> Response:
    forms = submissions.forms_of(sub.instrument)
    shown = data if data is not None else sub.entries
    same = submissions.versions(
        engine_of(request), state=sub.state, instrument=sub.instrument, report=sub.report
    )
    return page(
        request,
        "workspace/report.html",
        status_code=status_code,
        report=sub,
        forms=forms,
        data=shown,
        visibility=visibility if visibility is not None else sub.visibility,
        rows=lambda form, f: _rows(shown, form.code, f.name),
        problems=problems,
        message=message,
        editable=sub.status == "draft" and authz.allowed(account, "report.write", sub.state),
        may_amend=sub.status == "submitted"
        and authz.allowed(account, "report.write", sub.state)
        and all(v.status == "submitted" for v in same if v.year == sub.year),
        versions=[v for v in same if v.year == sub.year],
        public_href=submissions.public_path(sub.instrument, sub.state, sub.period),
        public=published.find(engine_of(request), sub.instrument, sub.state, sub.period),
    )


def _rows(data: dict[str, Any], code: str, name: str) -> list[dict[str, Any]]:
    rows = list((data.get(code) or {}).get(name) or [])
    return [*rows, *({} for _ in range(SPARE_ROWS))]


@router.get("/reports/{report_id}")
def report_page(
    request: Request, report_id: int, account: Account = Depends(require("report.read"))
) -> Response:
    sub = _report(request, account, report_id, "report.read")
    done = DONE.get(request.query_params.get("done", ""))
    return _report_page(request, account, sub, message=done)


def entries_from_form(forms: Forms, form: FormData) -> tuple[dict[str, Any], dict[str, str]]:
    """The web form's fields as entries: ``f.B.destroyed`` a field, ``f.B.stockpiles.0.type``
    a table's cell, ``vis.B`` a form's visibility. Values stay text; checking reads them."""
    data: dict[str, dict[str, Any]] = {}
    visibility: dict[str, str] = {}
    tables: dict[tuple[str, str], dict[int, dict[str, str]]] = {}
    for key, value in form.multi_items():
        if not isinstance(value, str):
            continue
        parts = key.split(".")
        if parts[0] == "vis" and len(parts) == 2:
            visibility[parts[1]] = value
        elif parts[0] == "f" and len(parts) == 3:
            data.setdefault(parts[1], {})[parts[2]] = value
        elif parts[0] == "f" and len(parts) == 5 and parts[3].isdigit():
            cells = tables.setdefault((parts[1], parts[2]), {})
            cells.setdefault(int(parts[3]), {})[parts[4]] = value
    for (code, name), cells in tables.items():
        rows = [cells[i] for i in sorted(cells) if any(v.strip() for v in cells[i].values())]
        data.setdefault(code, {})[name] = rows
    return data, visibility


@router.post("/reports/{report_id}", dependencies=[Depends(check_csrf)])
async def report_from_form(
    request: Request, report_id: int, account: Account = Depends(require("report.write"))
) -> Response:
    """Save the draft from its web form, then check it (``step=validate``) or submit it
    (``step=submit``)."""
    sub = _report(request, account, report_id, "report.write")
    form = await request.form()
    step = str(form.get("step") or "save")
    comment = str(form.get("comment") or "")
    data, visibility = entries_from_form(submissions.forms_of(sub.instrument), form)
    eng = engine_of(request)
    try:
        sub = submissions.save(eng, account, report_id, data, visibility, comment)
    except ReportInvalidError as exc:
        return _report_page(
            request, account, sub, data=data, visibility=visibility, problems=exc.problems,
            status_code=422,
        )  # fmt: skip
    except ReportError as exc:
        return _report_page(request, account, sub, problems=[str(exc)], status_code=409)
    if step == "validate":
        found = submissions.problems(sub)
        note = "The report is complete and can be submitted." if not found else None
        return _report_page(request, account, sub, problems=found, message=note)
    if step == "submit":
        try:
            sub = submissions.submit(eng, account, report_id, comment)
        except ReportInvalidError as exc:
            return _report_page(request, account, sub, problems=exc.problems, status_code=422)
        except ReportError as exc:
            return _report_page(request, account, sub, problems=[str(exc)], status_code=409)
        return RedirectResponse(f"{PREFIX}/reports/{sub.id}?done=submitted", status_code=303)
    return RedirectResponse(f"{PREFIX}/reports/{sub.id}?done=saved", status_code=303)


@router.post("/reports/{report_id}/amend", dependencies=[Depends(check_csrf)])
def amend_from_form(
    request: Request,
    report_id: int,
    comment: Annotated[str, Form(max_length=2000)] = "",
    account: Account = Depends(require("report.write")),
) -> Response:
    sub = _report(request, account, report_id, "report.write")
    try:
        new = submissions.amend(engine_of(request), account, report_id, comment)
    except ReportError as exc:
        return _report_page(request, account, sub, problems=[str(exc)], status_code=409)
    return RedirectResponse(f"{PREFIX}/reports/{new.id}", status_code=303)
