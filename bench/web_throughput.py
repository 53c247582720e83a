"""Requests per second of the web app under uvicorn, against a bare FastAPI endpoint.

Two servers run side by side, each in its own process, with the same interpreter and the same
uvicorn settings `psoas serve` uses (one worker, log level warning, uvicorn's automatic choice of
event loop and HTTP parser):

- the real app (single-person mode, a fresh SQLite file with a saved check-in);
- the bare stack: `FastAPI()` with one `async def` route returning {"ok": true}, no middleware.

`wrk` drives them over loopback with 32 connections, interleaved: every round measures the bare
endpoint and then each endpoint of the app for a few seconds, so a change in what else runs on the
machine touches all of them alike. Each endpoint's figure sums its rounds.

    python bench/web_throughput.py      # prints the figures as JSON

The app under test on its own, to profile it (py-spy) under the same load:

    PSOAS_BENCH_DATABASE_URL=sqlite:////tmp/b.sqlite3 uvicorn bench.web_throughput:app_factory \
        --factory --port 8765 --log-level warning
"""

import json
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[1]
DATABASE_ENV = "PSOAS_BENCH_DATABASE_URL"
CONNECTIONS = 32
WRK_THREADS = 1  # one core for wrk, one for the server: the machine has two
PROFILE = {
    "activities": ["desk-work", "running"],
    "sitting_hours_per_day": 8,
    "goals": ["relieve-tightness"],
    "equipment": ["foam-roller", "strap-or-towel"],
    "minutes_per_session": 20,
    "sessions_per_week": 3,
}


@dataclass(frozen=True, slots=True)
class Endpoint:
    name: str
    method: str
    path: str
    body: str | None = None
    required: float | None = None  # share of the bare endpoint's requests per second
    goal: float | None = None
    bare: bool = False


BARE = Endpoint('bare FastAPI endpoint, {"ok": true} (reference)', "GET", "/", bare=True)
ENDPOINTS = (
    BARE,
    Endpoint(
        "`POST /api/v1/plan` (profile in the body, JSON)",
        "POST",
        "/api/v1/plan",
        json.dumps(PROFILE),
        required=0.5,
        goal=0.8,
    ),
    Endpoint("`GET /plan` (HTML page, saved check-in)", "GET", "/plan", required=0.25, goal=0.5),
)

# wrk's `done` hook prints the figures as one JSON line (latency in microseconds).
LUA_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, '
    .. '"errors_connect": %d, "errors_read": %d, "errors_write": %d, "errors_timeout": %d, '
    .. '"non_2xx_3xx": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.timeout, e.status))
