"""Property tests: the extractor's date rules and its robustness on any text."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from treatywatch.ingest.extract import extract_text
from treatywatch.ingest.extract.dates import find_dates, resolve

_DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))
_SEED_TEXT = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))


@given(_DAYS, st.sampled_from(["{d} {M} {y}", "{M} {d}, {y}", "{iso}", "on {d} {M} {y},"]))
def test_a_written_day_reads_back_as_that_day(day: dt.date, shape: str) -> None:
    written = shape.format(d=day.day, M=calendar.month_name[day.month], y=day.year,
                           iso=day.isoformat())  # fmt: skip
    (mention,) = find_dates(written)
    assert resolve(mention, None) == (day, None)


@given(_DAYS, _DAYS)
def test_a_missing_year_is_completed_in_the_direction_the_text_points(
    day: dt.date, reference: dt.date
) -> None:
    if (day.month, day.day) == (2, 29):
        return  # a 29 February without its year exists only in some years
    (mention,) = find_dates(f"{day.day} {calendar.month_name[day.month]}")
    forward, _ = resolve(mention, reference, +1, True)
    backward, _ = resolve(mention, reference, -1, True)
    assert forward is not None and backward is not None
    assert reference <= forward < reference + dt.timedelta(days=366)
    assert reference - dt.timedelta(days=366) < backward <= reference
    assert (forward.month, forward.day) == (backward.month, backward.day) == (day.month, day.day)


@given(_DAYS, _DAYS)
def test_a_day_near_a_reference_read_from_the_story_keeps_its_year(
    day: dt.date, reference: dt.date
) -> None:
    # an inexact reference is a day the text names ("On 14 March 2007 ..."): a yearless day
    # within weeks of it ("the forum, which took place on 15 March") is of the same story
    if (day.month, day.day) == (2, 29):
        return
    (mention,) = find_dates(f"{day.day} {calendar.month_name[day.month]}")
    for direction in (+1, -1):
        found, _ = resolve(mention, reference, direction, False)
        assert found is not None and (found.month, found.day) == (day.month, day.day)
        assert abs((found - reference).days) < 366
        same_year = dt.date(reference.year, day.month, day.day)
        if abs((same_year - reference).days) <= 45:
            assert found == same_year
        elif direction > 0:
            assert found >= reference
        else:
            assert found <= reference


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_extracts_without_error_and_spans_stay_inside(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, len(_SEED_TEXT) - 1), min_size=2, max_size=12), st.randoms())
def test_cut_and_shuffled_seed_text_extracts_without_error(
    cuts: list[int], rnd: random.Random
) -> None:
    cuts = sorted(cuts)
    pieces = [_SEED_TEXT[a:b] for a, b in itertools.pairwise(cuts)]
    rnd.shuffle(pieces)
    _check("".join(pieces))


def _check(text: str) -> None:
    result = extract_text(text)
    assert result["document"]["chars"] == len(text)
    for state in result["states"]:
        for start, end in state["spans"]:
            assert 0 <= start < end <= len(text)
    for field in ("participant_lists", "events", "statements", "actions", "claims"):
        for item in result[field]:
            start, end = item["span"]
            assert 0 <= start <= end <= len(text)
    for event in result["events"]:
        for key in ("start", "end"):
            if event[key] is not None:
                dt.date.fromisoformat(event[key])


_TOPIC_WORD_LIST = [
    "ratified", "the", "Convention", "victims", "survivors", "clearance", "contaminated",
    "stockpile", "destroyed", "transparency", "reports", "Article", "7", "compliance",
    "violation", "cooperation", "resources", "CCW", "protocol", "interoperability", "national",
    "legislation", "implementing", "the", "Convention", "new", "use", "condemned", "joined",
    "nuclear", "unclear", "mine-clearance", "non-compliance", "co-operation", "Joint",
    "operations", ",", ".", "and", "the", "of", "in",
]  # fmt: skip
_TOPIC_WORDS = st.sampled_from(_TOPIC_WORD_LIST)


@given(st.lists(_TOPIC_WORDS, max_size=40))
def test_one_scan_for_all_topics_finds_what_each_topic_finds_alone(words: list[str]) -> None:
    from treatywatch.ingest.extract import vocabulary

    sentence = " ".join(words)
    assert vocabulary.topics(sentence) == vocabulary.topics_one_by_one(sentence)
