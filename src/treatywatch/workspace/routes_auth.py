"""Signing in and out, the workspace's home page and ``/api/me``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from treatywatch.api.deps import JSON
from treatywatch.workspace import accounts, authz, ratelimit, sessions
from treatywatch.workspace.accounts import Account
from treatywatch.workspace.auth import (
    COOKIE,
    LOGIN_CSRF_COOKIE,
    PREFIX,
    check_csrf,
    csrf_token,
    current_account,
    engine_of,
    session_of,
)
from treatywatch.workspace.views import page

router = APIRouter()

#: What each permission lets an account do, as the home page says it.
PERMISSION_TEXT = {
    "review": "Review the candidates read from ingested documents: accept, reject or correct.",
    "correct": "Correct a fact of the record, citing a source.",
    "audit.read": "Read the audit log of every change, and each fact's history.",
    "accounts.manage": "Add accounts, change their roles and disable them.",
    "report.read": "Read Article 7 reports, public and restricted forms.",
    "report.write": "Draft, validate, submit and amend your state's Article 7 reports.",
}
FAILED = "The name or the password is wrong, or the account is disabled."


def _cookie_options() -> dict[str, object]:
    # Secure: never sent over plain HTTP; HttpOnly: no script reads it; SameSite=Strict: no
    # other site's page can make the browser send it; Path: only the workspace gets it.
    return {"path": PREFIX, "secure": True, "httponly": True, "samesite": "strict"}


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a workspace page only, never another site."""
    if target and target.startswith(f"{PREFIX}/") and "//" not in target and "\\" not in target:
        return target
    return f"{PREFIX}/"


def _login_page(
    request: Request, status_code: int = 200, error: str | None = None, next_path: str = ""
) -> Response:
    response = page(
        request, "workspace/login.html", status_code=status_code, error=error, next=next_path
    )
    token = csrf_token(request)
    if session_of(request) is None and request.cookies.get(LOGIN_CSRF_COOKIE) != token:
        response.set_cookie(LOGIN_CSRF_COOKIE, token, max_age=3600, **_cookie_options())  # type: ignore[arg-type]
    return response


@router.get("/login")
def login_form(request: Request, next: str = "") -> Response:
    return _login_page(request, next_path=_safe_next(next))


@router.post("/login", dependencies=[Depends(check_csrf)])
def login(
    request: Request,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form()] = "",
) -> Response:
    eng = engine_of(request)
    address = request.client.host if request.client else "unknown"
    if ratelimit.too_many(eng, name, address):
        return _login_page(request, 429, ratelimit.REFUSED, _safe_next(next))
    account = accounts.authenticate(eng, name, password)
    if account is None:
        ratelimit.failed(eng, name, address)
        return _login_page(request, 401, FAILED, _safe_next(next))
    old = session_of(request)
    if old is not None:  # a new session on every sign-in: no fixation of an old token
        sessions.end(eng, old.token)
    session = sessions.create(eng, account)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE,
        session.token,
        max_age=int(sessions.LIFETIME.total_seconds()),
        **_cookie_options(),  # type: ignore[arg-type]
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=PREFIX, secure=True, httponly=True)
    return response


@router.post("/logout", dependencies=[Depends(check_csrf)])
def logout(request: Request) -> Response:
    session = session_of(request)
    if session is not None:
        sessions.end(engine_of(request), session.token)
    response = RedirectResponse(f"{PREFIX}/login", status_code=303)
    response.delete_cookie(COOKIE, path=PREFIX, secure=True, httponly=True, samesite="strict")
    return response


@router.get("/")
def home(request: Request, account: Account = Depends(current_account)) -> Response:
    may = [PERMISSION_TEXT.get(p, p) for p in authz.permissions_of(account)]
    return page(request, "workspace/home.html", may=may)


@router.get("/api/me")
def me(account: Account = Depends(current_account)) -> Response:
    return JSON({**account.as_dict(), "permissions": authz.permissions_of(account)})
