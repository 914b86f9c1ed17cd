"""An editor corrects an action fact: a form page and the JSON API, both citing a source."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from treatywatch import model
from treatywatch.api.deps import JSON
from treatywatch.workspace import facts
from treatywatch.workspace.accounts import Account
from treatywatch.workspace.auth import PREFIX, check_csrf, engine_of, require
from treatywatch.workspace.views import page

router = APIRouter()
KINDS = [k.value for k in model.ActionKind]


class ActionCorrectionIn(BaseModel):
    instrument: str = Field(max_length=40)
    state: str = Field(min_length=3, max_length=3)
    kind: str = Field(max_length=32)
    date: dt.date | None = None
    note: str = Field("", max_length=2000)
    source: str = Field(max_length=120)
    locator: str = Field(max_length=500)
    comment: str = Field(max_length=2000)
    corrects: int | None = None


def _form_page(
    request: Request, status_code: int = 200, error: str | None = None, **values: object
) -> Response:
    return page(
        request,
        "workspace/correct_action.html",
        status_code=status_code,
        error=error,
        kinds=KINDS,
        values=values,
    )


@router.get("/facts/actions/new")
def correction_form(
    request: Request,
    corrects: int | None = None,
    _: Account = Depends(require("correct")),
) -> Response:
    return _form_page(request, corrects=corrects or "")


@router.post("/facts/actions", dependencies=[Depends(check_csrf)])
def correct_from_form(
    request: Request,
    instrument: Annotated[str, Form(max_length=40)],
    state: Annotated[str, Form(max_length=3)],
    kind: Annotated[str, Form(max_length=32)],
    source: Annotated[str, Form(max_length=120)],
    locator: Annotated[str, Form(max_length=500)],
    comment: Annotated[str, Form(max_length=2000)],
    date: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=2000)] = "",
    corrects: Annotated[str, Form(max_length=12)] = "",
    account: Account = Depends(require("correct")),
) -> Response:
    values = {
        "instrument": instrument, "state": state, "kind": kind, "source": source,
        "locator": locator, "comment": comment, "date": date, "note": note, "corrects": corrects,
    }  # fmt: skip
    try:
        day = dt.date.fromisoformat(date) if date else None
        corrected = int(corrects) if corrects else None
    except ValueError:
        wrong = "The date must be of the form YYYY-MM-DD and the fact's id a number."
        return _form_page(request, 422, wrong, **values)
    correction = facts.ActionCorrection(
        instrument=instrument, state=state, kind=kind, date=day, source=source,
        locator=locator, comment=comment, note=note, corrects=corrected,
    )  # fmt: skip
    try:
        after = facts.correct_action(engine_of(request), account, correction)
    except facts.CorrectionError as exc:
        return _form_page(request, 422, str(exc), **values)
    shown = corrected if corrected is not None else after["id"]
    return RedirectResponse(f"{PREFIX}/facts/action/{shown}/history", status_code=303)


@router.post("/api/facts/actions", status_code=201, dependencies=[Depends(check_csrf)])
def correct_from_json(
    request: Request,
    body: ActionCorrectionIn,
    account: Account = Depends(require("correct")),
) -> Response:
    correction = facts.ActionCorrection(**body.model_dump())
    try:
        after = facts.correct_action(engine_of(request), account, correction)
    except facts.CorrectionError as exc:
        raise HTTPException(422, str(exc)) from None
    return JSON({"fact": after}, status_code=201)
