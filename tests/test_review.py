"""Reading documents into the record: ingest, review, accept, with the document as source."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, SEEDS, needs_extractor
from treatywatch.store.build import build
from treatywatch.store.db import engine
from treatywatch.store.read import load_record

pytestmark = needs_extractor

SEED_001 = SEEDS / "001_4bb6f93025b9c525.txt"


def tw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "treatywatch", *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "review.sqlite")
    build(path, DATA)
    return path


def test_ingest_then_accept_seed_001_puts_its_list_in_the_record(db: str) -> None:
    first = tw("ingest", str(SEEDS), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "5 document(s) added" in first.stderr

    listed = tw("review", "--document", SEED_001.name, "--format", "json", "--db", db)
    candidates = json.loads(listed.stdout)
    assert candidates and {c["kind"] for c in candidates} >= {"participant_list", "event"}
    lists = [c for c in candidates if c["kind"] == "participant_list"]
    assert lists[0]["payload"]["stated_count"] == 80

    ids = [str(c["id"]) for c in candidates]
    accepted = tw("review", "accept", *ids, "--db", db)
    assert accepted.returncode == 0, accepted.stderr

    record = load_record(engine(db))
    seed_sha = hashlib.sha256(SEED_001.read_bytes()).hexdigest()
    seed_source = next(s.id for s in record.sources.values() if s.sha256 == seed_sha)
    cited = {
        p.participant
        for p in record.participation
        if any(c.source_id == seed_source for c in p.citations)
    }
    assert len(cited) >= 80
    assert {"LAO", "VAT", "CZE", "TZA", "GBR"} <= cited

    # A rebuild renumbers the bundled rows; what the review confirmed stays attached to the
    # same participants, and a participant is listed once however many sources confirm it.
    build(db, DATA)
    rebuilt = load_record(engine(db))
    assert {
        p.participant
        for p in rebuilt.participation
        if any(c.source_id == seed_source for c in p.citations)
    } == cited
    keys = [(p.event, p.participant, p.role) for p in rebuilt.participation]
    assert len(keys) == len(set(keys))
    record = rebuilt

    # The same bytes again: nothing new, nothing pending twice.
    again = tw("ingest", str(SEEDS), "--db", db)
    assert again.returncode == 0
    assert "0 document(s) added" in again.stderr and "5 unchanged" in again.stderr
    assert load_record(engine(db)).participation == record.participation
    pending = json.loads(
        tw("review", "--document", SEED_001.name, "--format", "json", "--db", db).stdout
    )
    assert pending == []


def test_reviewing_twice_or_a_missing_id_is_a_clear_error(db: str) -> None:
    tw("ingest", str(SEED_001), "--db", db)
    cands = json.loads(tw("review", "--format", "json", "--db", db).stdout)
    first = str(cands[0]["id"])
    assert tw("review", "reject", first, "--db", db).returncode == 0
    again = tw("review", "accept", first, "--db", db)
    assert again.returncode == 1 and "already reviewed" in again.stderr
    missing = tw("review", "accept", "999999", "--db", db)
    assert missing.returncode == 1 and "999999" in missing.stderr


def test_bad_files_are_named_and_the_batch_goes_on(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "fake.pdf").write_bytes(b"this is not a pdf at all")
    (folder / "junk.docx").write_bytes(bytes(range(256)) * 10)
    (folder / "good.txt").write_bytes(SEED_001.read_bytes())
    result = tw("ingest", str(folder), "--db", db)
    assert result.returncode == 1
    for name in ("empty.txt", "fake.pdf", "junk.docx"):
        assert name in result.stderr
    assert "1 document(s) added" in result.stderr
    cands = json.loads(tw("review", "--format", "json", "--db", db).stdout)
    assert {c["document"] for c in cands} == {
        hashlib.sha256(SEED_001.read_bytes()).hexdigest()[:12]
    }


def test_accepting_a_contradicting_claim_keeps_both(tmp_path: Path, data_copy: Path) -> None:
    # Without the curated claims, any conflict found must come from the reviewed documents.
    for claims in (data_copy / "claims").glob("*.csv"):
        claims.unlink()
    db = str(tmp_path / "claims.sqlite")
    build(db, data_copy)
    seed_003 = next(SEEDS.glob("003_*.txt"))
    tw("ingest", str(SEED_001), str(seed_003), "--db", db)
    cands = json.loads(tw("review", "--kind", "claim", "--format", "json", "--db", db).stdout)
    lima = [c for c in cands if c["payload"]["quantity"] in (67, 68)]
    assert {c["payload"]["quantity"] for c in lima} == {67, 68}
    result = tw("review", "accept", *[str(c["id"]) for c in lima], "--db", db)
    assert result.returncode == 0, result.stderr
    assert "Conflict kept" in result.stderr
    record = load_record(engine(db))
    (conflict,) = [c for c in record.conflicts if c.fact_type == "claim"]
    assert {v.value for v in conflict.variants} == {"67", "68"}
    assert conflict.key.endswith("/states_attending")


def test_a_reviewed_adoption_entails_the_wellington_endorsement(
    tmp_path: Path, data_copy: Path
) -> None:
    # Take Malta's Dublin adoption and Wellington endorsement out of a copy of the record,
    # then read the adoption back in from a document: the endorsement it entails returns,
    # derived by the same rule the loader applies to data/.
    for name in ("dublin-adoption.csv", "declarations.csv"):
        path = data_copy / "actions" / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [ln for ln in lines if not (",MLT," in ln and ln.startswith(("CCM", "WELL")))]
        path.write_text("".join(kept), encoding="utf-8")
    db = str(tmp_path / "adoption.sqlite")
    build(db, data_copy)

    def wellington(state: str) -> list:
        return [
            a for a in load_record(engine(db)).actions
            if a.instrument == "WELLINGTON-DECLARATION" and a.state == state
        ]  # fmt: skip

    assert wellington("MLT") == []
    doc = tmp_path / "dublin.txt"
    doc.write_text(
        "Dublin Diplomatic Conference, 30 May 2008.\n\n"
        "Malta joined the consensus adopting the Convention on Cluster Munitions.\n",
        encoding="utf-8",
    )
    assert tw("ingest", str(doc), "--db", db).returncode == 0
    cands = json.loads(tw("review", "--kind", "action", "--format", "json", "--db", db).stdout)
    (adoption,) = [c for c in cands if c["payload"]["action"] == "adoption"]
    assert adoption["payload"]["state"] == "MLT"
    result = tw("review", "accept", str(adoption["id"]), "--instrument", "CCM", "--db", db)
    assert result.returncode == 0, result.stderr
    (derived,) = wellington("MLT")
    assert derived.date is None and derived.note.startswith("derived from its adoption")
    assert [c.source_id for c in derived.citations] == ["norway-un-2008-dublin"]


@needs_extractor
def test_review_summaries_never_print_none(db: str) -> None:
    # "Lima, None–None" and "on None" where a document gives no days (issue 19).
    assert tw("ingest", str(SEEDS), "--db", db).returncode == 0
    listed = tw("review", "--format", "json", "--db", db)
    summaries = [c["summary"] for c in json.loads(listed.stdout)]
    assert len(summaries) > 20
    assert not [s for s in summaries if "None" in s]
    table = tw("review", "--db", db)
    assert table.returncode == 0 and "None" not in table.stdout
