"""Article 7 reports submitted online, as the public may read them: the latest submitted
version of each report, public forms only (``reporting.published``), and their figures per
year covered."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import Response

from treatywatch.api import models
from treatywatch.api.deps import JSON, context
from treatywatch.reporting import published

router = APIRouter(tags=["reports"], responses=models.ERRORS)


class PublicForm(BaseModel):
    title: str
    entries: dict[str, Any] = Field(description="Field name -> value; a table's, a list of rows.")


class PublicReport(BaseModel):
    id: int
    instrument: str
    state: str
    report: str = Field(description="initial or annual")
    year: int | None = Field(description="The calendar year an annual report covers.")
    version: int
    status: str
    submitted: str | None
    received: str | None = Field(description="The day received, as the record counts it.")
    forms: dict[str, PublicForm] = Field(description="The public forms only, by code.")
    figures: dict[str, float]
    href: str


class FigureYear(BaseModel):
    year: int
    reports: int


class StateReports(BaseModel):
    instrument: str
    state: str
    reports: list[PublicReport]
    figures: list[FigureYear] = Field(
        description="Per year covered, each figure of the public forms (null where none)."
    )


class TreatyReports(BaseModel):
    instrument: str
    reports: list[PublicReport]
    figures: list[FigureYear] = Field(description="Per year covered, summed over the states.")


def _public(sub: Any) -> dict[str, Any]:
    out = published.as_dict(sub)
    out["href"] = f"/reports/{sub.instrument}/{sub.state}/{sub.period}"
    return out


@router.get(
    "/reports/{treaty}",
    summary="Every report submitted online to a treaty, public forms only, and yearly totals",
    response_model=TreatyReports,
)
def treaty_reports(request: Request, treaty: str) -> Response:
    inst = published.treaty(treaty)
    eng = context(request).engine
    return JSON(
        {
            "instrument": inst,
            "reports": [_public(x) for x in published.latest(eng, inst)],
            "figures": published.figures_by_year(eng, inst),
        }
    )


@router.get(
    "/reports/{treaty}/{state}",
    summary="A state's reports submitted online, public forms only, and its figures by year",
    response_model=StateReports,
)
def state_reports(request: Request, treaty: str, state: str) -> Response:
    inst, iso3 = published.resolve(treaty, state)
    eng = context(request).engine
    return JSON(
        {
            "instrument": inst,
            "state": iso3,
            "reports": [_public(x) for x in published.latest(eng, inst, iso3)],
            "figures": published.figures_by_year(eng, inst, iso3),
        }
    )