end
"""


def app_factory() -> FastAPI:
    """The app under test; the database comes from the environment."""
    from psoas.web import WebSettings, create_app

    return create_app(WebSettings(database_url=os.environ[DATABASE_ENV]))


def bare_factory() -> FastAPI:
    """The bare stack the app is measured against: FastAPI and one route, nothing else."""
    app = FastAPI()

    @app.get("/")
    async def ok() -> dict[str, bool]:
        return {"ok": True}

    return app


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _request(base: str, endpoint: Endpoint) -> tuple[int, str, bytes]:
    data = endpoint.body.encode() if endpoint.body is not None else None
    request = urllib.request.Request(base + endpoint.path, data=data, method=endpoint.method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("content-type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("content-type", ""), error.read()


@dataclass(slots=True)
class Server:
    base: str
    process: "subprocess.Popen[bytes]"


def _start(
    factory: str, env: dict[str, str], folder: Path, stack: ExitStack, server_options: list[str]
) -> Server:
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        f"bench.web_throughput:{factory}",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--log-level",
        "warning",
        *server_options,
    ]
    process = subprocess.Popen(command, env=env, cwd=folder)

    def stop() -> None:
        process.terminate()
        process.wait(timeout=30)

    stack.callback(stop)
    server = Server(f"http://127.0.0.1:{port}", process)
    _wait_until_up(server)
    return server


def _wait_until_up(server: Server, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"web benchmark: uvicorn exited with {server.process.returncode}")
        try:
            _request(server.base, Endpoint("up", "GET", "/"))
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"web benchmark: {server.base} did not answer in {timeout_s:.0f} s")


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _machine_busy_s() -> float:
    """CPU time used by everything on the machine (user, nice, system, irq, softirq, steal)."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = ticks[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _children_cpu_s() -> float:
    """CPU time of finished child processes (each wrk run, once it has exited)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wrk(base: str, endpoint: Endpoint, seconds: float, folder: Path) -> dict[str, Any]:
    script = folder / "wrk.lua"
    lines = [f"wrk.method = {json.dumps(endpoint.method)}"]
    if endpoint.body is not None:
        lines += [
            f"wrk.body = {json.dumps(endpoint.body)}",
            'wrk.headers["Content-Type"] = "application/json"',
        ]
    script.write_text("\n".join(lines) + "\n" + LUA_REPORT, encoding="utf-8")
    command = [
        "wrk",
        f"-t{WRK_THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds:g}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        base + endpoint.path,
    ]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures = dict(json.loads(output.strip().splitlines()[-1]))
    errors = sum(v for k, v in figures.items() if k.startswith("errors_"))
    if errors or figures["non_2xx_3xx"]:
        raise SystemExit(f"web benchmark: {endpoint.path} failed under load: {figures}")
    return figures


def _round(server: Server, endpoint: Endpoint, seconds: float, folder: Path) -> dict[str, float]:
    before = _cpu_s(server.process.pid), _children_cpu_s(), _machine_busy_s(), time.monotonic()
    figures = _wrk(server.base, endpoint, seconds, folder)
    after = _cpu_s(server.process.pid), _children_cpu_s(), _machine_busy_s(), time.monotonic()
    server_s, wrk_s, busy_s = (b - a for a, b in zip(before[:3], after[:3], strict=True))
    return {
        "requests": figures["requests"],
        "duration_s": figures["duration_us"] / 1e6,
        "p50_ms": figures["p50_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "server_cpu_s": server_s,
        # Whatever else ran on the machine meanwhile took cores from the server and wrk.
        "others_cpu_pct": max(0.0, 100 * (busy_s - server_s - wrk_s) / (after[3] - before[3])),
    }


def _summary(
    endpoint: Endpoint, first: tuple[int, str, bytes], rounds: list[dict[str, float]]
) -> dict[str, Any]:
    status, content_type, body = first
    requests = sum(r["requests"] for r in rounds)
    duration_s = sum(r["duration_s"] for r in rounds)
    return {
        "name": endpoint.name,
        "path": endpoint.path,
        "bare": endpoint.bare,
        "required": endpoint.required,
        "goal": endpoint.goal,
        "status": status,
        "content_type": content_type.split(";")[0],
        "response_bytes": len(body),
        "requests": requests,
        "rps": requests / duration_s,
        "rounds_rps": [r["requests"] / r["duration_s"] for r in rounds],
        # Medians of the rounds' percentiles: wrk reports no histogram to merge.
        "p50_ms": sorted(r["p50_ms"] for r in rounds)[len(rounds) // 2],
        "p99_ms": sorted(r["p99_ms"] for r in rounds)[len(rounds) // 2],
        "server_cpu_ms_per_request": 1000 * sum(r["server_cpu_s"] for r in rounds) / requests,
        "others_cpu_pct": max(r["others_cpu_pct"] for r in rounds),
    }


def _server_setup(plain: bool) -> dict[str, str]:
    loop = "uvloop" if find_spec("uvloop") and not plain else "asyncio"
    http = "httptools" if find_spec("httptools") and not plain else "h11"
    return {
        "uvicorn": version("uvicorn"),
        "fastapi": version("fastapi"),
        "loop": loop,
        "http": http,
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def measure(
    seconds: float = 5.0, rounds: int = 3, warmup_s: float = 2.0, *, plain: bool = False
) -> dict[str, Any]:
    """`seconds` of wrk per endpoint and round. ``plain``: both servers on asyncio and h11
    (uvicorn without uvloop and httptools), to compare with a machine that lacks them."""
    server_options = ["--loop", "asyncio", "--http", "h11"] if plain else []
    if shutil.which("wrk") is None:
        raise SystemExit("web benchmark needs wrk (apt-get install wrk)")
    from psoas.storage import upgrade

    with tempfile.TemporaryDirectory() as home, ExitStack() as stack:
        folder = Path(home)
        url = f"sqlite:///{folder / 'psoas.sqlite3'}"
        upgrade(url)
        python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, DATABASE_ENV: url, "PYTHONPATH": python_path}
        load_before = os.getloadavg()[0]
        bare = _start("bare_factory", env, folder, stack, server_options)
        app = _start("app_factory", env, folder, stack, server_options)
        saved = _request(app.base, Endpoint("save", "PUT", "/api/v1/profile", json.dumps(PROFILE)))
        if saved[0] != 200:
            raise SystemExit(f"web benchmark: saving the check-in answered {saved[0]}")
        servers = {endpoint: bare if endpoint.bare else app for endpoint in ENDPOINTS}
        first: dict[Endpoint, tuple[int, str, bytes]] = {}
        for endpoint, server in servers.items():
            first[endpoint] = answer = _request(server.base, endpoint)
            if answer[0] != 200:
                raise SystemExit(f"web benchmark: {endpoint.path} answered {answer[0]}")
            _wrk(server.base, endpoint, warmup_s, folder)
        measured: dict[Endpoint, list[dict[str, float]]] = {e: [] for e in ENDPOINTS}
        for _ in range(rounds):
            for endpoint, server in servers.items():
                measured[endpoint].append(_round(server, endpoint, seconds, folder))
    results = [_summary(e, first[e], measured[e]) for e in ENDPOINTS]
    bare_rps = next(r["rps"] for r in results if r["bare"])
    for result in results:
        result["ratio_to_bare"] = result["rps"] / bare_rps
    return {
        "seconds": seconds,
        "rounds": rounds,
        "warmup_s": warmup_s,
        "connections": CONNECTIONS,
        "wrk_threads": WRK_THREADS,
        "cpus": os.cpu_count() or 0,
        "cpu_model": _cpu_model(),
        "server": _server_setup(plain),
        # Before the run, and the others' CPU per endpoint: whether anything else was competing
        # for the cores.
        "load_average_before": load_before,
        "load_average_after": os.getloadavg()[0],
        "endpoints": results,
    }


def measure_all(seconds: float = 5.0) -> dict[str, Any]:
    """As ``psoas serve`` runs (uvloop and httptools when installed), then on plain asyncio and
    h11: the bare stack gains more from the fast pieces than the app does."""
    return {"serve": measure(seconds), "plain": measure(seconds, plain=True)}


def _target(result: dict[str, Any]) -> str:
    if result["required"] is None:
        return "—"
    ratio = result["ratio_to_bare"]
    if ratio >= result["goal"]:
        return f"goal {result['goal']:.2g}× met"
    if ratio >= result["required"]:
        return f"required ≥ {result['required']:.2g}× met (goal {result['goal']:.2g}×)"
    return f"required ≥ {result['required']:.2g}×: NOT met"


def section(results: dict[str, Any]) -> str:
    """The Markdown bench/run.py writes between the web markers: both runs of ``measure_all``."""
    return "\n\n".join(
        [
            "As `psoas serve` runs:",
            _table(results["serve"]),
            "Both servers on plain asyncio and h11 (uvicorn without uvloop and httptools):",
            _table(results["plain"]),
        ]
    )


def _table(result: dict[str, Any]) -> str:
    server = result["server"]
    endpoints = result["endpoints"]
    rows = [
        f"| {e['name']} | {e['status']}, {e['response_bytes']:,} B | {e['rps']:,.0f} "
        f"({', '.join(f'{r:,.0f}' for r in e['rounds_rps'])}) "
        f"| {e['p50_ms']:.1f} / {e['p99_ms']:.1f} ms | {e['server_cpu_ms_per_request']:.2f} ms "
        f"| {e['ratio_to_bare']:.2f}× | {_target(e)} |"
        for e in endpoints
    ]
    return "\n".join(
        [
            f"Measured on {result['cpus']} cores ({result['cpu_model']}), "
            f"{platform.machine()}, Python {platform.python_version()}, {platform.system()}; "
            f"load average {result['load_average_before']:.2f} before the run and "
            f"{result['load_average_after']:.2f} after it; other processes used "
            f"{max(e['others_cpu_pct'] for e in endpoints):.0f}% of a core at most while an "
            "endpoint was measured.",
            f"Servers: uvicorn {server['uvicorn']}, FastAPI {server['fastapi']}, 1 worker each, "
            f"{server['loop']} event loop, {server['http']} HTTP parser, log level warning. "
            f"Load: wrk, {result['wrk_threads']} thread, {result['connections']} connections, "
            f"{result['rounds']} interleaved rounds of {result['seconds']:g} s per endpoint after "
            f"a {result['warmup_s']:g} s warm-up each, loopback, no compression asked for.",
            "",
            "| endpoint | answer | requests/s (per round) | latency p50 / p99 "
            "| server CPU per request | ÷ bare | target |",
            "|---|---|---|---|---|---|---|",
            *rows,
        ]
    )


if __name__ == "__main__":
    print(json.dumps(measure(plain="--plain" in sys.argv), indent=2))
