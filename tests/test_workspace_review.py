"""Review in the browser's workspace (issue 22, item 3): the queue of what `treatywatch ingest`
read from the seed documents, a document beside its candidates with their spans marked, and
accepting, correcting and rejecting them, each with its audit entry and its conflicts kept."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DATA, SEEDS, needs_extractor
from tests.test_workspace_auth import PASSWORD, new_client, session_csrf, sign_in

pytestmark = needs_extractor
SEED_004 = SEEDS / "004_bb41aa2810c924ff.txt"  # the Second Meeting of States Parties, Beirut


@pytest.fixture(scope="module")
def review_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled record with the five seed documents ingested, and an editor, a focal
    point and an administrator."""
    from treatywatch.ingest.store import ingest
    from treatywatch.store.build import build
    from treatywatch.store.db import engine
    from treatywatch.store.migrate import upgrade
    from treatywatch.workspace import accounts

    path = str(tmp_path_factory.mktemp("review") / "review.sqlite")
    build(path, DATA)
    eng = engine(path)
    with eng.begin() as conn:
        upgrade(conn)
    report = ingest(eng, [SEEDS])
    assert len(report.added) == 5 and report.candidates > 50, report
    accounts.add(eng, "ed", PASSWORD, "editor")
    accounts.add(eng, "ed2", PASSWORD, "editor")
    accounts.add(eng, "fp-nor", PASSWORD, "focal-point", "NOR")
    return path


@pytest.fixture(scope="module")
def app(review_db: str) -> Any:
    from treatywatch.api.app import create_app

    return create_app(review_db, workspace=True)


@pytest.fixture
def editor(app: Any) -> Iterator[TestClient]:
    client = new_client(app)
    assert sign_in(client, "ed").status_code == 303
    yield client
    client.close()


def candidates(client: TestClient, **filters: Any) -> list[dict[str, Any]]:
    answer = client.get("/workspace/api/candidates", params={"per_page": 200, **filters})
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()["candidates"]
    return found


def one(client: TestClient, kind: str, **payload: Any) -> dict[str, Any]:
    """The pending candidate of ``kind`` whose payload holds ``payload``."""
    [found] = [
        c
        for c in candidates(client, kind=kind)
        if all(c["payload"].get(k) == v for k, v in payload.items())
    ]
    return found


def post_json(client: TestClient, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json=body, headers={"X-CSRF-Token": session_csrf(client)})


def form_of(client: TestClient, document: str) -> tuple[str, str]:
    page = client.get(f"/workspace/review/{document}")
    assert page.status_code == 200, page.text
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match
    return page.text, match.group(1)


def tw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "treatywatch", *args], capture_output=True, text=True, timeout=300
    )


# -- the queue ---------------------------------------------------------------------------------


