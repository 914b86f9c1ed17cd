"""`treatywatch eval` teaches where the extractor fails: per field, per part of a key and
per kind of document (issue 20), on the corpus's development part."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import GOLD, SEEDS

CORPUS = Path(__file__).resolve().parent / "corpus"


def _eval(*args: str) -> str:
    from treatywatch.cli.main import app

    result = CliRunner().invoke(app, ["eval", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_part_of_a_key_never_scores_fewer_hits_than_the_whole_key() -> None:
    rows = {r["field"]: r for r in json.loads(_eval(str(CORPUS / "dev"), str(CORPUS / "dev"),
                                                     "--format", "json"))}  # fmt: skip
    for part, whole in [("events.city", "events"), ("events.start", "events"),
                        ("statements.speaker", "statements"),
                        ("actions.state+action", "actions")]:  # fmt: skip
        assert rows[part]["tp"] >= rows[whole]["tp"], part
        # the same items are counted: what is not a hit is a miss or an extra
        assert rows[part]["tp"] + rows[part]["fn"] == rows[whole]["tp"] + rows[whole]["fn"]


def test_the_scores_by_kind_of_document_name_every_kind_of_the_part() -> None:
    with (CORPUS / "sources.csv").open(encoding="utf-8") as fh:
        kinds = {r["kind"] for r in csv.DictReader(fh) if r["part"] == "dev"}
    table = _eval(str(CORPUS / "dev"), str(CORPUS / "dev"))
    assert "F1 by kind" in table
    for kind in kinds:
        assert kind in table
    assert all(len(line) <= 80 for line in table.splitlines())


def test_seeds_have_no_kinds_and_print_no_kind_table() -> None:
    table = _eval(str(GOLD), str(SEEDS))
    assert "F1 by kind" not in table and "statements.speaker" in table


def test_a_list_read_in_part_is_explained_by_the_names_it_lacks_and_adds(tmp_path: Path) -> None:
    text = "States that have signed include Angola, Chile and Peru."
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    gold = {
        "states": [{"iso3": c} for c in ("AGO", "CHL", "PER")],
        "participant_lists": [{"stated_count": None, "states": ["AGO", "CHL", "PER", "BRA"]}],
        "events": [], "statements": [], "actions": [], "claims": [],
    }  # fmt: skip
    (tmp_path / "doc.json").write_text(json.dumps(gold), encoding="utf-8")
    out = _eval(str(tmp_path), str(tmp_path), "--explain")
    assert "participant_lists missed: list of 4 (stated None)" in out
    assert "lacks BRA; adds none" in out


def test_a_list_the_gold_lacks_is_explained_as_extra(tmp_path: Path) -> None:
    text = "States that have signed include Angola, Chile and Peru. Mali, Niger and Chad also."
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    gold = {
        "states": [{"iso3": c} for c in ("AGO", "CHL", "PER", "MLI", "NER", "TCD")],
        "participant_lists": [{"stated_count": None, "states": ["AGO", "CHL", "PER"]}],
        "events": [], "statements": [], "actions": [], "claims": [],
    }  # fmt: skip
    (tmp_path / "doc.json").write_text(json.dumps(gold), encoding="utf-8")
    rows = json.loads(_eval(str(tmp_path), str(tmp_path), "--explain", "--format", "json"))
    lists = [r for r in rows if r["field"] == "participant_lists"]
    # the list read whole is neither missed nor extra (and "Mali, Niger and Chad also"
    # states no act: no list)
    assert lists == []
    gold["participant_lists"] = []
    (tmp_path / "doc.json").write_text(json.dumps(gold), encoding="utf-8")
    rows = json.loads(_eval(str(tmp_path), str(tmp_path), "--explain", "--format", "json"))
    extra = [r for r in rows if r["field"] == "participant_lists"]
    assert [(r["kind"], r["item"]) for r in extra] == [("extra", "list of 3 (stated None)")]
    assert "[States that have signed include Angola, Chile and Peru]" in extra[0]["context"]


def test_a_missed_item_is_shown_where_its_name_first_stands(tmp_path: Path) -> None:
    # the same answer on every run: names of one length once came in a set's order
    text = "British interests come first, a minister said. Britain agreed on Monday."
    (tmp_path / "doc.txt").write_text(text, encoding="utf-8")
    gold = {
        "states": [{"iso3": "GBR"}], "participant_lists": [], "events": [],
        "statements": [], "actions": [{"state": "GBR", "action": "signature", "date": None}],
        "claims": [],
    }  # fmt: skip
    (tmp_path / "doc.json").write_text(json.dumps(gold), encoding="utf-8")
    rows = json.loads(_eval(str(tmp_path), str(tmp_path), "--explain", "--format", "json"))
    missed = [r for r in rows if r["field"] == "actions" and r["kind"] == "missed"]
    assert missed and missed[0]["context"].startswith("[British]")
