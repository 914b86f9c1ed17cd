"""Article 7 reports online: the forms as data, checking a report, drafting, submitting and
amending it, and what a submission does to the transparency record (issue 22, item 4)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA
from treatywatch.reporting import entries, published, submissions
from treatywatch.reporting.schema import FIGURES, FormsError, forms_for, load_forms
from treatywatch.store.build import build
from treatywatch.store.db import engine

LAO_2025 = {
    "A": {"measures": [{"measure": "Law on the Convention", "kind": "legislation"}]},
    "B": {
        "has_stockpile": True,
        "stockpiles": [{"type": "BLU-26", "quantity": 120}, {"type": "M77", "quantity": "30"}],
        "destroyed": 400,
    },
    "F": {"contaminated": "yes", "area_contaminated": 8_400_000, "area_cleared": 52_500.5},
    "I": {"national_resources": 1_250_000, "international_received": 30_000_000},
}
#: Words that stand only in the restricted form, so any leak of it can be searched for.
SECRET = "Depot Nine at Xieng Khouang"


def tw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "treatywatch", *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def db(built_db: str, tmp_path: Path) -> str:
    """A private copy of the bundled record's database, to write reports into."""
    path = tmp_path / "reports.sqlite"
    # SQLite's own copy: the built file may still hold part of its content in its WAL.
    with sqlite3.connect(built_db) as source, sqlite3.connect(path) as target:
        source.backup(target)
    from treatywatch.store.migrate import upgrade

    with engine(str(path)).begin() as conn:
        upgrade(conn)
    return str(path)


def focal_point(db: str, state: str = "LAO", name: str = "lao-focal") -> object:
    from treatywatch.workspace import accounts

    return accounts.add(engine(db), name, "a long enough password", "focal-point", state)


def submitted_lao_2025(db: str, on: dt.datetime) -> submissions.Submission:
    fp = focal_point(db)
    draft = submissions.create_draft(
        engine(db),
        fp,  # type: ignore[arg-type]
        "CCM",
        "LAO",
        "annual",
        2025,
        entries={**LAO_2025, "D": {"retained": [{"type": SECRET, "quantity": 5}]}},
        visibility={"D": "restricted"},
    )
    return submissions.submit(engine(db), fp, draft.id, "first report online", now=on)  # type: ignore[arg-type]


# -- the forms ---------------------------------------------------------------------------------


def test_the_bundled_forms_are_the_ones_the_states_parties_adopted() -> None:
    ccm, apmbc = forms_for("CCM"), forms_for("APMBC")
    assert ccm.codes == apmbc.codes == tuple("ABCDEFGHIJ")
    assert ccm.form("B").title == "Stockpiled cluster munitions and their destruction"
    assert ccm.form("F").title == "Contaminated areas and clearance"
    assert ccm.form("I").title == "National resources and international cooperation and assistance"
    assert apmbc.form("C").title == "Mined areas"
    assert apmbc.form("I").title == "Measures to warn the population"
    for forms in (ccm, apmbc):
        fed = {f.figure for form in forms.forms for f in form.fields if f.figure}
        fed |= {c.figure for form in forms.forms for f in form.fields for c in f.columns}
        assert set(FIGURES) <= fed | {None}, forms.instrument


def test_a_bad_forms_file_names_its_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "ccm.yaml"
    bad.write_text(
        "instrument: CCM\n"
        "forms:\n"
        "  - code: A\n"
        "    title: National implementation measures\n"
        "    fields:\n"
        "      - name: measures\n"
        "        label: Measures\n"
        "        type: decimal\n"
        "  - code: B\n"
        "    title: Stockpiles\n"
        "    fields:\n"
        "      - name: held\n"
        "        label: Held\n"
        "        type: text\n"
        "        figure: stocks_held\n",
        encoding="utf-8",
    )
    with pytest.raises(FormsError) as caught:
        load_forms(bad)
    message = str(caught.value)
    assert f"{bad}:8: form A, field measures: type 'decimal' is not one of" in message
    assert f"{bad}:15: form B, field held: a figure must be an integer or number" in message


def test_invalid_yaml_in_a_forms_file_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "apmbc.yaml"
    bad.write_text("instrument: APMBC\nforms:\n  - code: A\n    title: [unclosed\n", "utf-8")
    with pytest.raises(FormsError, match=rf"{bad}:\d+: not valid YAML"):
        load_forms(bad)


