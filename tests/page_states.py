"""Every state of every page a person can reach, in one list: the in-process text checks
(tests/web/test_page_words.py) and the browser's axe-core run (tests/e2e/test_axe.py) both walk it.

A driver saves check-ins and plays a session through the HTTP API, as the browser would; the
walk then reads each page of that state. States come in the order one server can reach them:
no check-in yet, then warning signs (urgent care), then high pain (see someone), then a normal
plan with a session played.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from psoas.catalogue import load_catalogue

DESK_WORKER: dict[str, Any] = {
    "activities": ["desk-work", "driving"],
    "sitting_hours_per_day": 9,
    "goals": ["relieve-tightness"],
    "symptoms": ["hip-stiffness"],
    "equipment": ["foam-roller", "soft-ball", "strap-or-towel", "chair", "mat"],
    "minutes_per_session": 15,
    "sessions_per_week": 3,
}
URGENT = {**DESK_WORKER, "red_flags": ["cannot-bear-weight"]}
SEE_PROFESSIONAL = {**DESK_WORKER, "pain_now": 8}
# Direct pressure chosen, with a hernia: the disputed technique, the note about it and
# exercises left out for more than one reason, all on one plan.
CHOSE_PRESSURE = {
    **DESK_WORKER,
    "activities": [*DESK_WORKER["activities"], "running"],  # the back-to-running ladder too
    "allow_direct_psoas_pressure": True,
    "equipment": [*DESK_WORKER["equipment"], "lacrosse-ball", "mini-band"],
    "conditions": ["abdominal-hernia"],
}


class Driver(Protocol):
    """What a state needs done before its pages are read: the API, with the CSRF header."""

    def api(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True, slots=True)
class PageState:
    name: str
    path: str


Setup = Callable[[Driver], None]


def _save(profile: dict[str, Any]) -> Setup:
    def setup(driver: Driver) -> None:
        driver.api("PUT", "/api/v1/profile", profile)

    return setup


def _normal_plan_with_a_session(driver: Driver) -> None:
    driver.api("PUT", "/api/v1/profile", CHOSE_PRESSURE)
    state = driver.api("POST", "/api/v1/sessions", {"day": 1, "pain_before": 3})
    base = f"/api/v1/sessions/{state['session']['id']}"
    driver.api("POST", f"{base}/steps", {"step_index": 0})
    driver.api("POST", f"{base}/steps", {"step_index": 1, "skip_reason": "no-equipment"})
    driver.api("POST", f"{base}/finish", {"pain_after": 1, "feel": "looser", "note": "Easier"})
    check_in = {"on": "2026-11-16", "pain_now": 2, "psfs": [{"activity": "Running", "score": 6}]}
    driver.api("POST", "/api/v1/check-ins", check_in)


def single_user_states() -> Iterator[tuple[Setup | None, list[PageState]]]:
    """(what to do first, the pages then to read), in order, on one single-user server."""
    catalogue = load_catalogue()
    steps = len(catalogue.check_in.questions)
    yield (
        None,
        [
            PageState("home, new", "/"),
            *(PageState(f"check-in step {n}", f"/check-in?step={n}") for n in range(1, steps + 1)),
            PageState("plan, none yet", "/plan"),
            PageState("library", "/exercises"),
            *(PageState(f"exercise {e}", f"/exercises/{e}") for e in catalogue.exercises),
            PageState("sources", "/sources"),
            PageState("progress, empty", "/progress"),
            PageState("progress check-in, no plan", "/progress/check-in"),
            PageState("history, empty", "/history"),
            PageState("breaks, no plan", "/breaks"),
            PageState("data", "/data"),
            PageState("data delete", "/data/delete"),
            PageState("not found", "/no-such-page"),
        ],
    )
    yield _save(URGENT), [PageState("home, urgent", "/"), PageState("plan, urgent", "/plan")]
    yield (
        _save(SEE_PROFESSIONAL),
        [PageState("home, see someone", "/"), PageState("plan, see someone", "/plan")],
    )
    yield (
        _normal_plan_with_a_session,
        [
            PageState("home, ok", "/"),
            PageState("plan, ok", "/plan"),
            PageState("session player", "/session"),
            PageState("history, one session", "/history"),
            PageState("progress, one check-in", "/progress"),
            PageState("progress check-in", "/progress/check-in"),
            PageState("breaks", "/breaks"),
            PageState("data, with data", "/data"),
        ],
    )


MULTI_USER_SIGNED_OUT = [PageState("sign in", "/login"), PageState("sign up", "/signup")]
MULTI_USER_SIGNED_IN = [PageState("account", "/account"), PageState("home, signed in", "/")]
