"""The workspace, mounted under /workspace of the public app by ``create_app(db, workspace=True)``.

The routers are included into the one app (not a sub-application), so the error handlers,
the security headers and the static files are the public site's; ``api.errors.ReadOnlySecure``
lets writes through under /workspace only when this has been mounted.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from treatywatch.workspace.auth import PREFIX, LoginRequiredError


async def _to_login(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequiredError)
    from urllib.parse import quote

    return RedirectResponse(f"{PREFIX}/login?next={quote(exc.next_path)}", status_code=303)


def mount(app: FastAPI, db: str) -> None:
    """Add every workspace route under /workspace, over the database ``db``."""
    from treatywatch.store.db import engine, sqlite_path
    from treatywatch.store.migrate import upgrade

    app.state.workspace_db = db
    # The workspace tables come with migration 0008: a database built before it has none.
    # A SQLite file not built yet is left alone (the public pages say to build it).
    path = sqlite_path(db)
    if path is None or path.exists():
        with engine(db).begin() as conn:
            upgrade(conn)
    from treatywatch.workspace import (
        routes_accounts,
        routes_audit,
        routes_auth,
        routes_facts,
        routes_reports,
        routes_review,
    )

    app.add_exception_handler(LoginRequiredError, _to_login)
    # Each router's paths are relative to /workspace.
    for module in (
        routes_auth,
        routes_audit,
        routes_accounts,
        routes_facts,
        routes_reports,
        routes_review,
    ):
        app.include_router(module.router, prefix=PREFIX)
