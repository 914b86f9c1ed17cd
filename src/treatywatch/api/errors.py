"""Errors as JSON with one clear message, and the headers every response carries.

The site is public and read-only, and shows text from outside documents: so only GET and
HEAD are allowed, and a strict Content-Security-Policy forbids inline scripts and any
third-party origin (everything the pages need is served from /static).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from treatywatch import query
from treatywatch.api.deps import JSON
from treatywatch.store.db import MissingDatabaseError

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]
ALLOWED_METHODS = {"GET", "HEAD"}
#: The one prefix under which writes are let through, and only when the workspace is mounted.
WORKSPACE = "/workspace"
UNEXPECTED = "Something went wrong on our side; please report it."
log = logging.getLogger("treatywatch.api")


class ReadOnlySecure:
    """Pure ASGI middleware (no per-request task, unlike BaseHTTPMiddleware): refuse writes
    with 405 (except under ``writable``, the mounted workspace) and add the security headers
    to every response."""

    def __init__(self, app: ASGIApp, writable: str | None = None) -> None:
        self.app = app
        self.writable = writable

    def _may_write(self, path: str) -> bool:
        return self.writable is not None and (
            path == self.writable or path.startswith(self.writable + "/")
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ALLOWED_METHODS and not self._may_write(scope["path"]):
            response = JSON(
                {"error": f"{scope['method']} is not allowed: this site is read-only."},
                status_code=405,
                headers={"Allow": "GET, HEAD"},
            )
            await response(scope, receive, self._with_headers(send))
            return
        head = scope["method"] == "HEAD"
        if head:  # routes are declared for GET; HEAD is the same answer without its body
            scope = {**scope, "method": "GET"}
        secured = self._with_headers(send, head)
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await secured(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            # A bug, not a user error. Answered here, inside this middleware, so the 500
            # carries the same security headers as every other response: a handler
            # registered for Exception runs in Starlette's outermost ServerErrorMiddleware,
            # which wraps this one and so sends its answer without them.
            log.error("unexpected error on %s %s", scope["method"], scope["path"], exc_info=exc)
            if started:  # part of the answer is already sent: nothing left but to drop it
                raise
            await _error(Request(scope), 500, UNEXPECTED)(scope, receive, secured)

    @staticmethod
    def _with_headers(send: Send, head: bool = False) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            elif head and message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        return wrapped


def _error(request: Request, status: int, message: str) -> Response:
    path = request.url.path
    if (
        path.startswith(("/api/", f"{WORKSPACE}/api/"))
        or "json" in request.headers.get("accept", "")[:20]
    ):
        return JSON({"error": message, "status": status}, status_code=status)
    from treatywatch.web.render import error_page

    return error_page(request, status, message)


def _validation_message(exc: RequestValidationError) -> str:
    """The validation errors as one sentence naming each parameter and what it must be."""
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path")]
        name = ".".join(loc) or "request"
        value = err.get("input")
        if err.get("type") == "string_too_short" and value == "":
            # Leaving a parameter out means "any"; an empty one is a mistake to point out.
            parts.append(f"{name} is empty: give a value or leave it out")
            continue
        msg = str(err.get("msg", "invalid"))
        shown = f" {str(value)[:40]!r}" if isinstance(value, (str, int)) else ""
        parts.append(f"{name}{shown}: {msg[:1].lower()}{msg[1:]}")
    return ("; ".join(parts) + ".") if parts else "The request is not valid."


def install(app: FastAPI) -> None:
    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(request, 404, str(exc).strip("'\""))

    async def bad_request(request: Request, exc: Exception) -> Response:
        return _error(request, 422, str(exc))

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _error(request, 422, _validation_message(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message: Any = exc.detail
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing is at {request.url.path}."
        if exc.status_code == 405:
            here = request.url.path
            message = (
                f"{request.method} is not allowed at {here}."
                if here.startswith(WORKSPACE + "/")
                else f"{request.method} is not allowed: this site is read-only."
            )
        return _error(request, exc.status_code, str(message))

    async def no_database(request: Request, exc: Exception) -> Response:
        return _error(request, 503, str(exc))

    app.add_exception_handler(query.NotFoundError, not_found)
    app.add_exception_handler(query.BadRequestError, bad_request)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(MissingDatabaseError, no_database)
    # Any other exception is answered by ReadOnlySecure (JSON for the API, a page for
    # people), inside the security headers; see its __call__.
