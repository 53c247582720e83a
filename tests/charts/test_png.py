import pytest

from psoas.charts import line_chart, svg_to_png
from tests.charts.reading import png_size
from tests.charts.samples import series


def test_a_chart_becomes_a_png_of_its_own_size() -> None:
    chart = line_chart([series("Pain now", [6, 3])], title="Pain")
    assert png_size(svg_to_png(chart.svg)) == (640, 320)


def test_a_width_scales_the_picture_keeping_its_shape() -> None:
    chart = line_chart([series("Pain now", [6, 3])], title="Pain")
    assert png_size(svg_to_png(chart.svg, width_px=360)) == (360, 180)


def test_bad_svg_or_width_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="could not draw the SVG as PNG"):
        svg_to_png("<svg")
    with pytest.raises(ValueError, match="width_px must be at least 1, got 0"):
        svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', width_px=0)
