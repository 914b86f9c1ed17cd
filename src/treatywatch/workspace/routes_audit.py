"""The audit log: a filterable page (also as CSV and JSON), the JSON API, and one fact's history."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from treatywatch.api.deps import JSON
from treatywatch.web.render import data_response, wants
from treatywatch.workspace import audit
from treatywatch.workspace.accounts import Account
from treatywatch.workspace.auth import engine_of, require
from treatywatch.workspace.views import page

router = APIRouter()
reader = require("audit.read")
COLUMNS = ("id", "at", "actor", "action", "target", "comment", "before", "after")
#: The page shows the newest entries; the downloads and the API give every one that matches.
PAGE_ROWS = 500


@dataclass(frozen=True)
class Filters:
    actor: str | None
    action: str | None
    target: str | None
    since: dt.date | None
    until: dt.date | None

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in vars(self).items()}


def filters(
    actor: str | None = Query(None, min_length=1, max_length=120),
    action: str | None = Query(None, min_length=1, max_length=64),
    target: str | None = Query(None, min_length=1, max_length=200),
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Filters:
    """The filters every audit view takes; ``target`` or ``action`` ending in ':' or '.'
    match every one they begin (``fact:action:``, ``account.``)."""
    return Filters(actor, action, target, since, until)


def _entries(request: Request, f: Filters, limit: int | None = None) -> list[audit.AuditEntry]:
    return audit.entries(
        engine_of(request),
        actor=f.actor,
        action=f.action,
        target=f.target,
        since=f.since,
        until=f.until,
        limit=limit,
    )


def _flat(entry: audit.AuditEntry) -> dict[str, Any]:
    row = entry.as_dict()
    for key in ("before", "after"):
        row[key] = "" if row[key] is None else json.dumps(row[key], sort_keys=True)
    return row


@router.get("/audit")
def audit_page(
    request: Request, f: Filters = Depends(filters), _: Account = Depends(reader)
) -> Response:
    fmt = wants(request)
    if fmt != "html":
        found = _entries(request, f)
        return data_response(
            fmt,
            "audit",
            [_flat(e) for e in found],
            COLUMNS,
            {"filters": f.as_dict(), "entries": [e.as_dict() for e in found]},
        )
    found = _entries(request, f, limit=PAGE_ROWS + 1)
    return page(
        request,
        "workspace/audit.html",
        entries=found[:PAGE_ROWS],
        more=len(found) > PAGE_ROWS,
        filters=f.as_dict(),
    )


@router.get("/api/audit")
def audit_api(
    request: Request, f: Filters = Depends(filters), _: Account = Depends(reader)
) -> Response:
    found = _entries(request, f)
    return JSON(
        {"filters": f.as_dict(), "count": len(found), "entries": [e.as_dict() for e in found]}
    )


@router.get("/facts/{fact_type}/{fact_id}/history")
def fact_history(
    request: Request,
    fact_type: str,
    fact_id: str,
    _: Account = Depends(reader),
) -> Response:
    target = f"fact:{fact_type}:{fact_id}"
    found = audit.entries(engine_of(request), target=target)
    if wants(request) == "json":
        return JSON({"target": target, "entries": [e.as_dict() for e in found]})
    return page(
        request,
        "workspace/history.html",
        entries=found,
        target=target,
        fact_type=fact_type,
        fact_id=fact_id,
    )
