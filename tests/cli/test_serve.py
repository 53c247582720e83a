"""`psoas serve`: refuses what would be unsafe, and serves the real app under uvicorn."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from psoas.cli.app import app

PSOAS = Path(sys.executable).parent / "psoas"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_without_multi_user_it_listens_on_this_machine_only(runner: CliRunner) -> None:
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--host: 0.0.0.0 is reachable from other machines" in result.stderr
    assert "--multi-user" in result.stderr


def test_a_port_in_use_is_one_clear_line(runner: CliRunner) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"--port: cannot listen on 127.0.0.1:{port}" in result.stderr


def test_a_bad_database_url_is_refused_before_serving(runner: CliRunner) -> None:
    result = runner.invoke(app, ["serve", "--database-url", "mysql://x/y", "--port", "1"])
    assert result.exit_code == 2
    assert "is not supported" in result.stderr


def test_db_upgrade_brings_a_new_database_up_to_date(runner: CliRunner, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    result = runner.invoke(app, ["db", "upgrade", "--database-url", url])
    assert result.exit_code == 0, result.output
    assert "is up to date" in result.stdout


def test_serve_answers_health_and_pages_then_stops(tmp_path: Path, database_url: str) -> None:
    port = free_port()
    env = {**os.environ, "PSOAS_HOME": str(tmp_path), "PSOAS_DATABASE_URL": database_url}
    server = subprocess.Popen(
        [str(PSOAS), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert (
            server.stdout.readline()
            .strip()
            .startswith(f"Psoas Coach is at http://127.0.0.1:{port}")
        )
        body = _get_when_up(f"http://127.0.0.1:{port}/healthz")
        assert b'"status":"ok"' in body
        openapi = _get_when_up(f"http://127.0.0.1:{port}/openapi.json")
        assert b"/api/v1/plan" in openapi
    finally:
        server.terminate()
        server.wait(timeout=10)
        rest = server.stdout.read() if server.stdout is not None else ""
        if server.stdout is not None:
            server.stdout.close()
    # uvicorn shuts down cleanly, then re-raises SIGTERM so the exit status tells how it ended.
    assert server.returncode == -15
    assert "Traceback" not in rest


def _get_when_up(url: str) -> bytes:
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                body: bytes = response.read()
                return body
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _free_port_on(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.parametrize("host", ["127.0.0.2", "::1"])
def test_serve_on_another_loopback_address_answers_its_own_host_header(
    tmp_path: Path, host: str
) -> None:
    port = _free_port_on(host)
    env = {
        **os.environ,
        "PSOAS_HOME": str(tmp_path),
        "PSOAS_DATABASE_URL": f"sqlite:///{tmp_path / 'psoas.sqlite3'}",
    }
    server = subprocess.Popen(
        [str(PSOAS), "serve", "--host", host, "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    shown = f"[{host}]" if ":" in host else host
    try:
        body = _get_when_up(f"http://{shown}:{port}/healthz")
        assert b'"status":"ok"' in body
        assert b"Check-in" in _get_when_up(f"http://{shown}:{port}/")
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


@pytest.mark.parametrize(
    ("options", "has"),
    [
        ([], "a single-person server on SQLite"),
        (["--multi-user"], "a server on SQLite"),
        (["--database-url", "postgresql://127.0.0.1/nowhere"], "a single-person server on Postg"),
    ],
)
def test_more_workers_only_for_multi_user_on_postgres(
    runner: CliRunner, tmp_path: Path, options: list[str], has: str
) -> None:
    if "--database-url" not in options:
        options = [*options, "--database-url", f"sqlite:///{tmp_path / 'psoas.sqlite3'}"]
    command = ["serve", "--workers", "2", "--port", str(free_port()), *options]
    result = runner.invoke(app, command)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: --workers: 2 is for a multi-user server on PostgreSQL, and this is " + has
    )
    assert "use --workers 1 (the default), or --multi-user with a postgresql://" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "psoas.sqlite3").exists()  # refused before touching the database


@pytest.mark.parametrize("empty_database_url", ["postgresql"], indirect=True)
def test_two_workers_on_postgres_serve_and_share_the_sign_in_throttle(
    tmp_path: Path, database_url: str
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PSOAS_HOME": str(tmp_path), "PSOAS_DATABASE_URL": database_url}
    command = [str(PSOAS), "serve", "--multi-user", "--workers", "2", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: list[psutil.Process] = []
    try:
        assert b'"status":"ok"' in _get_when_up(base + "/healthz")
        workers = [
            child
            for child in psutil.Process(server.pid).children(recursive=True)
            if "spawn_main" in " ".join(child.cmdline())
        ]
        assert len(workers) == 2
        token = _csrf_token(base)
        # Each request on a new connection: the two processes take them as they come.
        assert _post(base, "/signup", token, username="ada", password="a good long password") == 303
        statuses = [
            _post(base, "/login", token, username="ada", password=f"wrong {attempt}")
            for attempt in range(7)
        ]
        # Five failures allowed (WebSettings.login_failures_allowed) in all, not five a worker.
        assert statuses == [401] * 5 + [429] * 2
        assert all(worker.is_running() for worker in workers)
    finally:
        server.terminate()
        server.wait(timeout=20)
        _gone, left = psutil.wait_procs(workers, timeout=10)
        assert left == []  # stopping `psoas serve` stops its workers
        errors = server.stderr.read().decode() if server.stderr is not None else ""
        if server.stderr is not None:
            server.stderr.close()
    assert "Traceback" not in errors


def _csrf_token(base: str) -> str:
    with urllib.request.urlopen(base + "/login", timeout=5) as response:
        cookies = response.headers.get_all("set-cookie") or []
    found = [m.group(1) for c in cookies if (m := re.match(r"psoas_csrf=([^;]+)", c))]
    assert found, cookies
    return found[0]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _post(base: str, path: str, token: str, **fields: str) -> int:
    body = urllib.parse.urlencode({**fields, "csrf_token": token}).encode()
    request = urllib.request.Request(base + path, data=body, method="POST")
    request.add_header("Cookie", f"psoas_csrf={token}")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.build_opener(_NoRedirect).open(request, timeout=10) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as error:
        return error.code
