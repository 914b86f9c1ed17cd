"""Obligations computed by the treaties' rules, and deadlines coming up or overdue.

The filters take the names of ``treatywatch deadlines``'s options (state, as_of,
due_within), so a command line and a URL read alike: the command without --due-within is
/obligations, with it /deadlines.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import query
from treatywatch.api import models
from treatywatch.api.deps import JSON, cached, context, page, parse_date
from treatywatch.api.params import (
    AsOf,
    DueWithin,
    FormerWithinDays,
    Limit,
    Obligation,
    ObligationStatus,
    Offset,
    State,
    due_within_days,
    text,
)

router = APIRouter(tags=["obligations"], responses=models.ERRORS)
Treaty = Annotated[str | None, text("CCM or APMBC; both when absent")]


@router.get(
    "/obligations",
    summary="Obligations with due dates and status on a date",
    description="Every obligation the rules compute, filtered; `treatywatch deadlines "
    "TREATY --state S --as-of D` on the command line.",
    response_model=models.Page[models.ObligationRow],
)
def list_obligations(
    request: Request,
    treaty: Treaty = None,
    state: State = None,
    as_of: AsOf = None,
    obligation: Obligation = None,
    status: ObligationStatus = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        rows = query.obligations(
            context(request), treaty, parse_date(as_of, "as_of"), state, obligation, status
        )
        return JSON(page(rows, limit, offset))

    return cached(request, build)


@router.get(
    "/deadlines",
    summary="Obligations falling due within a number of days",
    description="Obligations not yet met and due between as_of (today) and due_within days "
    "later, soonest first; `treatywatch deadlines TREATY --due-within N` on the command line.",
    response_model=models.Page[models.ObligationRow],
)
def upcoming(
    request: Request,
    treaty: Treaty = None,
    state: State = None,
    as_of: AsOf = None,
    due_within: DueWithin = None,
    obligation: Obligation = None,
    status: ObligationStatus = None,
    within_days: FormerWithinDays = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        rows = query.deadlines(
            context(request),
            treaty,
            due_within_days(due_within, within_days),
            parse_date(as_of, "as_of"),
            state=state,
            obligation=obligation,
            status=status,
        )
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
    state: State = None,
    as_of: AsOf = None,
    obligation: Obligation = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        day = parse_date(as_of, "as_of")
        rows = query.deadlines(
            context(request), treaty, as_of=day, overdue=True, state=state, obligation=obligation
        )
        return JSON(page(rows, limit, offset))

    return cached(request, build)
