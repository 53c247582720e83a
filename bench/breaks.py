"""The break reminder's footprint while it waits: resident memory, CPU and wake-ups.

    python bench/breaks.py [--minutes 10] [--display :98]
    python bench/breaks.py --resident-memory     # the quick row `make bench` writes (issue 18)

Starts `psoas breaks start` with a throw-away PSOAS_HOME (desk mode, an interval longer than
the run so nothing falls due: the idle state the target is about) and samples the process every
5 s with psutil. With --display (an Xvfb server is started on it when Xvfb is installed) the
reminder sees an X session and reads idle time through the X11 screensaver extension, as on a
desktop; without one it counts by the clock only. Prints one JSON line.

Targets (issue 6): under 40 MB resident, under 0.5% of one core averaged over ten minutes, and
at most one wake-up a minute when nothing is due. Wake-ups are counted as the process's
voluntary context switches, which also counts the X connection's and the step processes' own
waits: an upper bound. The resident process hands each step of the timer to a short-lived
`python -m psoas.reminder.step`; their CPU is counted in the total (as the resident's reaped
children), their number is read from the timer's version in the database, and one step's peak
memory is measured after the run.
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

PROFILE = "goals: [relieve-tightness]\nactivities: [desk-work]\nequipment: [mat]\n"
SAMPLE_S = 5.0
RSS_TARGET_MB = 40.0
CPU_TARGET_PCT = 0.5
# Issue 18: the resident process at most this much, after start-up and idle.
RESIDENT_TARGET_MB = 20.0
SETTLE_S = 8.0
DESKTOP_VARIABLES = (
    "PSOAS_DATABASE_URL",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "DBUS_SESSION_BUS_ADDRESS",
    "XDG_RUNTIME_DIR",
)


def psoas(home: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "psoas", "breaks", *args],
        env={**env, "PSOAS_HOME": str(home)},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def timer_version(home: Path) -> int:
    with sqlite3.connect(home / "psoas.sqlite3") as connection:
        row = connection.execute("SELECT version FROM break_timers").fetchone()
    return int(row[0]) if row else 0


def one_step_peak_mb(home: Path, env: dict[str, str]) -> float:
    """A start and a stop of a throw-away timer, as a step process: its peak resident memory."""
    command = [
        sys.executable,
        "-m",
        "psoas.reminder.step",
        "--profile",
        str(home / "profile.yaml"),
    ]
    command += ["--pid", "1", "--mode", "desk", "--interval-minutes", "60"]
    now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    peak = 0.0
    for request in (json.dumps({"op": "start", "now": now}), json.dumps({"op": "stop"})):
        child = subprocess.Popen(
            command,
            env={**env, "PSOAS_HOME": str(home)},
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        )
        assert child.stdin is not None
        child.stdin.write(request.encode())
        child.stdin.close()
        _pid, _status, usage = os.wait4(child.pid, 0)
        child.returncode = 0
        peak = max(peak, usage.ru_maxrss / 1024)  # kilobytes on Linux
    return peak


def measure(minutes: float, display: str | None) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k not in ("PSOAS_DATABASE_URL", "DISPLAY")}
    xvfb = None
    if display and shutil.which("Xvfb"):
        xvfb = subprocess.Popen(["Xvfb", display, "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
        time.sleep(1.0)
    if display:
        env["DISPLAY"] = display
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / "profile.yaml").write_text(PROFILE, encoding="utf-8")
        # Reminders allowed at any hour, so the loop does its full work whenever this runs.
        psoas(home, env, "settings", "--working-hours", "any", "--quiet-hours", "none",
              "--working-days", "mon,tue,wed,thu,fri,sat,sun")  # fmt: skip
        psoas(home, env, "start", "--interval-minutes", "120")
        status = json.loads(psoas(home, env, "status", "--json"))
        process = psutil.Process(status["pid"])
        try:
            time.sleep(SAMPLE_S)  # settle after start-up
            cpu_start = process.cpu_times()
            version_start = timer_version(home)
            switches_start = process.num_ctx_switches().voluntary
            wall_start = time.monotonic()
            rss: list[float] = []
            while time.monotonic() - wall_start < minutes * 60:
                rss.append(process.memory_info().rss / 2**20)
                time.sleep(SAMPLE_S)
            wall = time.monotonic() - wall_start
            cpu_end = process.cpu_times()
            steps = timer_version(home) - version_start
            own_s = (cpu_end.user + cpu_end.system) - (cpu_start.user + cpu_start.system)
            steps_s = (cpu_end.children_user + cpu_end.children_system) - (
                cpu_start.children_user + cpu_start.children_system
            )
            cpu_s = own_s + steps_s
            switches = process.num_ctx_switches().voluntary - switches_start
            memory = process.memory_full_info()
        finally:
            psoas(home, env, "stop")
            step_peak_mb = one_step_peak_mb(home, env)
            if xvfb is not None:
                xvfb.terminate()
                xvfb.wait()
    return {
        "minutes": round(wall / 60, 2),
        "detection": status["detection"] or "clock only",
        "rss_mean_mb": round(sum(rss) / len(rss), 1),
        "rss_max_mb": round(max(rss), 1),
        "uss_mb": round(memory.uss / 2**20, 1),
        "cpu_s": round(cpu_s, 3),
        "resident_cpu_s": round(own_s, 3),
        "steps": steps,
        "steps_cpu_s": round(steps_s, 3),
        "step_peak_rss_mb": round(step_peak_mb, 1),
        "cpu_pct_of_core": round(100 * cpu_s / wall, 4),
        "wakeups_per_min": round(switches / (wall / 60), 2),
        "rss_target_met": max(rss) < RSS_TARGET_MB,
        "cpu_target_met": 100 * cpu_s / wall < CPU_TARGET_PCT,
    }


def vm_rss_mb(pid: int) -> float:
    """The kernel's own count of the process's resident memory (VmRSS in /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def session_bus() -> tuple[subprocess.Popen[bytes], str] | None:
    """A private D-Bus session bus with nothing on it (no GNOME, no notification service)."""
    if shutil.which("dbus-daemon") is None:
        return None
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert daemon.stdout is not None
    return daemon, daemon.stdout.readline().decode().strip()


def readings_mb(pid: int, bare: subprocess.Popen[bytes]) -> dict[str, float]:
    """Each one's VmRSS, the largest of five readings a second apart."""
    readings = []
    for _ in range(5):
        readings.append((vm_rss_mb(pid), vm_rss_mb(bare.pid)))
        time.sleep(1.0)
    return {
        "resident_mb": round(max(r for r, _ in readings), 1),
        "bare_mb": round(max(b for _, b in readings), 1),
    }


def asleep(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """A bare interpreter asleep: the floor every row is read against, in the same run."""
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], env=env)


