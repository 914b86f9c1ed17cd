"""Every page in a real Chromium at 1366 and 390 px: screenshots of each go to
test-artifacts/screens/ for a human look, and at phone width no page scrolls sideways, chart
text stays readable and tables keep their columns in view."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.test_dashboard import ARTIFACTS, browser, server  # noqa: F401 (fixtures)
from tests.conftest import needs_depositary

pytestmark = pytest.mark.browser
SCREENS = ARTIFACTS / "screens"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
#: (screenshot name, address): every page of the site.
PAGES = (
    ("home", "/"),
    ("states", "/states"),
    ("state-lao", "/states/LAO"),
    ("treaty-ccm", "/treaties/CCM"),
    ("treaty-apmbc", "/treaties/APMBC"),
    ("events", "/events"),
    ("event-dublin", "/events/dublin-2008"),
    ("statements", "/statements"),
    ("deadlines", "/deadlines"),
    ("compliance", "/compliance"),
    ("sources", "/sources"),
    ("source", "/sources/seed-001"),
    ("conflicts", "/conflicts"),
    ("downloads", "/downloads"),
)
SIDEWAYS = "document.documentElement.scrollWidth - window.innerWidth"
#: The smallest chart text on the page, in CSS pixels as drawn (after any SVG scaling).
SMALLEST_CHART_TEXT = """() => {
  const sizes = [...document.querySelectorAll("svg.chart text")]
    .filter(t => t.getBoundingClientRect().width > 0)
    .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  return sizes.length ? Math.min(...sizes) : null;
}"""


def _watch(page: Any) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


@needs_depositary
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_every_page_fits_and_is_photographed(
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
    viewport: dict[str, int],
) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems = _watch(page)
    wide: dict[str, int] = {}
    for name, url in PAGES:
        response = page.goto(server + url)
        assert response is not None and response.status == 200, url
        page.screenshot(path=str(SCREENS / f"{name}-{viewport['width']}.png"), full_page=True)
        if over := page.evaluate(SIDEWAYS):
            wide[url] = over
        smallest = page.evaluate(SMALLEST_CHART_TEXT)
        assert smallest is None or smallest >= 11, f"{url}: chart text of {smallest:.1f}px"
    assert not wide, f"pages that scroll sideways at {viewport['width']} px (px too wide): {wide}"
    assert not problems, problems  # no CSP violations, no script errors, no missing assets
    context.close()


@needs_depositary
def test_deadlines_on_a_phone_are_compact_and_show_their_status(
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server + "/deadlines")
    rows = page.locator("table.obligations tbody tr")
    assert rows.count() > 3
    heights = rows.evaluate_all("rs => rs.map(r => r.getBoundingClientRect().height)")
    assert max(heights) <= 130, f"rows up to {max(heights):.0f}px tall"
    statuses = page.locator('table.obligations td[data-label="Status"] .badge')
    assert statuses.count() > 3
    right = statuses.evaluate_all("bs => Math.max(...bs.map(b => b.getBoundingClientRect().right))")
    assert right <= PHONE["width"], "the Status column is cut off"
    context.close()


@needs_depositary
def test_a_state_page_on_a_phone_keeps_dates_on_one_line(
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server + "/states/LAO")
    assert page.evaluate(SIDEWAYS) <= 0
    dates = page.locator("td.date:not(:empty), ol.timeline time")
    assert dates.count() > 5
    wrapped = dates.evaluate_all(
        """ds => ds.filter(d => {
             const r = document.createRange(); r.selectNodeContents(d);
             const tops = [...r.getClientRects()].map(b => b.top);
             return Math.max(...tops) - Math.min(...tops) > 10; }).map(d => d.textContent)"""
    )
    assert not wrapped, f"dates that wrap: {wrapped}"
    # The obligations are the state's own: no State column repeating it.
    headings = page.locator("table.obligations thead th").all_inner_texts()
    assert headings and "State" not in headings
    context.close()


@needs_depositary
def test_the_map_has_an_as_of_picker(server: str, browser: Any) -> None:  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server + "/")
    page.get_by_label("As of").fill("2009-01-01")
    page.locator("form[aria-label^='Choose the map'] button").click()
    expect(page.locator("#map-h")).to_contain_text("as of 2009-01-01")
    lao = page.locator('svg.map [data-iso3="LAO"]')
    expect(lao).to_have_class("st-signatory")
    assert page.evaluate(SIDEWAYS) <= 0
    context.close()
