"""Meetings a text names, with their city and the days the text makes certain.

Three shapes cover most meeting documents: an agenda line ("5-7 December - Vienna Conference
on Cluster Munitions, Vienna, Austria"), a title line ("Oslo Conference on Cluster Munitions,
22–23 February 2007") and a sentence ("will be held in Oslo, Norway, from 10 to 14 September
2012"). An event needs a city or a day; a day without its year takes the year from the
document's reference date, forward in a list of upcoming events or a sentence in the future,
back in a sentence in the past.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from treatywatch.ingest.extract import dates, places
from treatywatch.ingest.extract import text as textmod
from treatywatch.registry import states as registry

_NOUN = (
    r"(?:Review\s+Conference|Diplomatic\s+Conference|Conference|Meetings?|Summit|Forum|"
    r"Workshops?|Seminars?|Symposium|Sessions?|Round|Day\s+of\s+Action|Talks|"
    r"conference|meetings?|summit|forum|workshops?|seminars?|symposium|talks|round)"
)
# A name: up to six capitalised words (or an ordinal, "CCW experts'") before the noun, and
# capitalised words joined by of/on/for/to/the after it.
_EVENT = re.compile(
    r"(?P<name>(?:(?:[A-Z][\w'’\-]*|CCW|experts[’']?|next|second|third|first|international"
    r"|regional|annual|intersessional|preparatory|special|extraordinary|\d{4}|and)\s+){0,7}"
    + _NOUN
    + r"(?:\s+(?:of|on|for|to|by|and|the|in\s+the|against)(?:\s+(?:the|[A-Z][\w'’\-]*))+)*)"
)
_IN_CITY = re.compile(
    r"\b(?:in|at|to|held\s+in|hosted\s+in)\s+(?:the\s+\w+\s+capital,?\s+)?"
    r"(?P<city>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)"
    r"(?:,\s*(?P<country>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}))?"
)
_NOUN_ONLY = re.compile(_NOUN)
# "Intersessional Meetings (Geneva, 21 June 2010)": the place and day in brackets after it
_PAREN_CITY = re.compile(
    r"\s*\(\s*(?P<city>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)"
    r"(?:,\s*(?P<country>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}))?(?=\s*[,)])"
)
_COMMA_CITY = re.compile(
    r",\s*(?P<city>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)"
    r"(?:,\s*(?P<country>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}))?"
)
_FUTURE = re.compile(
    r"\b(?:will|shall|next|upcoming|forthcoming|to\s+be\s+held|plans?\s+to|is\s+to|are\s+to"
    r"|future|invited\s+to|looks?\s+forward)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|met|gathered|took\s+place|held|attended|last|ago|had|concluded|closed)\b",
    re.IGNORECASE,
)
_UPCOMING_HEADING = re.compile(
    r"\b(?:upcoming|forthcoming|future|calendar|next|coming)\b", re.IGNORECASE
)
_AGENDA = re.compile(r"\s*[-–—:]\s*")
_CLOSING = re.compile(
    r"\b(?:clos(?:ing|ed?|es)|conclud(?:ed|es|ing)|ended|ends|final\s+day|last\s+day)\b",
    re.IGNORECASE,
)


@dataclass
class _Event:
    name: str
    city: str | None
    country: str | None
    start: dt.date | None
    end: dt.date | None
    span: tuple[int, int]


def find_events(text: str, reference: dt.date | None, exact: bool) -> list[dict[str, Any]]:
    found: list[_Event] = []
    upcoming = False
    all_lines = textmod.lines(text)
    for n, (line_start, line_end) in enumerate(all_lines):
        line = text[line_start:line_end]
        agenda = _agenda_line(
            text, line_start, _wrapped_end(text, all_lines, n), reference, upcoming
        )
        if agenda is not None:
            found.append(agenda)
            continue
        if len(line) < 80 and _UPCOMING_HEADING.search(line) and not dates.find_dates(line):
            upcoming = True
        elif len(line) >= 80:
            upcoming = False
    taken = [e.span for e in found]
    blocks = textmod.sentences(text)
    # most sentences name no meeting: only those with an event noun get the costlier rules
    for i in sorted(textmod.blocks_with(_NOUN_ONLY, text, blocks)):
        block = blocks[i]
        if any(s <= block.start < e for s, e in taken):
            continue
        found.extend(_sentence_events(text, block.start, block.end, reference, exact))
    _place_by_dateline(text, found, reference if exact else None)
    # An event needs a city or a day.
    found = [e for e in found if e.city is not None or e.start is not None]
    return [_as_dict(e) for e in _merge(found)]


# "MANAGUA, 18 September (UN Information Service)", "(Oslo, 3 December 2008) -",
# "PHNOM PENH, Nov. 28 (Xinhua) --": where a dispatch was written.
_DATELINE_CITY = re.compile(
    r"(?m)(?:^|\()[ \t]*(?P<city>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,2}),[ \t]*(?=\S)"
)
_TODAY = re.compile(r"\b(?:today|this\s+morning|this\s+week)\b", re.IGNORECASE)
_OPENED = re.compile(r"\b(?:open(?:s|ed)?|began|begins|start(?:s|ed)|convened)\b", re.I)


def _place_by_dateline(text: str, found: list[_Event], day: dt.date | None) -> None:
    """A meeting the dispatch reports on the day of its dateline (dated that day, or
    "opened today" in a dispatch of that day) took place where the dateline says, when the
    sentence names no city."""
    if not found:
        return
    datelines: dict[dt.date, str] = {}
    for m in _DATELINE_CITY.finditer(text, 0, min(len(text), 1500)):
        after = dates.find_dates(text, m.end(), min(len(text), m.end() + 25))
        if not after or after[0].start != m.end() or not places.is_city(m.group("city")):
            continue
        when, _ = dates.resolve(after[0], day)
        if when is not None:
            datelines.setdefault(when, places.canonical(m.group("city")))
    if not datelines:
        return
    for event in found:
        if event.city is not None:
            continue
        where = datelines.get(event.start) if event.start is not None else None
        if where is None and event.start is None and day in datelines:
            sentence_start = textmod.sentence_start(text, event.span[0])
            stop = text.find(".", event.span[1])
            if _TODAY.search(text, sentence_start, stop if stop >= 0 else len(text)):
                where = datelines[day]
        if where is not None:
            event.city = where
            event.country = event.country or _country_of(where)


def _wrapped_end(text: str, lines: list[tuple[int, int]], n: int) -> int:
    """The end of line ``n`` and of the lines a PDF wrapped it onto: a long line goes on
    into the next unless a blank line, a bullet or a new date starts there."""
    end = lines[n][1]
    for start, stop in lines[n + 1 :]:
        previous = text[text.rfind("\n", 0, end) + 1 : end]
        if (
            len(previous) < textmod.wrapped_length(text)
            or "\n\n" in text[end:start]
            or previous.endswith((".", ":"))
        ):
            break
        if re.match(r"[•●▪◦‣*\-–]|\d{1,2}\b", text[start:stop]):
            break
        end = stop
    return end


def _agenda_line(
    text: str, start: int, end: int, reference: dt.date | None, upcoming: bool
) -> _Event | None:
    mentions = dates.find_dates(text, start, min(end, start + 40))
    if not mentions or mentions[0].start - start > 2 or not mentions[0].day_certain:
        return None
    mention = mentions[0]
    dash = _AGENDA.match(text, mention.end, end)
    if dash is None or dash.end() == mention.end:
        return None
    rest = text[dash.end() : end]
    parts = [p.strip() for p in rest.split(",")]
    name = parts[0]
    city, country = _city_country(parts[1:])
    if city is None:
        city = _city_in_name(name)
    first, last = dates.resolve(mention, reference, 1 if upcoming else 0)
    return _Event(name, city, country, first, last, (start, end))


def _city_country(parts: list[str]) -> tuple[str | None, str | None]:
    for i, part in enumerate(parts):
        if places.is_city(part) and registry.lookup(part) is None:
            country = registry.lookup(parts[i + 1]) if i + 1 < len(parts) else None
            return part, country or _country_of(part)
    return None, None


def _country_of(city: str) -> str | None:
    known = places.city(city)
    # A small town's name is shared by many places; only a large city names its country.
    return known.iso3 if known is not None and known.population >= 100_000 else None


def _city_in_name(name: str) -> str | None:
    words = name.split()
    if (
        len(words) >= 2
        and places.is_city(words[0])
        and registry.lookup(words[0]) is None
        and (words[1][:1].isupper() or re.fullmatch(_NOUN, words[1]))
    ):
        return words[0]
    return None


def _sentence_events(
    text: str, start: int, end: int, reference: dt.date | None, exact: bool
) -> list[_Event]:
    sentence = text[start:end]
    direction = 1 if _FUTURE.search(sentence) else (-1 if _PAST.search(sentence) else 0)
    day_mentions = [m for m in dates.find_dates(text, start, end) if m.day is not None]
    out: list[_Event] = []
    for m in _EVENT.finditer(text, start, end):
        name = m.group("name").strip()
        name = re.sub(r"^(?:and|the|next)\s+", "", name, flags=re.IGNORECASE)
        if not name:
            continue
        city = _city_in_name(name)
        country = None
        places_after = list(_IN_CITY.finditer(text, m.end(), min(end, m.end() + 150)))
        # a title: "Fifth Meeting of States Parties, San José, Costa Rica, 2-5 September 2014"
        titled = _COMMA_CITY.match(text, m.end(), end) or _PAREN_CITY.match(text, m.end(), end)
        if titled:
            places_after.insert(0, titled)
        places_before = [
            p
            for p in _IN_CITY.finditer(text, max(start, m.start() - 120), m.start())
            # "in Lima, Peru for the conference", not "in Oslo process meetings"
            if re.search(r"[,;]|\b(?:for|at|to|when|where|during)\b", text[p.end() : m.start()])
        ]
        for place in [*places_after, *reversed(places_before)]:
            candidate = place.group("city")
            # "in Lima, Peru" where the gazetteer holds only the first word of a pair; not
            # after a bare comma ("..., Ichikawa Tomiko" is a person)
            options = (candidate,) if place is titled else (candidate, candidate.split()[0])
            for option in options:
                if places.is_city(option) and registry.lookup(option) is None:
                    break
            else:
                continue
            if city is None or city == option:
                city = places.canonical(option)
                named = place.group("country")
                country = registry.lookup(named) if named and option == candidate else None
            break
        first_day = last_day = None
        chosen = _date_for(text, start, m.start(), m.end(), day_mentions)
        if chosen is not None:
            first_day, last_day = dates.resolve(chosen, reference, direction, exact)
            # "the closing statement at the Review Conference in Oslo 29 November", "which
            # will close on Friday, 21 September": one day, and it is the last one
            if chosen.end_day is None and _CLOSING.search(sentence):
                first_day = None
        # A dispatch's "opened today": the meeting began the day it was written.
        today = exact and reference is not None and bool(_TODAY.search(sentence))
        if today and first_day is None and _OPENED.search(sentence):
            first_day = reference
        if city is None and first_day is None and not today:
            continue  # kept only for the dateline to place it (see _place_by_dateline)
        if city is not None and country is None:
            country = _country_of(city)
        out.append(_Event(name, city, country, first_day, last_day, (m.start(), m.end())))
    return out


def _date_for(
    text: str,
    sentence_start: int,
    start: int,
    end: int,
    mentions: list[dates.DateMention],
) -> dates.DateMention | None:
    """The day an event phrase is dated by: a date close after it in the same clause, or a
    date that opens the sentence ("On 23-25 May, ... gathered in Lima ...")."""
    for mention in mentions:
        if mention.start >= end:
            gap = text[end : mention.start]
            if len(gap) <= 70 and (
                not re.search(r"[(;:]|\.\s", gap) or _PAREN_CITY.fullmatch(gap.rstrip(" ,"))
            ):
                return mention
            break
    for mention in mentions:
        if mention.end <= start and text[sentence_start : mention.start].strip(" •-–") in (
            "",
            "On",
            "on",
            "From",
            "from",
        ):
            return mention
    return None


def _merge(events: list[_Event]) -> list[_Event]:
    """One event per city and first day; a city's undated mentions fold into its dated one,
    and into each other where their names agree (two undated meetings in Geneva, "the
    intersessional meetings" and "the Thirteenth Meeting of States Parties", stay two)."""
    dated_cities = {e.city.casefold() for e in events if e.city and e.start}
    out: dict[tuple[str | None, dt.date | None, str], _Event] = {}
    for event in events:
        city = event.city.casefold() if event.city else None
        if event.start is None and city in dated_cities:
            continue
        name = _name_key(event.name) if event.start is None else ""
        same = next((k for k in out if k[:2] == (city, event.start) and _agree(k[2], name)), None)
        if same is None:
            out[(city, event.start, name)] = event
            continue
        known = out[same]
        if known.end is None and event.end is not None:
            known.end = event.end
    return list(out.values())


_NAME_WORDS = re.compile(r"[a-z]+")
_NAME_STOP = frozenset({"the", "of", "on", "to", "for", "and", "in", "meeting", "meetings",
                        "conference", "states", "parties", "convention", "treaty"})  # fmt: skip


def _name_key(name: str) -> str:
    return " ".join(w for w in _NAME_WORDS.findall(name.casefold()) if w not in _NAME_STOP)


def _agree(a: str, b: str) -> bool:
    """Two undated names of meetings in one city agree when one's words hold the other's
    (a bare "meeting" agrees with any)."""
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


def _as_dict(event: _Event) -> dict[str, Any]:
    return {
        "name": event.name,
        "city": event.city,
        "country": event.country,
        "start": event.start.isoformat() if event.start else None,
        "end": event.end.isoformat() if event.end else None,
        "span": list(event.span),
    }
