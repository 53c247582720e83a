"""What the break-reminder web tests share: a client on a clock the test moves, and a timer
the desktop reminder would have started (through the same service the CLI uses)."""

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from psoas.domain.profile import Profile
from psoas.services import breaks
from psoas.services.progress import current_plan
from psoas.storage import LOCAL_PERSON_ID, StoredTimer
from tests.web.conftest import T0, MakeClient, csrf, save_profile
from tests.web.progress_support import DESK, Clock

# T0 is Monday 09:00 UTC: inside the default working hours (08:00-18:00, Monday to Friday) in
# London, where November is UTC too.
LONDON = "Europe/London"
# The idle limit is 5 minutes by default: a page that ticks less often than that has, as far
# as the timer knows, been closed, and the count starts again. Tests tick more often.
TICK_MIN = 4


def breaks_client(make_client: MakeClient, **options: Any) -> tuple[TestClient, Clock]:
    """A client with a saved check-in (a plan with stretches), sending its CSRF token."""
    clock = Clock()
    client = make_client(clock=clock, **options)
    save_profile(client, DESK)
    client.headers["x-csrf-token"] = csrf(client)
    return client, clock


def engine_of(client: TestClient) -> Engine:
    engine: Engine = client.app.state.engine  # type: ignore[attr-defined]
    return engine


def sit(client: TestClient, clock: Clock, minutes: int, zone: str = LONDON) -> dict[str, Any]:
    """Keep the page open for `minutes`, ticking as the page does; the last tick's answer,
    with `shown`: every `show` seen on the way that was not null."""
    seen: list[bool] = []
    answer: dict[str, Any] = {}
    passed = 0
    while passed < minutes:
        step = min(TICK_MIN, minutes - passed)
        clock.now += timedelta(minutes=step)
        passed += step
        response = client.post("/api/v1/breaks/tick", json={"time_zone": zone})
        assert response.status_code == 200, response.text
        answer = response.json()
        if answer["show"] is not None:
            seen.append(answer["show"])
    return {**answer, "shown": seen}


def desktop_timer(client: TestClient, clock: Clock, person_id: int = LOCAL_PERSON_ID) -> None:
    """What `psoas breaks start` stores: a timer the desktop process drives and heartbeats."""
    engine = engine_of(client)
    plan = current_plan(engine, Profile.model_validate(DESK), person_id=person_id)
    breaks.start(
        engine,
        person_id=person_id,
        plan=plan,
        driver="desktop",
        now=clock().astimezone(),
        pid=4242,
        details={"detection": "a test double", "channel": "nowhere"},
    )


def stored(client: TestClient, person_id: int = LOCAL_PERSON_ID) -> StoredTimer:
    timer = breaks.current(engine_of(client), person_id=person_id)
    assert timer is not None
    return timer


def put_on_hold(client: TestClient) -> str:
    """Report a warning sign at a progress check-in; the plan's reason for the hold."""
    check_in = {"on": T0.date().isoformat(), "pain_now": 2, "red_flags": ["fever"]}
    assert client.post("/api/v1/check-ins", json=check_in).status_code == 201
    plan = client.get("/api/v1/plan").json()
    assert plan["status"] == "urgent-care"
    reason: str = plan["messages"][0]["text"]
    return reason