def test_the_queue_lists_what_ingest_read_filtered_and_a_page_at_a_time(
    editor: TestClient,
) -> None:
    everything = candidates(editor, status="all")
    actions = candidates(editor, kind="action", status="all")
    assert {c["kind"] for c in actions} == {"action"}
    assert {c["payload"]["state"] for c in actions} >= {"AUT", "BIH", "BEL", "HUN", "SWZ"}
    from_004 = candidates(editor, document=SEED_004.name, status="all")  # by file name
    assert from_004 and {c["document"][:12] for c in from_004} == {"66982bc1891e"}
    assert candidates(editor, document="66982bc1", status="all") == from_004  # or sha prefix

    first = editor.get("/workspace/api/candidates", params={"per_page": 10, "status": "all"})
    second = editor.get(
        "/workspace/api/candidates", params={"per_page": 10, "page": 2, "status": "all"}
    )
    one_, two = first.json(), second.json()
    assert one_["total"] == len(everything) and one_["pages"] == -(-len(everything) // 10)
    assert [c["id"] for c in one_["candidates"] + two["candidates"]] == [
        c["id"] for c in everything[:20]
    ]
    assert all(c["quote"] for c in one_["candidates"] if c["span"])

    page = editor.get("/workspace/review", params={"kind": "action", "status": "all"})
    assert page.status_code == 200
    assert f"{len(actions)} candidates" in page.text
    assert all(f"#candidate-{c['id']}" in page.text for c in actions)
    assert "renounced" in page.text and "statement" not in page.text.split("<tbody>")[1]
    bad = editor.get("/workspace/api/candidates", params={"kind": "rumour"})
    assert bad.status_code == 422 and bad.json()["error"].endswith(".")


def test_the_document_page_marks_each_candidates_words_in_the_text(editor: TestClient) -> None:
    claim = one(editor, "claim", text="Forty countries")
    text, _ = form_of(editor, claim["document"])
    marked = re.findall(
        rf'<mark data-candidates="([\d ]*\b{claim["id"]}\b[\d ]*)"[^>]*>(.*?)</mark>', text, re.S
    )
    assert marked, "the candidate's span is not marked"
    assert "".join(html.unescape(words) for _, words in marked) == claim["quote"]
    assert f'<span id="span-{claim["id"]}"></span>' in text  # "in the text" lands on it
    assert f'href="#span-{claim["id"]}"' in text
    # The whole document is there, not only the marked words.
    assert "Beirut" in text and text.count("<mark") >= len(candidates(editor, document="66982bc1"))


def test_an_unknown_document_is_a_404_in_one_sentence(editor: TestClient) -> None:
    for ref, sentence in (
        ("0123456789abcdef", "No document has a sha256 beginning 0123456789abcdef;"),
        ("not-a-sha", "is not a document&#39;s sha256 (8 to 64 hexadecimal digits)."),
    ):
        answer = editor.get(f"/workspace/review/{ref}")
        assert answer.status_code == 404
        assert sentence in answer.text


# -- accepting, correcting, rejecting ----------------------------------------------------------


def test_accepting_a_candidate_with_a_comment_puts_it_in_the_record_and_in_the_audit_log(
    review_db: str, editor: TestClient
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.store.read import load_record
    from treatywatch.workspace import audit

    cand = one(editor, "action", state="HUN")
    answer = post_json(
        editor,
        "/workspace/api/candidates/accept",
        {"ids": [cand["id"]], "comment": "the report says Hungary declared a moratorium"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["reviewed"] == [cand["id"]]

    record = load_record(engine(review_db), fresh=True)
    assert any(
        a.state == "HUN" and a.kind.value == "moratorium" and a.instrument == "CCM"
        and any(c.locator.endswith(f"characters {cand['span'][0]}-{cand['span'][1]}")
                for c in a.citations)
        for a in record.actions
    )  # fmt: skip
    [entry] = audit.entries(engine(review_db), target=f"candidate:{cand['id']}")
    assert (entry.actor, entry.action) == ("ed", "candidate.accept")
    assert entry.comment == "the report says Hungary declared a moratorium"
    assert entry.before is not None and entry.after is not None
    assert (entry.before["status"], entry.after["status"]) == ("pending", "accepted")
    assert entry.after["payload"] == cand["payload"]
    assert candidates(editor, kind="action", status="accepted")[0]["id"] == cand["id"]


def test_a_correction_shows_its_conflict_with_the_record_first_and_keeps_it_after(
    review_db: str, editor: TestClient
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import audit

    cand = one(editor, "action", state="SWZ")
    assert cand["payload"]["date"] is None  # the document names no day
    text, csrf = form_of(editor, cand["document"])
    assert f'name="fix.{cand["id"]}.date"' in text
    fix = {f"fix.{cand['id']}.date": "2011-09-14"}

    # Checking first: the record's day and the corrected one, side by side; nothing written.
    checked = editor.post(
        f"/workspace/review/{cand['document']}",
        data={"csrf_token": csrf, "ids": str(cand["id"]), "do": "check", **fix},
    )
    assert checked.status_code == 200
    assert "Accepting these would open 1 conflict with the record." in checked.text
    box = re.search(rf'id="candidate-{cand["id"]}".*?</article>', checked.text, re.S)
    assert box and "Conflict with the record" in box.group(0)
    assert "<strong>2011-09-13</strong>: the record" in box.group(0)
    assert "<strong>2011-09-14</strong>: this candidate" in box.group(0)
    assert 'value="2011-09-14"' in box.group(0)  # the correction stays in the form
    assert one(editor, "action", state="SWZ")["status"] == "pending"

    accepted = editor.post(
        f"/workspace/review/{cand['document']}",
        data={"csrf_token": csrf, "ids": str(cand["id"]), "do": "accept",
              "comment": "the depositary notification is dated the 14th", **fix},
    )  # fmt: skip
    assert accepted.status_code == 200
    assert "1 conflict with the record kept: both values stand." in accepted.text

    [entry] = audit.entries(engine(review_db), target=f"candidate:{cand['id']}")
    assert entry.action == "candidate.correct" and entry.before and entry.after
    assert (entry.before["payload"]["date"], entry.after["payload"]["date"]) == (
        None, "2011-09-14",
    )  # fmt: skip
    assert any("2011-09-13" in line and "2011-09-14" in line for line in entry.after["conflicts"])

    listed = tw("conflicts", "--format", "json", "--db", review_db)
    assert listed.returncode == 0, listed.stderr
    [kept] = [c for c in json.loads(listed.stdout) if c["key"] == "CCM/SWZ/accession"]
    assert {v["value"] for v in kept["variants"]} >= {"2011-09-13", "2011-09-14"}


def test_the_page_warns_of_a_conflict_before_anything_is_chosen(editor: TestClient) -> None:
    claim = one(editor, "claim", text="Forty countries")  # the record counts 41 and 38
    text, _ = form_of(editor, claim["document"])
    box = re.search(rf'id="candidate-{claim["id"]}".*?</article>', text, re.S)
    assert box and "Conflict with the record" in box.group(0)
    assert "<strong>40</strong>: this candidate" in box.group(0)
    assert "<strong>41</strong>: the record" in box.group(0)


def test_rejecting_many_with_one_form_writes_one_entry_each(
    review_db: str, editor: TestClient
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import audit

    renounced = [
        c for c in candidates(editor, kind="action") if c["payload"]["state"] in ("AUT", "BIH")
    ]
    assert len(renounced) == 2
    document = renounced[0]["document"]
    _, csrf = form_of(editor, document)
    ids = [str(c["id"]) for c in renounced]
    answer = editor.post(
        f"/workspace/review/{document}",
        data={"csrf_token": csrf, "ids": ids, "do": "reject", "comment": "a campaign's wish"},
    )
    assert answer.status_code == 200
    assert f"Rejected 2 candidates ({', '.join(ids)})." in answer.text
    for cid in ids:
        [entry] = audit.entries(engine(review_db), target=f"candidate:{cid}")
        assert (entry.action, entry.comment) == ("candidate.reject", "a campaign's wish")
    assert {c["status"] for c in candidates(editor, kind="action", status="all")
            if str(c["id"]) in ids} == {"rejected"}  # fmt: skip


def test_a_review_without_a_comment_or_a_choice_is_refused_and_nothing_is_written(
    review_db: str, editor: TestClient
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import audit

    cand = one(editor, "claim", text="Forty countries")
    _, csrf = form_of(editor, cand["document"])
    before = len(audit.entries(engine(review_db)))
    fix = {f"fix.{cand['id']}.quantity": "41"}
    no_comment = editor.post(
        f"/workspace/review/{cand['document']}",
        data={"csrf_token": csrf, "ids": str(cand["id"]), "do": "accept", "comment": " ", **fix},
    )
    assert no_comment.status_code == 422
    assert "Say why in the comment" in no_comment.text
    assert re.search(rf'value="{cand["id"]}" checked', no_comment.text)  # kept for a retry
    assert 'value="41"' in no_comment.text
    nothing = editor.post(
        f"/workspace/review/{cand['document']}",
        data={"csrf_token": csrf, "do": "accept", "comment": "why"},
    )
    assert nothing.status_code == 422 and "Choose at least one candidate." in nothing.text
    api = post_json(editor, "/workspace/api/candidates/accept", {"ids": [], "comment": "x"})
    assert api.status_code == 422
    assert len(audit.entries(engine(review_db))) == before
    assert one(editor, "claim", text="Forty countries")["status"] == "pending"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"quantity": "many"}, "Candidate {id}: the quantity must be a whole number."),
        (
            {"volume": "3"},
            "Candidate {id} (claim) has no field 'volume' to correct; it has quantity, unit, text.",
        ),
    ],
)
def test_a_correction_that_does_not_fit_is_refused_in_one_sentence(
    editor: TestClient, fields: dict[str, str], message: str
) -> None:
    cand = one(editor, "claim", text="Forty countries")
    answer = post_json(
        editor,
        "/workspace/api/candidates/accept",
        {"ids": [cand["id"]], "comment": "c", "corrections": {str(cand["id"]): fields}},
    )
    assert answer.status_code == 422
    assert answer.json()["error"] == message.format(id=cand["id"])
    assert one(editor, "claim", text="Forty countries")["status"] == "pending"


def test_a_bad_date_or_state_in_a_correction_is_named(editor: TestClient) -> None:
    cand = one(editor, "action", state="BEL")
    for fields, message in (
        ({"date": "14/09/2011"}, "the date must be a day of the form YYYY-MM-DD."),
        ({"state": "XXX"}, "the state 'XXX' is not the ISO3 code of a state."),
    ):
        answer = post_json(
            editor,
            "/workspace/api/candidates/accept",
            {"ids": [cand["id"]], "comment": "c", "corrections": {str(cand["id"]): fields}},
        )
        assert answer.status_code == 422
        assert answer.json()["error"] == f"Candidate {cand['id']}: {message}"


def test_reviewing_a_candidate_twice_is_a_409_and_a_missing_one_a_404(
    app: Any, editor: TestClient
) -> None:
    cand = one(editor, "claim", text="four countries")
    assert post_json(
        editor, "/workspace/api/candidates/reject", {"ids": [cand["id"]], "comment": "vague"}
    ).status_code == 200  # fmt: skip
    other = new_client(app)
    assert sign_in(other, "ed2").status_code == 303
    again = post_json(
        other, "/workspace/api/candidates/accept", {"ids": [cand["id"]], "comment": "late"}
    )
    assert again.status_code == 409
    assert again.json()["error"] == f"Candidate {cand['id']} was already reviewed (rejected)."
    missing = post_json(
        other, "/workspace/api/candidates/reject", {"ids": [987654], "comment": "x"}
    )
    assert missing.status_code == 404
    assert missing.json()["error"] == "No candidate has the id 987654."


def test_a_dry_run_tells_what_accepting_would_do_and_writes_nothing(
    review_db: str, editor: TestClient
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import audit

    cand = one(editor, "claim", text="Forty countries")
    before = len(audit.entries(engine(review_db)))
    answer = post_json(
        editor,
        "/workspace/api/candidates/accept",
        {"ids": [cand["id"]], "comment": "", "dry_run": True},
    )
    assert answer.status_code == 200
    [conflict] = answer.json()["conflicts"]
    assert conflict["candidates"] == [cand["id"]]
    assert conflict["key"] == "ccm-2msp/observer_states"
    assert {v["value"]: v["from_review"] for v in conflict["variants"]}["40"] is True
    assert len(audit.entries(engine(review_db))) == before
    assert one(editor, "claim", text="Forty countries")["status"] == "pending"


def test_the_command_line_review_still_works_beside_the_workspace(
    review_db: str, editor: TestClient
) -> None:
    cand = one(editor, "claim", text="Twenty-eight new countries")
    done = tw("review", "reject", str(cand["id"]), "--db", review_db)
    assert done.returncode == 0, done.stderr
    again = post_json(
        editor, "/workspace/api/candidates/reject", {"ids": [cand["id"]], "comment": "x"}
    )
    assert again.status_code == 409


def test_a_focal_point_may_not_review(app: Any) -> None:
    client = new_client(app)
    assert sign_in(client, "fp-nor").status_code == 303
    assert client.get("/workspace/review").status_code == 403
    refused = post_json(client, "/workspace/api/candidates/accept", {"ids": [1], "comment": "x"})
    assert refused.status_code == 403
    assert "Review" not in client.get("/workspace/").text.split("<main")[0]


def test_the_queue_is_linked_from_the_editors_menu(editor: TestClient) -> None:
    assert '<a href="/workspace/review">Review</a>' in editor.get("/workspace/").text
