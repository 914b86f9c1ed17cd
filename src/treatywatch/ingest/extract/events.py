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

from treatywatch.ingest.extract import dates, numbers, places
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.prefilter import prefiltered
from treatywatch.registry import states as registry

_NOUN = (
    r"(?:Review\s+Conference|Diplomatic\s+Conference|Conference|Meetings?|Summit|Forum|"
    r"Workshops?|Seminars?|Symposium|Sessions?|Round|Day\s+of\s+Action|Talks|"
    r"conference|meetings?|summit|forum|workshops?|seminars?|symposium|talks|round|"
    r"negotiations|"
    # a treaty's ceremonies, not any ("a ceremony declaring the province free of mines")
    r"(?<=[Ss]igning\s)[Cc]eremony|(?<=[Hh]and-over\s)ceremony|(?<=[Hh]andover\s)ceremony|"
    r"(?<=[Oo]pening\s)[Cc]eremony|(?<=[Cc]losing\s)[Cc]eremony|"
    # or one its place names: "destroyed at a ceremony in Djelfa", "during a ceremony in Oslo"
    # (a town, not a district: "at a ceremony held in Boane district" is a province's)
    r"ceremony(?=\s+(?:held\s+)?in\s+[A-Z][\w'’\-]*\b(?!\s+(?:district|province|region)))|"
    r"[Hh]and-?over(?=\s+of\s+the\s+(?:treaty|[Cc]onvention))|"
    # "During a briefing event on the Convention", "a briefing session for diplomats"
    r"[Bb]riefing\s+(?:event|session)|"
    # the General Assembly's main committees meet in sessions: "the First Committee"
    r"(?<=First\s)Committee|(?<=Fourth\s)Committee|"
    # "the formal signing of the treaty in Ottawa"
    r"[Ss]igning(?=\s+of\s+the\s)|"
    # "a special event to promote the convention at UN headquarters"; not any "event"
    r"(?<=[Ss]pecial\s)event|(?<=[Ss]ide\s)event|(?<=[Hh]igh-level\s)event|"
    # the short names the treaties' pages give their meetings: "the 11MSP", "the 2RC"
    r"(?<![\w\-(])\d{1,2}(?:MSP|RC|CSP)(?![\w\-)]))"
)
# Lower-case words that make part of a meeting's name: "the Ottawa signing conference".
_MODIFIER = r"signing|ministerial|diplomatic|negotiating|pledging|treaty|review|plenary"
# Words of a name may wrap onto the next line, never across a blank line.
_SPACE = r"(?:[ \t]+(?:\n[ \t]*)?|\n[ \t]*)"
# A name: up to six capitalised words (or an ordinal, "CCW experts'") before the noun, and
# capitalised words joined by of/on/for/to/the after it.
_EVENT = re.compile(
    r"\b(?P<name>(?:(?:[A-Z][\w'’\-]*|\d{1,2}(?:st|nd|rd|th)|CCW|experts[’']?|next|second|third|first|international"
    r"|regional|annual|intersessional|preparatory|special|extraordinary|\d{4}|and|"
    + _MODIFIER
    + r")"
    + _SPACE
    + r"){0,7}"
    + _NOUN
    + r"(?:\s+(?:of|on|for|to|by|and|the|in\s+the|against)"
    # (the words after "of" may wrap onto the next line, but not into a line that gives the
    # place: "... on Cluster Munitions" over "Manila, Philippines | 16 - 17 November")
    r"(?:(?:[ \t]+|[ \t]*\n[ \t]*(?![A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+)?,))"
    r"(?:the|[A-Z][\w'’\-]*|\d{1,2}(?:st|nd|rd|th)))+)*)"
)
# A city's name of one or two capitalised words, and the country a comma may add after it
# ("in Lima, Peru", "(Geneva, Switzerland", "held in Phnom Penh")
_CITY = r"(?P<city>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)"
_COUNTRY = r"(?:,\s*(?P<country>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}))?"
_IN_CITY = re.compile(
    # "In" and "At" of a headline too: "Regional Land-Mine Conference Starting In Dushanbe"
    r"\b(?:[Ii]n|[Aa]t|to|held\s+in|hosted\s+in|virtual(?:ly)?\s+from"
    # "The seminar is scheduled for Mexico City", "slated for Nairobi, Kenya"
    r"|(?:scheduled|slated|set)\s+for)\s+"
    # "in the Norwegian capital, Oslo", "in the city of Geneva"
    # and "in the New Zealand capital, Wellington", "in the Swiss city of Geneva"
    r"(?:the\s+(?:\w+\s+){1,2}capital,?\s+|the\s+(?:\w+\s+)?city\s+of\s+"
    # the building, then its city: "at the Palais des Nations, Geneva", "at the Centre
    # International de Conférences Genève (CICG), Geneva"
    r"|the\s+[A-Z][\w'’\-]*(?:\s+(?:(?:des|de|du|of|for|the)\s+)?[A-Z][\w'’\-]*){0,5}"
    r"(?:\s+\([A-Z]{2,8}\))?,\s+)?" + _CITY + _COUNTRY
)
# The whole-text scan is tried where a noun's word opens (prefilter.py); the look-ahead,
# written when it was the scan's own filter, is kept so that the matches stay as they were.
_NOUN_ONLY = prefiltered(
    re.compile(r"(?=[CDFHMRSTWcefhmnrstw][aeiouvy]|[Bb]riefing\b|\d{1,2}[MRC][SC]P?\b)" + _NOUN)
)
# "Intersessional Meetings (Geneva, 21 June 2010)": the place and day in brackets after it
_PAREN_CITY = re.compile(
    # and the day before the place: "(2015/11/30, Geneva)"
    r"\s*\(\s*(?:\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4},\s*"
    # "(2 to 5 September 2014, San Jose, Costa Rica)"
    r"|\d{1,2}(?:\s*(?:to|-|–)\s*\d{1,2})?\s+[A-Z][a-z]+(?:\s*(?:to|-|–)\s*\d{1,2}\s+[A-Z][a-z]+)?"
    r"\s+\d{4},\s*)?" + _CITY + _COUNTRY + r"(?=\s*[,)])"
)
# a city in capitals straight after the name, as a heading runs them together: "... Signing
# Conference OSLO, Norway, December 2-4, 2008"
_CAPITALS_CITY = re.compile(
    r"[ \t]+(?P<city>[A-Z][A-Z'’\-]+(?:[ ][A-Z][A-Z'’\-]+)?)(?=,)" + _COUNTRY
)
# and after a dash: "... and on their Destruction - Maputo, Mozambique 3-7 May 1999"
_COMMA_CITY = re.compile(r"(?:,|[ \t]+[-–—])\s*" + _CITY + _COUNTRY)
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
_AGENDA = re.compile(r"\s*(?:--|[-–—:])\s*")  # "--": a typed dash
_STANDING_BODY = re.compile(r"^(?:Conference\s+on\s+Disarmament|Disarmament\s+Conference)$")
_NAMED_NOT_DATED = re.compile(
    r"(?:\b(?:adopted|approved|agreed)\s+(?:at|by|during)|\b(?:President|Presidency|"
    r"President-designate|Chair|Vice-Presidents?)\s+of)\s+(?:the\s+|an?\s+)?$"
)
_NAMED_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
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
    # the year the sentence puts an undated meeting in ("a meeting in Oslo in February
    # 2007"): not the same as a meeting there dated in another year
    year: int | None = None


