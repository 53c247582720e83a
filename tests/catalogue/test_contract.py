"""The content contract: what the catalogue must hold, and how the loader reports broken files."""

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from psoas.catalogue import ContentError, load_catalogue
from psoas.domain.catalogue import Catalogue
from psoas.domain.exercise import Exercise, Range

REPO_ROOT = Path(__file__).resolve().parents[2]
CONTENT = REPO_ROOT / "content"
SEEDS = REPO_ROOT.parent / "shared" / "seeds"

REQUIRED_EXERCISES = (
    "psoas-smash",
    "foam-roll-psoas",
    "half-kneeling-psoas-stretch",
    "kneeling-lunge-overhead-reach",
    "doorway-warrior-1",
    "supine-strap-hamstring-stretch",
    "seated-knee-raise-hold",
    "glute-bridge",
    "boat-pose",
    "quad-release",
    "adductor-release",
    "core-release-soft-ball",
    "walk-break",
    "modified-thomas-test",
)
RUNNER_STRETCHES = (
    "kneeling-lunge-overhead-reach",
    "doorway-warrior-1",
    "supine-strap-hamstring-stretch",
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(CONTENT)


def _pair(value: Range | None) -> tuple[int, int] | None:
    return None if value is None else (value.min, value.max)


def test_all_content_loads_with_enough_exercises(catalogue: Catalogue) -> None:
    assert len(catalogue.exercises) >= 16
    assert catalogue.sources
    assert catalogue.restrictions
    assert catalogue.check_in.questions


@pytest.mark.parametrize("exercise_id", REQUIRED_EXERCISES)
def test_required_exercise_exists(catalogue: Catalogue, exercise_id: str) -> None:
    assert exercise_id in catalogue.exercises, f"missing content/exercises/{exercise_id}.yaml"


def test_a_mini_band_exercise_exists(catalogue: Catalogue) -> None:
    with_band = [
        e.id for e in catalogue.exercises.values() if any("mini-band" in o for o in e.equipment)
    ]
    assert with_band, "no exercise uses a mini band"


def test_every_exercise_cites_known_sources(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises.values():
        assert exercise.sources, f"{exercise.id} cites no source"
        assert exercise.dose.sources, f"{exercise.id}: its dose cites no source"
        unknown = set(exercise.source_ids) - set(catalogue.sources)
        assert not unknown, f"{exercise.id} cites unknown sources {unknown}"


def _exercise(catalogue: Catalogue, exercise_id: str) -> Exercise:
    return catalogue.exercises[exercise_id]


def test_psoas_smash_dose(catalogue: Catalogue) -> None:
    dose = _exercise(catalogue, "psoas-smash").dose
    assert _pair(dose.seconds) == (60, 120), "1-2 minutes per side (psoas-smash-library)"
    assert dose.sides == "each"


def test_foam_roll_psoas_dose(catalogue: Catalogue) -> None:
    dose = _exercise(catalogue, "foam-roll-psoas").dose
    assert _pair(dose.seconds) == (60, 120), "1-2 minutes along the muscle (foam-roll-psoas-video)"
    assert dose.sides == "each"
    assert _pair(dose.per_week) == (2, 3), "2-3 times a week (foam-roll-psoas-video)"


@pytest.mark.parametrize("exercise_id", RUNNER_STRETCHES)
def test_runner_stretch_dose(catalogue: Catalogue, exercise_id: str) -> None:
    dose = _exercise(catalogue, exercise_id).dose
    assert _pair(dose.seconds) == (30, 40), "30-40 s (runners-psoas-mapmyrun)"
    assert _pair(dose.sets) == (3, 4), "3-4 times (runners-psoas-mapmyrun)"
    assert "runners-psoas-mapmyrun" in dose.sources


def test_seated_knee_raise_hold_dose(catalogue: Catalogue) -> None:
    dose = _exercise(catalogue, "seated-knee-raise-hold").dose
    assert _pair(dose.seconds) == (5, 10)
    assert _pair(dose.reps) == (5, 10)
    assert dose.sides == "each"


def test_modified_thomas_test_is_a_trend_not_a_diagnosis(catalogue: Catalogue) -> None:
    exercise = _exercise(catalogue, "modified-thomas-test")
    cautions = " ".join(exercise.cautions).lower()
    assert "32%" in cautions
    assert "57%" in cautions
    assert "trend" in cautions
    assert "vigotsky-2016-thomas" in exercise.source_ids


def test_direct_pressure_conflict_records_both_sides(catalogue: Catalogue) -> None:
    conflict = catalogue.conflicts["direct-psoas-pressure"]
    sides: dict[str, set[str]] = {}
    for position in conflict.positions:
        sides.setdefault(position.stance, set()).update(position.sources)
    assert {"foam-roll-psoas-video", "psoas-smash-library"} <= sides.get("for", set())
    assert {"stop-bullying-your-psoas", "runners-psoas-mapmyrun"} <= sides.get("against", set())
    assert {"psoas-smash", "foam-roll-psoas"} <= set(conflict.applies_to)


def test_pressure_exercises_carry_the_feature(catalogue: Catalogue) -> None:
    for exercise_id in ("psoas-smash", "foam-roll-psoas"):
        assert "direct-psoas-pressure" in _exercise(catalogue, exercise_id).features
    for exercise_id in ("quad-release", "adductor-release", "core-release-soft-ball"):
        assert "direct-psoas-pressure" not in _exercise(catalogue, exercise_id).features


def test_seed_articles_exist(catalogue: Catalogue) -> None:
    seeded = {s.id: s.seed_file for s in catalogue.sources.values() if s.seed_file}
    assert len(seeded) == 5, f"expected the five seed articles, got {sorted(seeded)}"
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent")
    missing = {sid: name for sid, name in seeded.items() if not (SEEDS / name).is_file()}
    assert not missing, f"seed files not in {SEEDS}: {missing}"


# --- Loader errors: each names the file and the field. ---------------------------------------


def _break(
    tmp_path: Path, relative: str, change: Callable[[str], str]
) -> tuple[Path, ContentError]:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    target = content / relative
    before = target.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the test did not change the file"
    target.write_text(after, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_catalogue(content)
    return target, caught.value


def _sub(pattern: str, replacement: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        return re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)

    return change


def _assert_names(error: ContentError, path: Path, *words: str) -> None:
    text = str(error)
    lines = [line for line in text.splitlines() if str(path) in line]
    assert lines, f"no problem names {path}:\n{text}"
    assert any(all(word in line for word in words) for line in lines), (
        f"no problem about {path} mentions {words}:\n{text}"
    )


def test_unknown_key_is_reported(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path, "exercises/glute-bridge.yaml", _sub(r"^phase:", "colour: red\nphase:")
    )
    _assert_names(error, path, "colour", "unknown field")


def test_id_must_match_file_name(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path, "exercises/glute-bridge.yaml", _sub(r"^id: glute-bridge$", "id: bridge")
    )
    _assert_names(error, path, ": id:", "glute-bridge", "bridge")


def test_reversed_range_is_reported(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path,
        "exercises/psoas-smash.yaml",
        _sub(r"^  seconds: \[60, 120\]$", "  seconds: [120, 60]"),
    )
    _assert_names(error, path, ": dose.seconds:", "120", "60")


def test_unknown_source_id_is_reported(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path,
        "exercises/boat-pose.yaml",
        _sub(r"^  - source: runners-psoas-mapmyrun$", "  - source: no-such-article"),
    )
    _assert_names(error, path, "sources", "no-such-article")


def test_unknown_source_id_in_rules_is_reported(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path,
        "rules/restrictions.yaml",
        _sub(r"sources: \[runners-psoas-mapmyrun\]", "sources: [made-up]"),
    )
    _assert_names(error, path, "sources", "made-up")


def test_bad_yaml_is_reported(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path, "exercises/glute-bridge.yaml", lambda text: text + "\n  - [unclosed\n"
    )
    _assert_names(error, path, "not valid YAML")


def test_missing_contraindication_implied_by_restriction_is_reported(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path, "exercises/core-release-soft-ball.yaml", _sub(r"^  - pregnancy\n", "")
    )
    _assert_names(error, path, "contraindications", "pregnancy")


def test_unknown_vocabulary_value_is_reported(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path, "exercises/quad-release.yaml", _sub(r"^  - pregnancy$", "  - pregnant")
    )
    _assert_names(error, path, "contraindications", "pregnant")


def test_unknown_source_in_progression_rules_is_reported(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path,
        "rules/progression.yaml",
        _sub(r"^  sources: \[childs-2005-nprs\]$", "  sources: [made-up]"),
    )
    _assert_names(error, path, "step_back_on_pain_rise.sources", "made-up")


def test_unknown_source_in_a_ladder_stage_is_reported(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path,
        "rules/return_to_run.yaml",
        _sub(r"^  - roberts-belliveau-2005$", "  - made-up"),
    )
    _assert_names(error, path, "sources", "made-up")


def test_a_misspelt_ladder_gate_is_reported(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path,
        "rules/return_to_run.yaml",
        lambda text: text.replace(
            "  gate:\n    days_at_least:\n      value: 7",
            "  gates_off:\n    days_at_least:\n      value: 7",
            1,
        ),
    )
    _assert_names(error, path, "gates_off")


def test_a_progression_threshold_must_be_a_number(tmp_path: Path) -> None:
    path, error = _break(
        tmp_path,
        "rules/progression.yaml",
        _sub(r"^    value: 14$", "    value: two weeks"),
    )
    _assert_names(error, path, "progress.window_days.value")
