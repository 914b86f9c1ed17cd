"""Statements: full-text search over what was said, with facets and their counts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import query_meetings
from treatywatch.api import models
from treatywatch.api.deps import JSON, cached, context, page, parse_date
from treatywatch.api.params import DateFrom, DateTo, Limit, Offset, text

router = APIRouter(tags=["statements"], responses=models.ERRORS)


@router.get(
    "/statements",
    summary="Statements holding every word of q, newest first, with facet counts",
    response_model=models.StatementSearch,
)
def search(
    request: Request,
    q: Annotated[str | None, text("Words that must all appear (each may begin a word)")] = None,
    speaker: Annotated[str | None, text("A state (any name), org:X or person:X")] = None,
    topic: Annotated[str | None, text("e.g. universalisation, clearance")] = None,
    stance: Annotated[str | None, text("supportive, considering, not-yet, opposed")] = None,
    event: Annotated[str | None, text("An event id")] = None,
    year: Annotated[
        str | None, Query(min_length=1, description="Only statements of this year (e.g. 2011).")
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        found = query_meetings.search_statements(
            context(request),
            q=q,
            speaker=speaker,
            topic=topic,
            stance=stance,
            event=event,
            year=query_meetings.parse_year(year),
            date_from=parse_date(date_from, "from"),
            date_to=parse_date(date_to, "to"),
        )
        return JSON({**page(found["items"], limit, offset), "facets": found["facets"]})

    return cached(request, build)
