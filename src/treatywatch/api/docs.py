"""The API's interactive documentation at /api/v1/docs: Swagger UI over the OpenAPI document.

Everything the page loads comes from this app: Swagger UI's script and stylesheet from the
copy the ``fastapi-offline`` package installs (FastAPI's own docs page loads them from a
CDN, and starts them with an inline script the site's Content-Security-Policy forbids),
and the script that starts it from /static/docs.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.responses import HTMLResponse, RedirectResponse, Response

from treatywatch.api.app import API

DOCS = f"{API}/docs"
OPENAPI = f"{API}/openapi.json"
SWAGGER_UI = f"{DOCS}/swagger-ui"
#: Swagger UI's files (swagger-ui-bundle.js, swagger-ui.css) as the package installs them.
SWAGGER_UI_FILES = Path(str(files("fastapi_offline").joinpath("static")))

#: Shown at the top of the docs page: what holds for every operation below it.
DESCRIPTION = """\
Every answer is JSON. Lists come in pages: `total` rows match, `limit` and `offset` pick
the window, `items` holds it. Questions about standing and obligations can be asked
`as_of` a date (YYYY-MM-DD).

Errors are `{"error": "one sentence", "status": code}`: 404 for a name or id the record
lacks, 422 for a parameter that is empty, unknown or out of range. A parameter an
operation does not take is refused, not ignored, and the error lists the ones it takes.

Every successful answer carries an `ETag`: send it back in `If-None-Match` and an
unchanged answer is a 304 with no body. Send `Accept-Encoding: gzip` to have answers
compressed. The site is read-only: GET and HEAD only. The OpenAPI document:
[/api/v1/openapi.json](/api/v1/openapi.json).
"""

PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API · treatywatch</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{SWAGGER_UI}/swagger-ui.css">
<link rel="stylesheet" href="/static/docs/docs.css">
<script src="{SWAGGER_UI}/swagger-ui-bundle.js" defer></script>
<script src="/static/docs/swagger-init.js" defer></script>
</head>
<body>
<header class="docs">
  <a class="brand" href="/">treatywatch</a>
  <span>API v1</span>
  <a href="{OPENAPI}">OpenAPI document (JSON)</a>
</header>
<noscript><p class="docs-fallback">The interactive documentation needs JavaScript; every
operation is described in the <a href="{OPENAPI}">OpenAPI document</a>.</p></noscript>
<main id="swagger-ui" data-openapi="{OPENAPI}"></main>
</body>
</html>
"""

router = APIRouter(include_in_schema=False)


@router.get(DOCS)
async def docs_page() -> Response:
    return HTMLResponse(PAGE)


@router.get("/docs")
@router.get(API)
@router.get(f"{API}/")
async def to_docs() -> Response:
    # The addresses people guess for an API's documentation (and the footer's "/api/v1").
    return RedirectResponse(DOCS)


def install(app: FastAPI) -> None:
    app.include_router(router)
    app.mount(SWAGGER_UI, StaticFiles(directory=SWAGGER_UI_FILES), name="swagger-ui")
