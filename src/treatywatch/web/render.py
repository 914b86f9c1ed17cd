"""Rendering: Jinja2 with autoescape on (document text is outside input), and the
datasette-style rule that a page's table is also served as JSON, CSV or XLSX with
``?format=``, from the very rows the page shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from treatywatch.api.deps import JSON

STATUS_LABELS = {
    "state_party": "State Party",
    "not_in_force_yet": "Consent given, not yet in force",
    "signatory": "Signatory",
    "withdrawn": "Withdrawn",
    "not_joined": "Not joined",
    "cannot_deposit": "Cannot deposit with the UN",
}


#: Obligation statuses (rules.ObligationStatus) and obligations, as the pages name them.
OBLIGATION_LABELS = {
    "overdue": "Overdue",
    "unknown": "Unknown",
    "extended": "Extended",
    "pending": "Pending",
    "met-late": "Met late",
    "met": "Met",
    "not-applicable": "Not applicable",
    "stockpile_destruction": "Stockpile destruction",
    "clearance": "Clearance",
    "transparency_initial": "Initial report",
    "transparency_annual": "Annual report",
}


def oblabel(value: Any) -> str:
    text = str(value or "")
    return OBLIGATION_LABELS.get(text) or label(text)


def label(value: Any) -> str:
    text = str(value or "")
    return STATUS_LABELS.get(text, text.replace("_", " "))


def iso(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


@cache
def env() -> Environment:
    e = Environment(
        loader=PackageLoader("treatywatch.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    e.filters["label"] = label
    e.filters["iso"] = iso
    e.filters["oblabel"] = oblabel
    return e


def with_query(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return request.url.path + ("?" + urlencode(params) if params else "")


def render(request: Request, template: str, status_code: int = 200, **data: Any) -> Response:
    html = (
        env()
        .get_template(template)
        .render(request=request, with_query=lambda **kw: with_query(request, **kw), **data)
    )
    return HTMLResponse(html, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status_code=status, status=status, message=message)


def wants(request: Request) -> str:
    fmt = request.query_params.get("format", "html")
    if fmt not in ("html", "json", "csv", "xlsx"):
        from treatywatch.query import BadRequestError

        raise BadRequestError(f"format {fmt!r} is not one of html, json, csv, xlsx.")
    return fmt


def data_response(
    fmt: str, name: str, rows: Sequence[dict[str, Any]], columns: Sequence[str], whole: Any
) -> Response:
    """The page's data in a machine format: ``whole`` as JSON, or ``rows`` as CSV/XLSX."""
    from treatywatch import export

    if fmt == "json":
        return JSON(whole)
    body, media = export.table_bytes(fmt, name, columns, rows)
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )
