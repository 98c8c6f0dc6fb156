"""Security headers and request-size limits on every answer.

- Content-Security-Policy without inline script or style: every script and stylesheet is a file
  served by medaid itself (ECharts included), so an injected ``<script>`` never runs.
- X-Frame-Options DENY (no clickjacking), Referrer-Policy no-referrer (no path in another site's
  logs), X-Content-Type-Options nosniff, and HSTS when the request came over TLS.
- A request body larger than the limit is refused with 413 before it is read.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
STATIC = "/static/"  # where web/app.py mounts the package's static files


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task switch): adds the headers, enforces the size limit."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tls = scope.get("scheme") == "https"
        length = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await _too_large(send, self.max_body, tls)
            return

        refused = False  # the 413 has been sent: whatever the app answers after it is dropped
        # pages and answers hold (masked) personal data: never stored; the package's own scripts, styles and
        # charts library are kept by the browser and checked with their ETag (304) on the next page
        cache = b"no-cache" if scope["path"].startswith(STATIC) else b"no-store"

        async def with_headers(message: Message) -> None:
            if refused:
                return
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [h for h in HEADERS if h[0] not in names]
                if tls:
                    headers.append(HSTS)
                if b"cache-control" not in names:
                    headers.append((b"cache-control", cache))
                message["headers"] = headers
            await send(message)

        received = 0

        async def limited() -> Message:
            # a body sent without Content-Length (chunked) is counted as it arrives; past the limit the 413
            # is sent at once (the framework would turn the aborted read into a 400)
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body and not refused:
                    refused = True
                    await _too_large(send, self.max_body, tls)
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, limited, with_headers)
        except BodyTooLarge:
            if not refused:  # pragma: no cover - refused is set before raising
                await _too_large(send, self.max_body, tls)


class BodyTooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int, tls: bool) -> None:
    import json

    body = json.dumps({"error": {"message": f"上传的内容超过 {limit // (1024 * 1024)} MB 的上限", "location": {},
                                 "hint": "请拆分文件后分批导入，或请管理员调整 MEDAID_WEB_MAX_UPLOAD_MB"}},
                      ensure_ascii=False).encode()  # fmt: skip
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *HEADERS]
    if tls:
        headers.append(HSTS)
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
