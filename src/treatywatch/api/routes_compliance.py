"""The compliance view: states by obligation on a date, counts, and the reporting rate."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import query
from treatywatch.api import models
from treatywatch.api.deps import JSON, cached, context, parse_date
from treatywatch.api.params import AsOf, text

router = APIRouter(tags=["obligations"], responses=models.ERRORS)


@router.get(
    "/compliance",
    summary="States by obligation on a date, with counts per status and reporting rates",
    description=(
        "One row per state and treaty with a cell per obligation (stockpile destruction, "
        "clearance, the initial and the annual transparency report): its status on the date, "
        "due date, article, basis and the sources behind it. The annual-report cell is the "
        "latest report due on or before the date. `reporting` gives, per treaty, the annual "
        "reports by the year they cover as the record shows them (`computed`) and, kept "
        "apart, the reporting figures the sources state (`stated`). An unknown treaty is a "
        "422."
    ),
    response_model=models.Compliance,
)
def compliance(
    request: Request,
    treaty: Annotated[str | None, text("CCM or APMBC; every treaty with rules when absent")] = None,
    as_of: AsOf = None,
    state: Annotated[str | None, text("Only this state (any name or code)")] = None,
) -> Response:
    def build() -> Response:
        day = parse_date(as_of, "as_of")
        return JSON(query.compliance(context(request), treaty, day, state))

    return cached(request, build)
