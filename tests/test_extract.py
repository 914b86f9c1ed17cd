"""The extractor on the seed documents and on language it has not seen.

Most tests read a seed's text directly (``extract_text``) so that they exercise the rules,
not the file readers; the evaluation test goes through the whole path, files included.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import GOLD, SEEDS, needs_extractor
from treatywatch.ingest.extract import extract_text
from treatywatch.ingest.extract.dates import find_dates, resolve
from treatywatch.registry import states as registry


def _seed(prefix: str) -> str:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def _items(result: dict, field: str) -> Iterator[dict]:
    yield from result[field]


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict]:
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        # seed 003 is a dated blog post: its reader finds "Wednesday, 30 May 2007"
        date = "2007-05-30" if path.name.startswith("003") else None
        out[path.name[:3]] = extract_text(text, path=str(path), date=date) | {"_text": text}
    return out


def test_every_span_reads_the_words_of_its_item(seeds: dict[str, dict]) -> None:
    for result in seeds.values():
        text = result["_text"]
        for state in result["states"]:
            for start, end in state["spans"]:
                words = text[start:end]
                assert registry.lookup(words) == state["iso3"] or any(
                    m.form.casefold() in words.casefold()
                    for m in registry.mention_index()
                    if m.iso3 == state["iso3"]
                ), (state["iso3"], words)
        for field in ("participant_lists", "events", "statements", "actions", "claims"):
            for item in result[field]:
                start, end = item["span"]
                assert 0 <= start < end <= len(text)
        for claim in result["claims"]:
            assert text[claim["span"][0] : claim["span"][1]] == claim["text"]


def test_seed_001_the_list_of_80_keeps_the_stated_count_and_every_name(
    seeds: dict[str, dict],
) -> None:
    (found,) = seeds["001"]["participant_lists"]
    assert found["stated_count"] == 80
    assert found["as_of"] == "2007-09-20"
    # the source names 81 states under its heading of 80
    assert len(found["states"]) == 81
    assert {"LAO", "VAT", "CZE", "TZA", "GBR", "GNB", "BIH", "ZMB"} <= set(found["states"])
    assert "RUS" not in found["states"]  # named in a footnote as an observer, not in the list


def test_seed_001_upcoming_events_get_the_year_they_fall_in(seeds: dict[str, dict]) -> None:
    events = {(e["city"], e["start"], e["end"]) for e in seeds["001"]["events"]}
    assert ("Lima", "2007-05-23", "2007-05-25") in events  # past: the year of the document
    assert ("Belgrade", "2007-10-02", "2007-10-04") in events
    assert ("Wellington", "2008-02-18", "2008-02-22") in events  # after September: next year
    assert ("Dublin", "2008-05-19", "2008-05-30") in events
    assert (None, "2007-11-05", None) in events  # "worldwide" is no city


def test_seed_004_statements_have_their_speakers_and_days(seeds: dict[str, dict]) -> None:
    found = {(s["speaker"], s["date"]) for s in seeds["004"]["statements"]}
    assert {
        ("VNM", "2011-09-14"),
        ("IRN", "2011-09-14"),
        ("BEL", "2011-09-13"),
        ("NOR", "2011-09-16"),
        ("org:CMC", None),  # Lynn Bradach spoke on behalf of the CMC
        ("person:Margaret Arach Orech", None),
    } <= found
    assert not any(s.startswith("person:Lynn") for s, _ in found)
    vietnam = next(s for s in seeds["004"]["statements"] if s["speaker"] == "VNM")
    assert vietnam["stance"] == "not-yet"
    assert "universalisation" in vietnam["topics"]
    # one entry per speaker and occasion: Viet Nam's four sentences are one statement
    assert sum(1 for s in seeds["004"]["statements"] if s["speaker"] == "VNM") == 1


def test_acts_are_what_happened_not_what_is_planned(seeds: dict[str, dict]) -> None:
    acts = {(a["state"], a["action"]) for a in seeds["004"]["actions"]}
    assert ("SWZ", "accession") in acts
    # "indicated they plan to accede", "the possibility of Malaysia acceding"
    assert not {s for s, kind in acts if kind == "accession"} - {"SWZ"}
    renounced = {a["state"] for a in seeds["000"]["actions"] if a["action"] == "renounced"}
    assert renounced == {"AUT", "BIH", "BEL"}
    assert {(a["state"], a["action"]) for a in seeds["001"]["actions"]} == {("HUN", "moratorium")}


def test_a_weekday_in_a_dated_post_is_the_day_before_it(seeds: dict[str, dict]) -> None:
    hungary = [s for s in seeds["003"]["statements"] if s["speaker"] == "HUN"]
    assert [s["date"] for s in hungary] == ["2007-05-23"]  # Wednesday of the Lima week


def test_unseen_language() -> None:
    text = (
        "Fifth Meeting of States Parties, San José, Costa Rica, 2-5 September 2014\n\n"
        "Representatives of 85 countries took part. Belize acceded to the Convention on "
        "2 September 2014. Norway announced that it had completed the destruction of its "
        "stockpile. Peru plans to ratify in 2015. The Latin American states and the Indian "
        "Ocean islands met. Mr. Stephan Husy, Ambassador of Switzerland, stated that his "
        "country would finish by 2016. Germany's delegation welcomed the progress made. "
        "The sixth meeting will be held in Dubrovnik, Croatia, from 7 to 11 September 2015."
    )
    result = extract_text(text)
    states = {s["iso3"] for s in result["states"]}
    assert {"CRI", "BLZ", "NOR", "PER", "CHE", "DEU", "HRV"} == states
    acts = {(a["state"], a["action"], a["date"]) for a in result["actions"]}
    assert acts == {
        ("BLZ", "accession", "2014-09-02"),
        ("NOR", "stockpile-destruction-completed", None),
    }
    events = {(e["city"], e["start"]) for e in result["events"]}
    assert events == {("San José", "2014-09-02"), ("Dubrovnik", "2015-09-07")}
    speakers = {s["speaker"] for s in result["statements"]}
    assert {"CHE", "DEU"} <= speakers
    assert {c["quantity"] for c in result["claims"]} == {85}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Malta joined the consensus adopting the Convention in Dublin.", {("MLT", "adoption")}),
        ("Finland adopted the convention at the end of the talks.", {("FIN", "adoption")}),
        ("On 30 May 2008 in Dublin, Palau adopted the Convention.", {("PLW", "adoption")}),
        ("On 13 May 2011, Ghana ratified the Convention.", {("GHA", "ratification")}),
        # A plan, a law or a report adopted is not the treaty; "may" is still a hedge.
        ("Lao PDR adopted the Convention's action plan in 2011.", set()),
        ("Chile adopted a national law in 2014.", set()),
        ("Japan joined the consensus on the final report.", set()),
        ("Palau may ratify the Convention in May 2027.", set()),
    ],
)
def test_adopting_the_treaty_is_an_act_and_a_month_is_no_hedge(
    sentence: str, expected: set[tuple[str, str]]
) -> None:
    assert {(a["state"], a["action"]) for a in extract_text(sentence)["actions"]} == expected


@pytest.mark.parametrize(
    ("written", "reference", "direction", "expected"),
    [
        ("22–23 February 2007", None, 0, ("2007-02-22", "2007-02-23")),
        ("from 12 to 16 September 2011", None, 0, ("2011-09-12", "2011-09-16")),
        ("30 November – 4 December 2009", None, 0, ("2009-11-30", "2009-12-04")),
        ("September 20, 2007", None, 0, ("2007-09-20", None)),
        ("18-22 February", dt.date(2007, 9, 20), 1, ("2008-02-18", "2008-02-22")),
        ("23-25 May", dt.date(2007, 9, 20), -1, ("2007-05-23", "2007-05-25")),
        ("December 3rd of this year", dt.date(2008, 9, 18), 0, ("2008-12-03", None)),
        ("in August 2011", None, 0, (None, None)),  # no day: not certain
        ("5-7 December", None, 1, (None, None)),  # no year and nothing to complete it from
    ],
)
def test_dates_as_meeting_documents_write_them(
    written: str,
    reference: dt.date | None,
    direction: int,
    expected: tuple[str | None, str | None],
) -> None:
    (mention,) = find_dates(written)
    start, end = resolve(mention, reference, direction)
    assert (start and start.isoformat(), end and end.isoformat()) == expected


@needs_extractor
def test_eval_on_the_development_set_meets_the_targets(tmp_path: Path) -> None:
    from treatywatch.cli.main import app

    result = CliRunner().invoke(app, ["eval", str(GOLD), str(SEEDS), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = {row["field"]: row for row in json.loads(result.stdout)}
    assert scores["states"]["f1"] >= 0.95
    for field in ("participant_lists", "events", "statements", "actions"):
        assert scores[field]["f1"] >= 0.85, scores[field]


@needs_extractor
def test_extract_prints_one_line_per_document_and_fails_on_a_bad_one(tmp_path: Path) -> None:
    from treatywatch.cli.main import app

    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"<html>not a pdf</html>")
    seed = next(SEEDS.glob("001_*.txt"))
    result = CliRunner().invoke(app, ["extract", str(seed), str(junk), "--format", "json"])
    assert result.exit_code == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["document"]["path"] == str(seed)
    assert first["participant_lists"][0]["stated_count"] == 80
    assert set(second) == {"document", "error"}
    assert "junk.pdf" in second["error"]


@pytest.mark.parametrize("width", [50, 72, 100])
def test_text_broken_into_lines_like_a_pdf_reads_the_same(width: int) -> None:
    """PDF text breaks lines at a column, in mid-sentence and after hyphens
    ("Bosnia-\\nHerzegovina"); the extractor must read it as well as the flowing text."""
    import textwrap

    from treatywatch.ingest.evaluate import FIELDS, Score, score_document

    scores = {field: Score(field) for field in FIELDS}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        wrapped = "\n".join(
            "\n".join(textwrap.wrap(line, width)) if len(line) > width else line
            for line in text.split("\n")
        )
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        date = "2007-05-30" if path.name.startswith("003") else None
        score_document(gold, extract_text(wrapped, date=date), scores)
    assert scores["states"].f1 >= 0.95
    for field in ("participant_lists", "events", "statements", "actions"):
        assert scores[field].f1 >= 0.85, scores[field].as_dict()


@pytest.mark.parametrize(
    ("head", "speaker", "date"),
    [
        (
            "Statement by H.E. Ms. Kirsti Kolle Grøndahl, Permanent Representative of Norway\n\n"
            "Geneva, 3 September 2019\n\nMr President,\nNorway welcomes the progress made.",
            "NOR",
            "2019-09-03",
        ),
        (
            "Statement of the Cluster Munition Coalition\nTenth Meeting of States Parties, "
            "Geneva, 30 August - 1 September 2022\n\nThe CMC calls on all states to join.",
            "org:CMC",
            None,  # the head gives the meeting's days, not the day of the statement
        ),
        ("Closing remarks by Ambassador Maria Lopez\n\nWe thank all delegations.",
         "person:Maria Lopez", None),
    ],
)  # fmt: skip
def test_a_statement_names_its_speaker_in_its_head(head: str, speaker: str, date: str) -> None:
    found = [(s["speaker"], s["date"]) for s in extract_text(head)["statements"]]
    assert found == [(speaker, date)]  # the body's sentences belong to the same statement


def test_a_dateline_dates_today_and_counts_in_words_are_read() -> None:
    text = (
        "Oslo, 3 December 2008 – Ninety-four countries signed the Convention on Cluster "
        "Munitions today in Oslo, Norway. Four of them — Ireland, the Holy See, Norway and "
        "Sierra Leone — also ratified the treaty today."
    )
    result = extract_text(text)
    assert {(a["state"], a["action"], a["date"]) for a in result["actions"]} == {
        (iso3, "ratification", "2008-12-03") for iso3 in ("IRL", "VAT", "NOR", "SLE")
    }
    assert [c["quantity"] for c in result["claims"]] == [94]
    # without a dateline, "today" is no day the text makes certain
    undated = extract_text(text.split("– ", 1)[1])
    assert {a["date"] for a in undated["actions"]} == {None}


def test_people_are_people_and_bodies_are_not() -> None:
    text = (
        "Disarmament Insight said the talks went well. Mary Wareham said the ban works. "
        "Human Rights Watch said that Syria had used cluster munitions."
    )
    speakers = [s["speaker"] for s in extract_text(text)["statements"]]
    assert speakers == ["person:Mary Wareham", "org:HRW"]  # "Mary" is also a city
