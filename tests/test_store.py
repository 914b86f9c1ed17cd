"""The store on SQLite and PostgreSQL: the same record in, the same record out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import DATA
from treatywatch.record import RecordError, load
from treatywatch.store import schema as s
from treatywatch.store.build import build
from treatywatch.store.db import engine
from treatywatch.store.read import load_record

D = dt.date


def _dump(db: str) -> dict[str, list[tuple]]:
    with engine(db).connect() as conn:
        return {
            t.name: sorted(tuple(map(str, r)) for r in conn.execute(select(t)))
            for t in s.metadata.sorted_tables
        }


def test_build_reads_back_the_same_record(any_db: str) -> None:
    build(any_db, DATA)
    stored = load_record(engine(any_db))
    original = load(DATA)
    assert stored.actions == original.actions
    assert stored.events == original.events
    assert stored.claims == original.claims
    assert stored.statements == original.statements
    assert stored.conflicts == original.conflicts
    assert stored.sources == original.sources
    assert stored.obligations == original.obligations
    assert stored.reports == original.reports and stored.reports
    assert stored.coverage == original.coverage and stored.coverage


def test_rebuilding_is_idempotent_and_deterministic(any_db: str, tmp_path: Path) -> None:
    build(any_db, DATA)
    first = _dump(any_db)
    build(any_db, DATA)
    assert _dump(any_db) == first
    other = str(tmp_path / "other.sqlite")
    build(other, DATA)
    assert _dump(other) == first


def test_a_bad_record_leaves_the_previous_database_untouched(any_db: str, data_copy: Path) -> None:
    build(any_db, DATA)
    before = _dump(any_db)
    (data_copy / "actions" / "zz-bad.csv").write_text(
        "instrument,state,action,date,source,locator,note\nCCM,Narnia,signature,2008-12-03,untc-ccm-status,x,\n"
    )
    with pytest.raises(RecordError):
        build(any_db, data_copy)
    assert _dump(any_db) == before


def test_reviewed_facts_survive_a_rebuild(any_db: str) -> None:
    build(any_db, DATA)
    with engine(any_db).begin() as conn:
        conn.execute(
            s.claim.insert().values(
                id=1_000_000_001, subject="CCM", property="states_parties", quantity=1,
                unit="states", text="test", origin="review",
            )
        )  # fmt: skip
    build(any_db, DATA)
    with engine(any_db).connect() as conn:
        n = conn.execute(
            select(func.count()).select_from(s.claim).where(s.claim.c.origin == "review")
        ).scalar()
    assert n == 1


def test_the_migrations_build_exactly_the_schema_the_code_declares(any_db: str) -> None:
    # A column added to schema.py without a migration would pass on a fresh build and fail
    # on every existing database; Alembic's comparison catches it on both engines.
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    build(any_db, DATA)
    with engine(any_db).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), s.metadata)
    assert diff == []


def test_a_claim_may_say_on_which_day_its_number_held(data_copy: Path, tmp_path: Path) -> None:
    claims = data_copy / "claims" / "dated.csv"
    claims.write_text(
        "subject,property,quantity,unit,text,source,locator,as_of\n"
        "CCM,states_parties,30,states,thirtieth,seed-004,test,2010-02-16\n"
        "CCM,states_parties,63,states,sixty-third,seed-004,test,2011-09-13\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "dated.sqlite")
    build(db, data_copy)
    dated = {
        (c.as_of, c.quantity)
        for c in load_record(engine(db)).claims
        if c.property == "states_parties"
    }
    assert dated >= {(D(2010, 2, 16), 30), (D(2011, 9, 13), 63)}
    # Counts on different days are not a conflict with each other.
    assert not [c for c in load(data_copy).conflicts if c.key.startswith("CCM/states_parties")]
