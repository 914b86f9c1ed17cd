"""Statements: full-text search over what was said, with filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import query
from treatywatch.api import models
from treatywatch.api.deps import JSON, cached, check_event, context, page, parse_date
from treatywatch.api.params import DateFrom, DateTo, Limit, Offset, text

router = APIRouter(tags=["statements"], responses=models.ERRORS)


@router.get(
    "/statements",
    summary="Statements containing every word of q, newest first",
    response_model=models.Page[models.StatementRow],
)
def search(
    request: Request,
    q: Annotated[str | None, text("Words that must all appear")] = None,
    speaker: Annotated[str | None, text("A state (any name), org:X or person:X")] = None,
    topic: Annotated[str | None, text("e.g. universalisation, clearance")] = None,
    stance: Annotated[str | None, text("supportive, considering, not-yet, opposed")] = None,
    event: Annotated[str | None, text("An event id")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        ctx = context(request)
        rows = query.search_statements(
            ctx,
            q=q,
            speaker=speaker,
            topic=topic,
            stance=stance,
            event=check_event(ctx, event),
            date_from=parse_date(date_from, "from"),
            date_to=parse_date(date_to, "to"),
        )
        return JSON(page(rows, limit, offset))

    return cached(request, build)
