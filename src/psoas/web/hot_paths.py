"""The two busiest answers, given without FastAPI's per-request machinery when nothing is unusual.

``POST /api/v1/plan`` and ``GET /plan`` are answered from kept bytes (see ``api.plan`` and
``page_fragments``), so most of their cost was FastAPI's: matching the path through nested
routers, solving dependencies, reading the body. A ``HotPath`` is a route placed first in the
app's routing table that matches one method and path exactly and answers only the ordinary case:

- the plan API: a JSON body that parses strictly, passes the CSRF check and is a valid profile;
- the plan page: the person is known and the page's body is kept for the current plan version.

Anything else (another content type, a bad body, a refused CSRF check, nobody signed in, a plan
not rendered yet) is *declined*: the request goes on through the normal routes, with the body
already read handed on unchanged, and is answered exactly as before (422 field errors, 403, the
sign-in redirect, the first render). Errors raised on the way (the database unavailable) reach
the app's error handlers as from any route. The FastAPI routes stay the published contract in
the OpenAPI document; a HotPath is not in it.

Our choice, because: these two are what a client polls and what a person reloads; the normal
route was three quarters of their CPU time, and a fast path that only ever answers the plain
case cannot change what any unusual request gets.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import URLPath
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Match, NoMatchFound
from starlette.types import Message, Receive, Scope, Send

from psoas.storage import LOCAL_PERSON_ID, ChangeCounter, ProgressRepository
from psoas.web.api.plan import plan_bytes
from psoas.web.api.profile_input import ProfileIn
from psoas.web.csrf import verify_csrf
from psoas.web.identity import engine_of, settings_of, signed_in_person
from psoas.web.page_fragments import FragmentCache, render_with_block
from psoas.web.strict_body import StrictRequest

DECLINED = "psoas.hot_path_declined"  # a scope key: route this request the normal way
JSON_TYPES = frozenset({b"application/json", b"application/json; charset=utf-8"})

Answer = Callable[[StrictRequest], Awaitable[Response | None]]


class HotPath(BaseRoute):
    def __init__(self, method: str, path: str, answer: Answer) -> None:
        self.method = method
        self.path = path
        self.answer = answer

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if (
            scope["type"] == "http"
            and scope["path"] == self.path
            and scope["method"] == self.method
            and DECLINED not in scope
        ):
            return Match.FULL, {}
        return Match.NONE, {}

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        raise NoMatchFound(name, path_params)  # not a named route

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = StrictRequest(scope, receive)
        response = await self.answer(request)
        if response is not None:
            await response(scope, receive, send)
            return
        scope[DECLINED] = True
        body: bytes | None = getattr(request, "_body", None)
        router = scope["router"]
        await router.app(scope, receive if body is None else _replay(body, receive), send)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, once, then whatever the client sends next (a disconnect)."""
    replayed = False

    async def again() -> Message:
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}

    return again


async def plan_for_profile(request: StrictRequest) -> Response | None:
    """``api.plan.plan_for_profile`` for a clean request; None for anything else."""
    if _header(request.scope, b"content-type") not in JSON_TYPES:
        return None
    try:  # as FastAPI reads a body: a refusal (413) stands, any other failure is a 400
        await request.body()
    except HTTPException:
        raise
    except Exception as error:
        raise HTTPException(400, "There was an error parsing the body") from error
    try:
        data = await request.json()
        await verify_csrf(request)
        profile = ProfileIn.model_validate(data)
    except (HTTPException, ValidationError):
        return None
    return Response(plan_bytes(profile), media_type="application/json")


async def plan_page(request: StrictRequest) -> Response | None:
    """``pages.plan.plan_page`` when the page's body is kept; None otherwise. A GET is never
    refused by the CSRF check."""
    counter: ChangeCounter | None = request.app.state.change_counter
    if counter is None or settings_of(request).multi_user:
        return await run_in_threadpool(_kept_plan_page, request, None)
    # One person, a SQLite file: when nothing was committed to the file since the plan's version
    # was last read, that version still stands, and the page needs no database read (nor the
    # hop to a worker thread for it).
    changes = counter.read()
    known: KnownVersion | None = request.app.state.plan_page_version
    if changes is not None and known is not None and known.changes == changes:
        return _page_from_cache(request, known.person, known.version)
    return await run_in_threadpool(_kept_plan_page, request, changes)


@dataclass(frozen=True, slots=True)
class KnownVersion:
    """The plan's version as read after the file's change counter showed ``changes``."""

    changes: tuple[int, ...]
    person: int
    version: tuple[Any, ...]


def _kept_plan_page(request: Request, changes: tuple[int, ...] | None) -> Response | None:
    person = signed_in_person(request) if settings_of(request).multi_user else LOCAL_PERSON_ID
    if person is None:
        return None
    # Read after the counter: a commit in between changes the counter, so a version kept under
    # it can be newer than the counter says, never older.
    version = ProgressRepository(engine_of(request)).plan_inputs_version(person_id=person)
    if changes is not None:
        request.app.state.plan_page_version = KnownVersion(changes, person, version)
    return _page_from_cache(request, person, version)


def _page_from_cache(request: Request, person: int, version: tuple[Any, ...]) -> Response | None:
    cache: FragmentCache = request.app.state.plan_pages
    fragment = cache.get((person, version))
    if fragment is None:
        return None
    html: HTMLResponse = render_with_block(request, "plan.html", block="main", fragment=fragment)
    return html


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            found: bytes = value.lower()
            return found
    return None


HOT_PATHS: tuple[HotPath, ...] = (
    HotPath("POST", "/api/v1/plan", plan_for_profile),
    HotPath("GET", "/plan", plan_page),
)
