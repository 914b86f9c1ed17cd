"""Sources behind the record, and the facts on which they disagree."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import query
from treatywatch.api import models
from treatywatch.api.deps import JSON, cached, context, page
from treatywatch.api.params import Limit, Offset, text

router = APIRouter(tags=["sources"], responses=models.ERRORS)


@router.get(
    "/sources",
    summary="All sources, or those behind one fact",
    response_model=models.Page[models.SourceRow],
)
def list_sources(
    request: Request,
    fact: Annotated[str | None, text("TYPE:ID, e.g. event:lima-2007 or statement:ID")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    return cached(request, lambda: JSON(page(query.sources(context(request), fact), limit, offset)))


@router.get("/sources/{source_id}", summary="One source", response_model=models.SourceRow)
def one_source(request: Request, source_id: str) -> Response:
    def build() -> Response:
        src = context(request).record.sources.get(source_id)
        if src is None:
            raise query.NotFoundError(f"No source has the id {source_id!r}.")
        return JSON(query.source_row(src))

    return cached(request, build)


@router.get(
    "/conflicts",
    summary="Facts on which sources disagree, every value kept",
    response_model=models.Page[models.ConflictRow],
)
def list_conflicts(request: Request, limit: Limit = 100, offset: Offset = 0) -> Response:
    return cached(request, lambda: JSON(page(query.conflicts(context(request)), limit, offset)))