def find_events(text: str, reference: dt.date | None, exact: bool) -> list[dict[str, Any]]:
    found: list[_Event] = []
    upcoming = False
    all_lines = textmod.lines(text)
    for n, (line_start, line_end) in enumerate(all_lines):
        line = text[line_start:line_end]
        # only a line that opens with a day can be an agenda entry: find where it ends (a
        # costlier walk over the lines after it) only for those
        opening = dates.find_dates(text, line_start, min(line_end, line_start + 40))
        agenda = (
            _agenda_line(text, line_start, _wrapped_end(text, all_lines, n), reference, upcoming)
            if opening and opening[0].start - line_start <= 2
            else None
        )
        if agenda is not None:
            found.append(agenda)
            continue
        if len(line) < 80 and _UPCOMING_HEADING.search(line) and not dates.find_dates(line):
            upcoming = True
        elif len(line) >= 80:
            upcoming = False
    found.extend(_stacked_entries(text, all_lines, reference))
    taken = [e.span for e in found]
    blocks = textmod.sentences(text)
    # most sentences name no meeting: only those with an event noun get the costlier rules
    for i in sorted(textmod.blocks_with(_NOUN_ONLY, text, blocks)):
        block = blocks[i]
        if any(s <= block.start < e for s, e in taken):
            continue
        end = block.end
        # a heading and the line under it: "Fourth Committee" / "(New York, October 29, 2009)"
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if (
            following is not None
            and text.startswith("(", following.start)
            and following.end - following.start < 100
        ):
            end = following.end
        found.extend(_sentence_events(text, block.start, end, reference, exact))
    found.extend(_signings(text, reference, exact))
    found.extend(_gatherings(text, reference, exact))
    _place_by_dateline(text, found, reference if exact else None)
    _date_by_heading(text, all_lines, found, reference)
    # An event needs a city or a day.
    found = [e for e in found if e.city is not None or e.start is not None]
    return [_as_dict(e) for e in _merge(found)]


# "MANAGUA, 18 September (UN Information Service)", "(Oslo, 3 December 2008) -",
# "PHNOM PENH, Nov. 28 (Xinhua) --": where a dispatch was written.
_DATELINE_CITY = re.compile(
    r"(?m)(?:^|\()[ \t]*(?P<city>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,2})"
    # "San Jose" on a line of its own, and the day on the next; "GENEVA 11 April 2025 —":
    # a city in capitals needs no comma before its day
    r"(?:,[ \t]*|[ \t]*\n\s*|(?<=[A-Z]{2})[ \t]+(?=\d))(?=\S)"
)
_TITLE_REACH = 400
_DATELINE_COUNTRY = re.compile(r"([A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,2}),?\s*")
# "Geneva - On 2 March", "(Vientiane) - Nations that", "Flickr.Geneva - On 2 March"
_DATELINE_DASH = re.compile(
    r"(?m)(?:^|\(|(?<=[a-z]\.))[ \t]*(?P<city>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,2})"
    # "OSLO, Norway — Afghanistan unexpectedly joined"
    r"(?:,[ \t]*[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,2})?"
    r"\)?(?:[ \t]+\((?:AFP|AP|Reuters|Xinhua|IPS|dpa|ANSA|Kyodo|UNIS|UN\s+News)\))?"
    r"[ \t]+(?:--?|–|—)[ \t]+(?=[A-Z])"
)


def _date_by_heading(
    text: str, lines: list[tuple[int, int]], found: list[_Event], reference: dt.date | None
) -> None:
    """A page about one meeting heads it with its days ("Monday 26 to Friday 30 November
    2018" on a line of its own): the first meeting it then names without a day is that
    one."""
    for start, end in lines[:12]:
        mentions = dates.find_dates(text, start, end)
        if len(mentions) != 1 or mentions[0].end_day is None:
            continue
        if text[start : mentions[0].start].strip(" ,") not in _WEEKDAY_NAMES:
            continue
        if text[mentions[0].end : end].strip(" .,"):
            continue
        first, last = dates.resolve(mentions[0], reference)
        later = [e for e in found if e.span[0] >= end]
        if first is not None and later and later[0].start is None:
            later[0].start, later[0].end = first, last
        return


