"""The house style, checked on drawn charts: contrast, font sizes, fonts and distinct looks."""

import pytest

from psoas.charts import Band, Chart, climb_pain_scatter, line_chart, run_chart, weekly_bars
from psoas.charts import theme as house
from tests.charts.reading import NS, parse
from tests.charts.samples import run, series, weeks


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def sample_charts() -> list[Chart]:
    return [
        line_chart(
            [series("Pain now", [6, 3]), series("Run", [7, 5])], title="P", band=Band(baseline=6)
        ),
        weekly_bars(weeks([(2, 3), (4, 4)]), title="W"),
        run_chart([run(0, "flat", pain_after=2), run(3, "hilly", climb_m=300)], title="R"),
        climb_pain_scatter([run(0, "rolling", climb_m=90, pain_after=4)], title="S"),
    ]


def test_contrast_ratio_matches_known_pairs() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_text_colours_meet_wcag_aa_on_white() -> None:
    for colour in house.TEXT_COLOURS:
        assert contrast(colour, house.BACKGROUND) >= 4.5, colour
    # Counts written inside the bars are white on the bar colour.
    assert contrast(house.BACKGROUND, house.SERIES_LOOKS[0].colour) >= 4.5


def test_every_text_drawn_is_at_least_12_px_in_a_text_colour() -> None:
    for chart in sample_charts():
        for text in parse(chart.svg).iter(f"{NS}text"):
            assert float(text.get("font-size", "0")) >= 12, text.text
            assert text.get("fill") in (*house.TEXT_COLOURS, house.BACKGROUND), text.text


def test_marks_stand_out_from_white_at_3_to_1() -> None:
    looks = [*house.SERIES_LOOKS, *house.CLIMB_LOOKS.values()]
    for look in looks:
        assert contrast(look.colour, house.BACKGROUND) >= 3, look


def test_colour_is_never_the_only_difference() -> None:
    assert len({(look.shape, look.dash) for look in house.SERIES_LOOKS}) == len(house.SERIES_LOOKS)
    assert len({look.shape for look in house.SERIES_LOOKS}) == len(house.SERIES_LOOKS)
    assert len({look.shape for look in house.CLIMB_LOOKS.values()}) == len(house.CLIMB_LOOKS)


def test_charts_scale_to_any_width_and_name_the_system_fonts() -> None:
    for chart in sample_charts():
        root = parse(chart.svg)
        assert root.get("viewBox") == f"0 0 {chart.width} {chart.height}"
        assert (root.get("width"), root.get("height")) == (str(chart.width), str(chart.height))
        assert root.get("font-family", "").startswith("system-ui, -apple-system")


def test_title_and_desc_label_the_picture_with_ids_unique_per_chart() -> None:
    ids = set()
    for chart in sample_charts():
        root = parse(chart.svg)
        assert root.get("role") == "img"
        title_id, desc_id = root.get("aria-labelledby", "").split()
        assert root.find(f"{NS}title[@id='{title_id}']") is not None
        desc = root.find(f"{NS}desc[@id='{desc_id}']")
        assert desc is not None
        assert desc.text == chart.summary
        ids.add(title_id)
    assert len(ids) == 4
