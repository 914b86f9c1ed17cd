"""Treaties and declarations: what they are, who stands where on a date, and the series."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import query
from treatywatch.api import models
from treatywatch.api.deps import JSON, cached, context, page, parse_date
from treatywatch.api.params import AsOf, Limit, Offset, text

router = APIRouter(tags=["treaties"], responses=models.ERRORS)


@router.get(
    "/treaties",
    summary="Every treaty and declaration the record follows",
    response_model=models.Page[models.TreatyRow],
)
def list_treaties(request: Request, limit: Limit = 100, offset: Offset = 0) -> Response:
    return cached(request, lambda: JSON(page(query.treaties(context(request)), limit, offset)))


@router.get(
    "/treaties/{treaty}",
    summary="One treaty, with counts by status on a date",
    response_model=models.TreatyDetail,
)
def one_treaty(request: Request, treaty: str, as_of: AsOf = None) -> Response:
    def build() -> Response:
        ctx = context(request)
        inst = query.find_instrument(ctx, treaty)
        body = query.treaty_row(inst, ctx.record)
        day = parse_date(as_of, "as_of")
        if inst.rules:
            body["status_counts"] = query.status_counts(ctx, inst.id, day)
        return JSON(body)

    return cached(request, build)


@router.get(
    "/treaties/{treaty}/status",
    summary="Where each state stands on a date",
    response_model=models.Page[models.StatusRow],
)
def treaty_status(
    request: Request,
    treaty: str,
    as_of: AsOf = None,
    state: Annotated[str | None, text("Only this state (any name or code)")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    def build() -> Response:
        rows = query.status(context(request), treaty, parse_date(as_of, "as_of"), state)
        return JSON(page(rows, limit, offset))

    return cached(request, build)


@router.get(
    "/treaties/{treaty}/series",
    summary="Parties and signatories over time",
    response_model=models.Items[models.SeriesPoint],
)
def treaty_series(request: Request, treaty: str) -> Response:
    return cached(request, lambda: JSON({"items": query.parties_series(context(request), treaty)}))