_WEEKDAY_NAMES = frozenset(
    {"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)


_THIS = re.compile(r"\b(?:this|the\s+present|today['’]s)\s+(?:[a-z]+\s+){0,2}$", re.I)
# "3 December, Oslo, Norway" on a line of its own under a speech's title
_DAY_PLACE = re.compile(
    r"(?m)^[ \t]*(?P<date>[^\n,]{4,30}),[ \t]*(?P<city>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,2})"
    r"(?:,[ \t]*[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,3})?[ \t]*$"
)


# the same in a bracket, as the ICBL's updates head them: "(Tuesday 18 September 2001
# Managua - Nicaragua) Opening day of Third Meeting of States Parties"
_BRACKET_DAY_PLACE = re.compile(
    r"\((?P<date>[^()\n]{4,30}?\d{4})[ \t]+(?P<city>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+)?)"
    r"[ \t]*(?:[-–—,][ \t]*[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,3}[ \t]*)?\)"
)


def _day_then_place(text: str, window: int) -> tuple[int, int, str] | None:
    for pattern in (_DAY_PLACE, _BRACKET_DAY_PLACE):
        for m in pattern.finditer(text, 0, window):
            day = dates.find_dates(text, m.start("date"), m.end("date"))
            if day and places.is_city(m.group("city")) and _city_not_state(m.group("city")):
                return (m.start(), m.end(), places.canonical(m.group("city")))
    return None


def _first_sentence_end(text: str, at: int) -> int:
    """Where the first sentence that ends after ``at`` ends (a heading line counts)."""
    match = re.compile(r"[.!?](?=\s)|\n\s*\n").search(text, at + 1)
    if match is None:
        return len(text)
    if text[at : match.start()].strip() == "":  # a blank line straight after the dateline
        return _first_sentence_end(text, match.end())
    return match.end()


_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
_TODAY = re.compile(
    r"\b(?:today|this\s+(?:morning|afternoon|evening|week)|tonight)\b", re.IGNORECASE
)
# "delegations gathered today for the First Meeting": a dispatch of the opening day
_OPENED = re.compile(
    r"\b(?:open(?:s|ed|ing)?|began|begins|beginning|start(?:s|ed|ing)|convened|gathered"
    r"|kicked\s+off|got\s+off\s+to|commenced"
    # a one-day event "held today": "A press conference was held today to commemorate"
    r"|(?:was|were)\s+held|hosted|took\s+place)\b",
    re.I,
)


def _opened_near(text: str, name_start: int, name_end: int, start: int, end: int) -> bool:
    """Whether the sentence's verb of opening is this meeting's: right after its name ("the
    Wellington Conference on ... commenced"), or just before it ("opened the Conference"),
    not a later meeting's the sentence also names ("... on the way to negotiations in
    Dublin")."""
    after = _OPENED.search(text, name_end, min(end, name_end + 120))
    if after is not None and not _NOUN_ONLY.search(text, name_end, after.start()):
        return True
    return _OPENED.search(text, max(start, name_start - 40), name_start) is not None


def _dated_elsewhen(text: str, event: _Event, day: dt.date | None) -> bool:
    """Whether the sentence puts the event in another year than the dispatch's: "It has
    been 6 1/2 years since the signing of the Ottawa Convention ... in December 1997"."""
    if event.start is not None:
        return day is not None and event.start.year != day.year
    if day is None:
        return False
    sentence_start = textmod.sentence_start(text, event.span[0])
    stop = text.find(".", event.span[1])
    stop = len(text) if stop < 0 else stop
    if any(
        m.year is not None and m.year != day.year
        for m in dates.find_dates(text, sentence_start, stop)
    ):
        return True
    # "the decision made at the 12th Meeting of States Parties ... in 2024", a year alone
    year = _year_after(text, event.span[1], stop)
    return year is not None and year != day.year


_OPENED_NOW = re.compile(
    r"[^.;]*?\b(?:(?:has|have)\s+(?:\w+\s+)?(?:opened|begun|started|kicked\s+off|convened)"
    r"|opens|begins|kicks\s+off|gets\s+under\s+way)\b"
)
_OPENED_ON_WEEKDAY = re.compile(
    r"[^.;]{0,140}?\b(?:opened|began|kicked\s+off|got\s+under\s+way|started|commenced|convened)"
    r"\s+(?:here\s+|in\s+[A-Z][\w'’\-]+\s+)?on\s+"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
# The same before the meeting's name: "Colombia ... has kicked off the International
# Humanitarian Demining Seminar"
_OPENED_NOW_BEFORE = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:opened|begun|started|kicked\s+off|convened)\s+(?:the\s+)?$"
)


#: Occasions of one day, or a standing body's sitting, which a dispatch reports on its day.
_ONE_DAYS = re.compile(
    r"\b(?:press\s+conference|ceremony|exhibition|briefing|reception|lunch|launch|"
    r"Conference\s+on\s+Disarmament)\b",
    re.IGNORECASE,
)
_NOT_THE_DAY = re.compile(
    r"\b(?:ahead\s+of|countdown|prepar\w*|since|until)\b",
    re.IGNORECASE,
)


def _of_the_day(text: str, start: int, stop: int) -> bool:
    """Whether a dispatch's first sentence reports its own day: no day of its own, no
    future, nothing ahead of or since."""
    return not (
        dates.find_dates(text, start, stop)
        or _FUTURE.search(text, start, stop)
        or _NOT_THE_DAY.search(text, start, stop)
    )


def _place_by_dateline(text: str, found: list[_Event], day: dt.date | None) -> None:
    """A meeting the dispatch reports on the day of its dateline (dated that day, or
    "opened today" in a dispatch of that day) took place where the dateline says, when the
    sentence names no city."""
    if not found:
        return
    datelines: dict[dt.date, str] = {}
    lead: tuple[int, int, str] | None = None  # the dispatch's first sentence, and its city
    lead_day: dt.date | None = None  # the day its dateline gives
    window = min(len(text), 1500)
    # a UN release of a message: "..., delivered by X, in Geneva, yesterday, 18 September:"
    # is from where it was delivered, not from the release's dateline (New York)
    delivered = dates.DELIVERED_AT.search(text, 0, window)
    if delivered is not None and places.is_city(delivered.group("city")):
        lead = (0, delivered.end(), places.canonical(delivered.group("city")))
    for m in _DATELINE_CITY.finditer(text, 0, window):
        if not places.is_city(m.group("city")):
            continue
        # "Geneva, Switzerland" / "2 December 2013": the country may stand between
        country = _DATELINE_COUNTRY.match(text, m.end())
        at = m.end() if country is None or not registry.lookup(country.group(1)) else country.end()
        after = dates.find_dates(text, at, min(len(text), at + 25))
        if not after or after[0].start != at:
            continue
        when, _ = dates.resolve(after[0], day)
        if when is not None:
            datelines.setdefault(when, places.canonical(m.group("city")))
        lead = lead or (m.start(), after[0].end, places.canonical(m.group("city")))
        lead_day = lead_day or when
    for m in _DATELINE_DASH.finditer(text, 0, window):
        if lead is None and places.is_city(m.group("city")):
            lead = (m.start(), m.end(), places.canonical(m.group("city")))
    if lead is None:
        lead = _day_then_place(text, window)
    if lead is not None:
        # a dispatch reports from where its dateline says: a meeting its first sentence
        # names without a place took place there, and so does one its title names above a
        # dateline near the top ("Canada's statement to the 5th Review Conference" / "Siem
        # Reap, Cambodia, November 25, 2024")
        start, after_dateline, city = lead
        if start < _TITLE_REACH:
            start = 0
        stop = _first_sentence_end(text, after_dateline)
        for event in found:
            # and "this historic signing ceremony", "the present meeting" anywhere in it is
            # the occasion it was written for
            # and the UN's "the Meeting also heard", "the Conference adopted": capitalised and
            # bare, the meeting it reports
            occasion = _THIS.search(text, max(0, event.span[0] - 30), event.span[0]) or (
                event.name in ("Meeting", "Conference")
                and "the " in text[max(0, event.span[0] - 4) : event.span[0] + 4].casefold()
            )
            if event.city is None and (
                (start <= event.span[0] < stop and not _dated_elsewhen(text, event, lead_day))
                or occasion
            ):
                event.city = city
                event.country = event.country or _country_of(city)
            if (
                event.start is None
                and lead_day is not None
                and event.city == city
                and after_dateline <= event.span[0] < stop
                and _ONE_DAYS.search(event.name)
                and _of_the_day(text, after_dateline, stop)
            ):
                # "Vientiane, Lao PDR, July 31, 2024 - UNDP ... successfully hosted a Press
                # Conference": what a dated dispatch's first sentence reports, where it
                # was written, took place that day
                event.start = lead_day
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


# A treaty "to be signed in Oslo on December 3", "opened for signature in Ottawa": the
# signing conference, named by the passive (a state that "signed in Oslo" is an act, not it)
_SIGNED_IN = prefiltered(
    re.compile(
        r"\b(?:be|been|is|was|were|being|and)\s+(?:formally\s+|officially\s+)?"
        # and the negotiations that made it: "The treaty was negotiated in Dublin in May 2008"
        r"(?P<verb>signed|negotiated)"
        # "... and signed by 122 states in Ottawa"
        r"(?:\s+by\s+(?:\d{1,3}|[a-z\-]+)\s+(?:states|countries|nations))?|"
        r"\bopen(?:ed|s)?\s+for\s+signature"
        # a headline's participle: "Landmark cluster bomb treaty signed in Oslo"
        r"|\b(?:[Tt]reaty|[Cc]onvention|[Bb]an)\s+(?P<headline>signed)(?=\s+in\s)"
    )
)
# "in Oslo", "at Oslo", "in the Norwegian capital, Oslo"
# (the city's words on one line: a headline's "signed in Oslo" ends its line)
_SIGNED_PLACE = re.compile(
    r"\s+(?:in|at)\s+(?:the\s+\w+\s+capital,?\s+)?"
    r"(?P<city>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+)?)" + _COUNTRY
)


def _signings(text: str, reference: dt.date | None, exact: bool) -> list[_Event]:
    out: list[_Event] = []
    for m in _SIGNED_IN.finditer(text):
        place = _SIGNED_PLACE.match(text, m.end())
        if place is None or not _city_not_state(place.group("city")):
            continue
        city = places.canonical(place.group("city"))
        country = registry.lookup(place.group("country") or "") or _country_of(city)
        first = last = None
        when = dates.find_dates(text, place.end(), min(len(text), place.end() + 40))
        if when and _AFTER_PLACE.fullmatch(text, place.end(), when[0].start):
            place_end = when[0].end
        else:
            when, place_end = [], place.end()
        # "adopted in Oslo in 1997, opened for signature in Ottawa the same year": a
        # treaty's history in passing, not a meeting the text reports
        if _SAME_YEAR.match(text, place_end):
            continue
        if when:
            sentence = text[textmod.sentence_start(text, m.start()) : place.end()]
            direction = 1 if _FUTURE.search(sentence) or "to be" in sentence else -1
            first, last = dates.resolve(when[0], reference, direction, exact)
        name = "negotiations" if m.group("verb") == "negotiated" else "signing"
        out.append(_Event(name, city, country, first, last, (m.start(), place.end())))
    return out


# A meeting the text reports by its participants' verb and gives no name: "Signatory States
# ... met in Kampala, Uganda, on 29-30 May 2017 to discuss", "delegates gathered in Geneva
# from 2 to 4 June"
_GATHER_VERBS = ("met", "gathered", "convened", "assembled", "meeting", "gathering")
_GATHERED = re.compile(
    r"(?<![\w\-])(?:met|gathered|convened|assembled|(?<=are\s)meeting|(?<=are\s)gathering)"
    r"\s+(?:again\s+)?in\s+"
    + _CITY
    + _COUNTRY
    # "States parties are meeting in Geneva this week, from 2 to 4 December"
    + r"(?:,?\s+(?:this|next)\s+week)?"
)


def _gathered(text: str, pattern: re.Pattern[str] = _GATHERED) -> list[re.Match[str]]:
    """The matches of ``pattern`` (``_GATHERED``, ``_GATHERED_ON``), tried only where one of
    its verbs stands: a search for each word runs in C, a regex scan of the text tries every
    "m", "g", "c" and "a"."""
    found = []
    for verb in _GATHER_VERBS:
        at = text.find(verb)
        while at >= 0:
            m = pattern.match(text, at)
            if m is not None:
                found.append(m)
            at = text.find(verb, at + len(verb))
    return sorted(found, key=lambda m: m.start())


#: The days before the place: "17 African States met on 4-5 August 2016 in Addis Ababa"
_GATHERED_ON = re.compile(
    r"(?<![\w\-])(?:met|gathered|convened|assembled)\s+(?:on|from)\s+(?P<days>[^.;\n]{4,40}?)"
    r"\s+in\s+" + _CITY + _COUNTRY
)


def _gatherings(text: str, reference: dt.date | None, exact: bool) -> list[_Event]:
    """Unnamed meetings given a place and the days they met: only with both, as "met in
    Geneva" alone may be any encounter."""
    out: list[_Event] = []
    for m in _gathered(text, _GATHERED_ON):
        when = dates.find_dates(text, m.start("days"), m.end("days"))
        if len(when) == 1:
            out.extend(_gathering(m, when[0], reference, exact))
    for m in _gathered(text):
        when = dates.find_dates(text, m.end(), min(len(text), m.end() + 40))
        if when and _AFTER_PLACE.fullmatch(text, m.end(), when[0].start):
            out.extend(_gathering(m, when[0], reference, exact))
    return out


def _gathering(
    m: re.Match[str], when: dates.DateMention, reference: dt.date | None, exact: bool
) -> list[_Event]:
    """The meeting a gathering's match and its days make, if it names a city and a day."""
    city = m.group("city")
    if not _city_not_state(city) or when.day is None:
        return []
    first, last = dates.resolve(when, reference, -1, exact)
    if first is None:
        return []
    canonical = places.canonical(city)
    country = registry.lookup(m.group("country") or "") or _country_of(canonical)
    return [_Event(f"meeting in {canonical}", canonical, country, first, last, m.span())]


_MAX_WRAPPED = 6


def _wrapped_end(text: str, lines: list[tuple[int, int]], n: int) -> int:
    """The end of line ``n`` and of the lines a PDF wrapped it onto: a long line goes on
    into the next unless a blank line, a bullet or a new date starts there."""
    end = lines[n][1]
    # an entry wraps onto a few lines, never a page
    for start, stop in lines[n + 1 : n + 1 + _MAX_WRAPPED]:
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
    # "5 Dec 2025 – The 22nd meeting ... concluded in Geneva today with ...": a dated lead
    # sentence, not an entry of a calendar, whose names are short
    if len(name.split()) > 16:
        return None
    city, country = _city_country(parts[1:])
    if city is None:
        city = _city_in_name(name)
    if city is None:
        # "30 May 2008 – Adoption of the Convention in Dublin"
        place = _IN_CITY.search(name)
        if place is not None and _city_not_state(place.group("city")):
            city = places.canonical(place.group("city"))
    if city is None and _city_not_state(name):
        # "Workshop on ... in West Africa" over "28-29 January 2004 -- Ouagadougou": the
        # entry gives the days and the place, the line above names the meeting (a release's
        # "April 3, 2017 - Ottawa, Ontario" under "News Release" names none)
        above = text[_line_start(text, start - 1) : start].strip() if start > 0 else ""
        if not _NOUN_ONLY.search(above):
            return None
        city, country = places.canonical(name), _country_of(places.canonical(name))
        name = above
    first, last = dates.resolve(mention, reference, 1 if upcoming else 0)
    return _Event(name, city, country, first, last, (start, end))


# A cell that gives a meeting's place: "Geneva", "Zagreb, Croatia", "Virtual from Geneva"
_PLACE_CELL = re.compile(
    r"(?:[Vv]irtual(?:ly)?\s+from\s+)?(?P<city>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,2})"
    r"(?:,[ \t]*(?P<country>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,3}))?"
)
_CELL_MAX = 60


def _stacked_entries(
    text: str, lines: list[tuple[int, int]], reference: dt.date | None
) -> list[_Event]:
    """A calendar's entries as cells stacked one per line: the meeting's name on a line of
    its own, and under it its days and its place, each alone on its line ("Sixth Meeting of
    the States Parties" / "28 November 2005 - 2 December 2005" / "Zagreb, Croatia")."""
    out: list[_Event] = []
    filled = [(a, b) for a, b in lines if text[a:b].strip()]
    for n, (start, end) in enumerate(filled):
        if end - start > 120:
            continue
        line = text[start:end].strip()
        name = _EVENT.fullmatch(line)
        if name is None:
            continue
        when: dates.DateMention | None = None
        city = country = None
        stop = end
        for cell_start, cell_end in filled[n + 1 : n + 3]:
            cell = text[cell_start:cell_end].strip()
            if len(cell) > _CELL_MAX or _EVENT.fullmatch(cell):
                break
            found = dates.find_dates(text, cell_start, cell_end)
            if (
                when is None
                and len(found) == 1
                and found[0].day is not None
                and (text[found[0].start : found[0].end] == cell)
            ):
                when, stop = found[0], cell_end
                continue
            place = _PLACE_CELL.fullmatch(cell)
            if city is None and place is not None:
                named = registry.lookup(place.group("country") or "")
                if _city_not_state(place.group("city")) or (
                    named is not None and registry.lookup(place.group("city")) is None
                ):
                    city = places.canonical(place.group("city"))
                    country = named or _country_of(city)
                    stop = cell_end
                    continue
            break
        if when is None or city is None:
            # a name over its day alone is as likely a release's title over its date
            # ("Signing of the Total Ban Treaty ..." / "December 4, 1997"), and over a place
            # alone a heading
            continue
        first, last = dates.resolve(when, reference)
        out.append(_Event(name.group("name"), city, country, first, last, (start, stop)))
    return out


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, max(0, at)) + 1


