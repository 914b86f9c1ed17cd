"""Who spoke when, and on what, from a meeting's statement-list page.

The support units' and UNODA's meeting pages list the statements as links: a heading for
each day ("MONDAY 3 SEPTEMBER 2018"), a heading for each agenda item ("Universalization"),
and under it one line per speaker ("Norway", "Chile", "Cluster Munition Coalition"). The
readers keep headings and link texts on lines of their own, so each speaker line here gives
one statement: its speaker, its day, its agenda item, the topics the item names, and the
item and day as its locator. The page says nothing of what was said, so the statement's
words are left empty and its stance unknown.

These statements feed review candidates only; the extraction contract's ``statements``
(../shared/EXTRACTION.md) are left as they are. The lists of speakers with their offices at
the end of this module (``addressed``) are read for the contract's statements by
``statements``: "featured addresses by A, office of X; B, office of Y".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from treatywatch.ingest.extract import dates, vocabulary
from treatywatch.ingest.extract.speakers import Speaker, find_organisations, find_people
from treatywatch.ingest.extract.states import StateMention, find_states

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
    # and the office of whoever delivered it: "Statement by Deputy Minister of Foreign
    # Affairs of Zambia", "Right to reply by Sudan", "Vice-Minister ... of Lao P.D.R."
    r"|\b(?:(?:vice-|deputy\s+|prime\s+)?minister|state\s+secretary|secretary|foreign|"
    r"affairs|defen[cs]e|for|and|right\s+to\s+reply|p\.\s?d\.\s?r)\b\.?"
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


# Lists of speakers with their offices, in a meeting report's prose or under a heading of its
# programme: "The ceremonial opening featured addresses by Didier Reynders, Vice Prime
# Minister of Belgium; Michael Møller, Director-General of the United Nations Office at
# Geneva, on behalf of the UN Secretary General; ...", "Opening addresses by:" over lines
# "Representative of the host nation, H.E. Mr. Julien Thöni of Switzerland". Each item names
# a person and whom they speak for; the item, not the sentence, says for whom.
ADDRESSES = re.compile(
    # the look-ahead skips, with one test, the positions where no word starts
    r"(?=\w)\b(?:(?:(?:opening|closing|welcoming|keynote|ceremonial)\s+)?(?:addresses|speeches|"
    r"remarks|messages|statements)\s+(?:were\s+)?(?:delivered\s+|made\s+|given\s+)?by\s+"
    r"|\bfeatured\s+(?:the\s+)?(?:participation|addresses|remarks|speeches)\s+(?:of|by)\s+"
    r"|\ban?\s+(?:\w+\s+)?address\s+(?:delivered\s+)?by\s+)",
    re.IGNORECASE,
)
#: A heading over a programme's lines of speakers: "Opening addresses by:".
ADDRESSES_HEADING = re.compile(
    r"^(?:(?:Opening|Closing|Welcoming|Keynote|High[- ]level)\s+)?(?:addresses|speeches|"
    r"remarks|statements)\s+by\s*:$",
    re.IGNORECASE,
)
# Where an item of the list starts: after a separator, with the person's titles
# ("; and, Barbara Haering", "), His Royal Highness Prince Mired").
_ITEM_START = re.compile(r"(?:[,;]|\band)\s*,?\s*(?:and,?\s+)?(?:[A-Z][\w.\-’']*\s+){0,5}$")
_ROYAL = re.compile(
    r"\s*(?:(?:H\.\s?R\.\s?H\.|(?:His|Her)\s+Royal\s+Highness)\s+)?(?P<name>(?:Prince|Princess)\s+"
    r"[A-Z][^,;()\n]{2,60}?)\s*(?:[,;.]|$)"
)
_BEHALF_OF = re.compile(r"\bon\s+behalf\s+of\s+(?:the\s+)?")
_OF_STATE = re.compile(r"\b(?:of|representing)\s+(?:the\s+)?$")


def addressed(
    text: str, start: int, end: int, states: list[StateMention]
) -> list[tuple[str, int, int]]:
    """The speakers of a list of people with their offices in ``text[start:end]`` (the list
    itself, after its cue): one (code, start, end) per item that names whom it speaks for
    or a person."""
    in_range = [m for m in states if start <= m.start and m.end <= end and not m.demonym]
    orgs = find_organisations(text, start, end)
    people = [
        p
        for p in find_people(text, start, end, in_range)
        if not any(o.start <= p.start < o.end for o in orgs)
    ]
    bounds = [start]
    for p in people:
        if p.start > start and _ITEM_START.search(text, max(start, p.start - 80), p.start):
            bounds.append(p.start)
    # a semicolon ends an item too ("H.R.H. Princess Astrid of Belgium; Michael Møller")
    bounds += [at + 1 for at in range(start, end) if text[at] == ";"]
    bounds = sorted(set(bounds))
    out: list[tuple[str, int, int]] = []
    for lo, hi in zip(bounds, [*bounds[1:], end], strict=True):
        code = _item_speaker(text, lo, hi, in_range, orgs, people)
        if code is not None:
            out.append((code, lo, hi))
    return out


def _item_speaker(
    text: str,
    lo: int,
    hi: int,
    states: list[StateMention],
    orgs: list[Speaker],
    people: list[Speaker],
) -> str | None:
    """Whom one item speaks for: the body it speaks on behalf of, the state whose office it
    names ("Vice Prime Minister of Belgium", "Mr. Julien Thöni of Switzerland"), the body it
    names, else the person."""
    royal = _ROYAL.match(text, lo, hi)
    if royal is not None:
        # a royal is named with the realm ("H.R.H. Princess Astrid of Belgium") and speaks
        # in their own name
        return f"person:{royal.group('name')}"
    here = [o for o in orgs if lo <= o.start < hi]
    for behalf in _BEHALF_OF.finditer(text, lo, hi):
        org = next((o for o in here if o.start == behalf.end()), None)
        if org is not None:
            return org.code
    for m in states:
        if lo <= m.start < hi and _OF_STATE.search(text, max(lo, m.start - 20), m.start):
            return m.iso3
    if here:
        return here[0].code
    person = next((p for p in people if lo <= p.start < hi), None)
    return person.code if person is not None else None


#: A weekday's name opening a line: "Monday 25 MAY".
WEEKDAY_FIRST = re.compile(_WEEKDAY + r"\b", re.IGNORECASE)


def day_heading(line: str, reference: dt.date | None) -> dt.date | None:
    """The day a heading line names ("MONDAY 11 SEPTEMBER 2023"), else None."""
    return _day_heading(line, reference)
