"""Who took part in a meeting, by role, from its final report's participation paragraphs.

A final report of a Meeting of States Parties or a Review Conference lists its participants
in a few numbered paragraphs, one per capacity: "The following States Parties participated
in the Meeting: A, B, ...", "The following signatory States participated in the Meeting as
observers: ...", "The following States not party to the Convention participated in the
Meeting as observers: ...". Each such paragraph gives one participant list with its role
(``model.Role``) and the paragraph's number as its locator; the meeting is the one the
report's head names.

These lists feed review candidates only; the extraction contract's ``participant_lists``
(../shared/EXTRACTION.md) are left as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from treatywatch.ingest.extract import events as event_rules
from treatywatch.ingest.extract import numbers
from treatywatch.ingest.extract.states import find_states

# "The following [86] <who> participated in / attended <the Meeting> [as observers]:"
_OPENING = re.compile(
    r"\b(?:The\s+)?following\s+(?:(?P<count>\d{1,3}|(?:[a-z]+[- ])?(?:one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|[a-z]+ty))\s+)?"
    r"(?P<who>[^:.]{0,240}?\b(?:participat\w*|attend\w*|took\s+part|were\s+represented)"
    r"[^:.]{0,160}?)\s*:",
    re.IGNORECASE,
)
_PARAGRAPH_NUMBER = re.compile(r"\s*(\d{1,3})\.\s")
#: How far into a report its head reaches: the symbol, the meeting, its place and days.
HEAD_CHARS = 800


def role_of(who: str) -> str:
    """The capacity the opening words give: signatory before observer, since signatories
    "participated in the Meeting as observers" too."""
    words = who.casefold()
    if "signator" in words or "have signed" in words or "had signed" in words:
        return "signatory"
    if "observer" in words or "not part" in words or "non-part" in words:
        return "observer"
    if "states parties" in words or "state party" in words or "states party" in words:
        return "state_party"
    return "participant"


def find_participation(text: str, reference: dt.date | None, exact: bool) -> list[dict[str, Any]]:
    """One participant list per participation paragraph, with its role and locator."""
    meeting = report_meeting(text, reference, exact)
    out: list[dict[str, Any]] = []
    for start, end in _paragraphs(text):
        opening = _OPENING.search(text, start, end)
        if opening is None:
            continue
        states: list[str] = []
        for mention in find_states(text, opening.end(), end):
            if mention.iso3 not in states:
                states.append(mention.iso3)
        if len(states) < 2:
            continue
        number = _PARAGRAPH_NUMBER.match(text, start)
        item: dict[str, Any] = {
            "role": role_of(opening.group("who")),
            "states": states,
            "span": [start, end],
            "locator": f"paragraph {number.group(1)}" if number else "",
        }
        count = opening.group("count")
        if count:
            stated = int(count) if count.isdigit() else numbers.value(count)
            if stated is not None:
                item["stated_count"] = stated
        if meeting is not None:
            item["meeting"] = meeting
        out.append(item)
    return out


def report_meeting(text: str, reference: dt.date | None, exact: bool) -> dict[str, Any] | None:
    """The meeting a report's head names ("Third Meeting of States Parties" / "Oslo, 11-14
    September 2012"), with what the events rules read of its place and days."""
    # The head ends where the first numbered paragraph begins.
    first = re.search(r"(?:^|\n)1\.\s", text[:HEAD_CHARS])
    head = text[: first.start()] if first else text[:HEAD_CHARS]
    found = event_rules.find_events(text, reference, exact)
    named = [e for e in found if e.get("name") and str(e["name"]) in head]
    if not named:
        return None
    event = named[0]
    return {k: event.get(k) for k in ("name", "city", "country", "start", "end") if event.get(k)}


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph: text between blank lines."""
    out: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            out.append((start, end))
        start = end + 2
    return out
