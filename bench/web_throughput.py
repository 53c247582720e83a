"""Requests per second and p99 latency of the web app under uvicorn, against a minimal endpoint.

The real app (single-person mode, a fresh SQLite file with a saved check-in) runs in its own
process under uvicorn with the settings `psoas serve` uses: one worker, log level warning, the
default event loop and HTTP parser. `wrk` drives it over loopback with 50 connections for 20 s
per endpoint, after a short warm-up. For comparison this module adds one route to the same app,
GET /bench/minimal -> {"ok": true}, a plain `def` like the app's own routes: it passes through the
same middleware, CSRF dependency and thread pool, so the gap to it is the work behind an endpoint.

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
from dataclasses import dataclass
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from fastapi import FastAPI

ROOT = Path(__file__).resolve().parents[1]
DATABASE_ENV = "PSOAS_BENCH_DATABASE_URL"
CONNECTIONS = 50
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


MINIMAL = Endpoint("GET /bench/minimal (comparison)", "GET", "/bench/minimal")
ENDPOINTS = (
    Endpoint("GET /plan (HTML page)", "GET", "/plan"),
    Endpoint(
        "POST /api/v1/plan (profile in the body)", "POST", "/api/v1/plan", json.dumps(PROFILE)
    ),
    Endpoint("GET /api/v1/plan (saved check-in)", "GET", "/api/v1/plan"),
    MINIMAL,
)
# Endpoints the target applies to: at least half the minimal endpoint's requests per second.
PLAN_ENDPOINTS = ("/plan", "/api/v1/plan")
TARGET_RATIO = 0.5

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
    """The app under test with the comparison route; the database comes from the environment."""
    from psoas.web import WebSettings, create_app

    app = create_app(WebSettings(database_url=os.environ[DATABASE_ENV]))

    @app.get("/bench/minimal", include_in_schema=False)
    def minimal() -> dict[str, bool]:
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


def _wait_until_up(base: str, server: subprocess.Popen[bytes], timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"web benchmark: uvicorn exited with status {server.returncode}")
        try:
            if _request(base, Endpoint("health", "GET", "/healthz"))[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit(f"web benchmark: the server at {base} did not answer in {timeout_s:.0f} s")


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
    return dict(json.loads(output.strip().splitlines()[-1]))


def _measure_endpoint(
    base: str, endpoint: Endpoint, seconds: float, warmup_s: float, pid: int, folder: Path
) -> dict[str, Any]:
    status, content_type, body = _request(base, endpoint)
    if endpoint is MINIMAL and json.loads(body) != {"ok": True}:
        raise SystemExit(f"web benchmark: {endpoint.path} answered {status} {body[:200]!r}")
    _wrk(base, endpoint, warmup_s, folder)
    before = _cpu_s(pid), _children_cpu_s(), _machine_busy_s(), time.monotonic()
    figures = _wrk(base, endpoint, seconds, folder)
    after = _cpu_s(pid), _children_cpu_s(), _machine_busy_s(), time.monotonic()
    cpu_used, wrk_used, busy = (b - a for a, b in zip(before[:3], after[:3], strict=True))
    duration_s = figures["duration_us"] / 1e6
    errors = sum(v for k, v in figures.items() if k.startswith("errors_"))
    if errors or figures["non_2xx_3xx"]:
        raise SystemExit(f"web benchmark: {endpoint.path} failed under load: {figures}")
    return {
        "name": endpoint.name,
        "path": endpoint.path,
        "status": status,
        "content_type": content_type.split(";")[0],
        "response_bytes": len(body),
        "requests": figures["requests"],
        "rps": figures["requests"] / duration_s,
        "p50_ms": figures["p50_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "max_ms": figures["max_us"] / 1000,
        "errors": errors,
        "non_2xx_3xx": figures["non_2xx_3xx"],
        "server_cpu_pct": 100 * cpu_used / duration_s,
        "server_cpu_ms_per_request": 1000 * cpu_used / max(figures["requests"], 1),
        "wrk_cpu_pct": 100 * wrk_used / duration_s,
        # Whatever else ran on the machine meanwhile took cores from the server and wrk.
        "others_cpu_pct": max(0.0, 100 * (busy - cpu_used - wrk_used) / (after[3] - before[3])),
    }


def _server_setup() -> dict[str, str]:
    loop = "uvloop" if find_spec("uvloop") else "asyncio"
    http = "httptools" if find_spec("httptools") else "h11"
    return {"uvicorn": version("uvicorn"), "loop": loop, "http": http}


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def measure(seconds: float = 20.0, warmup_s: float = 3.0) -> dict[str, Any]:
    if shutil.which("wrk") is None:
        raise SystemExit("web benchmark needs wrk (apt-get install wrk)")
    from psoas.storage import upgrade

    with tempfile.TemporaryDirectory() as home:
        folder = Path(home)
        url = f"sqlite:///{folder / 'psoas.sqlite3'}"
        upgrade(url)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, DATABASE_ENV: url, "PYTHONPATH": python_path}
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.web_throughput:app_factory",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--log-level",
            "warning",
        ]
        load_before = os.getloadavg()[0]
        server = subprocess.Popen(command, env=env, cwd=folder)
        try:
            _wait_until_up(base, server)
            saved = _request(base, Endpoint("save", "PUT", "/api/v1/profile", json.dumps(PROFILE)))
            if saved[0] != 200:
                raise SystemExit(f"web benchmark: saving the check-in answered {saved[0]}")
            results = [
                _measure_endpoint(base, endpoint, seconds, warmup_s, server.pid, folder)
                for endpoint in ENDPOINTS
            ]
        finally:
            server.terminate()
            server.wait(timeout=30)
    minimal_rps = next(r["rps"] for r in results if r["path"] == MINIMAL.path)
    for result in results:
        result["ratio_to_minimal"] = result["rps"] / minimal_rps
        result["target_applies"] = result["path"] in PLAN_ENDPOINTS
    return {
        "seconds": seconds,
        "warmup_s": warmup_s,
        "connections": CONNECTIONS,
        "wrk_threads": WRK_THREADS,
        "cpus": os.cpu_count() or 0,
        "cpu_model": _cpu_model(),
        "server": _server_setup(),
        # The server's thread pool makes the load average climb during a run; before it, and
        # the others' CPU per endpoint, say whether anything else was competing for the cores.
        "load_average_before": load_before,
        "endpoints": results,
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
