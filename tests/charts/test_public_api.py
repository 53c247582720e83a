import inspect

import pytest
from pydantic import ValidationError

import psoas.charts
from psoas.charts import Band, RunPoint


def test_public_surface_is_pinned() -> None:
    assert sorted(psoas.charts.__all__) == sorted(
        [
            "THOMAS_LEVELS", "Band", "CategoryLevel", "CategoryPoint", "CategorySeries", "Chart",
            "ClimbClass", "DatedValue", "RunPoint", "Series", "WeekCount", "category_chart",
            "climb_pain_scatter", "line_chart", "report_svg", "run_chart", "svg_to_png",
            "weekly_bars",
        ]
    )  # fmt: skip


def test_chart_functions_take_data_first_then_keywords_only() -> None:
    for name in ("line_chart", "weekly_bars", "category_chart", "run_chart", "climb_pain_scatter"):
        parameters = list(inspect.signature(getattr(psoas.charts, name)).parameters.values())
        assert parameters[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters[1:]), name


def test_band_defaults_to_the_two_point_change_that_matters() -> None:
    band = Band(baseline=6)
    assert (band.low, band.high, band.meaning) == (4, 8, "change that matters")


def test_pain_after_a_run_is_a_0_to_10_score() -> None:
    with pytest.raises(ValidationError):
        RunPoint.model_validate(
            {
                "date": "2025-03-03",
                "distance_km": 5,
                "climb_m": 10,
                "climb_class": "flat",
                "pain_after": 11,
            }
        )
