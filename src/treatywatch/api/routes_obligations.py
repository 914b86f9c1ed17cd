"""Obligations computed by the treaties' rules, and deadlines coming up or overdue."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import query
from treatywatch.api import models
from treatywatch.api.deps import JSON, cached, context, page, parse_date
from treatywatch.api.params import AsOf, Limit, Offset, WithinDays, text

router = APIRouter(tags=["obligations"], responses=models.ERRORS)
Treaty = Annotated[str | None, text("CCM or APMBC; both when absent")]


@router.get(
    "/obligations",
    summary="Obligations with due dates and status on a date",
    response_model=models.Page[models.ObligationRow],
)
def list_obligations(
    request: Request,
    treaty: Treaty = None,
    state: Annotated[str | None, text("Only this state (any name or code)")] = None,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        rows = query.obligations(context(request), treaty, parse_date(as_of, "as_of"), state)
        return JSON(page(rows, limit, offset))

    return cached(request, build)


@router.get(
    "/deadlines",
    summary="Obligations falling due within a number of days",
    response_model=models.Page[models.ObligationRow],
)
def upcoming(
    request: Request,
    treaty: Treaty = None,
    within_days: WithinDays = 365,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        rows = query.deadlines(context(request), treaty, within_days, parse_date(as_of, "as_of"))
        return JSON(page(rows, limit, offset))

    return cached(request, build)


@router.get(
    "/deadlines/overdue",
    summary="Obligations past their deadline and not met",
    response_model=models.Page[models.ObligationRow],
)
def overdue(
    request: Request,
    treaty: Treaty = None,
    as_of: AsOf = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        day = parse_date(as_of, "as_of")
        rows = query.deadlines(context(request), treaty, as_of=day, overdue=True)
        return JSON(page(rows, limit, offset))

    return cached(request, build)
