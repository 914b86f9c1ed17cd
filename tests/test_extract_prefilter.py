"""The prefiltered scans find what the patterns' own scans find (ingest/extract/prefilter.py).

A prefiltered pattern is tried only where one of its opening words occurs; had a rule's
pattern an opening the words miss, the extractor would silently lose its matches. These
tests compare every prefiltered pattern of the extractor with its plain regex, on the real
documents of the corpus and on generated text built to hit the edges (words inside words,
case, the characters that lower-case unlike their match, ranges cut through a word).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import treatywatch.ingest.extract  # noqa: F401  (its modules make the prefiltered patterns)
from treatywatch.ingest.extract import prefilter
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.prefilter import Prefiltered, opening_words

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = sorted((ROOT / "tests" / "corpus" / "dev").glob("*.txt")) + sorted(
    (ROOT.parent / "shared" / "seeds").glob("*.txt")
)
# long enough to be scanned by words, not the plain way
LONG = [p.read_text(encoding="utf-8") for p in DOCUMENTS]
LONG = [t for t in LONG if len(t) >= prefilter._SHORT] or [
    "\n\n".join(p.read_text(encoding="utf-8") for p in DOCUMENTS)
]


def _spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]  # type: ignore[attr-defined]


def test_the_extractor_s_whole_document_scans_are_prefiltered() -> None:
    from treatywatch.ingest.extract import actions, events, statements

    for scan in (statements._ANY_CUE, statements._FLOOR_CUE, events._NOUN_ONLY, actions._ACT):
        assert isinstance(scan, Prefiltered)
        assert scan in prefilter.ALL
    assert len(prefilter.ALL) >= 11


@pytest.mark.parametrize("n", range(len(prefilter.ALL)))
def test_a_prefiltered_scan_finds_what_the_pattern_finds_in_the_corpus(n: int) -> None:
    scan = prefilter.ALL[n]
    for text in LONG:
        assert _spans(scan.finditer(text)) == _spans(scan.pattern.finditer(text))
        for block in textmod.sentences(text)[:60]:
            got = scan.search(text, block.start, block.end)
            want = scan.pattern.search(text, block.start, block.end)
            assert (got and got.span()) == (want and want.span())


_FILLER = st.sampled_from(
    [" ", "\n", ".", ",", "(", "-", "a", "s", "e", "X", "1", "2", "’", "\u0130", "é", "MSP"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_prefiltered_scan_finds_what_the_pattern_finds_in_generated_text(
    data: st.DataObject,
) -> None:
    scan = data.draw(st.sampled_from(prefilter.ALL))
    words = [w for w in opening_words_of(scan)] or ["x"]
    pieces = data.draw(
        st.lists(
            st.one_of(
                st.sampled_from(words),
                st.sampled_from(words).map(str.upper),
                st.sampled_from(words).map(str.capitalize),
                _FILLER,
                st.text(max_size=4),
            ),
            min_size=1,
            max_size=60,
        )
    )
    body = "".join(pieces)
    # padded past the length below which a text is scanned the plain way
    text = body + " " * max(0, prefilter._SHORT - len(body)) + body
    assert _spans(scan.finditer(text)) == _spans(scan.pattern.finditer(text))
    pos = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(pos, len(text)))
    got = scan.search(text, pos, end)
    want = scan.pattern.search(text, pos, end)
    assert (got and got.span()) == (want and want.span())


def opening_words_of(scan: Prefiltered) -> list[str]:
    by_number = {n: w for w, n in prefilter._WORDS.items()}
    return sorted(by_number[i] for i in scan._ids)


def test_opening_words_read_branches_groups_classes_and_quantifiers() -> None:
    assert opening_words(r"\b(?:meetings?|[Ss]igning|(?<=x)event)\b") == [
        "Signing",
        "event",
        "meeting",
        "signing",
    ]
    # an optional group: what follows it can open the match too
    assert opening_words(r"(?:the\s+)?(?P<n>Review|Summit)") == ["Review", "Summit", "the"]
    assert opening_words(r"\d{1,2}MSP") == list("0123456789")


@pytest.mark.parametrize("source", [r"[A-Z]\w+", r"\s+said", r"(?:x)?", r"\d?MSP", r".said"])
def test_a_pattern_that_opens_with_no_word_is_refused(source: str) -> None:
    with pytest.raises(ValueError, match="opens with"):
        opening_words(source)


def test_a_text_with_a_letter_that_lowers_unlike_its_match_is_scanned_the_plain_way() -> None:
    # "ſ" matches "s" ignoring case but lower-cases to itself: a search of the lowered text
    # for "said" would miss "ſaid"
    scan = Prefiltered(re.compile(r"\bsaid\b", re.IGNORECASE), ["said"])
    text = "x " * prefilter._SHORT + "ſaid and SAID"
    assert _spans(scan.finditer(text)) == _spans(scan.pattern.finditer(text))
    assert len(_spans(scan.finditer(text))) == 2


def test_a_very_long_text_is_scanned_the_plain_way_keeping_no_places() -> None:
    scan = prefilter.ALL[0]
    text = "1" * (prefilter._LONG + 1)
    assert prefilter._starts(text, scan._ids) is None
    assert _spans(scan.finditer(text)) == _spans(scan.pattern.finditer(text))


def test_a_verbose_pattern_is_refused() -> None:
    with pytest.raises(ValueError, match="verbose"):
        prefilter.prefiltered(re.compile(r"  said  # a cue", re.VERBOSE))


# The sentence splitter's pattern as first written, opening at the space after a stop:
# text._SENTENCE_END opens at the stop instead, for speed, and must split alike.
_PLAIN_SENTENCE_END = re.compile(
    r"""(?<=[.!?])(?:\[\d{1,3}\])?["”’)\]]?\s+(?=[“"(‘'A-Z0-9•\-])"""
    r"""|(?<=[a-z]{3}[.!?])["”]?(?=[A-Z])"""
    r"""|\n\s*\n"""
    r"""|\n(?=\s*(?:[•●▪◦‣*\-–]\s|\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+(?:Jan|Feb|Mar|Apr|May|Jun"""
    r"""|Jul|Aug|Sep|Oct|Nov|Dec)))"""
)


def _plain_ends(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PLAIN_SENTENCE_END.finditer(text)]


def _fast_ends(text: str) -> list[tuple[int, int]]:
    out = []
    for m in textmod._SENTENCE_END.finditer(text):
        out.append((m.start("gap") if m.group("gap") is not None else m.start(), m.end()))
    return out


def test_the_sentence_splitter_ends_sentences_where_its_plain_pattern_does() -> None:
    for text in LONG:
        assert _fast_ends(text) == _plain_ends(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                ".",
                "!",
                "?",
                " ",
                "\n",
                "\n\n",
                "”",
                '"',
                ")",
                "[3]",
                "abc",
                "Def",
                "5",
                "-",
                "• ",
                "12 May",
                "3 - 4 Jun",
                "“",
                "x",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_the_sentence_splitter_ends_generated_sentences_where_its_plain_pattern_does(
    text: str,
) -> None:
    assert _fast_ends(text) == _plain_ends(text)


def test_alternatives_split_only_the_top_level_branches() -> None:
    assert prefilter.alternatives(r"a|b(?:c|d)|[|]|\||[]|]x|[^]|]y") == [
        "a",
        "b(?:c|d)",
        "[|]",
        r"\|",
        "[]|]x",
        "[^]|]y",
    ]