# -- checking a report ------------------------------------------------------------------------


def test_each_problem_is_one_sentence_naming_the_form_and_the_field() -> None:
    forms = forms_for("CCM")
    data, problems = entries.check(
        forms,
        {
            "B": {"stockpiles": [{"type": "M77", "quantity": -3}], "destroyed": "many"},
            "F": {"area_cleared": 12.5, "contaminated": "perhaps"},
            "Z": {"anything": 1},
            "J": {"colour": "blue"},
        },
    )
    assert (
        "Form B, Cluster munitions held or controlled, by type, row 1, Quantity held: -3 is "
        "below the minimum, 0."
    ) in problems
    assert (
        "Form B, Cluster munitions destroyed during the period covered: 'many' is not a "
        "whole number."
    ) in problems
    assert any(p.startswith("Form F, The State Party has areas contaminated") for p in problems)
    assert any("There is no form 'Z' among the CCM forms (A, B, C" in p for p in problems)
    assert "Form J has no field 'colour'." in problems
    assert data["F"] == {"area_cleared": 12.5}
    assert all(p.endswith(".") and p.count(". ") == 0 for p in problems)


def test_submitting_requires_what_the_forms_mark_required() -> None:
    forms = forms_for("CCM")
    _, problems = entries.check(forms, {"B": {"stockpiles": [{"quantity": 4}]}}, complete=True)
    assert (
        "Form B, The State Party holds or controls stockpiles of cluster munitions: this "
        "field is required."
    ) in problems
    assert (
        "Form B, Cluster munitions held or controlled, by type, row 1, Type of cluster "
        "munition: this column is required in every row." in problems
    )
    assert not entries.check(forms, {"B": {"stockpiles": [{"quantity": 4}]}})[1]  # a draft may


def test_the_figures_sum_a_reports_fields_and_columns() -> None:
    data, problems = entries.check(forms_for("CCM"), LAO_2025)
    assert problems == []
    assert entries.figures(forms_for("CCM"), data) == {
        "stocks_held": 150,
        "stocks_destroyed": 400,
        "area_contaminated_m2": 8_400_000,
        "area_cleared_m2": 52_500.5,
        "national_resources": 1_250_000,
        "international_resources": 30_000_000,
    }


# -- drafting, submitting, amending ---------------------------------------------------------


@pytest.mark.postgres
def test_draft_submit_amend_keeps_every_version(any_db: str) -> None:
    from treatywatch.workspace import audit

    build(any_db, DATA)
    eng = engine(any_db)
    fp = focal_point(any_db)
    draft = submissions.create_draft(eng, fp, "CCM", "LAO", "annual", 2025)  # type: ignore[arg-type]
    assert (draft.version, draft.status, draft.forms["B"].visibility) == (1, "draft", "public")
    with pytest.raises(submissions.ReportInvalidError) as caught:
        submissions.save(eng, fp, draft.id, {"B": {"destroyed": -1}})  # type: ignore[arg-type]
    assert caught.value.problems == [
        "Form B, Cluster munitions destroyed during the period covered: -1 is below the minimum, 0."
    ]
    with pytest.raises(submissions.ReportInvalidError):  # required fields still empty
        submissions.submit(eng, fp, draft.id)  # type: ignore[arg-type]
    submissions.save(eng, fp, draft.id, LAO_2025, {"I": "restricted"})  # type: ignore[arg-type]
    first = submissions.submit(eng, fp, draft.id, "as sent to UNODA")  # type: ignore[arg-type]
    assert first.status == "submitted" and first.submitted is not None
    with pytest.raises(submissions.ReportConflictError, match="submitted already"):
        submissions.submit(eng, fp, draft.id)  # type: ignore[arg-type]
    with pytest.raises(submissions.ReportConflictError, match="amend it"):
        submissions.save(eng, fp, draft.id, {})  # type: ignore[arg-type]
    with pytest.raises(submissions.ReportConflictError, match="begun already"):
        submissions.create_draft(eng, fp, "CCM", "LAO", "annual", 2025)  # type: ignore[arg-type]

    second = submissions.amend(eng, fp, first.id, "corrected stocks")  # type: ignore[arg-type]
    assert (second.version, second.status) == (2, "draft")
    assert second.entries == first.entries and second.visibility["I"] == "restricted"
    corrected = {**LAO_2025, "B": {**LAO_2025["B"], "destroyed": 450}}
    submissions.save(eng, fp, second.id, corrected)  # type: ignore[arg-type]
    # Until the amendment is submitted, the public sees the first version.
    assert published.find(eng, "CCM", "LAO", "2025").version == 1  # type: ignore[union-attr]
    submissions.submit(eng, fp, second.id)  # type: ignore[arg-type]

    kept = submissions.versions(eng, state="LAO")
    assert [(v.version, v.status) for v in kept] == [(1, "submitted"), (2, "submitted")]
    assert kept[0].entries["B"]["destroyed"] == 400  # the old version as it was
    shown = published.find(eng, "CCM", "LAO", "2025")
    assert shown is not None and shown.version == 2
    assert "I" not in shown.forms and shown.entries["B"]["destroyed"] == 450
    # Both versions share the one day of receipt: an amendment is not a second report.
    assert kept[0].fact == kept[1].fact is not None
    actions = [e.action for e in audit.entries(eng, target=f"report:{draft.id}")]
    # The refused save changed nothing, so it left no entry either.
    assert actions == ["report.submit", "report.save", "report.draft"]
    assert [e.action for e in audit.entries(eng, target=f"report:{second.id}")][-1] == (
        "report.amend"
    )


