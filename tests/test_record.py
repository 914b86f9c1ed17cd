"""Loading the record: everything validated, every problem named by file and line."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA
from treatywatch import model
from treatywatch.record import RecordError, load

HEADER = "instrument,state,action,date,source,locator,note\n"


@pytest.fixture(scope="module")
def record() -> model.Record:
    return load(DATA)


def _add(data: Path, folder: str, name: str, text: str) -> Path:
    path = data / folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _small_record(tmp_path: Path, sources: str, files: dict[str, str]) -> Path:
    """A record of one treaty, the CCM, citing the first of ``sources`` (source CSV rows),
    plus ``files`` ("folder/name.csv": contents)."""
    data = tmp_path / "data"
    (data / "sources").mkdir(parents=True)
    first = sources.split(",", 1)[0]
    (data / "instruments.yaml").write_text(
        "- {id: CCM, name: Convention on Cluster Munitions, short_name: CCM, kind: treaty,"
        f" adopted: 2008-05-30, opened_for_signature: 2008-12-03, source: {first}, locator: x}}\n"
    )
    (data / "sources" / "s.csv").write_text(
        "id,authority,title,publisher,url,sha256,published,retrieved\n" + sources
    )
    for name, text in files.items():
        folder, file = name.split("/")
        (data / folder).mkdir(exist_ok=True)
        _add(data, folder, file, text)
    return data


def test_every_fact_cites_a_known_source(record: model.Record) -> None:
    facts: list = [
        *record.actions, *record.participation, *record.claims, *record.statements,
        *record.obligations, *record.events.values(), *record.instruments.values(),
    ]  # fmt: skip
    assert len(facts) > 500
    for fact in facts:
        assert fact.citations, fact
        for c in fact.citations:
            assert c.source_id in record.sources


def test_no_date_lies_in_the_future_or_before_the_instrument(record: model.Record) -> None:
    today = dt.date.today()
    for a in record.actions:
        inst = record.instruments[a.instrument]
        assert a.date is None or a.date <= today
        if a.date and inst.adopted and a.kind is not model.ActionKind.ENDORSEMENT:
            assert a.date >= inst.adopted, a


def test_every_source_has_an_address(record: model.Record) -> None:
    for src in record.sources.values():
        assert src.url or src.sha256, src.id


def test_the_seeds_are_sources_by_hash(record: model.Record) -> None:
    import hashlib

    from tests.conftest import SEEDS

    hashes = {s.sha256 for s in record.sources.values() if s.sha256}
    for seed in sorted(SEEDS.glob("*.txt")):
        assert hashlib.sha256(seed.read_bytes()).hexdigest() in hashes, seed.name


def test_lima_attendance_conflict_is_kept(record: model.Record) -> None:
    lima = [c for c in record.claims if c.property == "states_attending" and 67 in (c.quantity,)]
    assert lima, "seed 001's 67 states at Lima"
    subject = lima[0].subject
    quantities = {
        c.quantity
        for c in record.claims
        if c.subject == subject and c.property == "states_attending"
    }
    assert {67, 68} <= quantities
    assert any(
        c.fact_type == "claim" and c.key == f"{subject}/states_attending" for c in record.conflicts
    )


def test_a_bad_date_is_named_by_file_and_line(data_copy: Path) -> None:
    bad = _add(
        data_copy,
        "actions",
        "zz-bad.csv",
        HEADER + "CCM,FRA,ratification,2009-02-30,untc-ccm-status,row,\n",
    )
    with pytest.raises(RecordError) as err:
        load(data_copy)
    assert f"{bad}:2" in str(err.value)
    assert "2009-02-30" in str(err.value)


def test_an_unknown_state_is_named_with_its_line(data_copy: Path) -> None:
    bad = _add(
        data_copy, "actions", "zz-bad.csv",
        HEADER
        + "CCM,FRA,signature,2008-12-03,untc-ccm-status,row,\n"
        + "CCM,Narnia,signature,2008-12-03,untc-ccm-status,row,\n",
    )  # fmt: skip
    with pytest.raises(RecordError) as err:
        load(data_copy)
    assert len(err.value.problems) == 1
    assert err.value.problems[0].where == f"{bad}:3"
    assert "Narnia" in err.value.problems[0].message


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("CCM,FRA,signature,2007-01-01,untc-ccm-status,row,", "before CCM existed"),
        ("CCM,FRA,ratification,2999-01-01,untc-ccm-status,row,", "future"),
        ("CCM,FRA,ratification,2009-01-01,,row,", "source is empty"),
        ("CCM,FRA,ratification,2009-01-01,no-such-source,row,", "not in data/sources"),
        ("XYZ,FRA,ratification,2009-01-01,untc-ccm-status,row,", "not an instrument"),
        ("CCM,FRA,ratified,2009-01-01,untc-ccm-status,row,", "is not one of"),
        ("CCM,FRA,ratification,2009-01-01,untc-ccm-status,row,,extra", "more fields"),
    ],
)
def test_each_kind_of_bad_row_is_refused(data_copy: Path, row: str, problem: str) -> None:
    _add(data_copy, "actions", "zz-bad.csv", HEADER + row + "\n")
    with pytest.raises(RecordError, match=problem):
        load(data_copy)


def test_reversed_event_dates_are_refused(data_copy: Path) -> None:
    _add(
        data_copy, "events", "zz-bad.csv",
        "id,name,kind,instrument,city,country,start,end,source,locator,note\n"
        "zz-meeting,A meeting,conference,CCM,Geneva,CHE,2012-04-19,2012-04-16,untc-ccm-status,x,\n",
    )  # fmt: skip
    with pytest.raises(RecordError, match="before start"):
        load(data_copy)


def test_a_duplicate_row_is_refused_but_a_second_source_merges(data_copy: Path) -> None:
    row = "CCM,SWZ,accession,2011-09-13,untc-ccm-status,row,\n"
    _add(data_copy, "actions", "zz-dup.csv", HEADER + row + row)
    with pytest.raises(RecordError, match="duplicate"):
        load(data_copy)


def test_a_second_source_with_another_date_is_a_conflict_not_an_error(tmp_path: Path) -> None:
    data = _small_record(
        tmp_path,
        "un,depositary,Status,UN,https://treaties.un.org/,,,\n"
        "news,secondary,News,Paper,https://example.org/,,,\n",
        {
            "actions/a.csv": HEADER + "CCM,LAO,ratification,2009-03-18,un,row,\n"
            "CCM,Laos,ratification,2009-03-18,news,para 2,\n"
            "CCM,LAO,ratification,2009-03-20,news,para 3,\n"
        },
    )
    rec = load(data)
    assert len(rec.actions) == 2
    merged = next(a for a in rec.actions if a.date == dt.date(2009, 3, 18))
    assert [c.source_id for c in merged.citations] == ["un", "news"]
    (conflict,) = rec.conflicts
    assert conflict.key == "CCM/LAO/ratification"
    assert [v.value for v in conflict.variants] == ["2009-03-18", "2009-03-20"]  # depositary first


def test_two_days_for_one_completion_conflict_but_two_scopes_do_not(tmp_path: Path) -> None:
    head = "instrument,state,obligation,kind,date,deadline,years,source,locator,note,scope\n"
    data = _small_record(
        tmp_path,
        "un,official,Report,UN,https://example.org/un,,,\n"
        "mon,monitor,Profile,Monitor,https://example.org/mon,,,\n",
        {
            "obligations/o.csv": head
            + "CCM,HUN,stockpile_destruction,completed,2011-06-30,,,mon,p1,,\n"
            "CCM,HUN,stockpile_destruction,completed,2011-07-08,,,un,p2,,\n"
            "CCM,ESP,stockpile_destruction,completed,2009-03-31,,,mon,p3,,\n"
            "CCM,ESP,stockpile_destruction,completed,2018-07-25,,,un,p4,,stocks found in 2012\n"
            # Successive deadlines are history, not a dispute.
            "CCM,TCD,clearance,deadline,,2024-10-01,,un,p5,,\n"
            "CCM,TCD,clearance,deadline,,2026-10-01,,un,p6,,\n"
        },
    )
    rec = load(data)
    (conflict,) = rec.conflicts
    assert (conflict.fact_type, conflict.key) == (
        "obligation",
        "CCM/HUN/stockpile_destruction/completed",
    )
    assert [v.value for v in conflict.variants] == ["2011-07-08", "2011-06-30"]  # official first
    assert {o.scope for o in rec.obligations if o.state == "ESP"} == {"", "stocks found in 2012"}


def test_participant_and_observer_for_one_state_at_one_meeting_conflict(tmp_path: Path) -> None:
    data = _small_record(
        tmp_path,
        "a,official,Release,Gov,https://example.org/a,,,\n"
        "b,secondary,News,Paper,https://example.org/b,,,\n",
        {
            "events/e.csv": "id,name,kind,instrument,city,country,start,end,source,locator,note\n"
            "dublin-2008,Dublin,diplomatic_conference,CCM,Dublin,IRL,2008-05-19,2008-05-30,a,x,\n",
            "participation/p.csv": "event,participant,role,source,locator\n"
            "dublin-2008,LTU,observer,a,p1\n"
            "dublin-2008,LTU,participant,b,p2\n"
            # A host is also a participant: not a disagreement.
            "dublin-2008,IRL,host,a,p3\n"
            "dublin-2008,IRL,participant,a,p4\n",
        },
    )
    (conflict,) = load(data).conflicts
    assert (conflict.fact_type, conflict.key, conflict.field) == (
        "participation",
        "dublin-2008/LTU",
        "role",
    )
    assert [v.value for v in conflict.variants] == ["observer", "participant"]  # official first


def test_an_entailed_endorsement_is_derived_only_where_the_record_lacks_one(
    data_copy: Path,
) -> None:
    # instruments.yaml: adopting the CCM in Dublin entails endorsing the Wellington Declaration.
    _add(data_copy, "actions", "zz-new.csv", HEADER + "CCM,SYC,adoption,2008-05-30,seed-002,p,\n")
    rec = load(data_copy)

    def wellington(iso3: str) -> list[model.Action]:
        return [
            a for a in rec.actions if a.instrument == "WELLINGTON-DECLARATION" and a.state == iso3
        ]

    (derived,) = wellington("SYC")
    assert derived.date is None
    assert [c.source_id for c in derived.citations] == ["norway-un-2008-dublin"]
    assert derived.note.startswith("derived from its adoption of the CCM")
    # Ghana's own dated endorsement stands alone; nothing is derived beside it.
    assert [a.date for a in wellington("GHA")] == [dt.date(2008, 2, 22)]


@pytest.mark.parametrize(
    ("before", "after", "problem"),
    [
        (
            "implies: endorsement",
            "implies: endorse",
            "implied_by implies 'endorse' is not an action",
        ),
        ("    instrument: CCM\n", "    instrument: CCX\n", "implied_by names 'CCX'"),
        ("    source: norway-un-2008-dublin\n", "", "implied_by lacks source"),
    ],
)
def test_a_bad_implication_is_refused_naming_its_file(
    data_copy: Path, before: str, after: str, problem: str
) -> None:
    path = data_copy / "instruments.yaml"
    text = path.read_text(encoding="utf-8")
    assert before in text
    path.write_text(text.replace(before, after), encoding="utf-8")
    with pytest.raises(RecordError) as err:
        load(data_copy)
    assert "instruments.yaml" in str(err.value)
    assert problem in str(err.value)


_CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(row=st.lists(_CELL, min_size=1, max_size=9))
def test_any_row_loads_or_is_refused_with_a_located_problem(
    data_copy: Path, row: list[str]
) -> None:
    buf = io.StringIO()
    csv.writer(buf).writerow(row)
    path = _add(data_copy, "actions", "zz-fuzz.csv", HEADER + buf.getvalue())
    try:
        load(data_copy)
    except RecordError as err:
        assert all(p.where.startswith(str(path)) for p in err.problems), err
