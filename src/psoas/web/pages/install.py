"""What makes the app installable and usable offline, served by the app itself: the web app
manifest (/manifest.webmanifest) and the service worker (/sw.js, at the root so its scope is the
whole site).

The service worker is static/sw.js with a first line of settings written here: the release (so
its caches are replaced with the static files), whose pages it may keep (the person's key), and
what to fetch when it installs: every hashed script and style, the pages a session needs, every
exercise page and figure.
"""

import json
from functools import cache, lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from psoas.catalogue import load_catalogue
from psoas.web.offline_key import offline_key
from psoas.web.pages.figures import player_images, pose_images
from psoas.web.static_files import STATIC, release_hash, shell_urls, static_url
from psoas.web.strict_body import StrictRoute

router = APIRouter(route_class=StrictRoute)

THEME_COLOUR = "#0b5cad"  # app.css --accent
BACKGROUND_COLOUR = "#ffffff"  # app.css --paper
# The pages a session needs, kept for the person after their first visit; the session-days
# answer carries the steps of each day of the plan in force.
PERSONAL_URLS = ("/", "/plan", "/session", "/history", "/api/v1/plan/session-days")


def manifest() -> dict[str, Any]:
    return {
        "name": "Psoas Coach",
        "short_name": "Psoas",
        "description": "Screening, a cited personal plan and guided sessions for the psoas.",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static_url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static_url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static_url("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }


@router.get("/manifest.webmanifest")
def web_app_manifest() -> Response:
    return Response(
        json.dumps(manifest(), indent=1),
        media_type="application/manifest+json",
        headers={"Cache-Control": "public, max-age=3600"},
    )


@cache
def public_urls() -> tuple[str, ...]:
    """Pages and figures that are the same for everyone: the library and every figure. Once
    per process: the content changes only with a release."""
    exercises = sorted(load_catalogue().exercises.values(), key=lambda e: e.id)
    urls = ["/exercises", "/sources"] + [f"/exercises/{e.id}" for e in exercises]
    for image in player_images(exercises):
        urls += [str(image["animated"]), str(image["still"])]
    for exercise in exercises:
        urls += [str(image["url"]) for image in pose_images(exercise)]
    return tuple(dict.fromkeys(urls))


def worker_settings(key: str | None) -> dict[str, Any]:
    return {
        "release": release_hash(),
        "person": key,
        "shell": shell_urls(),
        "public": list(public_urls()),
        "personal": list(PERSONAL_URLS) if key is not None else [],
    }


@lru_cache(maxsize=64)
def worker_script(key: str | None) -> str:
    """The worker as served. Kept per key (the last 64 people): a browser asks for it at each
    visit, and it changes only with a release."""
    settings = json.dumps(worker_settings(key), separators=(",", ":"))
    source = (STATIC / "sw.js").read_text(encoding="utf-8")
    return f"self.PSOAS_OFFLINE = {settings};\n{source}"


@router.get("/sw.js")
def service_worker(request: Request) -> Response:
    """Checked by the browser at each visit (no-cache), so a release, a sign-in or a sign-out
    installs a worker with the right caches."""
    return Response(
        worker_script(offline_key(request)),
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )
