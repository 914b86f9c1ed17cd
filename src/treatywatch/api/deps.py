"""What every route shares: the live context, per-revision caches, paging, dates, JSON.

The record lives in memory (``query.open_context`` caches it per database revision), so a
request needs no database round trip. Even the revision check is a round trip, so it is made
at most every ``REFRESH_SECONDS``: a rebuilt database shows within that time.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import orjson
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import model, query
from treatywatch.api.caching import tag_once

REFRESH_SECONDS = 2.0
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
#: The largest offset a page takes. Past the last row a page is simply empty, but the offset
#: is echoed in the answer, and orjson cannot write an integer of 2^64 or more.
MAX_OFFSET = 1_000_000_000
#: The furthest ahead "due within N days" looks: a century, past every deadline a treaty sets.
MAX_DAYS = 36_500
#: The dates an "as of" question may name (see model.ASKABLE_DAYS).
DATE_MIN, DATE_MAX = model.ASKABLE_DAYS
#: ASCII digits only: str.isdigit() also accepts "²" and "٣", which int() then refuses.
_DAYS = re.compile(r"[0-9]{1,9}")
T = TypeVar("T")


class Live:
    """The context of one database, re-checked for a new revision every few seconds.

    Only the first request waits for the record to load. After it the check, and the
    reading of a new revision with its rules engine (seconds on a large record), run in a
    thread of their own while requests go on being answered from the revision they have;
    the new one is swapped in whole when it is ready."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._ctx: query.Context | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self._refreshing = False
        self.responses: OrderedDict[tuple[Any, ...], Response] = OrderedDict()

    def get(self) -> query.Context:
        ctx = self._ctx
        if ctx is None:
            with self._lock:
                if self._ctx is None:
                    self._swap(query.open_context(self.db))
                ctx = self._ctx
            assert ctx is not None
            return ctx
        if time.monotonic() - self._checked > REFRESH_SECONDS:
            with self._lock:
                start, self._refreshing = not self._refreshing, True
            if start:
                threading.Thread(
                    target=self._refresh, name="treatywatch-refresh", daemon=True
                ).start()
        return ctx

    def _refresh(self) -> None:
        try:
            fresh = query.open_context(self.db)
            if fresh is not self._ctx:
                self._swap(fresh)
            self._checked = time.monotonic()
        except Exception:  # a failed check (database briefly away) is retried next time
            self._checked = time.monotonic()
        finally:
            self._refreshing = False

    def _swap(self, fresh: query.Context) -> None:
        _settle(fresh)
        self._ctx, self._checked = fresh, time.monotonic()
        self.responses.clear()  # answers of the old revision


def _settle(ctx: query.Context) -> None:
    """Build the rules engine now and move the whole record out of the garbage collector's
    sight: it is read-only for as long as it is served, and the collector's full passes
    over its hundreds of thousands of objects were the slowest requests' tail."""
    import gc

    ctx.rules.prepare()  # built here, not inside the first request that needs it
    gc.collect()
    gc.freeze()


def memo(ctx: query.Context, key: tuple[Any, ...], build: Callable[[], T]) -> T:
    """A value computed once per record revision (the context is replaced on a new one)."""
    return ctx.memo("treatywatch.api:" + repr(key), build)


def live(request: Request) -> Live:
    lv: Live = request.app.state.live
    return lv


def context(request: Request) -> query.Context:
    return live(request).get()


def _default(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(data: Any) -> bytes:
    # orjson writes dates as ISO 8601 and is several times faster than json + jsonable_encoder.
    return orjson.dumps(data, default=_default, option=orjson.OPT_NON_STR_KEYS)


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


def cached(request: Request, build: Callable[[], Response]) -> Response:
    """The response to this exact URL, built once per revision and day ("today" moves)."""
    lv = live(request)
    # The revision is part of the key: a request still answering from the old one while
    # the new is swapped in must not leave its answer for the new.
    key = (id(lv.get().record), dt.date.today(), request.url.path, request.url.query)
    hit = lv.responses.get(key)
    if hit is not None:
        return hit
    response = build()
    if response.status_code == 200:
        tag_once(response)
        lv.responses[key] = response
        if len(lv.responses) > 4096:
            lv.responses.popitem(last=False)
    return response


def parse_date(value: str | None, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise query.BadRequestError(
            f"{name} {value[:40]!r} is not a date of the form YYYY-MM-DD."
        ) from None
    if not DATE_MIN <= day <= DATE_MAX:
        raise query.BadRequestError(
            f"{name} {value!r} is outside the dates the record answers for "
            f"({DATE_MIN.isoformat()} to {DATE_MAX.isoformat()})."
        )
    return day


def parse_days(value: str, name: str) -> int:
    """A count of days from a page's query string, bounded like the API's ``within_days``."""
    if not _DAYS.fullmatch(value):
        raise query.BadRequestError(f"{name} {value[:40]!r} must be a whole number of days.")
    days = int(value)
    if days > MAX_DAYS:
        raise query.BadRequestError(f"{name} {days} must be at most {MAX_DAYS} (a century).")
    return days


def page(rows: Sequence[Any], limit: int, offset: int) -> dict[str, Any]:
    """The one pagination shape of the API: total, limit, offset and the items."""
    return {
        "total": len(rows),
        "limit": limit,
        "offset": offset,
        "items": rows[offset : offset + limit],
    }


def check_event(ctx: query.Context, event: str | None) -> str | None:
    """``event`` if the record holds it: filtering statements by an event id that is not
    there would answer 200 and no rows, which reads as "nobody spoke"; it is a 404, as an
    unknown speaker is."""
    if event is not None and event not in ctx.record.events:
        raise query.NotFoundError(f"No event has the id {event[:60]!r}; /events lists them.")
    return event
