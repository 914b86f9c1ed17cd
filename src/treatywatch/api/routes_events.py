"""Events (conferences, meetings of states parties): who took part in which capacity, the
counts sources give checked against the record's list, what was said; and a state's
attendance over the years."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import query, query_meetings
from treatywatch.api import models
from treatywatch.api.deps import JSON, cached, context, page
from treatywatch.api.params import Limit, Offset, text

router = APIRouter(tags=["events"], responses=models.ERRORS)


@router.get(
    "/events",
    summary="Meetings and conferences: those under way or announced first, then oldest first",
    response_model=models.Page[models.EventRow],
)
def list_events(
    request: Request,
    treaty: Annotated[str | None, text("Only events of this instrument")] = None,
    kind: Annotated[str | None, text("conference, meeting_of_states_parties…")] = None,
    year: Annotated[
        str | None,
        Query(min_length=1, description="Only events of this year (e.g. 2011)."),
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        rows = query_meetings.find_events(
            context(request), treaty, kind, query_meetings.parse_year(year)
        )
        return JSON(page(rows, limit, offset))

    return cached(request, build)


@router.get(
    "/events/{event_id}",
    summary="One event: participants by role, counts checked, statements by topic",
    response_model=models.MeetingDetail,
)
def one_event(request: Request, event_id: str) -> Response:
    return cached(request, lambda: JSON(query_meetings.meeting_detail(context(request), event_id)))


@router.get(
    "/events/{event_id}/participants",
    summary="Who took part in an event",
    response_model=models.Page[models.Participant],
)
def event_participants(
    request: Request, event_id: str, limit: Limit = 1000, offset: Offset = 0
) -> Response:
    def build() -> Response:
        detail = query.event_detail(context(request), event_id)
        return JSON(page(detail["participants"], limit, offset))

    return cached(request, build)


@router.get(
    "/states/{name}/attendance",
    tags=["states"],
    summary="A state's meetings over the years, by role, and its statements",
    response_model=models.Attendance,
)
def state_attendance(request: Request, name: str) -> Response:
    return cached(request, lambda: JSON(query_meetings.attendance(context(request), name)))
