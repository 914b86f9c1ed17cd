"""What a new user meets at the terminal (issue 19): tables that stay readable at 80
columns and never cut a date or a code, totals under `status`, names as treaty practice
writes them, suggestions for a misspelt state, `event` telling the whole meeting, help that
shows no type beside a flag, whole counts in `eval`, and `export --format csv`."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GOLD, SEEDS


def tw(*args: str, db: str | None = None, columns: int = 80) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "treatywatch", *args]
    if db is not None:
        cmd += ["--db", db]
    # Piped, as a script or `| less` would read it; rich takes COLUMNS as the width.
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)


DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _assert_fits(out: str, width: int = 80) -> None:
    long = [line for line in out.splitlines() if len(line) > width]
    assert not long, long[:3]
    assert "…" not in out  # nothing cut


@pytest.mark.parametrize(
    "args",
    [
        ("status", "CCM"),
        ("status", "APMBC", "--as-of", "2010-01-01"),
        ("deadlines", "CCM"),
        ("reports", "CCM", "--state", "Chad"),
        ("events",),
        ("sources",),
        ("series", "CCM"),
    ],
    ids=lambda a: "-".join(a),
)
def test_tables_fit_80_columns_and_cut_nothing(built_db: str, args: tuple[str, ...]) -> None:
    result = tw(*args, db=built_db)
    assert result.returncode == 0, result.stderr
    _assert_fits(result.stdout)


def test_a_date_or_code_is_never_broken_across_lines(built_db: str) -> None:
    out = tw("status", "CCM", db=built_db).stdout
    # Lao PDR ratified on 18 March 2009: the date stands whole on its row.
    (row,) = [line for line in out.splitlines() if "│ LAO" in line]
    assert "2009-03-18" in row
    # Every date-shaped fragment on the page is a whole date.
    assert not re.search(r"\b\d{4}-\d{0,1}\s*│", out)


def test_status_prints_totals_and_says_what_they_count(built_db: str) -> None:
    out = tw("status", "ccm", "--as-of", "2025-12-01", db=built_db).stdout
    assert "CCM as of 2025-12-01" in out  # the treaty's id, not as typed
    totals = " ".join(out.split("Totals:")[1].split())
    assert "state party 111" in totals
    assert "out of 197 states that can deposit an instrument" in totals
    assert "Kosovo counted apart" in totals
    assert "cannot deposit 1" in totals


def test_what_does_not_fit_follows_the_table_for_a_few_rows(built_db: str) -> None:
    out = tw("deadlines", "APMBC", "--state", "Greece", "--as-of", "2022-11-25", db=built_db)
    assert out.returncode == 0, out.stderr
    _assert_fits(out.stdout)
    notes = " ".join(out.stdout.split("\nbasis\n")[1].split())
    assert "GRC stockpile_destruction: Art. 4" in notes
    assert "deadline 2008-03-01 passed with no completion on record" in notes
    wide = tw("deadlines", "APMBC", "--state", "GRC", "--wide", db=built_db, columns=80).stdout
    assert "┃ basis" in wide  # --wide puts it back in the table


def test_a_misspelt_state_gets_a_suggestion(built_db: str) -> None:
    result = tw("state", "Loas", db=built_db)
    assert result.returncode == 1
    assert "Did you mean: Laos (LAO)?" in result.stderr


def test_names_follow_treaty_practice(built_db: str) -> None:
    holy_see = tw("state", "Holy See", db=built_db).stdout
    assert holy_see.startswith("Holy See (VAT) — Holy See")
    assert "Vatican" not in holy_see.splitlines()[0]
    myanmar = tw("state", "Burma", db=built_db).stdout
    assert "Republic of the Union of Myanmar" in myanmar.splitlines()[0]


def test_event_tells_the_meeting_not_only_its_participants(built_db: str) -> None:
    out = tw("event", "oslo-2007", db=built_db).stdout
    head = out.splitlines()[:3]
    assert head[0] == "Oslo Conference on Cluster Munitions (oslo-2007)"
    assert "2007-02-22 to 2007-02-23" in head[1] and "Oslo, NOR" in head[1]
    assert re.search(r"Participants on record: \d+ \(1 host, \d+ participant", out)
    assert "Sources" in out and "seed-000" in out


def test_flags_show_no_type_in_help() -> None:
    out = tw("status", "--help").stdout
    assert "<bool>" not in out and "BOOLEAN" not in out
    (wide,) = [line for line in out.splitlines() if "--wide" in line]
    assert re.search(r"--wide\s+Show every column", wide)


def test_eval_prints_counts_as_whole_numbers() -> None:
    out = tw("eval", str(GOLD), str(SEEDS), "--format", "csv").stdout
    rows = {r["field"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["states"]["tp"].isdigit()
    assert "." not in rows["events"]["fn"]


def test_export_csv_writes_every_table_with_states_and_deadlines(
    built_db: str, tmp_path: Path
) -> None:
    target = tmp_path / "record"
    result = tw("export", "--format", "csv", "--output", str(target), db=built_db)
    assert result.returncode == 0, result.stderr
    names = {p.name for p in target.glob("*.csv")}
    assert {"states.csv", "deadlines-ccm.csv", "deadlines-apmbc.csv", "actions.csv"} <= names
    states = {r["iso3"]: r for r in csv.DictReader((target / "states.csv").open())}
    assert states["VAT"]["name"] == "Holy See"
    assert states["XKX"]["can_deposit"] == "False"
    deadlines = list(csv.DictReader((target / "deadlines-ccm.csv").open()))
    lao = [r for r in deadlines if r["state"] == "LAO" and r["obligation"] == "clearance"]
    assert lao and lao[0]["basis"].startswith("Art. 4(1)(a)")
    on_a_file = tmp_path / "f.txt"
    on_a_file.write_text("x")
    refused = tw("export", "--format", "csv", "--output", str(on_a_file), db=built_db)
    assert refused.returncode == 1 and "is a file" in refused.stderr


def test_eval_explain_names_each_missed_and_extra_item_in_its_words(tmp_path: Path) -> None:
    import json
    import shutil

    seed = next(SEEDS.glob("001_*"))
    gold = json.loads((GOLD / f"{seed.stem}.json").read_text(encoding="utf-8"))
    # Take Lao PDR out of the gold and put Mongolia in, which the text never names: the extractor
    # reads Laos (an extra item) and no Mongolia (a missed one).
    gold["states"] = [s for s in gold["states"] if s["iso3"] != "LAO"] + [{"iso3": "MNG"}]
    (tmp_path / "gold").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold" / f"{seed.stem}.json").write_text(json.dumps(gold), encoding="utf-8")
    shutil.copy(seed, tmp_path / "docs" / seed.name)
    out = tw("eval", str(tmp_path / "gold"), str(tmp_path / "docs"), "--explain", "-f", "json")
    assert out.returncode == 0, out.stderr
    rows = {(r["field"], r["kind"], r["item"]): r for r in json.loads(out.stdout)}
    extra = rows[("states", "extra", "LAO")]
    assert "[" in extra["context"] and "Lao" in extra["context"]
    assert ("states", "missed", "MNG") in rows
    table = tw("eval", str(tmp_path / "gold"), str(tmp_path / "docs"), "--explain").stdout
    assert "states missed: MNG" in table and "states extra: LAO" in table