def _city_after_days(
    text: str, at: int, end: int, mentions: list[dates.DateMention]
) -> re.Match[str] | None:
    """The place a heading gives after a name's days: "Intersessional Standing Committees
    Meetings, 20-24 June 2011, Geneva, Switzerland"."""
    first = next((d for d in mentions if d.start >= at), None)
    if first is None or text[at : first.start].strip() != ",":
        return None
    return _COMMA_CITY.match(text, _range_end(text, mentions, first), end)


_HELD_IN_TOWN = re.compile(r"\b(?:held|hosted|took\s+place)\s+in\s+$")


def _town_of_state(text: str, place: re.Match[str], name: str) -> bool:
    """A place the gazetteer does not hold, where the words say a meeting was held there
    and name its state: "The workshop, held in Rakitje, Croatia, on 12-13 June 2017"."""
    return (
        name == place.group("city")
        and registry.lookup(place.group("country") or "") is not None
        and registry.lookup(name) is None
        and name not in _REGION_WORDS
        and _HELD_IN_TOWN.search(text, max(0, place.start("city") - 20), place.start("city"))
        is not None
    )


def _city_country(parts: list[str]) -> tuple[str | None, str | None]:
    for i, part in enumerate(parts):
        if _city_not_state(part):
            country = registry.lookup(parts[i + 1]) if i + 1 < len(parts) else None
            return part, country or _country_of(part)
    return None, None


def _city_not_state(name: str) -> bool:
    """Whether a name is a city the gazetteer knows and no state's name ("Kuwait",
    "Luxembourg" and "Djibouti" name the state where a meeting document names them)."""
    return places.is_city(name) and registry.lookup(name) is None


def _country_of(city: str) -> str | None:
    known = places.city(city)
    # A small town's name is shared by many places; only a large city names its country.
    return known.iso3 if known is not None and known.population >= 100_000 else None


_REGION_WORDS = frozenset(
    {"Asia", "Asian", "Africa", "African", "America", "American", "Europe", "European",
     "Pacific", "Caribbean", "Balkans"}
)  # fmt: skip


def _city_in_name(name: str) -> str | None:
    words = name.split()
    # "San José Meeting of States Parties", "Phnom Penh Summit"
    pair = " ".join(words[:2])
    if len(words) >= 3 and words[1][:1].isupper() and _city_not_state(pair):
        return pair
    if (
        len(words) >= 2
        and _city_not_state(words[0])
        and (words[1][:1].isupper() or re.fullmatch(_NOUN + "|" + _MODIFIER, words[1]))
        # the Ottawa and Oslo Processes met in many cities, not in the one they are named for
        and words[1] not in ("Process", "process")
        # "Central Asia regional conference": a region, not a city called Central
        and words[1] not in _REGION_WORDS
    ):
        return words[0]
    return None


