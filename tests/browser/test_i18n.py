"""A French reader switches language in a real Chromium: the switch keeps the page and its
query, the page's language is declared, and the filters work in French."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_dashboard import ARTIFACTS, browser, server  # noqa: F401 (fixtures)
from tests.conftest import needs_depositary

pytestmark = pytest.mark.browser


@needs_depositary
def test_switching_language_keeps_the_page(server: str, browser: object) -> None:  # noqa: F811
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(server + "/states/LAO")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Français").click()
    expect(page).to_have_url(server + "/fr/states/LAO")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_contain_text("Laos")
    expect(page.get_by_role("link", name="États", exact=True)).to_be_visible()
    expect(page.locator("h2").first).to_have_text("Situation aujourd'hui")
    page.screenshot(path=str(ARTIFACTS / "i18n-fr-state-lao.png"), full_page=False)

    # The French states table, filtered with its French form, then the same in Spanish.
    page.get_by_role("link", name="États", exact=True).click()
    page.get_by_label("À la date du").fill("2011-09-16")
    page.get_by_label("Région").select_option(label="Asie")
    page.get_by_role("button", name="Appliquer").click()
    expect(page).to_have_url(re.compile(r"/fr/states\?.*as_of=2011-09-16.*region=Asia"))
    expect(page.locator("h1")).to_contain_text("16 septembre 2011")
    french_rows = page.locator("#states tbody tr").count()
    assert french_rows > 0
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="Español").click()
    expect(page).to_have_url(re.compile(r"/es/states\?.*region=Asia"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_contain_text("16 de septiembre de 2011")
    assert page.locator("#states tbody tr").count() == french_rows
    assert not problems, problems
    page.close()
