"""Subscriptions: /calendar.ics (meetings and deadlines) and /feed.atom (changes to the
record). What goes in them is :mod:`treatywatch.feeds`; these routes read the parameters
and name the media types.

An unknown treaty or state is a 404 with one sentence, as everywhere on the site.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import feeds, query
from treatywatch.api.deps import cached, context

router = APIRouter(include_in_schema=False)

CALENDAR_TYPE = "text/calendar; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"


def _param(request: Request, name: str) -> str | None:
    # An empty value (a form left blank) means "any", as on the pages.
    return request.query_params.get(name) or None


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/calendar.ics")
def calendar(request: Request) -> Response:
    """Meetings and deadlines, ``?treaty=`` and ``?state=`` (any name the registry knows)."""

    def build() -> Response:
        ctx = context(request)
        treaty, state = _param(request, "treaty"), _param(request, "state")
        items = feeds.calendar_items(ctx, treaty, state)
        name = " · ".join(
            x
            for x in (
                "treatywatch",
                query.find_instrument(ctx, treaty).short_name if treaty else None,
                query.find_state(state).name if state else None,
            )
            if x
        )
        body = feeds.calendar_ics(items, _base(request), name)
        return Response(body, media_type=CALENDAR_TYPE)

    return cached(request, build)


@router.get("/feed.atom")
def feed(request: Request) -> Response:
    """The latest changes to the record, newest first; ``?treaty=`` narrows them."""

    def build() -> Response:
        ctx = context(request)
        treaty = _param(request, "treaty")
        tid = query.find_instrument(ctx, treaty).id if treaty else None
        entries = feeds.feed_entries(ctx, tid)
        body = feeds.atom_feed(entries, _base(request), str(request.url), tid)
        return Response(body, media_type=ATOM_TYPE)

    return cached(request, build)
