"""What other code and content rely on: the public names, the summary's fields, the YAML."""

import inspect
from pathlib import Path

import yaml

import psoas.activities
from psoas.activities import read_activities, read_activity
from psoas.domain.activity import ActivitySummary, TerrainParameters
from tests.activities.conftest import TERRAIN_YAML, terrain_parameters

SOURCES_YAML = Path(__file__).resolve().parents[2] / "content" / "sources.yaml"


def test_the_public_surface_is_pinned() -> None:
    assert psoas.activities.__all__ == [
        "ActivityFileError",
        "ByteSource",
        "read_activities",
        "read_activity",
    ]
    for function in (read_activities, read_activity):
        parameters = inspect.signature(function).parameters
        assert list(parameters) == ["stream", "parameters", "name"]
        assert parameters["parameters"].kind is inspect.Parameter.KEYWORD_ONLY
        assert parameters["name"].default == ""


def test_the_summary_fields_are_the_json_the_cli_prints() -> None:
    assert list(ActivitySummary.model_fields) == [
        "format",
        "sport",
        "counts_as",
        "point_count",
        "started_at",
        "duration_s",
        "moving_time_s",
        "distance_m",
        "elevation_gain_m",
        "device_elevation_gain_m",
        "max_sustained_grade_pct",
        "hilly",
        "terrain",
        "notes",
    ]


def test_terrain_yaml_holds_every_parameter_with_a_unit_and_a_known_source() -> None:
    data = yaml.safe_load(TERRAIN_YAML.read_text("utf-8"))
    assert set(data) == set(TerrainParameters.model_fields)
    known = {source["id"] for source in yaml.safe_load(SOURCES_YAML.read_text("utf-8"))}
    parameters = terrain_parameters()
    for field in TerrainParameters.model_fields:
        parameter = getattr(parameters, field)
        assert set(parameter.sources) <= known, field
        # Without a source, a number must say it is the product's own choice.
        assert parameter.sources or "product" in parameter.description, field


def test_the_terrain_thresholds_cite_why_hills_matter_and_say_they_are_product_thresholds() -> None:
    parameters = terrain_parameters()
    for threshold in (
        parameters.hilly_grade_pct,
        parameters.hilly_climb_m_per_km,
        parameters.rolling_grade_pct,
        parameters.rolling_climb_m_per_km,
    ):
        assert threshold.sources == ("roberts-belliveau-2005",)
        assert "product threshold" in threshold.description
    # Long enough that a 3 % grade (15 m) is above GPS altitude noise; see terrain.yaml.
    assert parameters.grade_window_m.value == 500
