"""`psoas log`, `psoas progress`, `psoas report` and `psoas activity import` through the CLI."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli.conftest import app, write

RUNNER_PROFILE = """\
goals: [return-to-running]
activities: [running]
pain_now: 2
equipment: [mat]
"""

FLAT_GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
<trk><trkseg>
{points}
</trkseg></trk></gpx>
"""


def gpx(tmp_path: Path, *, climb_m: float) -> Path:
    """A 2 km straight run north, starting now, with an even climb over its second kilometre
    (today's run counts for today's ladder stage)."""
    start = datetime.now(UTC).replace(microsecond=0)
    points = []
    for index in range(201):
        metres = index * 10
        elevation = 50 + max(0.0, metres - 1000) / 1000 * climb_m
        latitude = 51.0 + metres / 111_195
        points.append(
            f'<trkpt lat="{latitude:.7f}" lon="0.0"><ele>{elevation:.1f}</ele>'
            f"<time>{(start + timedelta(seconds=index)).isoformat()}</time></trkpt>"
        )
    path = tmp_path / "run.gpx"
    path.write_text(FLAT_GPX.format(points="\n".join(points)), encoding="utf-8")
    return path


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    return write(tmp_path / "runner.yaml", RUNNER_PROFILE)


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_log_saves_a_check_in_and_starts_the_ladder(runner: CliRunner, profile: Path) -> None:
    code, out, _ = run(
        runner, "log", "--pain", "2", "--running", "1", "--psfs", "climbing stairs=6",
        "--thomas-left", "above", "--profile", str(profile), "--json",
    )  # fmt: skip
    assert code == 0
    body = json.loads(out)
    assert body["check_in"]["pain_during"]["running"] == 1
    assert body["check_in"]["psfs"] == [{"activity": "climbing stairs", "score": 6}]
    assert [change["kind"] for change in body["changes"]] == ["ladder-start"]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--pain", "11"], "--pain"),
        (["--pain", "2", "--thomas-left", "sideways"], "thomas_left"),
        (["--pain", "2", "--psfs", "stairs"], "--psfs"),
        (["--pain", "2", "--red-flag", "headache"], "red_flags"),
        (["--pain", "2", "--on", "2999-01-01"], "on"),
        (["--pain", "2", "--on", "yesterday"], "on"),
    ],
)
def test_bad_input_exits_2_naming_the_field_and_saves_nothing(
    runner: CliRunner, profile: Path, args: list[str], field: str
) -> None:
    code, out, err = run(runner, "log", *args, "--profile", str(profile))
    assert code == 2
    assert field in err
    assert "Traceback" not in out + err
    code, out, _ = run(runner, "progress", "--profile", str(profile), "--json")
    assert json.loads(out)["check_ins"] == []


def test_a_red_flag_in_a_check_in_stops_the_plan(runner: CliRunner, profile: Path) -> None:
    code, out, _ = run(
        runner, "log", "--pain", "1", "--red-flag", "fever", "--profile", str(profile)
    )
    assert code == 0
    assert "stop: You reported fever" in out
    code, out, _ = run(runner, "plan", "--profile", str(profile), "--json")
    plan = json.loads(out)
    assert plan["status"] == "urgent-care"
    assert plan["phases"] == []


def test_activity_import_reports_terrain_and_flags_a_hill_on_a_flat_stage(
    runner: CliRunner, profile: Path, tmp_path: Path
) -> None:
    run(runner, "log", "--pain", "1", "--profile", str(profile))
    code, out, err = run(
        runner, "activity", "import", str(gpx(tmp_path, climb_m=80)), "--json",
        "--profile", str(profile),
    )  # fmt: skip
    assert code == 0, err
    [summary] = json.loads(out)["activities"]
    assert 1900 < summary["distance_m"] < 2100
    assert summary["hilly"] is True
    assert summary["terrain"] == "hilly"
    assert 60 < summary["elevation_gain_m"] < 100
    for key in ISSUE_16_FIELDS:
        assert key in summary, key
    assert summary["already_imported"] is False
    code, out, _ = run(runner, "progress", "--profile", str(profile))
    assert "was hilly terrain, beyond what the ladder's stage allowed" in out


ISSUE_16_FIELDS = (
    "sport", "started_at", "duration_s", "distance_m", "elevation_gain_m",
    "max_sustained_grade_pct", "terrain", "hilly", "counts_as", "already_imported", "notes",
)  # fmt: skip


def test_importing_the_same_file_again_says_so_and_exits_0(
    runner: CliRunner, profile: Path, tmp_path: Path
) -> None:
    file = str(gpx(tmp_path, climb_m=10))
    args = ("activity", "import", file, "--json", "--profile", str(profile))
    code, out, err = run(runner, *args)
    assert code == 0, err
    [first] = json.loads(out)["activities"]
    code, out, err = run(runner, *args)
    assert code == 0, err
    [again] = json.loads(out)["activities"]
    assert again["already_imported"] is True
    assert again["id"] == first["id"]
    code, out, _ = run(runner, "activity", "import", file, "--profile", str(profile))
    assert "already imported, not stored again" in out
    _, out, _ = run(runner, "progress", "--profile", str(profile), "--json")
    assert len(json.loads(out)["runs"]) == 1


def test_a_bad_activity_file_exits_2_and_stores_nothing(
    runner: CliRunner, profile: Path, tmp_path: Path
) -> None:
    bad = write(tmp_path / "run.gpx", "<gpx><trk><trkseg><trkpt lat='1' lon='2'>")
    code, out, err = run(runner, "activity", "import", str(bad), "--profile", str(profile))
    assert code == 2
    assert "run.gpx" in err
    assert "Traceback" not in out + err
    _, out, _ = run(runner, "progress", "--profile", str(profile), "--json")
    assert json.loads(out)["runs"] == []


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_report_writes_the_charts(
    runner: CliRunner, profile: Path, tmp_path: Path, suffix: str
) -> None:
    run(runner, "log", "--pain", "3", "--profile", str(profile))
    out_file = tmp_path / f"report{suffix}"
    code, _out, err = run(runner, "report", "--out", str(out_file), "--profile", str(profile))
    assert code == 0, err
    data = out_file.read_bytes()
    if suffix == ".png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    else:
        assert b"<svg" in data
        assert b"Pain" in data


def test_report_refuses_other_formats(runner: CliRunner, profile: Path, tmp_path: Path) -> None:
    code, _, err = run(
        runner, "report", "--out", str(tmp_path / "r.jpg"), "--profile", str(profile)
    )
    assert code == 2
    assert "--out" in err
