"""ETags on every answer to a GET, and 304 Not Modified when the client already holds it.

The tag is a hash of the body: an answer changes with a new revision of the record and
with the day ("today" moves), and a hash follows both without knowing of either. It is
weak (W/"..."), because the same answer also goes out gzip-compressed (GZipMiddleware,
outside this one), and a weak tag stands for the content whatever its encoding.

A 304 still costs the server the answer (most come from deps.cached, which tags each
answer it keeps once, so a repeated one is not hashed again); it saves the wire and the
client's parsing, which for the home page is half a megabyte.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Headers a 304 keeps from the answer it stands for (RFC 9110, 15.4.5); the rest describe
#: a body it does not have.
_KEPT_ON_304 = frozenset(
    {b"etag", b"cache-control", b"content-location", b"date", b"expires", b"vary"}
)
#: A stored answer is re-validated before each use: the record is rebuilt at any time and
#: "today" moves at midnight, so no answer is known to stay fresh for any length of time.
REVALIDATE = b"no-cache"
#: Answers shorter than this go uncompressed: below a kilobyte gzip's header and the CPU
#: cost outweigh the bytes saved.
GZIP_MINIMUM = 1024
#: zlib's level: on the 480 KB home page 5 takes 6.5 ms for 82 KB where Starlette's
#: default of 9 takes 52 ms for 75 KB, longer than building the page from its cache.
GZIP_LEVEL = 5


def etag(body: bytes | memoryview) -> str:
    return f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def matches(if_none_match: str, tag: str) -> bool:
    """Whether an If-None-Match header names ``tag``, by weak comparison (W/ ignored)."""
    if if_none_match.strip() == "*":
        return True
    bare = tag.removeprefix("W/")
    return any(t.strip().removeprefix("W/") == bare for t in if_none_match.split(","))


class ETags:
    """Pure ASGI middleware: tag each 200 answer to a GET that has no tag yet, and answer a
    matching If-None-Match with 304 and no body. An answer tagged already (by deps.cached,
    or a static file's own) is compared by its tag, without being read."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        asked = Headers(scope=scope).get("if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []
        mode = "hold"  # until the start says: "pass" it on, "drop" its body, or "hold" it

        async def tagged(message: Message) -> None:
            nonlocal start, mode
            if message["type"] == "http.response.start":
                # A kept answer (deps.cached) sends its own list of headers, and GZip, outside,
                # edits in place the list it is given: without a copy the kept answer would
                # say "content-encoding: gzip" to the next client, over a plain body.
                message = {**message, "headers": list(message.get("headers", []))}
                tag = Headers(raw=message["headers"]).get("etag")
                if message["status"] != 200:
                    mode = "pass"
                elif tag is not None:
                    mode = "drop" if asked is not None and matches(asked, tag) else "pass"
                    if mode == "drop":
                        await _not_modified(send, message["headers"])
                        return
                else:
                    start = message
                    return
            if mode == "pass":
                await send(message)
            elif mode == "hold" and message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    assert start is not None
                    await _finish(send, start, b"".join(chunks), asked)

        await self.app(scope, receive, tagged)


async def _finish(send: Send, start: Message, body: bytes, asked: str | None) -> None:
    tag = etag(body)
    headers = MutableHeaders(raw=list(start.get("headers", [])))
    headers["etag"] = tag
    if "cache-control" not in headers:
        headers["cache-control"] = REVALIDATE.decode()
    if asked is not None and matches(asked, tag):
        await _not_modified(send, headers.raw)
        return
    await send({**start, "headers": headers.raw})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _not_modified(send: Send, headers: list[tuple[bytes, bytes]]) -> None:
    kept = [(k, v) for k, v in headers if k.lower() in _KEPT_ON_304]
    if not any(k.lower() == b"cache-control" for k, _ in kept):
        kept.append((b"cache-control", REVALIDATE))
    await send({"type": "http.response.start", "status": 304, "headers": kept})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


def tag_once(response: Response) -> None:
    """Tag an answer that will be sent again (deps.cached keeps it), so that the hash of its
    body is taken once rather than on every request."""
    if response.status_code == 200 and "etag" not in response.headers:
        response.headers["etag"] = etag(response.body)
        response.headers.setdefault("cache-control", REVALIDATE.decode())
