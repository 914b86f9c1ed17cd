"""Enumerations of states taking part in, endorsing or signing something.

"States (80) participating in the Oslo Process as of 20 September 2007: Afghanistan, Albania,
..., Yemen and Zambia." A list is a run of state names joined only by commas, semicolons,
line breaks, bullets, "and" and footnote marks, introduced by a heading that says what the
states did (or ends with a colon). The count the heading states is kept even where the names
disagree with it; the date is the heading's "as of" date.
"""

from __future__ import annotations

import re
from typing import Any

from treatywatch.ingest.extract import dates, numbers
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.states import StateMention

# What may stand between two names of one list.
_SEPARATOR = re.compile(
    r"^[\s\*†‡§\d\[\]\(\)¹²³⁴⁵⁶⁷⁸⁹⁰]*"
    # a remark on one item: "Macedonia (which acceded), Equatorial Guinea"
    r"(?:\((?:which|who|that)\s[^()\n]{0,25}\)\s*)?"
    r"(?:,|;|\n|•|·|\||&|\band\b)"
    r"(?:[\s,;•·\*†‡\-–]|\band\b)*(?:\b[Tt]he\s+)?$"
)
_UNKNOWN_ITEM = re.compile(r"^[A-Z][\w'’.\-]*(?:\s+[\w'’.\-]+){0,4}$")
_CUE = re.compile(
    r"\b(?:participat\w*|participants?|endors\w*|sign\w*|ratif\w*|accede\w*|accession\w*"
    r"|States?\s+Part(?:y|ies)|adopt\w*|attend\w*|present|list\w*|following|support\w*"
    r"|members?|joined|observers?|delegations?)\b",
    re.IGNORECASE,
)
_COUNT = re.compile(
    rf"\(\s*(?P<paren>\d{{1,3}})\s*\)|\b(?P<num>{numbers.NUMBER})\s+(?:\w+\s+)?"
    r"(?:States|states|countries|Countries|nations|signatories|governments)\b",
    re.IGNORECASE,
)
_AS_OF = re.compile(r"\b(?:as\s+(?:of|at)|on|by|until)\s+$", re.IGNORECASE)
MIN_NAMES = 3


def find_lists(
    text: str, mentions: list[StateMention], reference: Any = None
) -> list[dict[str, Any]]:
    """Participant lists with their stated count, date, states and span."""
    out: list[dict[str, Any]] = []
    for run in _runs(text, [m for m in mentions if not m.demonym]):
        first, last = run[0], run[-1]
        head_start = _heading_start(text, first.start)
        heading = text[head_start : first.start]
        count = _count(heading)
        tail = text[last.end : last.end + 40]
        if count is None:
            after = re.match(r"^\s*\(\s*(\d{1,3})\s*(?:states|countries)?\s*\)", tail, re.I)
            if after:
                count = int(after.group(1))
        colon = heading.rstrip().endswith(":")
        cued = _CUE.search(heading) and (colon or count is not None or len(run) >= 8)
        if not cued and not (colon and len(run) >= 8):
            continue
        states = list(dict.fromkeys(m.iso3 for m in run))
        out.append(
            {
                "stated_count": count,
                "as_of": _as_of(text, head_start, first.start, reference),
                "states": states,
                "span": [head_start, last.end],
            }
        )
    return out


def runs(text: str, mentions: list[StateMention]) -> list[list[StateMention]]:
    """Runs of at least three names joined only as a list joins them."""
    return _runs(text, mentions)


def _runs(text: str, mentions: list[StateMention]) -> list[list[StateMention]]:
    runs: list[list[StateMention]] = []
    current: list[StateMention] = []
    for mention in mentions:
        if current and _joins(text[current[-1].end : mention.start]):
            current.append(mention)
            continue
        if len(current) >= MIN_NAMES:
            runs.append(current)
        current = [mention]
    if len(current) >= MIN_NAMES:
        runs.append(current)
    return runs


def _joins(gap: str) -> bool:
    if len(gap) > 60:
        return False
    if _SEPARATOR.match(gap):
        return True
    # One name the registry does not know ("Bosnia & Herz.") between two separators.
    parts = re.split(r"\s*(?:,|;|\n|•)\s*", gap)
    if len(parts) == 3 and not parts[0].strip() and not parts[2].strip(" and"):
        return bool(_UNKNOWN_ITEM.match(parts[1].strip()))
    return False


def _heading_start(text: str, at: int) -> int:
    """Where the heading of a list that starts at ``at`` begins: the start of its sentence,
    at most 300 characters back."""
    return textmod.sentence_start(text, at, colon=False)


def _count(heading: str) -> int | None:
    for match in _COUNT.finditer(heading):
        token = match.group("paren") or match.group("num")
        value = numbers.value(token) if token else None
        if value:
            return value
    return None


def _as_of(text: str, start: int, end: int, reference: Any) -> str | None:
    for mention in dates.find_dates(text, start, end):
        if not _AS_OF.search(text[max(start, mention.start - 12) : mention.start]):
            continue
        day, _ = dates.resolve(mention, reference)
        if day is not None:
            return day.isoformat()
    return None
