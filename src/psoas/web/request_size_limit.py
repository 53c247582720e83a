"""A ceiling on how much any client may send, applied before anything reads the body.

Plain ASGI middleware in front of every route: 1 MB for a JSON or form body, more only for the
routes that take files. A declared ``Content-Length`` over the limit is refused before a byte is
read; a body that grows past it (chunked, or lying about its length) is refused as soon as it
does, so memory stays bounded whoever sends it and whether or not they are signed in. Uploaded
files are spooled to disk by the form parser; their ceiling bounds the disk and the parsing time.
On a multi-user server the larger ceilings are for requests that carry credentials (a login
cookie or an API token): an anonymous upload could only end in 401, so it gets 1 MB too.
"""

from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MB = 1024 * 1024
# A check-in, a session report or a break setting is well under 10 KB.
DEFAULT_LIMIT = 1 * MB
# An activity file of a very long run is tens of MB; a full export of years of data a few.
UPLOAD_LIMITS: Mapping[str, int] = {
    "/progress/runs": 250 * MB,
    "/api/v1/runs": 250 * MB,
    "/data/import": 50 * MB,
    "/api/v1/import": 50 * MB,
}


def too_large(limit_bytes: int) -> HTTPException:
    return HTTPException(
        413, f"the request is larger than {limit_bytes // MB} MB, the most this address takes"
    )


class RequestSizeLimit:
    def __init__(
        self,
        app: ASGIApp,
        limits: Mapping[str, int] = UPLOAD_LIMITS,
        default_limit: int = DEFAULT_LIMIT,
        credentials_required: bool = False,
    ) -> None:
        self.app = app
        self.limits = limits
        self.default_limit = default_limit
        self.credentials_required = credentials_required

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.default_limit)
        if self.credentials_required and not _has_credentials(dict(scope["headers"])):
            limit = min(limit, self.default_limit)
        declared = _content_length(scope)
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, send, limit)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised inside the app, so its error handlers answer (JSON or a page).
                    raise too_large(limit)
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, send: Send, limit: int) -> None:
        """Answer 413 through the app's own error handlers, without reading the body: any
        attempt to read it fails."""

        async def refuse_body() -> Message:
            raise too_large(limit)

        await self.app(scope, refuse_body, send)


def _content_length(scope: Scope) -> bytes | None:
    """The last Content-Length, as ``dict(headers)`` would have it, without building the dict."""
    declared = None
    for name, value in scope["headers"]:
        if name == b"content-length":
            declared = value
    return declared


def _has_credentials(headers: Mapping[bytes, bytes]) -> bool:
    """A login cookie or an API token, valid or not: checking them is the app's job."""
    return b"authorization" in headers or b"psoas_login=" in headers.get(b"cookie", b"")