def _direction(sentence: str) -> int:
    """1 where the sentence looks ahead, -1 where it looks back, 0 where it says neither."""
    return 1 if _FUTURE.search(sentence) else (-1 if _PAST.search(sentence) else 0)


_DAYS_LONG = r"(?P<n>two|three|four|five|six|seven|[2-7])"
_N_DAY_BEFORE = re.compile(_DAYS_LONG + r"[- ]day\s+(?:[\w\-]+\s+){0,2}$", re.IGNORECASE)
_CLOSED_AFTER = re.compile(
    r"[^.;]{0,120}?\b(?:clos(?:ed|es)|conclud(?:ed|es)|ended|ends|wrapped\s+up)\s+"
    r"(?:(?:today|yesterday)\s+)?(?:after\s+" + _DAYS_LONG + r"\s+days\b)?",
    re.IGNORECASE,
)
_TODAY_DAY = re.compile(r"\s*today\b(?:\s*\((?P<day>[^()\n]{4,30})\))?", re.IGNORECASE)


def _counted_days(
    text: str,
    start: int,
    name_start: int,
    name_end: int,
    end: int,
    reference: dt.date,
    exact: bool,
) -> tuple[dt.date, dt.date] | None:
    """A meeting's days from how long it ran and the day it closed: "a three-day meeting
    ... that concludes today (Friday, 7 December)", "... closed after two days" in a
    dispatch of the closing day."""
    closing = _CLOSED_AFTER.match(text, name_end, end)
    if closing is None:
        return None
    long = closing.group("n") or (
        m.group("n")
        if (m := _N_DAY_BEFORE.search(text, max(0, name_start - 30), name_start))
        else None
    )
    if long is None:
        return None
    days = numbers.value(long)
    if days is None:
        return None
    closed: dt.date | None = None
    today = _TODAY_DAY.search(text, name_end, closing.end() + 8)
    if today is not None and today.group("day"):
        found = dates.find_dates(text, today.start("day"), today.end("day"))
        if found and found[0].day is not None:
            closed, _ = dates.resolve(found[0], reference, 0, exact)
    elif exact and (today is not None or _TODAY.search(text, start, name_start)):
        closed = reference  # "Today in Geneva, the meeting ... closed after two days"
    if closed is None:
        return None
    return closed - dt.timedelta(days=days - 1), closed


def _sentence_events(
    text: str, start: int, end: int, reference: dt.date | None, exact: bool
) -> list[_Event]:
    sentence = text[start:end]
    day_mentions = [m for m in dates.find_dates(text, start, end) if m.day is not None]
    out: list[_Event] = []
    for m in _EVENT.finditer(text, start, end):
        raw = m.group("name").strip()
        name = re.sub(r"^(?:and|the|next)\s+", "", raw, flags=re.IGNORECASE)
        # "The conference, held in Vientiane on ...": the article it opened with refers
        determined = name != raw and raw[:4].casefold() in ("the ", "next")
        # "Photos: Mary Wareham The Kampala Conference on ...": the name begins at its article
        inner = name.rfind(" The ")
        if inner > 0 and re.search(_NOUN, name[inner:]):
            name = name[inner + len(" The ") :]
        if not name:
            continue
        # "requesting meetings to discuss": a bare common noun names no meeting; "the
        # meeting", "a conference" refer to one
        if (
            re.fullmatch(_NOUN, name)
            and name[:1].islower()
            and not determined
            and not _DETERMINER.search(text, max(start, m.start() - 30), m.start())
            # "after arms talks in Geneva last November", "follow up meetings ... in Lima":
            # the place names the occasion
            and not (
                _BARE_NOUN_PLACE.match(text, m.end())
                # (not the verb: "States parties are meeting in Geneva")
                and not _AUXILIARY_BEFORE.search(text, max(start, m.start() - 8), m.start())
            )
        ):
            continue
        city = _city_in_name(name)
        country = None
        # a quoted title is read on from its closing quote: "“Conference on the 20th
        # Anniversary ...: From the Ottawa Process Toward a Mine Free World” will be held on
        # 17th and 18th October 2017 in the Croatian capital Zagreb"
        after = _title_end(text, m.start(), m.end(), end)
        # "Third Meeting of States Parties to the Convention on the Prohibition of the Use,
        # Stockpiling, ... and on their Destruction, Managua, 18-21 September 2001": the
        # treaty's title runs on past the name's last capital
        rest = _TREATY_TITLE_REST.match(text, after, end)
        if rest is not None:
            after = rest.end()
        places_after = list(_IN_CITY.finditer(text, after, min(end, after + 150)))
        if not places_after:
            # "The Sixth Meeting of the States Parties (6MSP) to the 1997 Convention on the
            # Prohibition ... and on Their Destruction was held in Zagreb": the treaty's
            # full title stands between the name and its place
            held = _HELD_FAR.search(text, after, min(end, after + 400))
            if held is not None and not _NOUN_ONLY.search(text, after, held.start()):
                places_after = list(
                    _IN_CITY.finditer(text, held.start(), min(end, held.end() + 150))
                )
        # a title: "Fifth Meeting of States Parties, San José, Costa Rica, 2-5 September 2014"
        titled = (
            _COMMA_CITY.match(text, after, end)
            or _PAREN_CITY.match(text, after, end)
            or _CAPITALS_CITY.match(text, after, end)
            or _city_after_days(text, after, end, day_mentions)
        )
        if titled:
            places_after.insert(0, titled)
        places_before = [
            p
            for p in _IN_CITY.finditer(text, max(start, m.start() - 120), m.start())
            # "in Lima, Peru for the conference", not "in Oslo process meetings"
            if re.search(r"[,;]|\b(?:for|at|to|when|where|during)\b", text[p.end() : m.start()])
        ]
        place_end: int | None = None
        place_before: re.Match[str] | None = None
        for place in [*places_after, *reversed(places_before)]:
            if _POSTED.search(
                text, max(0, place.start("city") - 40), place.start("city")
            ) and not _HELD_AT.search(text, max(0, place.start("city") - 80), place.start("city")):
                # where a diplomat is posted, not where the meeting is (but a meeting "held
                # Sept. 2-4 at the United Nations in Geneva" is there)
                continue
            candidate = place.group("city")
            # "in Lima, Peru" where the gazetteer holds only the first word of a pair; not
            # after a bare comma ("..., Ichikawa Tomiko" is a person)
            options = (candidate,) if place is titled else (candidate, candidate.split()[0])
            # "held in Phnom Penh's Peace Palace": the city is what owns the building
            owner = re.split(r"['’]s\b", candidate)[0]
            if owner != candidate:
                options = (owner,)
            for option in options:
                if _city_not_state(option) or _town_of_state(text, place, option):
                    break
            else:
                continue
            if city is None or city == option:
                city = places.canonical(option)
                named = place.group("country")
                country = registry.lookup(named) if named and option == candidate else None
                if place.start() >= m.end():
                    # "in Lima, Vienna and Dublin": a second city is no country, and the
                    # cities coordinated with the first start after it
                    place_end = (
                        place.end() if country is not None or not named else place.end("city")
                    )
                else:
                    place_before = place
            break
        if city is None:
            # "Geneva hosted the Tenth Meeting of States Parties", "Bangkok will host the ..."
            host = _CITY_HOSTS.search(text, max(start, m.start() - 60), m.start())
            if host and _city_not_state(host.group("city")):
                city = places.canonical(host.group("city"))
        if city is None:
            city, country = _capital_named(text, m.start(), min(end, after + 150))
        if city is None:
            city, country = _city_on_next_line(text, after)
        first_day = last_day = None
        chosen = _date_for(text, start, m.start(), after, day_mentions)
        if chosen is None and place_end is not None:
            # "will take place in Zagreb from 28 November to 3 December": the days follow
            # the place the name is given
            chosen = next(
                (
                    d
                    for d in day_mentions
                    if place_end <= d.start and _AFTER_PLACE.fullmatch(text, place_end, d.start)
                ),
                None,
            )
        if chosen is None and place_before is not None:
            # "gathered in Livingstone, Zambia on 31 March and 1 April 2008 for an
            # all-Africa Oslo Process conference": the days between the place and the name
            chosen = next(
                (
                    d
                    for d in day_mentions
                    if place_before.end() <= d.start
                    and d.end <= m.start()
                    # a year of its own or the dispatch's: this reading is not certain enough
                    # to lend the days a year guessed from the rest of the text
                    and (exact or any(x.year for x in day_mentions if d.start <= x.start))
                    and _AFTER_PLACE.fullmatch(text, place_before.end(), d.start)
                    and _BEFORE_NAME.fullmatch(text, _range_end(text, day_mentions, d), m.start())
                ),
                None,
            )
        if chosen is None and m.end() == after:
            # a heading with its days and place on a line below: "2011 Intersessional
            # Meeting to the Convention on Cluster Munitions" / "27-30 June 2011, Geneva"
            below = _days_line_below(text, after, city)
            if below is not None:
                chosen, city, country = below
        if chosen is not None:
            named_year = _NAMED_YEAR.search(name) if chosen.year is None else None
            if named_year is not None:
                # "The 2004 Mines-Free World summit will be held from 29 November to 3
                # December": the year the name gives, not the one the text's dates suggest
                name_end = dt.date(int(named_year.group()), 12, 31)
                first_day, last_day = dates.resolve(chosen, name_end, -1, exact)
            else:
                # which way a day without its year leans: asked only of a sentence that
                # dates a meeting (few do; the two scans cost more than the rest of it)
                direction = _direction(sentence)
                first_day, last_day = dates.resolve(chosen, reference, direction, exact)
            # "Statement by X, Fourth Meeting of States Parties, Lusaka, 10 September 2013":
            # the day of the speech, which need not be the meeting's first
            if chosen.end_day is None and _SPEECH_HEADING.search(sentence):
                first_day = last_day = None
            # "the closing statement at the Review Conference in Oslo 29 November", "which
            # will close on Friday, 21 September": one day, and it is the last one
            if chosen.end_day is None and _CLOSING.search(sentence):
                first_day = None
            # "the Lausanne Action Plan adopted by the Second Review Conference on 21
            # September", "President of the Fourth Meeting ... delivered a message": the day
            # of an act or of a message, not when the meeting began
            if chosen.end_day is None and _NAMED_NOT_DATED.search(
                text, max(start, m.start() - 40), m.start()
            ):
                first_day = last_day = None
        # A dispatch's "opened today": the meeting began the day it was written.
        if (
            first_day is None
            and exact
            and reference is not None
            and _YESTERDAY.search(sentence)
            and _opened_near(text, m.start(), m.end(), start, end)
        ):
            # "the Dublin Conference on cluster munitions commenced yesterday"
            first_day = reference - dt.timedelta(days=1)
        today = exact and reference is not None and bool(_TODAY.search(sentence))
        if today and first_day is None and _opened_near(text, m.start(), m.end(), start, end):
            # the dispatch's own day where its dateline gives one ("GENEVA, 11 September
            # (UN Information Service) -- ... opened this afternoon", reissued the next day)
            first_day = dates.report_day(text, reference) or reference
        # "Geneva, 30 November 2015 - The Fourteenth Meeting ... has kicked off": a dated
        # dispatch's present perfect (or present) of opening is its day
        if (
            first_day is None
            and exact
            and reference is not None
            and (
                _OPENED_NOW.match(text, m.end(), min(end, m.end() + 160))
                or _OPENED_NOW_BEFORE.search(text, max(start, m.start() - 40), m.start())
            )
        ):
            first_day = reference
        if first_day is None and exact and reference is not None:
            # "PHNOM PENH, Nov. 27 (Xinhua) -- The 11th Meeting ... kicked off here on Sunday
            # evening": the weekday of its opening, in the week the dispatch was written
            opening = _OPENED_ON_WEEKDAY.match(text, m.end(), min(end, m.end() + 200))
            if opening is not None:
                weekday = dates.weekday_number(opening.group("weekday"))
                first_day = reference - dt.timedelta(days=(reference.weekday() - weekday) % 7)
        if first_day is None and reference is not None:
            # "a three-day meeting in Vienna that concludes today (Friday, 7 December)",
            # "the intersessional meeting ... closed after two days": its days, counted back
            counted = _counted_days(text, start, m.start(), m.end(), end, reference, exact)
            if counted is not None:
                first_day, last_day = counted
        # the standing Conference on Disarmament is a body, not a meeting, unless a day says
        # which of its sessions
        if first_day is None and _STANDING_BODY.search(name):
            continue
        # one with neither city nor day is kept for the dateline to place it (see
        # _place_by_dateline); find_events drops it if that finds no place either
        if city is not None and country is None:
            country = _country_of(city)
        year = _year_after(text, after, end) if first_day is None else None
        out.append(_Event(name, city, country, first_day, last_day, (m.start(), m.end()), year))
        if place_end is not None and first_day is None:
            for other in _more_cities(text, place_end, end):
                span = (m.start(), m.end())
                out.append(_Event(name, other, _country_of(other), None, None, span, None))
    return out


