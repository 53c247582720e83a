"""A ceiling on how much a client may send to the routes that take files, as ASGI middleware.

Uploaded files are spooled to disk by the form parser, so memory stays small; the ceiling keeps
the disk and the time spent parsing bounded too. A declared ``Content-Length`` over the limit is
refused before anything is read; a body that grows past it (chunked, or lying about its length)
is refused as soon as it does.
"""

from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MB = 1024 * 1024
# An activity file of a very long run is tens of MB; a full export of years of data a few.
UPLOAD_LIMITS: Mapping[str, int] = {
    "/progress/runs": 250 * MB,
    "/api/v1/runs": 250 * MB,
    "/data/import": 50 * MB,
    "/api/v1/import": 50 * MB,
}


def too_large(limit_bytes: int) -> HTTPException:
    return HTTPException(413, f"the upload is larger than {limit_bytes // MB} MB, the most taken")


class UploadLimit:
    def __init__(self, app: ASGIApp, limits: Mapping[str, int] = UPLOAD_LIMITS) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limits.get(scope["path"]) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, receive, send, limit)
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

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Answer 413 through the app's own error handlers, without reading the body."""

        async def refuse_body() -> Message:
            raise too_large(limit)

        await self.app(scope, refuse_body, send)
