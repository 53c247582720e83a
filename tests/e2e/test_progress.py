"""Progress in a real browser on a phone screen: log a check-in by the form, see it charted."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Server, screenshot
from tests.e2e.test_journey import complete_check_in

pytestmark = pytest.mark.e2e


def test_a_check_in_by_form_shows_on_the_charts(
    start_server: Callable[..., Server], page: Page
) -> None:
    server = start_server()
    complete_check_in(page, server)
    page.click("nav summary")  # the menu, on a phone
    page.click('nav a[href="/progress"]')
    page.click('a[href="/progress/check-in"] >> nth=0')
    page.fill("#pain_now", "3")
    page.fill("#pain_during-running", "2")
    page.fill("#psfs-0-activity", "Running 5 km")
    page.fill("#psfs-0-score", "6")
    page.check("#thomas_left-above")
    page.click("button[type=submit]")

    expect(page).to_have_url(f"{server.url('/progress')}?logged=1&changes=1")
    expect(page.locator("#saved")).to_contain_text("is saved")
    expect(page.locator("figure.chart")).to_have_count(7)
    pain = page.locator("figure.chart").first
    expect(pain.locator(".chart-narrow svg")).to_be_visible()
    expect(pain.locator(".chart-wide svg")).to_be_hidden()
    expect(pain.locator("figcaption")).to_contain_text("Pain now")
    expect(page.locator("figure.chart", has_text="PSFS")).to_contain_text("Running 5 km")
    # Readable on a phone: every chart fits the 360 px screen, no sideways scrolling.
    for svg in page.locator("figure.chart svg:visible").all():
        box = svg.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Drawn for the width: no chart text is under 11 px as shown, on a phone or a desktop.
    assert min(rendered_text_px(page)) >= 11
    # A runner with pain starts the return-to-run ladder.
    expect(page.locator('[aria-current="step"]')).to_contain_text("since")
    screenshot(page, "progress-1-dashboard")
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(pain.locator(".chart-wide svg")).to_be_visible()
    expect(pain.locator(".chart-narrow svg")).to_be_hidden()
    assert min(rendered_text_px(page)) >= 11
    screenshot(page, "progress-2-dashboard-wide")


# Each chart text's font size times the scale its SVG is drawn at: the size a person sees.
RENDERED_TEXT_PX = """() => Array.from(document.querySelectorAll("figure.chart svg text"))
  .filter(text => text.getClientRects().length > 0)
  .map(text => parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a)"""


def rendered_text_px(page: Page) -> list[float]:
    sizes: list[float] = page.evaluate(RENDERED_TEXT_PX)
    assert sizes, "no chart text is shown"
    return sizes