#: More cities coordinated with the one a meeting's name is placed in: "meetings in Lima,
#: Vienna and Dublin", "continued in Lima in May 2007, in Vienna in December 2007 and in
#: Wellington in February 2008", each a meeting of its own.
_MONTH_YEAR = r"(?:\s+in\s+(?:[A-Z][a-z]+\s+)?\d{4})?"
_MORE_CITY = re.compile(_MONTH_YEAR + r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:in\s+)?" + _CITY)


def _more_cities(text: str, at: int, end: int) -> list[str]:
    out: list[str] = []
    while (m := _MORE_CITY.match(text, at, end)) is not None:
        city = m.group("city")
        if not _city_not_state(city):
            city = city.split()[0]
            if not _city_not_state(city):
                break
        out.append(places.canonical(city))
        at = m.start("city") + len(city)
    return out


_TREATY_TITLE_REST = re.compile(
    # (the name's capitals may stop short of it: "... on the Prohibition of the use, ...")
    r"(?:\s+use)?,\s*Stockpiling,\s*Production\s+and\s+Transfer\s+of\s+Anti[-–]?\s?[Pp]ersonnel\s+(?:Land)?"
    r"[Mm]ines\s+and\s+on\s+[Tt]heir\s+Destruction"
)
_CITY_HOSTS = re.compile(
    # "The Ecuadorian capital of Quito will host a regional conference"
    _CITY + r"\s+(?:hosted|hosts|will\s+host|welcomed)\s+(?:the\s+|an?\s+)?(?:[a-z\-]+\s+)?$"
)
_HELD_AT = re.compile(r"\b(?:held|took\s+place|meets|met|convened|hosted)\b[^,;]{0,50}$")
_HELD_FAR = re.compile(
    r"\b(?:was|were|is|are|will\s+be|be)\s+held\s+(?=in\b|at\b)|\btook\s+place\s+(?=in\b|at\b)"
)
# "in the Norwegian capital" with no city after it: the state's capital
_IN_CAPITAL = re.compile(
    r"\b(?:in|at|to)\s+the\s+(?P<demonym>[A-Z][\w'’\-]+)\s+capital\b(?!,?\s+[A-Z])"
)


def _capital_named(text: str, start: int, stop: int) -> tuple[str | None, str | None]:
    found = _IN_CAPITAL.search(text, start, stop)
    iso3 = registry.lookup(found.group("demonym")) if found else None
    capital = places.capital_of(iso3) if iso3 else None
    return (capital, iso3) if capital else (None, None)


_OPEN_QUOTE = re.compile(r"[“\"]\s*$")
_CLOSE_QUOTE = re.compile(r"[^“”\"\n]{0,200}?[”\"]")


def _title_end(text: str, start: int, end: int, stop: int) -> int:
    """Where an event's name ends: past the closing quote of a quoted title, else its end."""
    if not _OPEN_QUOTE.search(text, max(0, start - 2), start):
        return end
    closing = _CLOSE_QUOTE.match(text, end, stop)
    return closing.end() if closing else end


