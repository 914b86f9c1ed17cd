"""Who spoke when, and on what, from a meeting's statement-list page.

The support units' and UNODA's meeting pages list the statements as links: a heading for
each day ("MONDAY 3 SEPTEMBER 2018"), a heading for each agenda item ("Universalization"),
and under it one line per speaker ("Norway", "Chile", "Cluster Munition Coalition"). The
readers keep headings and link texts on lines of their own, so each speaker line here gives
one statement: its speaker, its day, its agenda item, the topics the item names, and the
item and day as its locator. The page says nothing of what was said, so the statement's
words are left empty and its stance unknown.

These statements feed review candidates only; the extraction contract's ``statements``
(../shared/EXTRACTION.md) are left as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from treatywatch.ingest.extract import dates, vocabulary
from treatywatch.ingest.extract.speakers import find_organisations
from treatywatch.ingest.extract.states import find_states

_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY_HEADING = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?P<day>\d{{1,2}})\s+(?P<month>[A-Za-z]{{3,9}})\.?,?(?:\s+(?P<year>\d{{4}}))?$"
    rf"|^(?:{_WEEKDAY},?\s+)(?P<month2>[A-Za-z]{{3,9}})\s+(?P<day2>\d{{1,2}}),?(?:\s+(?P<year2>\d{{4}}))?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[•·\-–*]\s*")
# Words a speaker line may carry besides the speaker ("Statement by Norway", "Norway (EN)").
_SPEAKER_NOISE = re.compile(
    r"(?i)\b(?:statement|delivered|by|on behalf of|the|of|also|en|fr|es|ar|ru|zh|pdf)\b"
    r"|[\s()\[\],.:;–—|/-]"
)
#: Fewer speaker lines than this and the text is not a statement list.
MIN_STATEMENTS = 3


def find_statement_list(
    text: str, reference: dt.date | None, title: str | None = None
) -> list[dict[str, Any]]:
    """One statement per speaker line under an agenda heading; none if the text does not
    read as a statement list."""
    day: dt.date | None = None
    day_label = ""
    agenda = ""
    found: list[dict[str, Any]] = []
    pos = 0
    for raw in text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        line = _BULLET.sub("", raw.strip())
        if not line:
            continue
        lead = start + raw.index(line[0]) if line else start
        heading_day = _day_heading(line, reference)
        if heading_day is not None:
            day, day_label, agenda = heading_day, line, ""
            continue
        speaker = _speaker(line)
        if speaker is not None:
            if agenda:
                found.append(_statement(speaker, day, day_label, agenda, lead, lead + len(line)))
            continue
        if _is_heading(line):
            agenda = line
    if len(found) < MIN_STATEMENTS:
        return []
    meeting = _meeting(title, [s["date"] for s in found if s.get("date")])
    if meeting:
        for item in found:
            item["meeting"] = meeting
    return found


def _statement(
    speaker: str, day: dt.date | None, day_label: str, agenda: str, start: int, end: int
) -> dict[str, Any]:
    locator = ", ".join(x for x in (agenda, day_label.title()) if x)
    return {
        "speaker": speaker,
        "date": day.isoformat() if day else None,
        "agenda": agenda,
        "topics": vocabulary.topics(agenda),
        "stance": None,
        "text": "",
        "span": [start, end],
        "locator": locator,
    }


def _day_heading(line: str, reference: dt.date | None) -> dt.date | None:
    if len(line) > 40:
        return None
    m = _DAY_HEADING.match(line)
    if m is None:
        return None
    day = m.group("day") or m.group("day2")
    month = dates.month_number(m.group("month") or m.group("month2") or "")
    year = m.group("year") or m.group("year2") or (reference.year if reference else None)
    if month is None or year is None:
        return None
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def _speaker(line: str) -> str | None:
    """The state or organisation a line is wholly given to, else None."""
    if len(line) > 80:
        return None
    states = find_states(line)
    orgs = find_organisations(line, 0, len(line))
    spans = [(m.start, m.end, m.iso3) for m in states if not m.demonym]
    spans += [(o.start, o.end, o.code) for o in orgs]
    if len({code for _, _, code in spans}) != 1:
        return None
    rest = line
    for start, end, _ in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    if _SPEAKER_NOISE.sub("", rest):
        return None
    return spans[0][2]


def _is_heading(line: str) -> bool:
    """A line that names an agenda item: short, not a sentence, not a document symbol."""
    return (
        len(line) <= 120
        and not line.endswith((".", ":", ";", ","))
        and "/" not in line
        and any(c.isalpha() and c.isascii() for c in line)
    )


def _meeting(title: str | None, days: list[str]) -> dict[str, Any] | None:
    """The meeting the page is about: its title, and the days its statements were given."""
    if not days and not title:
        return None
    out: dict[str, Any] = {}
    if title:
        # "Eighth Meeting of States Parties – Convention on Cluster Munitions": the page's
        # own name comes first, the site's after a dash.
        out["name"] = re.split(r"\s+[–—|-]\s+", title, maxsplit=1)[0].strip()
    if days:
        out["start"], out["end"] = min(days), max(days)
    return out
