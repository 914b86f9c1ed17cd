"""A reader's visit in a real Chromium: overview, an as-of date, a filtered table, a state,
a statement search and a CSV download. Screenshots go to test-artifacts/ for a human look."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT, needs_depositary
from tests.live_server import serving

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real app under uvicorn on a free loopback port, in a thread of this process."""
    from treatywatch.store.build import build

    db = tmp_path_factory.mktemp("browser") / "site.sqlite"
    build(str(db), Path(os.environ.get("TREATYWATCH_TEST_DATA", DATA)))
    with serving(str(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: apt-get install -y chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@needs_depositary
def test_a_readers_visit(server: str, browser: object, tmp_path: Path) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    # The overview: headline figures, the chart and the map, as of today.
    page.goto(server + "/")
    expect(page.locator("h1")).to_contain_text("The treaties today")
    expect(page.locator("svg.chart").first).to_be_visible()
    expect(page.locator("svg.map")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "01-home.png"), full_page=True)

    # The states table: pick an as-of date and filter by region, with the GET form.
    page.get_by_role("link", name="States", exact=True).click()
    page.get_by_label("As of").fill("2011-09-16")
    page.get_by_label("Region").select_option("Asia")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"as_of=2011-09-16.*region=Asia"))
    expect(page.locator("h1")).to_contain_text("as of 2011-09-16")
    rows = page.locator("#states tbody tr")
    assert rows.count() > 0
    regions = page.locator("#states tbody tr td:nth-child(2)").all_inner_texts()
    assert set(regions) == {"Asia"}
    # The JavaScript enhancement sorts in place: headings became buttons.
    page.locator("#states thead button", has_text="State").click()
    expect(page.locator("#states thead th").first).to_have_attribute("aria-sort", "descending")
    page.screenshot(path=str(ARTIFACTS / "02-states-asia-2011.png"), full_page=True)

    # A CSV of exactly the filtered table.
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").first.click()
    csv_path = tmp_path / "states.csv"
    info.value.save_as(csv_path)
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("iso3,state,region")
    assert len(lines) - 1 == rows.count()

    # A state's page, by clicking it.
    page.locator("#states tbody a", has_text="Lao").first.click()
    expect(page).to_have_url(server + "/states/LAO")
    expect(page.locator("h1")).to_contain_text("LAO")
    page.screenshot(path=str(ARTIFACTS / "03-state-lao.png"), full_page=True)

    # Statement search.
    page.get_by_role("link", name="Statements", exact=True).click()
    page.get_by_label("Speaker").fill("Lao DPR")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".count")).to_contain_text("statements")
    page.screenshot(path=str(ARTIFACTS / "04-statements.png"), full_page=True)

    # Phone width: the overview still reads.
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(server + "/states")
    expect(phone.locator("h1")).to_be_visible()
    phone.screenshot(path=str(ARTIFACTS / "05-states-phone.png"), full_page=False)
    phone.close()

    assert not problems, problems  # no CSP violations, no script errors, no missing assets
    context.close()