_IN_YEAR = re.compile(
    r"[^.;:]{0,60}?\bin\s+(?:(?:early|mid|late)[\s-]+)?(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b"
)


def _year_after(text: str, at: int, end: int) -> int | None:
    """The year given soon after an undated meeting's name: "in Oslo in February 2007"."""
    m = _IN_YEAR.match(text, at, end)
    return int(m.group(1)) if m else None


_AUXILIARY_BEFORE = re.compile(r"\b(?:are|is|were|was|be|been)\s+$")
_BARE_NOUN_PLACE = re.compile(r"\s+(?:held\s+)?in\s+(?P<city>[A-Z][\w'’\-]+)\b")
_DETERMINER = re.compile(
    # and a possessive: "Last week's conference on cluster munitions in Beirut"
    r"(?:\b(?:the|a|an|this|that|its|their|our|these|those|further|subsequent|several)|[’']s"
    # "for three days of talks"
    r"|\b(?:two|three|four|five|six|seven|\d)\s+days\s+of)\s+(?:[a-z\-]+\s+){0,2}$",
    re.I,
)
_POSTED = re.compile(
    r"(?:United\s+Nations|UN|Office|Mission|Representative|Ambassador|Embassy)"
    r"(?:\s+Office)?\s+(?:in|at|to)\s+\S*$"
)
_SPEECH_HEADING = re.compile(
    r"\b(?:Statement\s+(?:by|of|on)|Delivered\s+by|[Mm]essage\s+to|Remarks\s+by|Address\s+by"
    r"|Speech\s+by|Intervention\s+by)\b"
)
_AFTER_PLACE = re.compile(
    r",?\s+(?:(?:beginning|starting|opening)(?:\s+on)?|on|from|between)\s+|,\s+|\s+"
    # "being held in Zagreb from today, 28 November, to 2 December"
    r"|,?\s+from\s+today,\s+"
    # "opened for signature in Oslo seven months later on 3 December 2008"
    r"|\s+(?:[\w\-]+\s+){1,2}later,?\s+(?:on\s+)?"
)
_BEFORE_NAME = re.compile(
    r",?\s+(?:for|to\s+attend|at)\s+(?:the|an?)?\s*(?:[\w\-]*-)?|,?\s+(?:for|at)\s+(?:the\s+)?"
)


def _range_end(text: str, mentions: list[dates.DateMention], first: dates.DateMention) -> int:
    """Where a day ends, or the day joined to it ("31 March and 1 April 2008")."""
    end = first.end
    for later in mentions:
        if later.start < end:
            continue
        if not _JOINED_DAY.fullmatch(text, end, later.start):
            break
        end = later.end
    return end


_JOINED_DAY = re.compile(r"\s*(?:and|to|-|–)\s*")


_SAME_YEAR = re.compile(r",?\s+(?:the\s+same|that|the\s+following)\s+year\b")
_ACRONYM = re.compile(r"\s*\([A-Z0-9][A-Za-z0-9]{1,9}\)")
_ON_DATE = re.compile(r",?\s+(?:(?:a|an|the)\s+)?")


_PLACE = (
    r"(?P<city>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,2})"
    r"(?:,[ \t]*(?P<country>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,3}))?"
)
_PLACE_LINE = re.compile(
    r"[ \t]*\n[ \t]*"
    + _PLACE
    # and the days after a bar or a comma: "Bali, Indonesia | 16 - 17 November 2009"
    + r"[ \t]*(?=\n|$|[|,][ \t]*\d)"
)
# the next line past a few blank ones, as a heading spaced out line by line has it: the
# place alone on its line ("Vienna, Austria"), not a dispatch's dateline opening a lead
_NEXT_LINE = r"[ \t]*(?:\n[ \t]*){1,4}"
_PLACE_LINE_APART = re.compile(_NEXT_LINE + _PLACE + r"[ \t]*(?=\n|$)")


_TITLE_GOES_ON = re.compile(_NEXT_LINE + r"(?:of|on|and|to|for|the)\s[^\n]{0,100}(?=\n)")
_DAY_LINE = re.compile(
    _NEXT_LINE + r"(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},\s+\d{4})[ \t]*(?=\n)"
)


def _city_on_next_line(text: str, name_end: int) -> tuple[str | None, str | None]:
    """A heading names the meeting on one line and its place on the next:
    "11th Meeting of States Parties, Mine Ban Treaty" / "Phnom Penh, Cambodia"."""
    line_end = text.find("\n", name_end)
    if line_end < 0 or line_end - name_end > 60:
        return None, None
    # the name's own lines first, a heading's title wrapped line by line ("16th Meeting of
    # the States Parties to the Convention" / "on the Prohibition of the use, ...")
    for _ in range(3):
        more = _TITLE_GOES_ON.match(text, line_end)
        if more is None:
            break
        line_end = more.end()
    m = _PLACE_LINE.match(text, line_end) or _PLACE_LINE_APART.match(text, line_end)
    if m is None:
        # the day on a line of its own between: "... Meeting of States Parties" / "18
        # December 2017" / "Vienna, Austria"
        day_line = _DAY_LINE.match(text, line_end)
        if day_line is not None:
            m = _PLACE_LINE.match(text, day_line.end()) or _PLACE_LINE_APART.match(
                text, day_line.end()
            )
    if m is None or not _city_not_state(m.group("city")):
        return None, None
    named = m.group("country")
    if named and registry.lookup(named) is None:
        return None, None
    city = places.canonical(m.group("city"))
    return city, (registry.lookup(named) if named else None) or _country_of(city)


_DAYS_THEN_CITY = re.compile(r",?[ \t]+" + _CITY + _COUNTRY + r"[ \t]*(?=\n|$)")


def _days_line_below(
    text: str, name_end: int, city: str | None
) -> tuple[dates.DateMention, str, str | None] | None:
    """The days a heading's next line (past one blank line) opens with, and the place after
    them: "27-30 June 2011, Geneva, Switzerland"."""
    line_end = text.find("\n", name_end)
    if line_end < 0 or text[name_end:line_end].strip():
        return None  # the name does not end its line
    lo = line_end
    while lo < len(text) and text[lo] in " \t\n":
        lo += 1
    if text.count("\n", line_end, lo) > 2:
        return None
    hi = text.find("\n", lo)
    hi = len(text) if hi < 0 else hi
    found = dates.find_dates(text, lo, hi)
    if len(found) != 1 or found[0].day is None or found[0].end_day is None:
        return None  # a single day below a heading is a speech's, not the meeting's
    if found[0].start != lo:
        return None
    place = _DAYS_THEN_CITY.match(text, found[0].end, hi)
    if place is None or not _city_not_state(place.group("city")):
        return None
    below = places.canonical(place.group("city"))
    if city is not None and below != city:
        return None
    named = place.group("country")
    return found[0], below, (registry.lookup(named) if named else None) or _country_of(below)


def _time_between(text: str, start: int, stop: int) -> bool:
    """Whether a month or a weekday stands between ``start`` and a day at ``stop``, not
    touching it ("on Friday 30 May" is one day), or a relative day ("today 29 November":
    the day of the words, which need not be the meeting's first)."""
    return any(
        d.day is None and d.month is not None and (stop - d.end > 1 or d.relative is not None)
        for d in dates.find_dates(text, start, stop)
    )


_NAME_AFTER_DAYS = re.compile(
    r"[ \t]+(?:[A-Z][\w'’\-]*[ \t]+){1,6}?(?:Review\s+Conference|Conference|Meeting|Summit)\b"
)


