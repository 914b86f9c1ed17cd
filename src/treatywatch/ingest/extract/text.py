"""Where sentences, clauses and list items begin and end in a normalised text.

Every extractor works on character offsets into the document's text, so that each item it
returns can say exactly which words it was read from. These helpers never copy the text;
they only return spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

Span = tuple[int, int]

# Two sentences a page ran together, with no space between them: "and Uruguay.A total of
# 104 countries", "in November.”The 30 ratifying countries" (both scans below end one there).
_GLUED = r"""(?<=[a-z]{3}[.!?])["”]?(?=[A-Z])"""
# A sentence ends at . ! ? followed by space and an upper-case letter, a quote or a bullet,
# or at a line break that starts a new block (bullet, blank line, short heading line).
# (The pattern opens by taking the stop or the line break, which lets a scan skip in C to
# them, and the look-behinds then tell which it took; group "gap" is what follows a stop,
# where the sentence ends.)
_SENTENCE_END = re.compile(
    r"""[.!?\n](?:(?<=[.!?])(?P<gap>(?:\[\d{1,3}\])?["”’)\]]?\s+(?=[“"(‘'A-Z0-9•\-])"""
    # end punctuation (a footnote mark "[3]" may follow it) + space + capital
    rf"""|{_GLUED})"""
    r"""|(?<=\n)\s*\n"""  # blank line
    r"""|(?<=\n)(?=\s*(?:[•●▪◦‣*\-–]\s|\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+(?:Jan|Feb|Mar|Apr|May"""
    r"""|Jun|Jul|Aug|Sep|Oct|Nov|Dec))))"""  # a bullet or an agenda line ("5-7 December")
)
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|Art|Arts|para|Amb|H\.E|e\.g|i\.e|etc|cf|vs|Gen|Col|Prof"
    r"|U\.S|U\.K|U\.N|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|\b[A-Z]\.)$"
)


@dataclass(frozen=True, slots=True)
class Block:
    """A sentence (or a heading, bullet or agenda line) with its offsets."""

    start: int
    end: int
    paragraph: int  # index of the paragraph (blank-line or bullet separated) it belongs to

    def text(self, doc: str) -> str:
        return doc[self.start : self.end]


def sentences(text: str) -> list[Block]:
    """Split into sentences, keeping offsets; a paragraph index groups them."""
    # events and statements both split the same document: split it once (a copy, so that
    # no caller's edits reach the other)
    return list(_sentences(text))


def _abbreviated(text: str, stop_end: int) -> bool:
    """Whether the full stop that ends at ``stop_end`` closes an abbreviation ("St.", "Mr.",
    "U.S."), which ends no sentence."""
    return _ABBREVIATIONS.search(text[max(0, stop_end - 6) : stop_end]) is not None


@lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[Block, ...]:
    out: list[Block] = []
    start = 0
    paragraph = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start("gap") if match.group("gap") is not None else match.start()
        gap = text[end : match.end()]
        if "\n" not in gap and _abbreviated(text, end):
            continue
        _append(out, text, start, end, paragraph)
        if "\n" in gap:
            paragraph += 1
        start = match.end()
    _append(out, text, start, len(text), paragraph)
    return tuple(out)


def _append(out: list[Block], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Block(start, end, paragraph))


def lines(text: str) -> list[Span]:
    """Every non-empty line as a span (without its line break)."""
    # statements reads the lines of the same document twice: split it once (a copy, as
    # for sentences)
    return list(_lines(text))


@lru_cache(maxsize=8)
def _lines(text: str) -> tuple[Span, ...]:
    out: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return tuple(out)


