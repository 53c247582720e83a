"""Jinja2 templates, with what every page needs: the CSRF token, who is signed in, the mode."""

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from psoas.catalogue import load_catalogue
from psoas.domain.vocabulary import PHASE_TITLES
from psoas.web.csrf import csrf_token
from psoas.web.identity import settings_of, signed_in_person
from psoas.web.offline_key import offline_key
from psoas.web.static_files import static_url

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
# Templates are package files that change only with a new release: don't stat them per render.
templates.env.auto_reload = False
templates.env.filters["phase_title"] = lambda phase: PHASE_TITLES.get(phase, str(phase).title())


def _short_source(source_id: str) -> str:
    """How a citation reads: the source's short title, not its id."""
    source = load_catalogue().sources.get(source_id)
    return source.short if source is not None else source_id


templates.env.filters["source_short"] = _short_source
# Scripts, styles and icons by their hashed address (kept a year; see static_files).
templates.env.globals["static_url"] = static_url


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    settings = settings_of(request)
    person = signed_in_person(request)
    base = {
        "csrf_token": csrf_token(request),
        "multi_user": settings.multi_user,
        "signed_in": person is not None and settings.multi_user,
        "offline_key": offline_key(request),
    }
    return templates.TemplateResponse(
        request, name, {**base, **(context or {})}, status_code=status_code
    )
