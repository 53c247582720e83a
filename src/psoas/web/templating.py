"""Jinja2 templates, with what every page needs: the CSRF token, who is signed in, the mode."""

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from starlette.responses import HTMLResponse

from psoas.catalogue import load_catalogue
from psoas.domain.vocabulary import PHASE_TITLES
from psoas.web.csrf import csrf_token
from psoas.web.human_dates import format_day, format_moment, person_now
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


@pass_context
def _day(context: Context, day: date) -> str:
    return format_day(day, person_now(context["request"]).date())


@pass_context
def _moment(context: Context, moment: datetime) -> str:
    return format_moment(moment, person_now(context["request"]))


# The one date format of every page (see human_dates): {{ d | day }}, {{ t | moment }}.
templates.env.filters["day"] = _day
templates.env.filters["moment"] = _moment


# The main navigation: where each link goes and what it says, in the order shown.
NAV_PAGES = (
    ("/check-in", "Check-in"),
    ("/plan", "Plan"),
    ("/session", "Session"),
    ("/history", "History"),
    ("/progress", "Progress"),
    ("/breaks", "Breaks"),
    ("/exercises", "Exercises"),
    ("/sources", "Sources"),
    ("/data", "Your data"),
)


def nav_links(path: str, *, signed_in: bool, multi_user: bool) -> list[dict[str, Any]]:
    """The main navigation for a page at ``path``: each link with ``current`` set on the one
    whose section the page is in (/exercises/psoas-march is in Exercises)."""
    pages = list(NAV_PAGES)
    if signed_in:
        pages.append(("/account", "Account"))
    elif multi_user:
        pages.append(("/login", "Sign in"))
    return [
        {"href": href, "label": label, "current": path == href or path.startswith(href + "/")}
        for href, label in pages
    ]


def page_context(request: Request) -> dict[str, Any]:
    """What every page's frame shows for this request."""
    settings = settings_of(request)
    signed_in = signed_in_person(request) is not None and settings.multi_user
    return {
        "csrf_token": csrf_token(request),
        "multi_user": settings.multi_user,
        "signed_in": signed_in,
        "nav": nav_links(request.url.path, signed_in=signed_in, multi_user=settings.multi_user),
        "offline_key": offline_key(request),
    }


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    return templates.TemplateResponse(
        request, name, {**page_context(request), **(context or {})}, status_code=status_code
    )