def at_word_start(branches: Iterable[str], not_before: str = r"\w") -> str:
    """A group of the regex ``branches``, each opening with a letter, that matches only where
    no ``not_before`` character (a class's contents) precedes it.

    Each branch is written as its letter, a look-behind past that letter, then the rest: an
    alternation whose every branch opens with a letter lets the engine skip in C to the next
    letter that can open one, where a word boundary or a look-behind written first is a test
    at every position of the text (these patterns run over every sentence)."""
    parts = []
    for branch in branches:
        if not branch[:1].isalpha():
            raise ValueError(f"a branch must open with a letter: {branch!r}")
        parts.append(f"{branch[0]}(?<![{not_before}].){branch[1:]}")
    return "(?:" + "|".join(parts) + ")"


_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")


def words_between(text: str, start: int, end: int) -> list[str]:
    return _WORD.findall(text[start:end])


_BOUNDARY = re.compile(
    rf"[.!?;](?:\[\d{{1,3}}\])?[\"”’)]?\s+|{_GLUED}|\n\s*\n\s*|\n\s*(?=[•●▪◦‣*\-–]\s)|\n(?=\S)"
)


_COLON = re.compile(r":\s+")


def sentence_start(text: str, at: int, reach: int = 300, colon: bool = True) -> int:
    """Where the sentence holding ``at`` begins, at most ``reach`` characters back.

    A single line break only ends a sentence after a full stop or a colon, or when the
    line before is short (a heading): PDF text breaks lines in mid-sentence."""
    floor = max(0, at - reach)
    start = floor
    for m in _BOUNDARY.finditer(text, floor, at):
        if text[m.start()] == "." and "\n" not in m.group() and _abbreviated(text, m.start() + 1):
            continue  # "St. Lucia deposited", "Mr. Obuchi signed": the sentence goes on
        if m.group().startswith("\n") and "\n\n" not in m.group() and m.group().strip() == "":
            line_start = text.rfind("\n", 0, m.start()) + 1
            previous = text[line_start : m.start()].rstrip()
            if len(previous) >= wrapped_length(text) and previous[-1:] not in ".:!?":
                continue  # a wrapped line: the sentence goes on
        start = m.end()
    if colon:
        for m in _COLON.finditer(text, start, at):
            start = m.end()
    if "(" in text[start:at]:
        # a dispatch's dateline opens its first sentence, even where a page runs the words
        # before it on without a stop: "... should join ban treaty(London, 5 November 2010)
        # – Lebanon's ratification"
        for m in _DATELINE_OPENS.finditer(text, start, at):
            start = m.end()
    return start


_DATELINE_OPENS = re.compile(r"\([A-Z][^()\n]{2,40}?\b\d{4}\)[ \t]*[–—-]{1,2}[ \t]*")


@lru_cache(maxsize=8)
def wrapped_length(text: str) -> int:
    """How long a line must be to have been wrapped onto the next one.

    Text from a PDF (or a plain-text e-mail) is broken at a column: most of its lines are
    nearly as long as the longest. Text with one paragraph per line is not, and then no
    line counts as wrapped."""
    lengths = sorted(len(line.rstrip()) for line in text.split("\n") if line.strip())
    if len(lengths) < 8:
        return 10**9
    column = lengths[int(len(lengths) * 0.9)]
    if column > 160:
        return 10**9
    near = sum(1 for n in lengths if n >= 0.75 * column)
    return int(0.75 * column) if near >= 0.5 * len(lengths) else 10**9


def blocks_with_matches(matches: list[re.Match[str]], blocks: list[Block]) -> set[int]:
    """Indexes of the blocks where one of ``matches`` (of a scan of the whole text) starts."""
    import bisect

    starts = [b.start for b in blocks]
    hit: set[int] = set()
    for m in matches:
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < blocks[i].end:
            hit.add(i)
    return hit


class Scans(Protocol):
    """A compiled pattern, or one that finds its matches another way (prefilter.py)."""

    def finditer(self, text: str) -> Iterator[re.Match[str]]: ...


def blocks_with(pattern: Scans, text: str, blocks: list[Block]) -> set[int]:
    """Indexes of the blocks where ``pattern`` matches: one scan of the whole text instead
    of one search per sentence."""
    return blocks_with_matches(list(pattern.finditer(text)), blocks)
