"""FastAPI dependencies of the workspace: who is signed in, may they, and is the form theirs.

Every workspace route depends on ``current_account`` or ``require(permission)``; every
route that changes anything also depends on ``check_csrf``. Pages answer a missing session
with a redirect to the login form, JSON routes (``/api/`` in the path) with 401.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING

from fastapi import Depends, HTTPException
from starlette.requests import Request

from treatywatch.workspace import authz, sessions
from treatywatch.workspace.accounts import Account

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

PREFIX = "/workspace"
COOKIE = "tw_session"
#: The anonymous login form's CSRF token, before there is a session to hold one.
LOGIN_CSRF_COOKIE = "tw_login_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class LoginRequiredError(Exception):
    """A page was asked for without a live session: answered with a redirect to the login."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def engine_of(request: Request) -> Engine:
    from treatywatch.store.db import engine

    return engine(request.app.state.workspace_db)


def is_api(request: Request) -> bool:
    return "/api/" in request.url.path


def session_of(request: Request) -> sessions.Session | None:
    """The request's live session, looked up once per request."""
    if not hasattr(request.state, "tw_session"):
        request.state.tw_session = sessions.lookup(engine_of(request), request.cookies.get(COOKIE))
    session: sessions.Session | None = request.state.tw_session
    return session


def current_account(request: Request) -> Account:
    session = session_of(request)
    if session is None:
        if is_api(request):
            raise HTTPException(401, "Sign in first: this needs a workspace session.")
        raise LoginRequiredError(request.url.path)
    return session.account


def require(permission: str) -> Callable[..., Account]:
    """A dependency: the signed-in account when it holds ``permission`` (for some state;
    see authz.allowed), else 403."""
    authz.PERMISSIONS[permission]  # a misspelt permission fails when the route is declared

    def dependency(account: Account = Depends(current_account)) -> Account:
        if not authz.allowed(account, permission):
            raise HTTPException(403, f"Your account ({account.role.value}) may not do this.")
        return account

    return dependency


def csrf_token(request: Request) -> str:
    """The token a form must send back in its ``csrf_token`` field: the session's, or for
    the login form (no session yet) the one in the login cookie (see ``login_csrf``)."""
    session = session_of(request)
    if session is not None:
        return session.csrf
    token: str = getattr(request.state, "login_csrf", None) or request.cookies.get(
        LOGIN_CSRF_COOKIE, ""
    )
    if not token:
        token = secrets.token_urlsafe(32)
        request.state.login_csrf = token  # the login page sets it as a cookie
    return token


async def _sent_token(request: Request) -> str:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()  # parsed once; FastAPI's Form parameters reuse it
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else ""
    return ""


async def check_csrf(request: Request) -> None:
    """A dependency for every state-changing route: the form field ``csrf_token`` or the
    ``X-CSRF-Token`` header must carry the session's token, else 403."""
    session = session_of(request)
    if session is None and request.url.path != f"{PREFIX}/login":
        current_account(request)  # signed out: 401 or the login page, before any CSRF talk
    expected = session.csrf if session is not None else request.cookies.get(LOGIN_CSRF_COOKIE, "")
    sent = await _sent_token(request)
    if not expected or not sent or not secrets.compare_digest(sent, expected):
        raise HTTPException(403, "The form's CSRF token is missing or stale; reload the page.")
