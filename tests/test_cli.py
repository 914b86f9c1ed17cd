"""The command line as a user and a script meet it: output, exit codes, messages."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, complete_through, needs_depositary


def tw(*args: str, db: str | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "treatywatch", *args]
    if db is not None:
        cmd += ["--db", db]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_help_teaches_the_first_steps() -> None:
    result = tw("--help")
    assert result.returncode == 0
    for word in ("build", "status", "state", "serve", "--as-of"):
        assert word in result.stdout


@needs_depositary
def test_one_state_by_any_of_its_names(built_db: str) -> None:
    stories = [
        json.loads(tw("state", name, "--format", "json", db=built_db).stdout)
        for name in ("Bosnia and Herzegovina", "Bosnia-Herzegovina", "BIH")
    ]
    assert stories[0]["iso3"] == "BIH"
    assert stories[0] == stories[1] == stories[2]
    kinds = {a["action"] for a in stories[0]["actions"] if a["instrument"] == "CCM"}
    assert {"signature", "ratification"} <= kinds
    assert all(a["citations"] for a in stories[0]["actions"])


def test_an_unknown_state_exits_1_with_one_sentence(built_db: str) -> None:
    result = tw("state", "Narnia", db=built_db)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "Narnia" in lines[0]
    assert "Did you mean" not in lines[0]


def test_usage_errors_exit_2() -> None:
    assert tw("status").returncode == 2
    assert tw("no-such-command").returncode == 2


def test_a_bad_date_is_a_user_error(built_db: str) -> None:
    result = tw("status", "CCM", "--as-of", "2011-13-45", db=built_db)
    assert result.returncode == 1
    assert "2011-13-45" in result.stderr


@needs_depositary
def test_status_csv_on_the_day_of_the_second_msp(built_db: str) -> None:
    result = tw("status", "CCM", "--as-of", "2011-09-16", "--format", "csv", db=built_db)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "iso3", "state", "status", "signature", "consent", "consent_type",
        "entry_into_force", "withdrawal_effective",
    ]  # fmt: skip
    by_code = {r["iso3"]: r for r in rows}
    # Swaziland acceded on 13 September 2011: a party, the treaty in force for it from March 2012.
    assert by_code["SWZ"]["consent_type"] == "accession"
    assert by_code["SWZ"]["consent"] == "2011-09-13"
    # Every state is listed, as on the web page and in the downloads: one that never acted
    # reads not_joined; Kosovo, which cannot deposit with the Secretary-General, apart.
    assert by_code["USA"]["status"] == "not_joined" and by_code["USA"]["consent"] == ""
    assert by_code["XKX"]["status"] == "cannot_deposit"
    assert len(rows) == 198
    through = complete_through("CCM")
    if through is None or through < dt.date(2011, 9, 16):
        pytest.skip("counting States Parties needs every consent to that day (data/coverage.yaml)")
    assert by_code["SWZ"]["status"] == "not_in_force_yet"
    assert by_code["SWZ"]["entry_into_force"] == "2012-03-01"
    consented = [r for r in rows if r["status"] in ("state_party", "not_in_force_yet")]
    assert len(consented) == 63


@needs_depositary
def test_status_today_counts_the_parties_and_lithuanias_withdrawal(built_db: str) -> None:
    # No --as-of: today. The Secretary-General counted 111 Parties on 22 June 2025, after
    # Lithuania's withdrawal; nobody has joined or left since on the bundled record.
    through = complete_through("CCM")
    if through is None or through < dt.date(2025, 6, 22):
        pytest.skip("counting States Parties needs every consent to that day (data/coverage.yaml)")
    result = tw("status", "CCM", "--format", "csv", db=built_db)
    assert result.returncode == 0, result.stderr
    rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    parties = [r for r in rows.values() if r["status"] == "state_party"]
    assert len(parties) == 111
    assert rows["LTU"]["status"] == "withdrawn"
    assert rows["LTU"]["withdrawal_effective"] == "2025-03-06"
    assert rows["SSD"]["consent"] == "2023-08-03"
    signed_only = {c for c, r in rows.items() if r["status"] == "signatory"}
    assert signed_only == {
        "AGO", "CAF", "COD", "CYP", "DJI", "HTI", "IDN", "JAM", "KEN", "LBR", "TZA", "UGA",
    }  # fmt: skip


def test_build_with_a_bad_record_exits_1_and_keeps_the_database(
    tmp_path: Path, data_copy: Path
) -> None:
    db = str(tmp_path / "t.sqlite")
    assert tw("build", "--data", str(DATA), db=db).returncode == 0
    before = hashlib.sha256(Path(db).read_bytes()).hexdigest()
    bad = data_copy / "actions" / "zz-bad.csv"
    bad.write_text(
        "instrument,state,action,date,source,locator,note\nCCM,FRA,signature,2008-02-31,untc-ccm-status,x,\n"
    )
    result = tw("build", "--data", str(data_copy), db=db)
    assert result.returncode == 1
    assert f"{bad}:2" in result.stderr
    assert hashlib.sha256(Path(db).read_bytes()).hexdigest() == before


def test_build_counts_every_disagreement_the_conflicts_command_lists(tmp_path: Path) -> None:
    # Only event conflicts are stored as rows; the build message must still count the
    # action and claim disagreements a reader will find with `treatywatch conflicts`.
    db = str(tmp_path / "t.sqlite")
    built = tw("build", "--data", str(DATA), db=db)
    assert built.returncode == 0
    listed = tw("conflicts", "--format", "json", db=db)
    n = len(json.loads(listed.stdout))
    assert n > 0
    assert f"{n} facts have sources that disagree" in built.stderr


def test_conflicts_name_the_source_that_gives_no_day(tmp_path: Path) -> None:
    # The CMC reports Hungary's completion without a day; the reader should see that it was
    # consulted, not an empty value beside two Monitor dates.
    db = str(tmp_path / "t.sqlite")
    assert tw("build", "--data", str(DATA), db=db).returncode == 0
    rows = list(csv.DictReader(io.StringIO(tw("conflicts", "--format", "csv", db=db).stdout)))
    (hun,) = [r for r in rows if r["key"] == "CCM/HUN/stockpile_destruction/completed"]
    assert "2011-06-30 (obl-monitor-hun-2013)" in hun["values"]
    assert "2011-07-08 (obl-monitor-hun-2015)" in hun["values"]
    assert "no date given (obl-cmc-hun-2012)" in hun["values"]


def test_commands_that_read_need_a_built_database(tmp_path: Path) -> None:
    result = tw("status", "CCM", db=str(tmp_path / "missing.sqlite"))
    assert result.returncode == 1
    assert "treatywatch build" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_events_and_sources_in_every_format(built_db: str, fmt: str) -> None:
    events = tw("events", "--format", fmt, db=built_db)
    assert events.returncode == 0, events.stderr
    assert "Lima" in events.stdout
    sources = tw("sources", "--format", fmt, db=built_db)
    assert sources.returncode == 0
    if fmt != "table":  # a narrow terminal table may cut the id
        assert "untc-ccm-status" in sources.stdout


def test_an_event_and_the_sources_of_one_fact(built_db: str) -> None:
    events = json.loads(tw("events", "--format", "json", db=built_db).stdout)
    beirut = next(
        e for e in events if e["city"] == "Beirut" and e["start"] in ("2011-09-12", "2011-09-13")
    )
    detail = json.loads(tw("event", beirut["id"], "--format", "json", db=built_db).stdout)
    assert detail["end"] == "2011-09-16"
    assert detail["citations"]
    assert tw("event", "no-such-event", db=built_db).returncode == 1
    srcs = json.loads(
        tw("sources", "--fact", f"event:{beirut['id']}", "--format", "json", db=built_db).stdout
    )
    assert srcs and all(s["locator"] is not None for s in srcs)


def test_serve_on_a_port_in_use_says_so_in_one_sentence_and_exits_1(built_db: str) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = tw("serve", "--port", str(port), db=built_db)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Error: Port {port} on 127.0.0.1 is already in use; choose another with --port."
    )
    assert "http://" not in result.stderr  # the address is not announced first
