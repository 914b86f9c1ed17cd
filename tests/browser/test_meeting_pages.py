"""A reader's look at a meeting in a real Chromium at phone width: Beirut's short list says
it is partial and how many the sources count, the statement facets narrow the search with a
tap, and a state's attendance chart fits the screen."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.test_dashboard import browser, server  # noqa: F401 (fixtures)
from tests.browser.test_pages_phone import PHONE, SIDEWAYS, SMALLEST_CHART_TEXT, _watch

pytestmark = pytest.mark.browser


def test_a_meeting_its_statements_and_a_states_attendance_on_a_phone(
    server: str,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = _watch(page)

    page.goto(server + "/events/ccm-2msp")
    notice = page.locator("p.notice.partial-list")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("This list is partial.")
    expect(notice).to_contain_text("more than 120 (seed-004)")
    checks = page.locator("table.checks tbody tr")
    assert checks.count() >= 3
    expect(page.locator("#next + p a")).to_be_visible()
    assert page.evaluate(SIDEWAYS) <= 0

    page.goto(server + "/statements?q=CCW")
    first = page.locator("#facet-topic li").first
    label = first.locator("a").inner_text()
    count = int(first.locator(".n").inner_text())
    first.locator("a").click()
    expect(page).to_have_url(re.compile(r"q=CCW.*topic=|topic=.*q=CCW"))
    expect(page.locator("#facet-topic li.selected a")).to_have_text(label)
    noun = "statement." if count == 1 else "statements"
    expect(page.locator("p.count")).to_contain_text(f"{count} {noun}")
    assert page.evaluate(SIDEWAYS) <= 0

    page.goto(server + "/states/LAO")
    chart = page.locator("figure.attendance svg.chart")
    expect(chart).to_be_visible()
    assert page.evaluate(SIDEWAYS) <= 0
    smallest = page.evaluate(SMALLEST_CHART_TEXT)
    assert smallest is None or smallest >= 11
    assert not problems, problems
    context.close()
