"""Security headers and the CSRF cookie on every answer, as plain ASGI middleware.

Plain ASGI rather than ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware wraps every
response in an extra task and stream, which cost a measurable share of a small request.

It wraps the whole app, Starlette's ServerErrorMiddleware included (see ``PsoasApp``), so a 500
carries the headers too.
"""

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from psoas.web.csrf import csrf_cookie_header
from psoas.web.static_files import static_cache_control

# Scripts and styles come from this server only (no CDN, no inline script); the player's
# speech synthesis and wake lock need nothing more.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
# Pages and API answers hold health data: no browser or proxy cache keeps them, unless a route
# says otherwise (the exercise figures are the same for everyone). The static files (scripts,
# styles) are public: a year under a hashed address, minutes without (see static_files).
PUBLIC_PREFIX = "/static/"


SECURITY_RAW = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
NO_STORE = (b"cache-control", b"no-store")


class ResponseHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        personal = not path.startswith(PUBLIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Raw header pairs, as ASGI has them: this runs on every answer.
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [pair for pair in SECURITY_RAW if pair[0] not in present]
                if personal:
                    if b"cache-control" not in present:
                        headers.append(NO_STORE)
                elif message["status"] == 200:
                    control = static_cache_control(path, scope["query_string"])
                    headers = [pair for pair in headers if pair[0].lower() != b"cache-control"]
                    headers.append((b"cache-control", control.encode("latin-1")))
                message["headers"] = headers
                # The page rendered during this request may have made this browser's CSRF token.
                if scope.get("state", {}).get("csrf_token") is not None:
                    cookie = csrf_cookie_header(Request(scope))
                    if cookie is not None:
                        headers.append((b"set-cookie", cookie))
            await send(message)

        await self.app(scope, receive, send_with_headers)
