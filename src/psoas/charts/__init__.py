"""Server-drawn SVG charts of progress: pain, sessions, PSFS, Thomas self-checks and runs.

A presentation adapter: pure functions from frozen values to SVG text and plain-language
summaries. No files, network or clock; PNG conversion is in png.py.
"""

from psoas.charts.category import category_chart
from psoas.charts.chart import Chart
from psoas.charts.line import line_chart
from psoas.charts.png import svg_to_png
from psoas.charts.report import report_svg
from psoas.charts.runs import run_chart
from psoas.charts.scatter import climb_pain_scatter
from psoas.charts.series import (
    THOMAS_LEVELS,
    Band,
    CategoryLevel,
    CategoryPoint,
    CategorySeries,
    ClimbClass,
    DatedValue,
    RunPoint,
    Series,
    WeekCount,
)
from psoas.charts.weekly import weekly_bars

__all__ = [
    "THOMAS_LEVELS",
    "Band",
    "CategoryLevel",
    "CategoryPoint",
    "CategorySeries",
    "Chart",
    "ClimbClass",
    "DatedValue",
    "RunPoint",
    "Series",
    "WeekCount",
    "category_chart",
    "climb_pain_scatter",
    "line_chart",
    "report_svg",
    "run_chart",
    "svg_to_png",
    "weekly_bars",
]