def resident_rss(env: dict[str, str]) -> dict[str, float]:
    """`psoas breaks start` as a person runs it, and a bare interpreter asleep beside it for as
    long: each one's VmRSS once started and idle."""
    bare = asleep(env)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / "profile.yaml").write_text(PROFILE, encoding="utf-8")
        try:
            psoas(home, env, "start", "--interval-minutes", "120")
            pid = json.loads(psoas(home, env, "status", "--json"))["pid"]
            time.sleep(SETTLE_S)
            return readings_mb(pid, bare)
        finally:
            psoas(home, env, "stop")
            bare.kill()
            bare.wait()


def shown_reminder_rss(env: dict[str, str], stand_ins: subprocess.Popen[bytes]) -> dict[str, float]:
    """The resident once its first reminder has shown as a desktop notification. A reminder falls
    due after 15 minutes at the least, so this one runs the resident (python -m
    psoas.reminder.daemon, as `psoas breaks start` does) with a clock 200 times faster; a faster
    clock counts by itself rather than asking GNOME's idle monitor."""
    assert stand_ins.stdout is not None
    bare = asleep(env)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        (home / "profile.yaml").write_text(PROFILE, encoding="utf-8")
        psoas(home, env, "settings", "--working-hours", "any", "--quiet-hours", "none",
              "--working-days", "mon,tue,wed,thu,fri,sat,sun")  # fmt: skip
        command = [sys.executable, "-m", "psoas.reminder.daemon", "--mode", "desk"]
        command += ["--interval-minutes", "15", "--profile", str(home / "profile.yaml")]
        command += ["--runtime-dir", str(home), "--time-scale", "0.005"]
        resident = subprocess.Popen(
            command, env={**env, "PSOAS_HOME": str(home)}, stdout=subprocess.DEVNULL
        )
        try:
            if stand_ins.stdout.readline().strip() != b"shown":
                raise RuntimeError("the stand-in notification service saw no reminder")
            time.sleep(SETTLE_S)
            return readings_mb(resident.pid, bare)
        finally:
            resident.terminate()
            resident.wait(timeout=30)
            bare.kill()
            bare.wait()


