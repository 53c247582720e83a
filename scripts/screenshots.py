"""Take the screenshots in docs/screenshots/: the main pages at a 360×640 phone and a 1366×900
desktop, against a real `psoas serve` on a fresh SQLite file with one example check-in.

    .venv/bin/python scripts/screenshots.py        # `make screenshots`

Each picture is what a person sees first on that page (the viewport, not the whole page), so the
pictures show what matters on a phone: what is above the fold.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
SIZES = {"phone": (360, 640), "desktop": (1366, 900)}
PROFILE = {
    "activities": ["desk-work", "running"],
    "sitting_hours_per_day": 9,
    "goals": ["relieve-tightness", "return-to-running"],
    "symptoms": ["hip-stiffness"],
    "pain_now": 2,
    "equipment": ["foam-roller", "strap-or-towel"],
    "minutes_per_session": 15,
    "sessions_per_week": 3,
    "age": 42,
    "symptoms_weeks": 3,
}
PAGES = [
    ("home", "/"),
    ("check-in", "/check-in"),
    ("plan", "/plan"),
    ("session-start", "/session"),
    ("exercises", "/exercises"),
    ("exercise", "/exercises/half-kneeling-psoas-stretch"),
    ("progress", "/progress"),
    ("history", "/history"),
    ("breaks", "/breaks"),
    ("data", "/data"),
    ("not-found", "/no-such-page"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("psoas serve did not start")


def play_one_step(page: Page, base: str) -> None:
    page.goto(base + "/session")
    page.get_by_role("button", name="Start the session").click()
    page.wait_for_timeout(400)


def shoot(browser: Browser, size: str, width: int, height: int) -> None:
    """One size, on its own fresh server: the pictures show a first session, not what the
    other size's run left behind."""
    with tempfile.TemporaryDirectory() as home:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("psoas")), "serve", "--port", str(port)],
            env={**os.environ, "PSOAS_HOME": home},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(base)
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.goto(base + "/")
            token = page.locator('meta[name="csrf-token"]').get_attribute("content")
            page.request.put(
                base + "/api/v1/profile",
                data=json.dumps(PROFILE),
                headers={"Content-Type": "application/json", "X-CSRF-Token": token or ""},
            )
            for name, path in PAGES:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / f"{name}-{size}.png"))
            play_one_step(page, base)
            page.screenshot(path=str(OUT / f"session-step-{size}.png"))
            context.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for size, (width, height) in SIZES.items():
            shoot(browser, size, width, height)
        browser.close()
    print(f"wrote {len(list(OUT.glob('*.png')))} pictures to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
