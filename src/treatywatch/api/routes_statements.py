"""Statements: full-text search over what was said, with filters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import query
from treatywatch.api.deps import JSON, cached, context, page, parse_date
from treatywatch.api.params import DateFrom, DateTo, Limit, Offset

router = APIRouter(tags=["statements"])


@router.get("/statements", summary="Statements containing every word of q, newest first")
def search(
    request: Request,
    q: Annotated[str | None, Query(description="Words that must all appear")] = None,
    speaker: Annotated[
        str | None, Query(description="A state (any name), org:X or person:X")
    ] = None,
    topic: Annotated[str | None, Query(description="e.g. universalisation, clearance")] = None,
    stance: Annotated[
        str | None, Query(description="supportive, considering, not-yet, opposed")
    ] = None,
    event: Annotated[str | None, Query(description="An event id")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        rows = query.search_statements(
            context(request),
            q=q,
            speaker=speaker,
            topic=topic,
            stance=stance,
            event=event,
            date_from=parse_date(date_from, "from"),
            date_to=parse_date(date_to, "to"),
        )
        return JSON(page(rows, limit, offset))

    return cached(request, build)
