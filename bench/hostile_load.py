"""Hostile load on the real server (`psoas serve` under uvicorn): the figures in
docs/reliability.md.

    python bench/hostile_load.py

- body flood: 100 MB bodies, declared and chunked, at the JSON, form and sign-in routes (eight
  at a time); the server's resident memory is sampled every 20 ms.
- username flood: sign-ins with 500 KB usernames from one address on a multi-user server; the
  throttle's rows are counted afterwards.
"""

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2 as httpx
import psutil
from sqlalchemy import create_engine, func, select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from psoas.storage.tables import ThrottleRow  # noqa: E402

PSOAS = Path(sys.executable).with_name("psoas")
MB = 1024 * 1024
FLOOD_BYTES = 100 * MB


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    def __init__(self, home: Path, *, multi_user: bool) -> None:
        self.port = free_port()
        self.database = home / "psoas.sqlite3"
        command = [str(PSOAS), "serve", "--port", str(self.port)]
        command += ["--multi-user", "--host", "127.0.0.1"] if multi_user else []
        home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PSOAS_HOME": str(home)}
        env["PSOAS_DATABASE_URL"] = f"sqlite:///{self.database}"
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(self.base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.1)
        self.ps = psutil.Process(self.process.pid)

    def rss_mb(self) -> float:
        return self.ps.memory_info().rss / MB

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def chunks(total: int) -> Iterator[bytes]:
    block = b"x" * MB
    for _ in range(total // MB):
        yield block


def send(base: str, method: str, path: str, *, declared: bool, content_type: str) -> str:
    headers = {"content-type": content_type}
    body = b"x" * FLOOD_BYTES if declared else chunks(FLOOD_BYTES)
    try:
        response = httpx.request(method, base + path, content=body, headers=headers, timeout=60)
    except httpx.HTTPError as error:  # the server answered 413 and closed while we still sent
        return type(error).__name__
    return str(response.status_code)


def body_flood(server: Server, routes: list[tuple[str, str, str]]) -> dict[str, object]:
    baseline = server.rss_mb()
    peak = baseline
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, server.rss_mb())
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    jobs = [
        (method, path, declared, content_type)
        for method, path, content_type in routes
        for declared in (True, False)
    ] * 4
    started = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        outcomes = list(
            pool.map(
                lambda job: send(server.base, job[0], job[1], declared=job[2], content_type=job[3]),
                jobs,
            )
        )
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    healthy = httpx.get(server.base + "/healthz", timeout=5).status_code
    return {
        "requests": len(jobs),
        "outcomes": {outcome: outcomes.count(outcome) for outcome in sorted(set(outcomes))},
        "baseline_mb": round(baseline),
        "peak_mb": round(peak),
        "seconds": round(elapsed, 1),
        "healthz_after": healthy,
    }


def username_flood(server: Server, attempts: int) -> dict[str, object]:
    client = httpx.Client(base_url=server.base, timeout=30)
    token = client.get("/login").cookies["psoas_csrf"]
    # The cookie is Secure, which httpx keeps off plain http; a browser sends it to 127.0.0.1.
    client.headers["cookie"] = f"psoas_csrf={token}"
    statuses: list[int] = []
    baseline = server.rss_mb()
    for number in range(attempts):
        form = {"username": f"{number}-" + "u" * 500_000, "password": "guess", "csrf_token": token}
        statuses.append(client.post("/login", data=form).status_code)
    engine = create_engine(f"sqlite:///{server.database}")
    with engine.connect() as connection:
        rows = connection.execute(select(func.count()).select_from(ThrottleRow)).scalar_one()
        size = connection.execute(text("SELECT SUM(LENGTH(key_hash)) FROM sign_in_throttle"))
        key_bytes = size.scalar_one()
    engine.dispose()
    return {
        "attempts": attempts,
        "statuses": {status: statuses.count(status) for status in sorted(set(statuses))},
        "throttle_rows": rows,
        "key_bytes": key_bytes,
        "rss_before_mb": round(baseline),
        "rss_after_mb": round(server.rss_mb()),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        single = Server(home / "single", multi_user=False)
        try:
            print(
                "single-person body flood, 1 MB routes:",
                body_flood(
                    single,
                    [
                        ("PUT", "/api/v1/profile", "application/json"),
                        ("POST", "/check-in", "application/x-www-form-urlencoded"),
                        ("POST", "/api/v1/sessions", "application/json"),
                    ],
                ),
            )
            print(
                "single-person body flood, import (50 MB cap):",
                body_flood(single, [("POST", "/api/v1/import", "application/json")]),
            )
        finally:
            single.stop()
        multi = Server(home / "multi", multi_user=True)
        try:
            print(
                "multi-user anonymous body flood:",
                body_flood(
                    multi,
                    [
                        ("POST", "/login", "application/x-www-form-urlencoded"),
                        ("POST", "/api/v1/sessions", "application/json"),
                        ("POST", "/api/v1/import", "application/json"),
                    ],
                ),
            )
            print("username flood:", username_flood(multi, 600))
        finally:
            multi.stop()


if __name__ == "__main__":
    main()
