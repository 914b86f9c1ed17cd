"""The compliance view in a real Chromium at phone width: the as-of picker, the matrix that
scrolls inside its own box while the page never scrolls sideways, and a cell's one click to
the state's obligations. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_dashboard import ARTIFACTS, browser, server  # noqa: F401 (fixtures)
from tests.conftest import needs_depositary

pytestmark = pytest.mark.browser
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@needs_depositary
def test_compliance_on_a_phone(server: str, browser: object) -> None:  # noqa: F811
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    # From the site navigation.
    page.goto(server + "/deadlines")
    expect(page.locator("#reports")).to_contain_text("Article 7")
    page.get_by_role("link", name="Compliance", exact=True).click()
    expect(page).to_have_url(server + "/compliance")
    expect(page.locator("h1")).to_contain_text("Compliance")
    assert page.evaluate(SIDEWAYS) <= 0, "the page scrolls sideways at 390 px"

    # One treaty, on another day, with the GET form.
    page.get_by_label("Treaty").select_option("CCM")
    page.get_by_label("As of").fill("2015-06-01")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"treaty=CCM.*as_of=2015-06-01"))
    expect(page.locator("h1")).to_contain_text("as of 2015-06-01")
    expect(page.locator("svg.chart.share")).to_be_visible()
    matrix = page.locator("#matrix-CCM")
    expect(matrix).to_be_visible()
    assert matrix.locator("tbody tr").count() > 0
    assert page.evaluate(SIDEWAYS) <= 0, "the page scrolls sideways at 390 px"
    # The matrix is wider than the phone and scrolls inside its own box.
    box = page.locator(".scroll.matrix").first
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    box.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    assert box.evaluate("e => e.scrollLeft") > 0
    assert page.evaluate("window.scrollX") == 0
    page.screenshot(path=str(ARTIFACTS / "06-compliance-phone.png"), full_page=False)

    # A cell is one click from the state's obligations and their sources.
    cell = matrix.locator("tbody a.badge").first
    title = cell.get_attribute("title")
    assert title and "Art." in title  # the basis, on hover or long press
    href = cell.get_attribute("href")
    assert href and re.fullmatch(r"/states/[A-Z]{3}#obligations", href)
    cell.click()
    expect(page).to_have_url(server + href)
    expect(page.locator("h2#obligations")).to_be_visible()

    assert not problems, problems  # no CSP violations, no script errors, no missing assets
    context.close()
