"""The public pages of the Article 7 reports states submitted online: a printable page per
report with its JSON and CSV downloads, and per state its reports and their figures over
the years, drawn as charts.

Everything here comes from ``reporting.published``, which gives the latest submitted
version of each report with its public forms only: a restricted form never reaches these
pages or their downloads.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import export, query, registry
from treatywatch.api.deps import JSON, context
from treatywatch.reporting import published
from treatywatch.reporting.published import resolve
from treatywatch.reporting.schema import FIGURES, forms_for
from treatywatch.reporting.submissions import Submission
from treatywatch.web import charts, i18n
from treatywatch.web.render import render

#: The pages, in each language (as web/pages.py serves its own); the downloads once.
_pages = APIRouter(include_in_schema=False)
_files = APIRouter(include_in_schema=False)
_PERIOD = re.compile(r"^(initial|[0-9]{4})$")
#: The charts of a state's figures: each groups figures of one unit, so that the scale of
#: one (square metres) does not flatten another (munitions). The CSS keys are the series
#: colours the site's stylesheet already has.
CHARTS = (
    ("Stocks", ("stocks_held", "stocks_destroyed", "stocks_retained", "stocks_transferred")),
    ("Areas (m²)", ("area_contaminated_m2", "area_cleared_m2")),
    ("Resources (USD)", ("national_resources", "international_resources")),
)
_LINE_KEYS = ("in-force", "parties", "signatories", "withdrawn")


def _one(request: Request, treaty: str, state: str, period: str) -> Submission:
    inst, iso3 = resolve(treaty, state)
    if not _PERIOD.match(period):
        raise query.NotFoundError(
            f"{period[:20]!r} is not a report's period: give the year covered or 'initial'."
        )
    sub = published.find(context(request).engine, inst, iso3, period)
    if sub is None:
        raise query.NotFoundError(f"{iso3} has submitted no {inst} report for {period} online.")
    return sub


def _name(sub: Submission) -> str:
    return f"{sub.instrument.lower()}-{sub.state.lower()}-{sub.period}-v{sub.version}"


def _figure_charts(rows: list[dict[str, Any]]) -> list[Any]:
    out = []
    for title, names in CHARTS:
        lines = []
        for key, name in zip(_LINE_KEYS, names, strict=False):
            points = [
                (dt.date(r["year"], 1, 1), round(r[name])) for r in rows if r.get(name) is not None
            ]
            if points:
                lines.append(charts.Line(key, FIGURES[name], points))
        if lines:
            end = dt.date(max(r["year"] for r in rows), 12, 31)
            out.append(charts.step_chart(lines, title, end=end))
    return out


@_files.get("/reports/{treaty}/{state}/{period}.json")
def report_json(request: Request, treaty: str, state: str, period: str) -> Response:
    sub = _one(request, treaty, state, period)
    return JSON(
        published.as_dict(sub),
        headers={"Content-Disposition": f'attachment; filename="{_name(sub)}.json"'},
    )


@_files.get("/reports/{treaty}/{state}/{period}.csv")
def report_csv(request: Request, treaty: str, state: str, period: str) -> Response:
    sub = _one(request, treaty, state, period)
    body, media = export.table_bytes(
        "csv", _name(sub), published.CSV_COLUMNS, published.csv_rows(sub)
    )
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{_name(sub)}.csv"'},
    )


@_pages.get("/reports/{treaty}/{state}/{period}")
def report_page(request: Request, treaty: str, state: str, period: str) -> Response:
    sub = _one(request, treaty, state, period)
    rows = published.figures_by_year(context(request).engine, sub.instrument, sub.state)
    return render(
        request,
        "reports/report.html",
        report=sub,
        forms=forms_for(sub.instrument),
        state_name=registry.get(sub.state).name,
        figures=published.figures(sub),
        figure_names=FIGURES,
        charts=_figure_charts(rows),
        base=f"/reports/{sub.instrument}/{sub.state}/{sub.period}",
    )


@_pages.get("/reports/{treaty}/{state}")
def state_reports(request: Request, treaty: str, state: str) -> Response:
    inst, iso3 = resolve(treaty, state)
    eng = context(request).engine
    rows = published.figures_by_year(eng, inst, iso3)
    return render(
        request,
        "reports/state.html",
        treaty=inst,
        state=iso3,
        state_name=registry.get(iso3).name,
        reports=published.latest(eng, inst, iso3),
        years=rows,
        figure_names=FIGURES,
        charts=_figure_charts(rows),
    )


# The downloads first: ``{period}`` would otherwise take "2025.json" as a period.
router = APIRouter(include_in_schema=False)
router.include_router(_files)
router.include_router(_pages)
for _language in i18n.LANGUAGES:
    if _language != i18n.DEFAULT:
        router.include_router(_pages, prefix=i18n.prefix(_language))