def desktop_stand_ins(address: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The tests' stand-ins for GNOME and a notification service on the bus, once they own
    their names (tests/desktop/stand_in_desktop.py)."""
    stand_ins = subprocess.Popen(
        [sys.executable, "-m", "tests.desktop.stand_in_desktop", address],
        env=env,
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert stand_ins.stdout is not None
    if stand_ins.stdout.readline().strip() != b"ready":
        stand_ins.kill()
        raise RuntimeError("the desktop stand-ins did not start")
    return stand_ins


def resident_memory() -> list[dict[str, Any]]:
    """The resident process's memory without a desktop (clock only) and, where dbus-daemon is
    installed, on a session bus: an empty one it must ask for GNOME's idle monitor and a
    notification service, then one with stand-ins of both, before and after a first reminder."""
    env = {k: v for k, v in os.environ.items() if k not in DESKTOP_VARIABLES}
    rows: list[dict[str, Any]] = [
        {"session": "no desktop: clock only, terminal reminders", **resident_rss(env)}
    ]
    for with_services in (False, True):
        bus = session_bus()
        if bus is None:
            break
        daemon, address = bus
        on_bus = {**env, "DBUS_SESSION_BUS_ADDRESS": address}
        try:
            if not with_services:
                rows.append(
                    {
                        "session": "a session bus without GNOME or notifications",
                        **resident_rss(on_bus),
                    }
                )
                continue
            stand_ins = desktop_stand_ins(address, on_bus)
            try:
                rows.append(
                    {
                        "session": "a session bus with GNOME's idle monitor and notifications "
                        "(stand-ins), waiting",
                        **resident_rss(on_bus),
                    }
                )
                rows.append(
                    {
                        "session": "the same, after its first reminder showed as a notification "
                        "(clock 200× faster)",
                        **shown_reminder_rss(on_bus, stand_ins),
                    }
                )
            finally:
                stand_ins.terminate()
                stand_ins.wait()
                if stand_ins.stdout is not None:
                    stand_ins.stdout.close()
        finally:
            daemon.terminate()
            daemon.wait()
    for row in rows:
        row["above_bare_mb"] = round(row["resident_mb"] - row["bare_mb"], 1)
        row["target_met"] = row["resident_mb"] <= RESIDENT_TARGET_MB
    return rows


def resident_section(rows: list[dict[str, Any]], machine: str) -> str:
    lines = [
        f"Measured by `make bench` on {machine}: `psoas breaks start` with a throw-away "
        f"PSOAS_HOME, {SETTLE_S:.0f} s after start-up (its first step done, the loop waiting), "
        "VmRSS from /proc, the largest of five readings a second apart; beside it in the same "
        "run `python -c` asleep, the interpreter's own floor. On a session bus the stand-ins "
        "are the tests' (tests/desktop/stand_in_desktop.py) in a process of their own. The last "
        "row starts the resident as `psoas breaks start` does but with a clock 200 times faster, "
        "so its first reminder falls due in seconds, and reads it 8 s after the notification "
        "arrived.",
        "",
        "| session | resident reminder | bare interpreter | above bare | target |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        verdict = "met" if row["target_met"] else "NOT met"
        lines.append(
            f"| {row['session']} | {row['resident_mb']:.1f} MB | {row['bare_mb']:.1f} MB "
            f"| +{row['above_bare_mb']:.1f} MB | ≤ {RESIDENT_TARGET_MB:.0f} MB: {verdict} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--display", default=None, help="e.g. :98 (Xvfb is started on it)")
    parser.add_argument(
        "--resident-memory", action="store_true", help="only the resident's memory (quick)"
    )
    options = parser.parse_args()
    if options.resident_memory:
        print(json.dumps(resident_memory()))
        return
    print(json.dumps(measure(options.minutes, options.display)))


if __name__ == "__main__":
    main()
