from psoas.charts import Chart, line_chart, report_svg, svg_to_png, weekly_bars
from tests.charts.reading import NS, parse, png_size, texts
from tests.charts.samples import series, weeks


def charts() -> list[Chart]:
    return [
        line_chart([series("Pain now", [6, 3])], title="Pain"),
        weekly_bars(weeks([(2, 3), (3, 3)]), title="Sessions per week"),
    ]


def test_report_stacks_each_chart_under_its_heading_with_its_summary() -> None:
    pain, sessions = charts()
    root = parse(report_svg("Progress <report>", [pain, sessions], subtitle="March 2025"))
    assert root.findtext(f"{NS}title") == "Progress <report>"
    headings = [el.text for el in root.iter(f"{NS}text") if el.get("font-weight") == "bold"]
    assert headings == ["Progress <report>", "Pain", "Sessions per week"]
    nested = list(root.iter(f"{NS}svg"))[1:]
    assert [float(el.get("y", "")) for el in nested] == sorted(
        float(el.get("y", "")) for el in nested
    )
    assert float(nested[1].get("y", "")) >= float(nested[0].get("y", "")) + pain.height
    words = " ".join(texts(root))
    assert pain.summary in words
    assert sessions.summary in words
    assert "March 2025" in texts(root)
    # No namespace prefixes leak in from the nested charts.
    assert "ns0:" not in report_svg("R", [pain])


def test_long_summaries_are_wrapped_inside_the_page() -> None:
    pain = line_chart([series(f"Activity number {i}", [2, 6]) for i in range(5)], title="PSFS")
    svg = report_svg("R", [pain])
    root = parse(svg)
    width = float(root.get("width", ""))
    lines = [
        el
        for el in root.iter(f"{NS}text")
        if el.text and "Activity number" in el.text and "went" in el.text
    ]
    assert len(lines) >= 3
    assert all(float(el.get("x", "")) == 24 for el in lines)
    assert width == 640 + 48


def test_report_renders_to_png_at_its_full_height() -> None:
    svg = report_svg("Progress", charts())
    height = int(parse(svg).get("height", ""))
    assert height > 2 * 320
    assert png_size(svg_to_png(svg)) == (688, height)


def test_an_empty_report_still_has_its_title() -> None:
    root = parse(report_svg("Progress", []))
    assert texts(root) == ["Progress"]
