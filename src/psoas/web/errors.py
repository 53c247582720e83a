"""How failures are answered: JSON on /api, a page elsewhere; never a traceback for input."""

import logging
import math
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException
from starlette.routing import Match

from psoas.catalogue import ContentError
from psoas.services.errors import Conflict, InputError, NotFound
from psoas.storage import StorageError
from psoas.web.identity import SignInRequired
from psoas.web.templating import render

log = logging.getLogger("psoas.web")


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


# An answer names the bad value by a prefix this long, never the whole of it: a 1 MB value
# repeated back doubles the traffic and fills logs and screens.
ECHO_CHARS = 80
MESSAGE_CHARS = 300


def shorten(text: str, limit: int = MESSAGE_CHARS) -> str:
    """At most ``limit`` characters, and only ones UTF-8 can carry (a lone surrogate cannot)."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def field_errors(problems: tuple[str, ...]) -> list[dict[str, object]]:
    """InputError lines ("field: what is wrong (got value)") in FastAPI's 422 detail shape."""
    detail: list[dict[str, object]] = []
    for problem in problems:
        field, _, message = problem.partition(": ")
        detail.append(
            {
                "loc": ["body", *(shorten(part, ECHO_CHARS) for part in field.split("."))],
                "msg": shorten(message),
                "type": "value_error",
            }
        )
    return detail


def _echo(value: Any) -> Any:
    """A bad value as an answer may repeat it: a scalar, JSON-safe and short; None otherwise."""
    if isinstance(value, str):
        return shorten(value, ECHO_CHARS)
    if isinstance(value, bool | int):
        text = str(value) if abs(value) < 10**30 else None
        return value if text is not None else None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return None


def validation_errors(errors: Any) -> list[dict[str, Any]]:
    """FastAPI's 422 detail, with each bad value cut to a short prefix and whole objects left
    out (a missing field used to echo the entire body back)."""
    detail: list[dict[str, Any]] = []
    for error in errors:
        item: dict[str, Any] = {
            "type": str(error.get("type", "value_error")),
            "loc": [
                part if isinstance(part, int) else shorten(str(part), ECHO_CHARS)
                for part in error.get("loc", ())
            ],
            "msg": shorten(str(error.get("msg", ""))),
        }
        echoed = _echo(error.get("input"))
        if echoed is not None:
            item["input"] = echoed
        context = {key: _echo(value) for key, value in (error.get("ctx") or {}).items()}
        if context and None not in context.values():
            item["ctx"] = context
        detail.append(item)
    return detail


# The page for a bug: rendered without templates or the database, either of which may be why.
SERVER_ERROR_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<meta name="description" content="Psoas Coach could not answer this request.">'
    "<title>Server error</title>"
    '<link rel="stylesheet" href="/static/app.css"></head><body><main><h1>Server error</h1>'
    "<p>The server failed to answer this request. Try again; if it keeps happening, the "
    'server log says why.</p><p><a href="/">Back to the start'
    "</a></p></main></body></html>"
)

HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> str:
    """Every method this path answers. Starlette's 405 names only the first matching route's,
    and FastAPI makes a route per method: GET /profile would say `Allow: GET`, not PUT, DELETE."""
    routes = request.app.router.routes
    return ", ".join(
        method
        for method in HTTP_METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(InputError)
    async def input_error(request: Request, error: InputError) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": field_errors(error.problems)}, status_code=422)
        return _page(request, 422, "That did not work", [shorten(p) for p in error.problems])

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        detail = validation_errors(error.errors())
        if wants_json(request):
            return JSONResponse({"detail": detail}, status_code=422)
        problems = [f"{'.'.join(map(str, d['loc'][1:])) or 'request'}: {d['msg']}" for d in detail]
        return _page(request, 422, "That did not work", problems)

    @app.exception_handler(Exception)
    async def server_error(request: Request, error: Exception) -> Response:
        # A bug. Starlette logs the traceback after this answer; the client gets no details.
        if wants_json(request):
            detail = "the server failed to answer this request; the server log says why"
            return JSONResponse({"detail": detail}, status_code=500)
        return HTMLResponse(SERVER_ERROR_PAGE, status_code=500)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": f"{error} not found"}, status_code=404)
        return _not_found_page(request, str(error))

    @app.exception_handler(Conflict)
    async def conflict(request: Request, error: Conflict) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": str(error)}, status_code=409)
        return _page(request, 409, "That cannot be done now", [str(error)])

    @app.exception_handler(StorageError)
    @app.exception_handler(ContentError)
    async def unavailable(request: Request, error: Exception) -> Response:
        # The database or the content is broken; the message names which and what to do. On a
        # shared server that is for the operator's log, not for every visitor (it names the
        # database server).
        message = str(error)
        if request.app.state.settings.multi_user:
            log.error("%s %s: %s", request.method, request.url.path, message)
            message = "the service is unavailable; the server log says why"
        if wants_json(request):
            return JSONResponse({"detail": message}, status_code=503)
        return _page(request, 503, "The service is unavailable", [message])

    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, _error: SignInRequired) -> Response:
        if wants_json(request):
            return JSONResponse(
                {"detail": "sign in, or send an API token as 'Authorization: Bearer TOKEN'"},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        detail = error.detail
        if isinstance(detail, list):  # field errors of a body that could not be read
            detail = validation_errors(detail)
        elif isinstance(detail, str):
            detail = shorten(detail)
        if wants_json(request) or error.status_code == 405:
            return JSONResponse({"detail": detail}, status_code=error.status_code, headers=headers)
        if error.status_code == 404:
            return _not_found_page(request, None)
        if isinstance(detail, list):
            detail = "; ".join(f"{'.'.join(map(str, d['loc'][1:]))}: {d['msg']}" for d in detail)
        return _page(request, error.status_code, "That did not work", [str(detail)])


def _not_found_page(request: Request, missing: str | None) -> Response:
    """A page that says so in plain words and offers the way on; `missing`: what the address
    named that is not there (an exercise, a session), when a route said."""
    return render(request, "not_found.html", {"missing": missing}, status_code=404)


def _page(request: Request, status: int, title: str, problems: list[str]) -> Response:
    return render(request, "error.html", {"title": title, "problems": problems}, status_code=status)