def _date_for(
    text: str,
    sentence_start: int,
    start: int,
    end: int,
    mentions: list[dates.DateMention],
) -> dates.DateMention | None:
    """The day an event phrase is dated by, nearest first: "on <date>, a seminar", a date
    close after it in the same clause, or a date that opens the sentence ("On 23-25 May,
    ... gathered in Lima ...")."""
    # "while on February 15-16, 2001 a seminar was held": the date just before the name
    before = [m for m in mentions if m.end <= start and start - m.end <= 8]
    if before and _ON_DATE.fullmatch(text, before[-1].end, start):
        lead = text[max(sentence_start, before[-1].start - 6) : before[-1].start]
        if re.search(r"\b(?:on|from)\s*$", lead, re.IGNORECASE):
            return before[-1]
    for mention in mentions:
        if mention.start >= end:
            # "(2MSP) took place in Beirut, Lebanon, from 13 to 16 September 2011": an
            # acronym in brackets does not end the clause
            gap = _ACRONYM.sub("", text[end : mention.start])
            bracket = _PAREN_CITY.match(text, end, mention.start)
            # "the Wellington conference in February 2008, but adopted the Declaration on 3
            # March 2008", "... Summit on a Mine-Free World today, 3 December": a month, a
            # weekday or "today" given first is its time, the later day another act's (but
            # "on Friday 30 May 2008" is one day)
            if _time_between(text, end, mention.start):
                break
            # "... their first preparatory meeting in advance of the Convention's 25-29
            # November 2024 Siem Reap Angkor Fifth Review Conference": days that open another
            # meeting's name are that meeting's
            if _NAME_AFTER_DAYS.match(text, mention.end):
                break
            if len(gap) <= 70 and (
                not re.search(r"[(;:]|\.\s", gap)
                or (bracket and not text[bracket.end() : mention.start].strip(" ,"))
                # "The Maputo Review Conference (23-27 June 2014) adopted ..."
                or gap.strip() == "("
            ):
                return mention
            break
    for mention in mentions:
        # the date that opens the sentence, unless another date stands between it and the
        # name ("On February 1-2 a seminar ..., while on February 15-16 a seminar ...")
        between = [m for m in mentions if mention.end <= m.start and m.end <= start]
        if between:
            continue
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
    _pair_place_and_day(events)
    dated_years: dict[str, set[int]] = {}
    dated: dict[str, list[_Event]] = {}
    for e in events:
        if e.city and e.start:
            dated_years.setdefault(e.city.casefold(), set()).add(e.start.year)
            dated.setdefault(e.city.casefold(), []).append(e)
    out: dict[tuple[str | None, dt.date | None, _Signature], _Event] = {}
    for event in events:
        city = event.city.casefold() if event.city else None
        if (
            event.start is None
            and city in dated_years
            and (event.year is None or event.year in dated_years[city])
        ):
            # "are meeting in Geneva ..., from 2 to 4 December 2024, for the Fifth Review
            # Conference": the meeting a gathering's days date has the name the text gives
            same_city = dated[city]
            if (
                len(same_city) == 1
                and same_city[0].name.startswith("meeting in ")
                and _proper(event.name)
            ):
                same_city[0].name = event.name
            continue
        name = _signature(event.name) if event.start is None and _proper(event.name) else _ANY
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
                        "conference", "states", "parties", "convention", "treaty", "press",
                        "release", "closing", "opening", "statement", "update", "anti",
                        "personnel", "mine", "ban", "cluster", "munitions", "ottawa",
                        "oslo"})  # fmt: skip


def _pair_place_and_day(events: list[_Event]) -> None:
    """A meeting named once with its day and once with its place, under the same name,
    is one meeting: "On 2 March, during a pledging conference" and "the Pledging Conference"
    in Geneva."""
    placed: dict[str, _Event] = {}
    # a meeting placed under a common noun alone ("a summit of parties" in Nairobi) is the
    # one dated under a name ending in that noun ("The 2004 Mines-Free World summit will be
    # held from 29 November"), where no other meeting of that kind is placed
    by_noun: dict[str, list[_Event]] = {}
    for event in events:
        if event.city is not None and event.start is None:
            placed.setdefault(_name_key(event.name), event)
            if not _proper(event.name):
                by_noun.setdefault(_head_noun(event.name), []).append(event)
    for event in events:
        if event.city is None and event.start is not None:
            key = _name_key(event.name)
            twin = placed.get(key)
            if twin is None or not key:
                kind = by_noun.get(_head_noun(event.name), [])
                twin = kind[0] if len({e.city for e in kind}) == 1 else None
            if twin is None and key:
                # named again on the same day with its place: "The 16th Meeting of States
                # Parties to the Anti – Personnel ... welcomed Sri Lanka on Monday 18th
                # December 2017" and "the 16th Meeting of States Parties ... held in Vienna
                # from 18-21 December 2017"
                words = key.split()
                twin = next(
                    (
                        e
                        for e in events
                        if e.city is not None
                        and e.start == event.start
                        and _same_opening(words, _name_key(e.name).split())
                    ),
                    None,
                )
            if twin is not None:
                event.city, event.country = twin.city, twin.country


def _same_opening(a: list[str], b: list[str]) -> bool:
    """Whether one name's words open the other's (its treaty's title may be cut short)."""
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n]


def _head_noun(name: str) -> str:
    """The word a meeting's name ends in: "summit" of "The 2004 Mines-Free World summit"."""
    return name.split()[-1].casefold()


def _proper(name: str) -> bool:
    """Whether a name is a meeting's own ("the Thirteenth Meeting of the States Parties")
    rather than a common noun ("talks", "a diplomatic conference"), which in one city
    refers back to the meeting named there."""
    words = name.split()
    if name[:1].isupper() or any(w[:1].isupper() for w in words[1:]):
        return True
    # "the intersessional meetings" are a kind of their own; "an international meeting" is
    # any meeting
    return any(w not in _GENERIC and not re.fullmatch(_NOUN, w) for w in words)


_GENERIC = frozenset({"international", "diplomatic", "major", "high-level"})


def _name_key(name: str) -> str:
    # "Dubrovnik Review Conference" and "the First Review Conference" held there agree: a
    # city's name in a meeting's name says where, not which; nor does the treaty's name;
    # "5th" is "Fifth"
    words = _NAME_WORDS.findall(_ORDINAL_DIGITS.sub(_ordinal_word, name).casefold())
    return " ".join(w for w in words if w not in _NAME_STOP and not places.is_city(w.title()))


_ORDINAL_DIGITS = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip


def _ordinal_word(m: re.Match[str]) -> str:
    n = int(m.group(1))
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else m.group()


#: What tells one meeting from another by its name: its number or year, and its kind.
_Signature = tuple[frozenset[str], frozenset[str]]
_ANY: _Signature = (frozenset(), frozenset())
_KIND_OF = {
    "review": "review", "intersessional": "intersessional", "standing": "intersessional",
    "preparatory": "preparatory", "signing": "signing", "ceremony": "signing",
    "pledging": "pledging", "special": "special", "extraordinary": "extraordinary",
    "regional": "regional", "ministerial": "ministerial", "committee": "committee",
    "committees": "committee", "summit": "summit", "workshop": "workshop",
    "workshops": "workshop", "seminar": "seminar", "seminars": "seminar",
    "symposium": "symposium", "forum": "forum", "parties": "parties",
    "negotiations": "negotiations",
}  # fmt: skip
_SIGNATURE_WORDS = re.compile(r"[a-z]+|\d{4}")


def _signature(name: str) -> _Signature:
    words = _SIGNATURE_WORDS.findall(_ORDINAL_DIGITS.sub(_ordinal_word, name).casefold())
    numbers = frozenset(w for w in words if w in _ORDINALS or w.isdigit())
    kinds = frozenset(_KIND_OF[w] for w in words if w in _KIND_OF)
    return numbers, kinds


def _agree(a: _Signature, b: _Signature) -> bool:
    """Two undated names of meetings in one city name one meeting unless their numbers
    differ ("the Thirteenth" and "the Fourteenth Meeting") or each is of a kind the other
    is not ("the intersessional meetings" and "the Meeting of States Parties"); "the
    historic meeting" and "the Third Review Conference" held there are one."""
    (numbers_a, kinds_a), (numbers_b, kinds_b) = a, b
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return False
    return kinds_a <= kinds_b or kinds_b <= kinds_a


def _as_dict(event: _Event) -> dict[str, Any]:
    return {
        "name": event.name,
        "city": event.city,
        "country": event.country,
        "start": event.start.isoformat() if event.start else None,
        "end": event.end.isoformat() if event.end else None,
        "span": list(event.span),
    }
