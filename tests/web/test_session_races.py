"""Sessions under concurrent requests, through the real server (uvicorn) on both backends.

A finish is one guarded update: two racing finishes give one 200 and one 409; the last step
racing the finish is either counted (the session is completed) or refused with 409 (it is
partial, without that step), never recorded in a session that then says partial; a step racing
a delete is 404, not 503.
"""

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2 as httpx
import pytest
import uvicorn

from psoas.web import WebSettings, create_app
from tests.web.conftest import fixed_clock

PROFILE = {"activities": ["desk-work"], "goals": ["relieve-tightness"], "minutes_per_session": 15}
TRIALS = 12


@pytest.fixture
def server(database_url: str) -> Iterator[httpx.Client]:
    """The app under uvicorn on a free port, in this process; a client for it."""
    settings = WebSettings(database_url=database_url, allowed_hosts=None, clock=fixed_clock)
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=0, log_level="warning")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    while not uvicorn_server.started:
        thread.join(0.01)
        assert thread.is_alive(), "uvicorn did not start"
    [socket] = uvicorn_server.servers[0].sockets
    port = socket.getsockname()[1]
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        assert client.put("/api/v1/profile", json=PROFILE).status_code == 200
        yield client
    uvicorn_server.should_exit = True
    thread.join(10)


def together(*calls: Callable[[], httpx.Response]) -> list[int]:
    """Send the requests at the same moment, each on its own connection and thread."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], httpx.Response]) -> int:
        barrier.wait()
        return call().status_code

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def started(client: httpx.Client) -> tuple[int, int]:
    state = client.post("/api/v1/sessions", json={}).json()
    return state["session"]["id"], len(state["steps"])


def request(
    client: httpx.Client, method: str, path: str, **kwargs: Any
) -> Callable[[], httpx.Response]:
    base = str(client.base_url)
    return lambda: httpx.request(method, base + path, timeout=30, **kwargs)


def test_of_two_racing_finishes_exactly_one_wins(server: httpx.Client) -> None:
    for _ in range(TRIALS):
        session, _steps = started(server)
        finish = request(server, "POST", f"/api/v1/sessions/{session}/finish", json={})
        assert sorted(together(finish, finish)) == [200, 409]


def test_the_last_step_racing_the_finish_never_leaves_a_full_session_partial(
    server: httpx.Client,
) -> None:
    outcomes = set()
    for _ in range(TRIALS):
        session, steps = started(server)
        for index in range(steps - 1):
            report = {"step_index": index}
            assert server.post(f"/api/v1/sessions/{session}/steps", json=report).status_code == 204
        last = request(
            server, "POST", f"/api/v1/sessions/{session}/steps", json={"step_index": steps - 1}
        )
        finish = request(server, "POST", f"/api/v1/sessions/{session}/finish", json={})
        step_status, finish_status = together(last, finish)
        assert finish_status == 200
        state = server.get(f"/api/v1/sessions/{session}").json()
        if step_status == 204:
            assert len(state["recorded"]) == steps
            assert state["session"]["status"] == "completed"
        else:
            assert step_status == 409
            assert len(state["recorded"]) == steps - 1
            assert state["session"]["status"] == "partial"
        outcomes.add(step_status)
    assert outcomes <= {204, 409}


def test_a_step_racing_a_delete_is_recorded_or_not_found(server: httpx.Client) -> None:
    for _ in range(TRIALS):
        session, _steps = started(server)
        step = request(server, "POST", f"/api/v1/sessions/{session}/steps", json={"step_index": 0})
        delete = request(server, "DELETE", f"/api/v1/sessions/{session}")
        step_status, delete_status = together(step, delete)
        assert delete_status == 204
        assert step_status in (204, 404)
        assert server.get(f"/api/v1/sessions/{session}").status_code == 404
