"""States: the filterable table of standings, and one state's whole story."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import query
from treatywatch.api import models
from treatywatch.api.deps import JSON, cached, context, page, parse_date
from treatywatch.api.params import AsOf, Limit, Offset, check_region, text

router = APIRouter(tags=["states"], responses=models.ERRORS)


@router.get(
    "/states",
    summary="Every state's standing toward a treaty on a date, filtered",
    response_model=models.Page[models.StateRow],
)
def list_states(
    request: Request,
    treaty: Annotated[str, text("CCM or APMBC")] = "CCM",
    status: Annotated[
        str | None,
        text("state_party, not_in_force_yet, signatory, withdrawn, not_joined, cannot_deposit"),
    ] = None,
    region: Annotated[str | None, text("UN region or sub-region (any case)")] = None,
    grouping: Annotated[str | None, text("A grouping code, e.g. EU")] = None,
    as_of: AsOf = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        rows = query.states(
            context(request),
            treaty,
            parse_date(as_of, "as_of"),
            status,
            check_region(region),
            grouping,
        )
        return JSON(page(rows, limit, offset))

    return cached(request, build)


@router.get(
    "/states/{name}",
    summary="One state's story, by any name or code",
    response_model=models.StateStory,
)
def one_state(request: Request, name: str) -> Response:
    return cached(request, lambda: JSON(query.state_story(context(request), name)))
