"""Enumerations of states taking part in, endorsing or signing something.

"States (80) participating in the Oslo Process as of 20 September 2007: Afghanistan, Albania,
..., Yemen and Zambia." A list is a run of state names joined only by commas, semicolons,
line breaks, bullets, "and" and footnote marks, introduced by a heading that says what the
states did (or ends with a colon). The count the heading states is kept even where the names
disagree with it; the date is the heading's "as of" date.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from treatywatch.ingest.extract import dates, numbers
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.states import StateMention

if TYPE_CHECKING:
    from treatywatch.ingest.extract.tables import Table

# What may stand between two names of one list.
_SEPARATOR = re.compile(
    r"^[\s\*†‡§\d\[\]\(\)¹²³⁴⁵⁶⁷⁸⁹⁰]*"
    # a remark on one item: "Macedonia (which acceded), Equatorial Guinea"
    r"(?:\((?:which|who|that)\s[^()\n]{0,25}\)\s*)?"
    # "and" in the languages the lists come in too: "Allemagne, Autriche et Belgique"
    r"(?:,|;|\n|•|·|\||&|\b(?:and|et|y|e|und|en)\b)"
    r"(?:[\s,;•·\*†‡\-–]|\b(?:and|et|y|e|und|en)\b)*(?:\b(?:[Tt]he|l[ae]|les|l’|l'|el|de)\s*)?$"
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
    r"(?:States|states|countries|Countries|nations|signatories|governments"
    # the same count in the UN's other languages and the depositary notifications'
    r"|États|Etats|Estados|pays|países|Staten|landen|Staaten|Länder)\b"
    # "Those 13 are: Zambia, Belize, ..."
    rf"|\b(?:these|those)\s+(?P<those>{numbers.NUMBER})\s+(?:are|were|include)\b",
    re.IGNORECASE,
)
# A row's remainder in a table of states: its days and marks ("3 Dec 08; 8 Sep 11", "(a)").
_ROW_REST = re.compile(
    r"^[ \t]+(?:\d{1,2}[ \-./][A-Za-z]{3,9}\.?[ \-./,]+\d{2,4}|\d{4}-\d{2}-\d{2}|[;,]|\(\w{1,2}\)"
    r"|[ \t])+[ \t]*\n[ \t]*$"
)
# A title line over a table ("States Parties"), and the sentence before it that counts them
# ("As of 1 August 2022 there were 110 States Parties and 13 signatories.").
_TITLE = re.compile(r"^\s*(?P<title>[A-Z][\w ]{2,40})\s*:?\s*$")
# "... have signed, including A, B and C", "nations such as A, B and C"
_INTRODUCED = re.compile(r"\b(?:such\s+as|including|namely|notably)\s*$", re.IGNORECASE)
_ACTED_AFTER = re.compile(
    r"\s+(?:(?:have|has|had|all|also|each|both|then|since)\s+){0,2}"
    r"(?:signed|ratified|acceded|endorsed|joined|adopted|attended|participated)\b"
)
_AS_OF = re.compile(r"\b(?:as\s+(?:of|at)|on|by|until)\s+$", re.IGNORECASE)
MIN_NAMES = 3


def find_lists(
    text: str,
    mentions: list[StateMention],
    reference: Any = None,
    found_tables: list[Table] | None = None,
) -> list[dict[str, Any]]:
    """Participant lists with their stated count, date, states and span: enumerations in
    prose and the rows of each table (``found_tables``, from ``tables.find_tables``)."""
    from_tables = [
        _table_list(text, t, reference) for t in found_tables or () if len(t.states) >= MIN_NAMES
    ]
    out: list[dict[str, Any]] = []
    for found in _run_lists(text, mentions, reference):
        # A table's rows read as a run of names too: the table's list stands for them.
        table = next((t for t in from_tables if _overlap(t["span"], found["span"])), None)
        if table is None:
            out.append(found)
        elif table["stated_count"] is None:
            table["stated_count"] = found["stated_count"]
    return sorted([*out, *from_tables], key=lambda found: found["span"][0])


def _overlap(a: list[int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _table_list(text: str, table: Table, reference: Any) -> dict[str, Any]:
    head_start = _heading_start(text, table.start)
    heading = text[head_start : table.start]
    count = _count(heading)
    if count is None:
        count = _count_over_title(text, head_start, heading)
    return {
        "stated_count": count,
        "as_of": _as_of(text, head_start, table.start, reference),
        "states": list(dict.fromkeys(m.iso3 for m in table.states)),
        "span": [head_start, table.end],
    }


def _run_lists(text: str, mentions: list[StateMention], reference: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for run in runs(text, [m for m in mentions if not m.demonym]):
        first, last = run[0], run[-1]
        head_start = _heading_start(text, first.start)
        heading = text[head_start : first.start]
        count = _count(heading)
        if count is None:
            count = _count_over_title(text, head_start, heading)
        tail = text[last.end : last.end + 40]
        if count is None:
            after = re.match(r"^\s*\(\s*(\d{1,3})\s*(?:states|countries)?\s*\)", tail, re.I)
            if after:
                count = int(after.group(1))
        colon = heading.rstrip().endswith(":")
        introduced = colon or bool(_INTRODUCED.search(heading))
        cued = (_CUE.search(heading) and (introduced or count is not None or len(run) >= 8)) or (
            colon and count is not None
        )
        # "Belize, Guyana, and Palestine also acceded to the convention": the act after
        acted = _ACTED_AFTER.match(text, last.end)
        if not cued and not (colon and len(run) >= 8) and not acted:
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
    if _SEPARATOR.match(gap) or _ROW_REST.match(gap):
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
    # The count of this list stands in the clause that introduces it, not earlier in the
    # sentence ("... of the 48 countries in Africa, and key Asian nations such as ...").
    clause = re.split(r"[;,](?=[^;,]*$)", heading)[-1] if len(heading) > 60 else heading
    for match in _COUNT.finditer(clause):
        token = match.group("paren") or match.group("num") or match.group("those")
        value = numbers.value(token) if token else None
        if value:
            return value
    return None


def _count_over_title(text: str, head_start: int, heading: str) -> int | None:
    """A table's count in the sentence before its title line: "there were 110 States
    Parties and 13 signatories." then "States Parties" and the rows."""
    title = _TITLE.match(heading)
    if title is None:
        return None
    before = textmod.sentence_start(text, max(0, head_start - 1), colon=False)
    words = re.escape(title.group("title").strip())
    found = re.search(
        rf"\b(?P<num>{numbers.NUMBER})\s+{words}\b", text[before:head_start], re.IGNORECASE
    )
    return numbers.value(found.group("num")) if found else None


def _as_of(text: str, start: int, end: int, reference: Any) -> str | None:
    for mention in dates.find_dates(text, start, end):
        if not _AS_OF.search(text[max(start, mention.start - 12) : mention.start]):
            continue
        day, _ = dates.resolve(mention, reference)
        if day is not None:
            return day.isoformat()
    return None
