"""Rendering a workspace page: the signed-in account, its CSRF token and its menu come with it.

Templates live in ``web/templates/workspace/`` and extend ``workspace/base.html``, which
shows who is signed in and a logout form; every form puts ``csrf`` in a hidden field named
``csrf_token``.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from treatywatch.web.render import render
from treatywatch.workspace import authz
from treatywatch.workspace.accounts import Account
from treatywatch.workspace.auth import csrf_token, session_of

#: The menu: each page and the permission that shows it.
NAV = (
    ("/workspace/review", "Review", "review"),
    ("/workspace/reports", "Reports", "report.read"),
    ("/workspace/facts/actions/new", "Correct a fact", "correct"),
    ("/workspace/audit", "Audit log", "audit.read"),
    ("/workspace/accounts", "Accounts", "accounts.manage"),
)


def nav_for(account: Account | None) -> list[dict[str, str]]:
    if account is None:
        return []
    return [
        {"href": href, "label": label}
        for href, label, permission in NAV
        if authz.allowed(account, permission)
    ]


def page(request: Request, template: str, status_code: int = 200, **data: Any) -> Response:
    """``template`` (under workspace/) rendered for the signed-in account, or for nobody."""
    session = session_of(request)
    account = session.account if session is not None else None
    data.setdefault("account", account)
    data.setdefault("csrf", csrf_token(request))
    data.setdefault("nav", nav_for(account))
    return render(request, template, status_code=status_code, **data)
