"""Meeting documents through the pipeline (issue 21, item 3): what the record already holds
adds citations, not duplicates; the same documents ingested again add nothing; a final
report's participation paragraphs and a statement page's speakers come in by role and day.

Fixtures (tests/fixtures/meetings/):

- ``ccm-3msp-final-document.pdf``: laid out as the Final document of the Third Meeting of
  States Parties, CCM/MSP/2012/5 (copy at https://docslib.org/doc/3627930/the-third-meeting-of-states-parties-to-the-convention-on-cluster-munitions-2012),
  written by ``make_fixtures.py``: two columns, a running header, page numbers, hyphenated
  line ends; its lists are shortened.
- ``ccm-8msp-statements.html``: the structure of the ISU's 8MSP page,
  https://ccm3.pronk.se/eighth-meeting-of-states-parties/ (day headings, agenda items, one
  link per statement); its speaker lists are shortened.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, SEEDS, needs_extractor
from treatywatch.ingest.readers import read_document
from treatywatch.ingest.store import accept, candidates, ingest
from treatywatch.store.build import build
from treatywatch.store.db import engine
from treatywatch.store.read import load_record

pytestmark = needs_extractor

FIXTURES = Path(__file__).parent / "fixtures" / "meetings"
REPORT = FIXTURES / "ccm-3msp-final-document.pdf"
PAGE = FIXTURES / "ccm-8msp-statements.html"


@pytest.fixture
def db(any_db: str) -> str:
    build(any_db, DATA)
    return any_db


def _accept_all(db: str, **options: str) -> None:
    pending = [c.id for c in candidates(engine(db))]
    assert pending
    accept(engine(db), pending, **options)


# -- item 1: what the record holds is cited, not added again --------------------------------


def test_accepting_the_seeds_duplicates_no_event_and_no_act(db: str) -> None:
    before = load_record(engine(db))
    assert not ingest(engine(db), [SEEDS]).errors
    _accept_all(db)
    after = load_record(engine(db))

    belgrade = [e for e in after.events.values() if e.city == "Belgrade"]
    assert [e.id for e in belgrade] == ["belgrade-2007"]
    seed_001 = hashlib.sha256(next(SEEDS.glob("001_*.txt")).read_bytes()).hexdigest()
    seed_source = next(s.id for s in after.sources.values() if s.sha256 == seed_001)
    assert [c for c in belgrade[0].citations if c.locator.startswith("characters")]
    assert seed_source in {c.source_id for c in belgrade[0].citations}

    # The meetings the seeds name with other days or words are the record's, not new ones.
    for city, year in (("Beirut", 2011), ("Oslo", 2012), ("Dublin", 2008)):
        same = [
            e for e in after.events.values()
            if e.city == city and e.start is not None and e.start.year == year
        ]  # fmt: skip
        assert len(same) == len(
            [
                e
                for e in before.events.values()
                if e.city == city and e.start and e.start.year == year
            ]
        ), city

    renounced = [
        a for a in after.actions
        if a.state == "AUT" and a.instrument == "CCM" and a.kind.value == "renounced"
    ]  # fmt: skip
    assert len(renounced) == 1
    assert len(renounced[0].citations) == 2  # the curated row's and the reviewed document's
    assert len(after.actions) == len(before.actions)

    # Seed 004's statements are the curated ones: most become citations of them.
    added = [s for s in after.statements if s.id.startswith("doc-")]
    assert len(added) <= 5
    curated = next(s for s in after.statements if s.id == "ccm-2msp-aut-ccw")
    assert len(curated.citations) >= 2


def test_a_participant_list_the_record_holds_adds_only_citations(db: str, tmp_path: Path) -> None:
    ingest(engine(db), [REPORT])
    _accept_all(db)
    once = load_record(engine(db))
    keys = [(p.event, p.participant, p.role) for p in once.participation]
    assert len(keys) == len(set(keys))

    # Another document giving the same list: its rows are the record's, each one more source.
    paragraph = next(p for p in read_document(REPORT).text.split("\n\n") if p.startswith("4. "))
    note = tmp_path / "note.txt"
    note.write_text(f"Notes from Oslo\n\n{paragraph}\n", encoding="utf-8")
    assert ingest(engine(db), [note]).candidates > 0
    _accept_all(db, event="ccm-3msp")
    twice = load_record(engine(db))
    assert [(p.event, p.participant, p.role) for p in twice.participation] == keys
    norway = next(
        p for p in twice.participation
        if (p.event, p.participant, p.role.value) == ("ccm-3msp", "NOR", "state_party")
    )  # fmt: skip
    assert len({c.source_id for c in norway.citations}) == 2

    # A copy of the report (other bytes, the same words) gives no candidate at all.
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(REPORT.read_bytes() + b"\n% a copy\n")
    report = ingest(engine(db), [copy])
    assert len(report.added) == 1 and report.candidates == 0


# -- item 2: ingesting again adds nothing ----------------------------------------------------


def test_ingesting_the_same_documents_again_adds_nothing(db: str, tmp_path: Path) -> None:
    first = ingest(engine(db), [SEEDS, REPORT, PAGE])
    assert len(first.added) == 7 and first.candidates > 0 and not first.errors
    pending = [c.id for c in candidates(engine(db))]
    assert len(pending) == first.candidates

    again = ingest(engine(db), [SEEDS, REPORT, PAGE])
    assert again.added == [] and len(again.unchanged) == 7 and again.candidates == 0
    assert [c.id for c in candidates(engine(db))] == pending

    accept(engine(db), pending)
    record = load_record(engine(db))
    # A copy of each document with other bytes (a line added at its head): the same facts
    # again, so no candidate comes back to review.
    for path in [*sorted(SEEDS.glob("*.txt"))]:
        (tmp_path / path.name).write_bytes(b"\n\n" + path.read_bytes() + b"\n")
    copies = ingest(engine(db), [tmp_path])
    assert len(copies.added) == 5 and copies.candidates == 0
    assert candidates(engine(db)) == []
    assert load_record(engine(db)).participation == record.participation


def test_ingest_twice_on_the_command_line_lists_nothing_new(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    build(db, DATA)

    def tw(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "treatywatch", *args, "--db", db],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip

    assert tw("ingest", str(PAGE)).returncode == 0
    listed = json.loads(tw("review", "--format", "json").stdout)
    again = tw("ingest", str(PAGE))
    assert again.returncode == 0 and "0 document(s) added" in again.stderr
    assert json.loads(tw("review", "--format", "json").stdout) == listed
    assert tw("review", "accept", *[str(c["id"]) for c in listed]).returncode == 0
    assert json.loads(tw("review", "--format", "json").stdout) == []


# -- item 3: the readers ---------------------------------------------------------------------


def test_a_two_column_final_report_reads_as_whole_paragraphs_in_order() -> None:
    doc = read_document(REPORT)
    paragraphs = doc.text.split("\n\n")
    # The running header and the page numbers are gone; the first page's head is kept.
    assert "CCM/MSP/2012/5" not in doc.text
    assert not [p for p in paragraphs if re.fullmatch(r"\d+", p.strip())]
    assert paragraphs[:3] == [
        "Convention on Cluster Munitions",
        "15 October 2012",
        "Original: English",
    ]
    numbered = [int(m.group(1)) for p in paragraphs if (m := re.match(r"(\d+)\. ", p))]
    assert numbered == list(range(1, 9))
    states_parties = next(p for p in paragraphs if p.startswith("4. "))
    # One paragraph across the column break, words broken at line ends whole again.
    assert (
        "Tunisia, United Kingdom of Great Britain and Northern Ireland, Uruguay" in states_parties
    )
    assert "Luxembourg" in states_parties and "Switzerland" in states_parties
    assert "operationalisation" in doc.text and "-\n" not in doc.text
    assert doc.date == "2012-10-15"


def test_a_statement_page_keeps_headings_and_links_on_lines_of_their_own() -> None:
    lines = read_document(PAGE).text.split("\n")
    at = lines.index("Universalization", lines.index("MONDAY 3 SEPTEMBER 2018"))
    assert [ln for ln in lines[at + 1 : at + 6] if ln] == ["Norway", "Chile", "Philippines", "ICRC"]
    assert "Nicaragua" in lines and "European Union" in lines


# -- item 4: the candidates and what review writes -------------------------------------------


def test_a_final_report_gives_participants_by_role_and_review_writes_them(db: str) -> None:
    ingest(engine(db), [REPORT])
    lists = candidates(engine(db), kind="participant_list")
    by_role = {c.payload["role"]: c for c in lists}
    assert sorted(by_role) == ["observer", "signatory", "state_party"]
    assert len(lists) == 3  # no role-less list of the same paragraphs beside them
    assert len(by_role["state_party"].payload["states"]) == 64
    assert len(by_role["signatory"].payload["states"]) == 20
    assert by_role["observer"].payload["states"] == [
        "ARG", "BRN", "KHM", "FIN", "POL", "SRB", "THA", "VNM",
    ]  # fmt: skip
    assert by_role["state_party"].payload["locator"] == "paragraph 4"

    accept(engine(db), [c.id for c in lists])
    record = load_record(engine(db))
    rows = {(p.participant, p.role.value): p for p in record.participation if p.event == "ccm-3msp"}
    assert {("NOR", "state_party"), ("LAO", "state_party"), ("GBR", "state_party")} <= set(rows)
    assert ("AUS", "signatory") in rows and ("FIN", "observer") in rows
    cited = rows[("AUS", "signatory")].citations
    assert [c.locator.split(";")[0] for c in cited] == ["paragraph 5"]
    assert (
        record.sources[cited[0].source_id].sha256 == hashlib.sha256(REPORT.read_bytes()).hexdigest()
    )
    assert not [e for e in record.events.values() if e.id.startswith("doc-")]


def test_a_statement_page_gives_statements_by_day_and_agenda_item(db: str) -> None:
    ingest(engine(db), [PAGE])
    spoken = candidates(engine(db), kind="statement")
    assert len(spoken) == 15
    norway = next(c for c in spoken if c.payload["speaker"] == "NOR")
    assert norway.payload["agenda"] == "Universalization"
    assert norway.payload["date"] == "2018-09-03"
    assert norway.payload["topics"] == ["universalisation"]
    assert norway.quote == "Norway"
    lao = next(c for c in spoken if c.payload["speaker"] == "LAO")
    assert (lao.payload["date"], lao.payload["topics"]) == ("2018-09-04", ["victim-assistance"])
    assert {c.payload["speaker"] for c in spoken} >= {"org:CMC", "org:ICRC", "org:EU"}

    accept(engine(db), [c.id for c in spoken])
    record = load_record(engine(db))
    written = [s for s in record.statements if s.id.startswith("doc-")]
    assert len(written) == 15 and {s.event for s in written} == {"ccm-8msp"}
    norway_row = next(s for s in written if s.speaker == "NOR")
    assert norway_row.agenda == "Universalization" and norway_row.topics == ("universalisation",)
    assert norway_row.citations[0].locator.startswith("Universalization, Monday 3 September 2018")
