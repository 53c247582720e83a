"""The app factory: one engine per app, migrations at start, routes by feature."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp

from psoas.storage import change_counter_for, create_engine_for, upgrade
from psoas.web.api import router as api_router
from psoas.web.csrf import verify_csrf
from psoas.web.errors import install_error_handlers
from psoas.web.hot_paths import HOT_PATHS
from psoas.web.openapi_document import describe_local_times
from psoas.web.page_fragments import FragmentCache
from psoas.web.pages import router as pages_router
from psoas.web.request_size_limit import RequestSizeLimit
from psoas.web.response_headers import ResponseHeaders
from psoas.web.settings import WebSettings

STATIC = Path(__file__).parent / "static"


class PsoasApp(FastAPI):
    """FastAPI with the security headers outside everything, Starlette's ServerErrorMiddleware
    included: that one always sits outermost, so headers added inside it miss every 500."""

    def build_middleware_stack(self) -> ASGIApp:
        return ResponseHeaders(super().build_middleware_stack())

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            describe_local_times(super().openapi())
        return super().openapi()  # the cached, corrected document


def create_app(settings: WebSettings) -> FastAPI:
    engine = create_engine_for(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        upgrade(engine)
        try:
            yield
        finally:
            if app.state.change_counter is not None:
                app.state.change_counter.close()
            engine.dispose()

    app = PsoasApp(
        title="Psoas Coach",
        version="1",
        summary="Screening, a cited personal plan, guided sessions and their history.",
        lifespan=lifespan,
        dependencies=[Depends(verify_csrf)],
        docs_url=None,  # Swagger UI loads from a CDN; /openapi.json is the contract
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.plan_pages = FragmentCache()  # the plan page's body, per person and version
    app.state.plan_json = FragmentCache()  # GET /api/v1/plan, the same way
    app.state.change_counter = change_counter_for(engine)  # SQLite only (see hot_paths)
    app.state.plan_page_version = None

    app.add_middleware(RequestSizeLimit, credentials_required=settings.multi_user)
    # Pages and htmx shrink to about a third on the wire (the first page stays well under 150 KB).
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    if settings.allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)
    # First in the table: each matches one method and path, and declines what is not ordinary.
    app.router.routes[:0] = HOT_PATHS
    return app
