"""How failures are answered: JSON on /api, a page elsewhere; never a traceback for input."""

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
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


def field_errors(problems: tuple[str, ...]) -> list[dict[str, object]]:
    """InputError lines ("field: what is wrong (got value)") in FastAPI's 422 detail shape."""
    detail: list[dict[str, object]] = []
    for problem in problems:
        field, _, message = problem.partition(": ")
        detail.append({"loc": ["body", *field.split(".")], "msg": message, "type": "value_error"})
    return detail


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
        return _page(request, 422, "That did not work", list(error.problems))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": f"{error} not found"}, status_code=404)
        return _page(request, 404, "Not found", [f"{error} not found."])

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
        if wants_json(request) or error.status_code == 405:
            return JSONResponse(
                {"detail": error.detail}, status_code=error.status_code, headers=headers
            )
        return _page(request, error.status_code, "That did not work", [str(error.detail)])


def _page(request: Request, status: int, title: str, problems: list[str]) -> Response:
    return render(request, "error.html", {"title": title, "problems": problems}, status_code=status)
