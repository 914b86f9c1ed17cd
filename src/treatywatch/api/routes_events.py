"""Events (conferences, meetings of states parties) and who took part."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import query
from treatywatch.api import models
from treatywatch.api.deps import JSON, cached, context, page
from treatywatch.api.params import Limit, Offset, text

router = APIRouter(tags=["events"], responses=models.ERRORS)


@router.get(
    "/events",
    summary="Meetings and conferences, oldest first",
    response_model=models.Page[models.EventRow],
)
def list_events(
    request: Request,
    treaty: Annotated[str | None, text("Only events of this instrument")] = None,
    kind: Annotated[str | None, text("conference, meeting_of_states_parties…")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    return cached(
        request,
        lambda: JSON(page(query.events(context(request), treaty, kind), limit, offset)),
    )


@router.get(
    "/events/{event_id}",
    summary="One event: participants, statements, claims",
    response_model=models.EventDetail,
)
def one_event(request: Request, event_id: str) -> Response:
    return cached(request, lambda: JSON(query.event_detail(context(request), event_id)))


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
