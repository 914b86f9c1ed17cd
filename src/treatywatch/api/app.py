"""The web application: the REST API under /api/v1 and the dashboard pages, one process.

Both read the same in-memory record through ``treatywatch.query``; the pages are the API's
answers rendered as HTML, so the two never disagree.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from treatywatch.api import errors
from treatywatch.api.deps import Live

API = "/api/v1"
STATIC = Path(__file__).resolve().parent.parent / "web" / "static"


#: How many requests are computed at once. The handlers are short and CPU-bound, so under
#: the one interpreter lock 40 threads (anyio's default) only slice each other's time: with
#: 32 connections every answer waited for most of the others and the slowest took 5-10
#: times the median. With a few, requests queue in arrival order instead.
WORKER_THREADS = 2


async def _few_threads() -> None:
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS


def create_app(db: str, workspace: bool = False) -> FastAPI:
    """The app over a built database (a SQLite path or a database URL); with ``workspace``
    also the signed-in workspace under /workspace, the only place that takes writes."""
    from fastapi import Depends
    from starlette.middleware.gzip import GZipMiddleware

    from treatywatch.api import (
        caching,
        docs,
        params,
        routes_compliance,
        routes_events,
        routes_obligations,
        routes_reports,
        routes_sources,
        routes_statements,
        routes_states,
        routes_treaties,
    )
    from treatywatch.web import feeds, pages, report_pages

    app = FastAPI(
        title="treatywatch",
        summary="The sourced, time-aware record of the Convention on Cluster Munitions and "
        "the Mine Ban Convention.",
        description=docs.DESCRIPTION,
        version="1",
        openapi_url=f"{API}/openapi.json",
        docs_url=None,  # FastAPI's loads Swagger UI from a CDN; api/docs.py serves it offline
        redoc_url=None,
    )
    app.state.live = Live(db)
    app.router.on_startup.append(_few_threads)
    errors.install(app)
    for module in (
        routes_treaties,
        routes_states,
        routes_events,
        routes_statements,
        routes_obligations,
        routes_compliance,
        routes_sources,
        routes_reports,  # Article 7 reports submitted online, public forms only
    ):
        app.include_router(module.router, prefix=API, dependencies=[Depends(params.only_declared)])
    docs.install(app)
    app.include_router(pages.router)
    app.include_router(feeds.router)  # /calendar.ics and /feed.atom
    app.include_router(report_pages.router)  # /reports/{treaty}/{state}/{period}
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if workspace:
        from treatywatch.workspace.app import mount

        mount(app, db)
    # Inside ReadOnlySecure, which turns HEAD into GET: HEAD gets GET's tag and length.
    app.add_middleware(caching.ETags)  # tags the uncompressed body, so inside GZip
    app.add_middleware(
        GZipMiddleware, minimum_size=caching.GZIP_MINIMUM, compresslevel=caching.GZIP_LEVEL
    )
    app.add_middleware(errors.ReadOnlySecure, writable=errors.WORKSPACE if workspace else None)
    return app
