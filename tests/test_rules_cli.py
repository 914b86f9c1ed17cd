"""The deadlines and series commands: their rows from an engine, and their registration."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from tests.test_rules_engine import BGR, SWZ, ccm_record, fact
from treatywatch.cli.common import UserError
from treatywatch.cli.rules_commands import (
    DEADLINE_COLUMNS,
    SERIES_COLUMNS,
    deadline_rows,
    series_rows,
)
from treatywatch.rules import Engine

D = dt.date


@pytest.fixture(scope="module")
def engine() -> Engine:
    facts = (fact("BGR", "clearance", "deadline", deadline=D(2021, 10, 1)),)
    return Engine(ccm_record(SWZ, BGR, obligations=facts))


def test_deadline_rows_have_the_documented_fields(engine: Engine) -> None:
    rows = deadline_rows(engine, "CCM", "SWZ", D(2012, 4, 1))
    assert rows and all(tuple(r) == DEADLINE_COLUMNS for r in rows)
    initial = next(r for r in rows if r["obligation"] == "transparency_initial")
    assert initial == {
        "iso3": "SWZ",
        "obligation": "transparency_initial",
        "article": "7(1)",
        "due": D(2012, 8, 28),
        "status": "pending",
        "basis": initial["basis"],
    }
    assert "Art. 7(1)" in initial["basis"]


def test_deadline_rows_due_within(engine: Engine) -> None:
    rows = deadline_rows(engine, "CCM", None, D(2021, 1, 1), due_within=300)
    assert ("BGR", "clearance", D(2021, 10, 1)) in {
        (r["iso3"], r["obligation"], r["due"]) for r in rows
    }
    assert all(D(2021, 1, 1) <= r["due"] <= D(2021, 10, 28) for r in rows)
    with pytest.raises(UserError):
        deadline_rows(engine, "CCM", due_within=-1)


def test_series_rows(engine: Engine) -> None:
    rows = series_rows(engine, "CCM")
    assert all(tuple(r) == SERIES_COLUMNS for r in rows)
    by_date = {r["date"]: r for r in rows}
    assert by_date[D(2010, 2, 16)]["parties"] == 30
    assert by_date[D(2011, 9, 13)]["parties"] == 32


def test_commands_are_registered() -> None:
    from treatywatch.cli.main import app

    runner = CliRunner()
    for name in ("deadlines", "series"):
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "--format" in result.output
