"""Refuse oversize request bodies before anything reads or parses them.

A ``Content-Length`` above the limit is answered 413 at once; a body sent without one (chunked)
is counted as it arrives and cut off at the limit. Pure ASGI, so it runs before FastAPI, bolt or
the Teams SDK touch the body.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tools.messages import t


class BodyTooLarge(Exception):
    """Raised inside ``receive`` when a chunked body passes the limit."""


PLATFORM_PATHS = ("/slack/events", "/api/messages")


class BodyLimit:
    """``max_bytes`` on every path, ``platform_max_bytes`` on the Slack and Teams endpoints."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, platform_max_bytes: int) -> None:
        self.app = app
        self.default_max = max_bytes
        self.platform_max = platform_max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.platform_max if scope.get("path") in PLATFORM_PATHS else self.default_max
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await _refuse(send, 400, "web.error.bad_length")
                return
            if declared > limit:
                await _refuse(send, 413, "web.error.body_too_large", limit=limit)
                return
        received = 0
        too_large = False
        refused = False

        async def counted_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    too_large = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # A framework may turn the error raised while reading into its own answer (FastAPI:
            # 400 "error parsing the body"); the answer is 413 whatever it says.
            nonlocal refused
            if too_large:
                if not refused:
                    refused = True
                    await _refuse(send, 413, "web.error.body_too_large", limit=limit)
                return
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except BodyTooLarge:
            if not refused:
                await _refuse(send, 413, "web.error.body_too_large", limit=limit)


async def _refuse(send: Send, status: int, key: str, **params: object) -> None:
    body = json.dumps({"error": t(key, **params)}, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
