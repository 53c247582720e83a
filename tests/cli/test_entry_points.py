import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_python_dash_m_and_console_script_both_run() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "psoas", "exercises", "list", "--json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert module.returncode == 0, module.stderr
    script = Path(sys.executable).with_name("psoas")
    console = subprocess.run(
        [str(script), "schema", "profile"], capture_output=True, text=True, check=False
    )
    assert console.returncode == 0, console.stderr
    assert '"pain_now"' in console.stdout


def test_bad_input_from_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("pain_now: 99\n")
    run = subprocess.run(
        [sys.executable, "-m", "psoas", "plan", "--profile", str(profile)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.startswith("error: ")
    assert "Traceback" not in run.stderr
