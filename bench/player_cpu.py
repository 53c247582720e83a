"""CPU of the full-screen player while a hold counts down, in a real terminal (tmux).

The player runs as the pane's own process; its user+system CPU time is read from /proc before
and after a window in the middle of a long hold.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROFILE = "activities: [desk-work]\nminutes_per_session: 30\nsessions_per_week: 7\n"
SESSION = "psoas-bench-player"


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def measure(window_s: float = 20.0) -> dict[str, float]:
    if shutil.which("tmux") is None:
        raise SystemExit("player benchmark needs tmux (apt-get install tmux)")
    with tempfile.TemporaryDirectory() as home:
        profile = Path(home) / "profile.yaml"
        profile.write_text(PROFILE, encoding="utf-8")
        psoas = Path(sys.executable).with_name("psoas")
        command = f"PSOAS_HOME={home} exec {psoas} session --profile {profile} --day 1"
        _tmux("new-session", "-d", "-s", SESSION, "-x", "100", "-y", "30", command)
        try:
            pid = int(_tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}").strip())
            time.sleep(2.0)
            _tmux("send-keys", "-t", SESSION, "Enter")  # skip the pain question
            time.sleep(3.0)
            _tmux("send-keys", "-t", SESSION, "n")  # end get-ready: a long hold starts
            time.sleep(1.0)
            before, start = _cpu_s(pid), time.monotonic()
            time.sleep(window_s)
            used, elapsed = _cpu_s(pid) - before, time.monotonic() - start
            screen = _tmux("capture-pane", "-p", "-t", SESSION)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", SESSION], check=False)
    if "Hold" not in screen:
        raise SystemExit(f"player benchmark: expected a hold on screen, got:\n{screen}")
    return {"window_s": elapsed, "cpu_s": used, "cpu_pct": 100 * used / elapsed}


if __name__ == "__main__":
    print(measure())