def test_a_submitted_report_sets_the_day_received_and_is_met(db: str) -> None:
    before = tw(
        "reports", "CCM", "--state", "LAO", "--year", "2025", "--format", "json", "--db", db
    )
    assert before.returncode == 0, before.stderr
    assert json.loads(before.stdout)[0]["status"] == "unknown"

    submitted_lao_2025(db, dt.datetime(2026, 4, 15, 9, 30))

    after = tw("reports", "CCM", "--state", "LAO", "--year", "2025", "--format", "json", "--db", db)
    assert after.returncode == 0, after.stderr
    row = json.loads(after.stdout)[0]
    assert (row["status"], row["received"]) == ("met", "2026-04-15")
    sources = tw("sources", "--db", db, "--format", "json")
    assert any(s["id"].startswith("online-report-") for s in json.loads(sources.stdout))

    # A rebuild of the bundled record keeps what was submitted online.
    build(db, DATA)
    again = tw("reports", "CCM", "--state", "LAO", "--year", "2025", "--format", "json", "--db", db)
    assert json.loads(again.stdout)[0]["received"] == "2026-04-15"
    from treatywatch import query

    view = query.compliance(query.open_context(db), "CCM", state="LAO")
    cell = view["rows"][0]["cells"]["transparency_annual"]
    assert (cell["year"], cell["status"], cell["completed"]) == (2025, "met", dt.date(2026, 4, 15))


def test_a_restricted_form_is_kept_from_everything_public(db: str, tmp_path: Path) -> None:
    sub = submitted_lao_2025(db, dt.datetime(2026, 4, 15, 9, 30))
    assert sub.forms["D"].visibility == "restricted"
    shown = published.latest(engine(db), "CCM", "LAO")
    assert [s.version for s in shown] == [1] and "D" not in shown[0].forms
    assert SECRET not in json.dumps(published.as_dict(shown[0]))
    assert SECRET not in json.dumps(published.csv_rows(shown[0]))
    assert "stocks_retained" not in published.figures(shown[0])
    out = tmp_path / "export.json"
    done = tw("export", "--format", "json", "--db", db, "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert SECRET not in out.read_text(encoding="utf-8")


def test_a_report_to_a_treaty_without_forms_or_for_a_future_year_is_refused(db: str) -> None:
    fp = focal_point(db)
    with pytest.raises(submissions.ReportError, match="has no reporting forms"):
        submissions.create_draft(engine(db), fp, "oslo-declaration", "LAO", "annual", 2024)  # type: ignore[arg-type]
    with pytest.raises(submissions.ReportError, match="Year 2031 is not one"):
        submissions.create_draft(engine(db), fp, "CCM", "LAO", "annual", 2031)  # type: ignore[arg-type]
