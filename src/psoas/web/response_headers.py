"""Security headers and the CSRF cookie on every answer, as plain ASGI middleware.

Plain ASGI rather than ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware wraps every
response in an extra task and stream, which cost a measurable share of a small request.

It wraps the whole app, Starlette's ServerErrorMiddleware included (see ``PsoasApp``), so a 500
carries the headers too.
"""

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from psoas.web.csrf import issue_csrf_cookie
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
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if personal:
                    headers.setdefault("Cache-Control", "no-store")
                elif message["status"] == 200:
                    headers["Cache-Control"] = static_cache_control(path, scope["query_string"])
                # The page rendered during this request may have made this browser's CSRF token.
                carrier = Response()
                issue_csrf_cookie(Request(scope), carrier)
                for cookie in carrier.headers.getlist("set-cookie"):
                    headers.append("set-cookie", cookie)
            await send(message)

        await self.app(scope, receive, send_with_headers)
