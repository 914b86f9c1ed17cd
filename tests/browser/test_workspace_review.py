"""An editor reviews a candidate in a real Chromium: signs in, opens the queue after `ingest`
of a seed document, sees the candidate's words marked in the document's text, accepts it
with a comment, and finds the entry in the audit log. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.test_dashboard import ARTIFACTS, browser  # noqa: F401 (fixture)
from tests.conftest import DATA, SEEDS, needs_extractor
from tests.live_server import serving

pytestmark = [pytest.mark.browser, needs_extractor]
PASSWORD = "a long enough password"
SEED_004 = SEEDS / "004_bb41aa2810c924ff.txt"  # the CCM's Second Meeting of States Parties
COMMENT = "the report says Eswatini acceded"


@pytest.fixture(scope="module")
def review_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app with its workspace under uvicorn on a free loopback port, a seed document
    ingested, and an editor's account; the URL and the database."""
    from treatywatch.ingest.store import ingest
    from treatywatch.store.build import build
    from treatywatch.store.db import engine
    from treatywatch.workspace import accounts

    db = str(tmp_path_factory.mktemp("browser-review") / "site.sqlite")
    build(db, DATA)
    with serving(db, workspace=True) as url:  # the app migrates the workspace's tables
        assert ingest(engine(db), [SEED_004]).candidates > 0
        accounts.add(engine(db), "ed", PASSWORD, "editor")
        yield url, db


def test_an_editor_accepts_a_candidate_and_the_audit_log_shows_it(
    review_server: tuple[str, str],
    browser: object,  # noqa: F811
) -> None:
    from playwright.sync_api import Browser, expect

    from treatywatch.ingest.store import candidates
    from treatywatch.store.db import engine

    assert isinstance(browser, Browser)
    server, db = review_server
    [cand] = [c for c in candidates(engine(db), kind="action") if c.payload["state"] == "SWZ"]
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto(server + "/workspace/review")
    expect(page).to_have_url(f"{server}/workspace/login?next=/workspace/review")
    page.get_by_label("Account name").fill("ed")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_have_text("Review the candidates")
    row = page.locator("table.review-queue tr", has_text="SWZ accession")
    expect(row).to_have_count(1)

    row.get_by_role("link", name=str(cand.id)).click()
    expect(page.locator("h1")).to_contain_text("Review:")
    marks = page.locator(f'mark[data-candidates~="{cand.id}"]')
    expect(marks.first).to_be_visible()
    assert "".join(marks.all_text_contents()) == cand.quote
    article = page.locator(f"#candidate-{cand.id}")
    expect(article).to_contain_text("SWZ accession")
    page.screenshot(path=str(ARTIFACTS / "22-workspace-review-document.png"), full_page=False)

    article.get_by_label(f"Candidate {cand.id}: action").check()
    page.get_by_label("Why (comment, kept in the audit log)").fill(COMMENT)
    page.get_by_role("button", name="Accept the chosen").click()
    expect(page.get_by_role("status")).to_contain_text(f"Accepted 1 candidate ({cand.id}).")
    expect(page.locator(f"#candidate-{cand.id}")).to_contain_text("accepted")

    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Audit log").click()
    entry = page.locator("table.audit tr", has_text=f"candidate:{cand.id}")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("candidate.accept")
    expect(entry).to_contain_text(COMMENT)
    expect(entry).to_contain_text("ed")
    page.screenshot(path=str(ARTIFACTS / "23-workspace-audit-after-review.png"), full_page=False)
    assert problems == []
