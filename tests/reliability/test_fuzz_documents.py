"""Fuzzing the readers and the extractor (issue 18): no input may take more than 2 s per MB
(with a second's floor for start-up costs), and none may raise anything but ReadError.

Inputs are built from the pieces that made the battery's slow and crashing cases (list
openers, commas, speech verbs, state names, tags, PDF and zip headers), so a few hundred
examples reach them; the examples are bounded to keep the suite within CI's time."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from treatywatch.ingest.extract import extract, extract_text
from treatywatch.ingest.readers import ReadError, read_bytes

PIECES = [
    "Several delegations, including ", "x, ", "and ", "the ", "/ ", "Norway ", "Chile ",
    "said that ", "supported ", "on behalf of the ", "CMC ", "delivered by ", "Mr. John Smith ",
    "“", "”", '"', ". ", "\n", "\n\n", "• ", "5-7 December ", "Vienna Conference ", "in Oslo, ",
    "acceded ", "on 3 May 2008 ", "not ", "67 states ", "statement on Victim Assistance ",
    "such as ", "namely ", "by ", ", ", " ", "é", "Lao People's Democratic Republic ",
]  # fmt: skip
MARKUP = ["<div>", "</div>", "<p>", "<b a=1>", "</b>", "<li>", "<meta name=date content=",
          "2011-09-13>", "<title>", "</title>", "<script>", "</script>", "<table>", "<td>",
          "<a ", 'x="', '"', ">", "<!--", "-->", "&amp;", "<svg/>"]  # fmt: skip


def _within_budget(size: int, seconds: float) -> None:
    budget = 1.0 + 2.0 * size / 1_000_000
    assert seconds < budget, f"{seconds:.2f} s for {size} bytes (budget {budget:.2f} s)"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=400).map("".join))
def test_the_extractor_is_fast_and_never_crashes_on_meeting_like_text(text: str) -> None:
    start = time.perf_counter()
    result = extract_text(text)
    _within_budget(len(text.encode()), time.perf_counter() - start)
    assert result["document"]["chars"] == len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(MARKUP + PIECES), max_size=400).map("".join),
    st.sampled_from([".html", ".txt", ".md"]),
)
def test_markup_reads_fast_or_is_refused_in_a_sentence(markup: str, suffix: str) -> None:
    data = ("<html><body>" + markup).encode()
    start = time.perf_counter()
    try:
        doc = read_bytes(data, f"fuzz{suffix}")
    except ReadError as exc:
        assert str(exc).startswith(f"fuzz{suffix}: ")
    else:
        extract(doc)
    _within_budget(len(data), time.perf_counter() - start)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04word/", b"", b"<html>"]),
    st.binary(max_size=3000),
    st.sampled_from([".pdf", ".docx", ".html", ".txt"]),
)
def test_damaged_binary_documents_are_refused_in_a_sentence(
    head: bytes, body: bytes, suffix: str
) -> None:
    start = time.perf_counter()
    try:
        doc = read_bytes(head + body, f"fuzz{suffix}")
    except ReadError as exc:
        assert str(exc).startswith(f"fuzz{suffix}: ")
    else:
        extract(doc)
    _within_budget(len(head + body), time.perf_counter() - start)


# One short line repeated down a page: the shapes that made a walk over the lines after
# each line quadratic (a page of cells, a column of places, an agenda of days).
REPEATED_LINES = [
    "Geneva, Switzerland\n", "Afghanistan 03-12-08 R 01-01-11\n", "3 December 2008 - Oslo\n",
    "Meeting of States Parties, Geneva\n", "Statement by Mr. X, Minister of Norway\n",
    "Last Updated: 30 November 2014 (\n", "San Jose\n\n02 September 2014\n\n",
]  # fmt: skip


@pytest.mark.parametrize("line", REPEATED_LINES)
def test_a_page_of_one_line_repeated_reads_in_linear_time(line: str) -> None:
    extract_text(line)  # the name index and the gazetteer load once, outside the timing

    def seconds(times: int) -> float:
        runs = []
        for _ in range(2):
            start = time.perf_counter()
            extract_text(line * times)
            runs.append(time.perf_counter() - start)
        return min(runs)

    # four times the page takes about four times as long (a quadratic walk takes sixteen);
    # a ratio, so that a busy machine slows both alike
    short, long = seconds(1000), seconds(4000)
    assert long < 8 * short + 0.05, f"{short:.2f} s for 1,000 lines, {long:.2f} s for 4,000"
    _within_budget(len((line * 4000).encode()), long / 2)
