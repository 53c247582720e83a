"""What the progress tests share: a clock the test moves, a run file, a played session."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.web.conftest import T0, MakeClient, csrf

# pain_now 2 and a return-to-running goal: the ladder starts at walk-run on flat ground.
RUNNER: dict[str, Any] = {
    "goals": ["return-to-running"],
    "activities": ["running"],
    "pain_now": 2,
    "equipment": ["mat"],
}
# One session a week: two good weeks need two sessions done.
DESK: dict[str, Any] = {
    "activities": ["desk-work"],
    "goals": ["relieve-tightness"],
    "equipment": ["mat", "strap-or-towel", "mini-band"],
    "minutes_per_session": 15,
    "sessions_per_week": 1,
}
GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
<trk><trkseg>
{points}
</trkseg></trk></gpx>
"""


@dataclass
class Clock:
    """The server's clock, moved by the test."""

    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now

    def day(self, number: int) -> None:
        """Go to day ``number`` of the test (day 1 is T0, a Monday)."""
        self.now = T0 + timedelta(days=number - 1)


def with_clock(make_client: MakeClient, **options: Any) -> tuple[TestClient, Clock]:
    clock = Clock()
    return make_client(clock=clock, **options), clock


def gpx(*, climb_m: float, start: datetime = T0) -> bytes:
    """A 2 km straight run north with an even climb over its second kilometre."""
    points = []
    for index in range(201):
        metres = index * 10
        elevation = 50 + max(0.0, metres - 1000) / 1000 * climb_m
        points.append(
            f'<trkpt lat="{51.0 + metres / 111_195:.7f}" lon="0.0"><ele>{elevation:.1f}</ele>'
            f"<time>{(start + timedelta(seconds=index * 3)).isoformat()}</time></trkpt>"
        )
    return GPX.format(points="\n".join(points)).encode()


def headers(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": csrf(client)}


def play_a_whole_session(client: TestClient) -> None:
    """Start a session of the plan in force and report every step done, as the player does."""
    schedule = client.get("/api/v1/plan").json()["weekly_schedule"]
    started = client.post(
        "/api/v1/sessions", json={"day": schedule[0]["day"]}, headers=headers(client)
    )
    assert started.status_code == 201, started.text
    state = started.json()
    session = state["session"]["id"]
    for index, _ in enumerate(state["steps"]):
        step = client.post(
            f"/api/v1/sessions/{session}/steps", json={"step_index": index}, headers=headers(client)
        )
        assert step.status_code == 204, step.text
    done = client.post(f"/api/v1/sessions/{session}/finish", json={}, headers=headers(client))
    assert done.json()["status"] == "completed"


def sign_up(client: TestClient, name: str) -> TestClient:
    client.get("/signup")
    form = {"username": name, "password": "long enough pass", "csrf_token": csrf(client)}
    assert client.post("/signup", data=form, follow_redirects=False).status_code == 303
    return client
