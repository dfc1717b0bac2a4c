"""Security headers on every response.

Pages show taxpayer data on shared office PCs: HTML is never cached (``no-store``), never
framed, and the Referer never carries a search query to another site. The
Content-Security-Policy allows scripts only from our own files (no inline script, no eval),
so text a user or an import put on a page cannot run as code; inline ``style`` attributes
stay allowed (the charts' colours), and the chat talks only to its own origin.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"same-origin",
    b"content-security-policy": (
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        b"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        b"form-action 'self'; frame-ancestors 'none'"
    ),
}


class SecurityHeaders:
    """Pure ASGI middleware (works with streaming and background tasks)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in HEADERS.items() if k not in present]
                content_type = dict(headers).get(b"content-type", b"")
                if (
                    b"cache-control" not in present
                    and not scope["path"].startswith("/static/")
                    and content_type.startswith((b"text/html", b"application/json"))
                ):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
