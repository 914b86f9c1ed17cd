"""A focal point files an Article 7 report in a real Chromium: signs in, fills in the forms
generated from the treaty's schema, makes one form restricted, submits; then the public page
shows the public forms and not the restricted one. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.test_dashboard import ARTIFACTS, browser  # noqa: F401 (fixture)
from tests.conftest import DATA
from tests.live_server import serving

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"
SECRET = "Depot Nine at Xieng Khouang"


@pytest.fixture(scope="module")
def workspace_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with its workspace under uvicorn on a free loopback port, with Lao PDR's
    focal point's account."""
    from treatywatch.store.build import build
    from treatywatch.store.db import engine
    from treatywatch.workspace import accounts

    db = str(tmp_path_factory.mktemp("browser-reports") / "site.sqlite")
    build(db, DATA)
    with serving(db, workspace=True) as url:  # the app migrates the workspace's tables
        accounts.add(engine(db), "fp-lao", PASSWORD, "focal-point", "LAO")
        yield url


def test_a_focal_point_files_a_report_with_one_form_restricted(
    workspace_server: str,
    browser: object,  # noqa: F811
) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    ARTIFACTS.mkdir(exist_ok=True)
    server = workspace_server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(server + "/workspace/reports")
    expect(page).to_have_url(f"{server}/workspace/login?next=/workspace/reports")
    page.get_by_label("Account name").fill("fp-lao")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text("Article 7 reports")

    page.get_by_label("Treaty").select_option("CCM")
    page.get_by_label("Report", exact=True).select_option("annual")
    page.get_by_label("Year covered (annual)").fill("2025")
    page.get_by_role("button", name="Begin the draft").click()
    expect(page.locator("h1")).to_contain_text("covering 2025")

    page.locator('[name="f.A.measures.0.measure"]').fill("Law on the Convention, 2010")
    page.get_by_label(
        "The State Party holds or controls stockpiles of cluster munitions"
    ).select_option("yes")
    page.get_by_label("Type of cluster munition, row 1").fill("BLU-26")
    page.get_by_label("Quantity held, row 1").fill("120")
    page.get_by_label("Cluster munitions destroyed during the period covered").fill("400")
    page.locator("#form-D").get_by_label("Type, row 1").first.fill(SECRET)
    page.locator("#form-D").get_by_label("restricted").check()
    page.get_by_label(
        "The State Party has areas contaminated by cluster munition remnants"
    ).select_option("yes")
    page.get_by_label("Area cleared during the period").fill("52500")

    page.get_by_role("button", name="Check the report").click()
    expect(page.get_by_role("status")).to_contain_text("can be submitted")
    expect(page.locator("#form-D").get_by_label("restricted")).to_be_checked()
    page.screenshot(path=str(ARTIFACTS / "20-workspace-report-draft.png"), full_page=False)
    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator("h1")).to_contain_text("version 1, submitted")
    expect(page.get_by_role("status")).to_contain_text("submitted")

    # The public page: no login, the public forms, never the restricted one.
    public = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    public.goto(server + "/reports/CCM/LAO/2025")
    expect(public.locator("h1")).to_contain_text("covering 2025")
    expect(public.locator("#form-B")).to_contain_text("BLU-26")
    expect(public.locator("#form-F")).to_contain_text("52500")
    assert public.locator("#form-D").count() == 0
    assert SECRET not in public.content()
    expect(public.locator("svg.chart").first).to_be_visible()
    public.screenshot(path=str(ARTIFACTS / "21-public-report.png"), full_page=True)
    answer = public.request.get(server + "/api/v1/reports/CCM/LAO")
    assert answer.ok and SECRET not in answer.text()
    assert "D" not in answer.json()["reports"][0]["forms"]
    assert problems == []
