"""Dates as documents write them, and how a missing year is completed.

Meeting documents write "22–23 February 2007", "from 12 to 16 September 2011", "5-7 December",
"December 3rd of this year", "on Wednesday". A date without its year is completed only from a
reference the document itself gives (its own date, or the date it speaks from) and only in a
direction the wording makes clear ("upcoming events", "will be held" look forward).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache

_MONTH_NAMES = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
# lower-case foreign names that English does not also use
_FOREIGN_ONLY = frozenset(
    {
        "janvier", "mars", "avril", "mai", "juin", "juillet", "septembre", "octobre",
        "novembre", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
        "septiembre", "setiembre", "octubre", "noviembre", "diciembre",
    }
)  # fmt: skip
_MONTH_NAMES.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_NAMES["sept"] = 9
# The French and Spanish names, as the depositary's and the support units' pages in those
# languages print them ("le 16 septembre 1998", "el 3 de diciembre de 2008").
_FOREIGN_MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
)
for _names in _FOREIGN_MONTHS:
    _MONTH_NAMES.update({name: i for i, name in enumerate(_names.split(), start=1)})
_MONTH_NAMES["setiembre"] = 9
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?|"
    + "|".join(
        sorted(
            (n for n in _MONTH_NAMES if not n.isascii() or n in _FOREIGN_ONLY),
            key=len,
            reverse=True,
        )
    )
    + ")"
)
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th|er)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DASH = r"\s*(?:–|-|—|to|until|till|and|through)\s*"
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_PATTERN = re.compile(
    # The look-aheads let the scan skip, with one test, every position where no date can
    # start (Python's engine would otherwise try each alternative at every character): a
    # digit, an English month's first three letters, the words "on", "last", "this",
    # "today", "yesterday", or "oct" (of "octobre"/"octubre", the only foreign months
    # reachable from a lower-case letter: a range "octobre 5-7" needs no word boundary).
    # The first, one character class, rejects most positions at once; the second keeps
    # "States", "the" and "of" from trying the month alternatives three times each.
    rf"""
    (?=[0-9JFMASONDloty])
    (?=[0-9]|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|oct|\b(?:on|last|this|today|yesterday))
    (?:
    (?P<range_dm>(?P<a_d1>{_DAY})(?:\s+(?:of\s+)?(?P<a_m1>{_MONTH}))?{_DASH}(?:{_WEEKDAY},?\s+)?(?P<a_d2>{_DAY})\s+(?:of\s+)?(?P<a_m2>{_MONTH})\b(?:,?\s+(?P<a_y>{_YEAR})\b)?)
    |(?P<range_md>(?P<b_m1>{_MONTH})\s+(?P<b_d1>{_DAY}){_DASH}(?:(?P<b_m2>{_MONTH})\s+)?(?P<b_d2>{_DAY})\b(?:,?\s+(?P<b_y>{_YEAR})\b)?)
    |(?P<iso>\b(?P<i_y>{_YEAR})(?P<i_sep>[-/])(?P<i_m>[01]\d)(?P=i_sep)(?P<i_d>[0-3]\d)\b)
    |(?P<num>\b(?P<n_a>[0-3]?\d)(?P<n_sep>[/.\-])(?P<n_b>[01]?\d)(?P=n_sep)(?P<n_y>{_YEAR})\b)
    |(?P<dm>\b(?P<c_d>{_DAY})\s+(?:of\s+|de\s+)?(?P<c_m>{_MONTH})\b(?:,?\s+(?:de\s+)?(?P<c_y>{_YEAR})\b)?)
    |(?P<md>\b(?P<d_m>{_MONTH})\s+(?P<d_d>{_DAY})\b(?!\s*{_YEAR}\b(?!,))(?:,?\s+(?P<d_y>{_YEAR})\b)?)
    |(?P<my>\b(?P<e_m>{_MONTH})\s+(?P<e_y>{_YEAR})\b)
    |(?P<wd>\b(?:on|last|this\s+past)\s+(?P<w>{_WEEKDAY})\b)
    |(?P<rel>\b(?:today|yesterday|last\s+night|this\s+morning)\b)
    )
    """,
    re.VERBOSE,
)
_THIS_YEAR = re.compile(r"\s*(?:of\s+)?this\s+year\b")
_NEXT_YEAR = re.compile(r"\s*(?:of\s+)?next\s+year\b")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or a range of days as written; ``year`` is None when the text leaves it out."""

    start: int
    end: int
    day: int | None  # None: the text names a month (and year) but no day
    month: int
    year: int | None
    end_day: int | None = None
    end_month: int | None = None
    year_offset: int | None = None  # "this year" = 0, "next year" = 1 (relative to reference)
    weekday: int | None = None
    relative: int | None = None  # "today" = 0, "yesterday" = -1, from an exact reference

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def day_certain(self) -> bool:
        return self.day is not None or self.weekday is not None or self.relative is not None


def _month(token: str | None) -> int | None:
    if token is None:
        return None
    return _MONTH_NAMES.get(token.rstrip(".").lower())


def weekday_number(name: str) -> int:
    """Monday 0 to Sunday 6, as ``datetime.date.weekday`` counts."""
    return _WEEKDAYS[name.lower()]


def month_number(token: str) -> int | None:
    """The month a name or abbreviation names ("Dec", "Sept.", "December"), or None."""
    return _month(token)


def _int(token: str | None) -> int | None:
    if token is None:
        return None
    return int(re.sub(r"\D", "", token))


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every date expression within ``text[start:end]``, with absolute offsets.

    The whole text is scanned once and kept (the rules ask about many sentences of the
    same document); a range only selects from that scan."""
    mentions, starts = _scan(text)
    end = len(text) if end is None else end
    if start == 0 and end >= len(text):
        return list(mentions)
    out: list[DateMention] = []
    for i in range(bisect.bisect_left(starts, start), len(mentions)):
        mention = mentions[i]
        if mention.start >= end:
            break
        if mention.end <= end:
            out.append(mention)
    return out


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[tuple[DateMention, ...], tuple[int, ...]]:
    """The text's dates, and where each starts (what a range bisects)."""
    mentions = _scan_mentions(text)
    return mentions, tuple(m.start for m in mentions)


def _scan_mentions(text: str) -> tuple[DateMention, ...]:
    start, end = 0, len(text)
    out: list[DateMention] = []
    for m in _PATTERN.finditer(text, start, end):
        g = m  # a match reads its groups by name, None where a group took no part
        mention: DateMention | None
        if g["range_dm"]:
            m2 = _month(g["a_m2"])
            m1 = _month(g["a_m1"]) or m2
            mention = _make(m, _int(g["a_d1"]), m1, _int(g["a_y"]), _int(g["a_d2"]), m2)
        elif g["range_md"]:
            m1 = _month(g["b_m1"])
            m2 = _month(g["b_m2"]) or m1
            mention = _make(m, _int(g["b_d1"]), m1, _int(g["b_y"]), _int(g["b_d2"]), m2)
        elif g["iso"]:
            mention = _make(m, _int(g["i_d"]), _int(g["i_m"]), _int(g["i_y"]))
        elif g["num"]:
            a, b = int(g["n_a"]), int(g["n_b"])
            n_day, n_month = (b, a) if month_first(text) else (a, b)
            mention = _make(m, n_day, n_month, _int(g["n_y"])) if 1 <= n_month <= 12 else None
            opening = _RANGE_OPENING.search(text, max(0, m.start() - 4), m.start())
            if mention is not None and opening and not month_first(text):
                # "12-16/9/2011": the days 12 to 16, not the 16th alone
                first = int(opening.group(1))
                if mention.day is not None and 1 <= first < mention.day:
                    mention = DateMention(
                        opening.start(1), m.end(), first, n_month, mention.year,
                        end_day=mention.day, end_month=n_month,
                    )  # fmt: skip
        elif g["dm"]:
            mention = _make(m, _int(g["c_d"]), _month(g["c_m"]), _int(g["c_y"]))
        elif g["md"]:
            mention = _make(m, _int(g["d_d"]), _month(g["d_m"]), _int(g["d_y"]))
        elif g["my"]:
            month = _month(g["e_m"])
            mention = (
                DateMention(m.start(), m.end(), None, month, _int(g["e_y"])) if month else None
            )
        elif g["rel"]:
            # "last night" in a morning's dispatch is the day before, as "yesterday" is
            offset = -1 if g["rel"] == "yesterday" or g["rel"].startswith("last") else 0
            mention = DateMention(m.start(), m.end(), None, 1, None, relative=offset)
        else:
            weekday = _WEEKDAYS[g["w"].lower()]
            mention = DateMention(m.start("w"), m.end("w"), None, 1, None, weekday=weekday)
        if mention is None:
            continue
        if mention.year is None and mention.day is not None:
            for pattern, offset in ((_THIS_YEAR, 0), (_NEXT_YEAR, 1)):
                rel = pattern.match(text, mention.end, end)
                if rel:
                    mention = DateMention(
                        mention.start, rel.end(), mention.day, mention.month, None,
                        mention.end_day, mention.end_month, year_offset=offset,
                    )  # fmt: skip
                    break
        out.append(mention)
    return tuple(_joined_ranges(text, out))


# Between the two full dates of one range: a dash or "to", never "and" (two days of acts).
_FULL_RANGE_DASH = re.compile(r"\s*(?:–|-|—|to|until|through)\s*")


def _joined_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Two full dates of one year joined by a dash are one range: "28 November 2016 -
    1 December 2016", "18 September 2007 - 22 November 2007", as calendars write them."""
    out: list[DateMention] = []
    for mention in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and last.day is not None
            and last.end_day is None
            and last.year is not None
            and mention.day is not None
            and mention.end_day is None
            and mention.year == last.year
            and (mention.month, mention.day) > (last.month, last.day)
            and _FULL_RANGE_DASH.fullmatch(text, last.end, mention.start)
        ):
            out[-1] = DateMention(
                last.start, mention.end, last.day, last.month, last.year,
                end_day=mention.day, end_month=mention.month,
            )  # fmt: skip
            continue
        out.append(mention)
    return out


_RANGE_OPENING = re.compile(r"(?<!\d)(\d{1,2})[-–]$")
_NUMERIC = re.compile(r"\b([0-3]?\d)[/.]([0-3]?\d)[/.](?:1[89]|20)\d\d\b")
# The tail of such a date from its first separator: a pattern that opens with a character
# class, which the engine skips to in C. No numeric date starts more than two digits before
# the first place it matches, and most documents write none.
_NUMERIC_TAIL = re.compile(r"[/.][0-3]?\d[/.](?:1[89]|20)\d\d\b")


@lru_cache(maxsize=8)
def month_first(text: str) -> bool:
    """Whether the document writes numeric dates month first (10/09/2012 as 9 October):
    the publisher's convention, read from its dates that can only be one way ("09/25/2012"
    or "25/09/2012"); day first where none says, as the UN and most governments write."""
    tail = _NUMERIC_TAIL.search(text)
    if tail is None:
        return False
    for m in _NUMERIC.finditer(text, max(0, tail.start() - 2)):
        first, second = int(m.group(1)), int(m.group(2))
        if first > 12 >= second:
            return False
        if second > 12 >= first:
            return True
    return False


def _make(
    m: re.Match[str],
    day: int | None,
    month: int | None,
    year: int | None,
    end_day: int | None = None,
    end_month: int | None = None,
) -> DateMention | None:
    if day is None or month is None or not 1 <= day <= 31:
        return None
    if end_day is not None and not 1 <= end_day <= 31:
        return None
    return DateMention(m.start(), m.end(), day, month, year, end_day, end_month)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_NEAR_STORY_DAYS = 45


def resolve(
    mention: DateMention,
    reference: dt.date | None,
    direction: int = 0,
    reference_exact: bool = False,
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a mention names, or None where the text leaves them uncertain.

    ``direction`` says how the wording points from the reference: +1 forward ("upcoming",
    "will be held"), -1 back ("met last week"), 0 unknown (then the reference's own year).
    A weekday is resolved only against an exact reference day, looking back.
    """
    if mention.relative is not None:
        if reference is None or not reference_exact:
            return None, None
        return reference + dt.timedelta(days=mention.relative), None
    if mention.weekday is not None:
        if reference is None or not reference_exact:
            return None, None
        back = (reference.weekday() - mention.weekday) % 7 or 7
        day = reference - dt.timedelta(days=back)
        return day, None
    if mention.day is None:
        return None, None
    year = mention.year
    if year is None:
        if reference is None:
            return None, None
        if mention.year_offset is not None:
            year = reference.year + mention.year_offset
        else:
            year = reference.year
            candidate = _safe_date(year, mention.month, mention.day)
            # a reference read from the text's own first date is a day of its story, not
            # where the writer stands: "On 14 March 2007 ... the forum, which took place on
            # 15 March" is the next day, not a year before
            near = (
                not reference_exact
                and candidate is not None
                and abs((candidate - reference).days) <= _NEAR_STORY_DAYS
            )
            if candidate is not None and direction > 0 and candidate < reference and not near:
                year += 1
            elif candidate is not None and direction < 0 and candidate > reference and not near:
                year -= 1
    start = _safe_date(year, mention.month, mention.day)
    if start is None:
        return None, None
    end: dt.date | None = None
    if mention.end_day is not None:
        end_month = mention.end_month or mention.month
        end_year = year + 1 if end_month < mention.month else year
        end = _safe_date(end_year, end_month, mention.end_day)
        if end is not None and end < start:
            end = None
    return start, end


#: A UN release of a message says where and when it was delivered: "..., delivered by X, in
#: Geneva, yesterday, 18 September:" (read for the message's day and for the meeting's place).
DELIVERED_AT = re.compile(
    r"\bdelivered\s+by\s+[^:]{3,200}?,\s+in\s+(?P<city>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?),\s+"
    r"(?:today|yesterday|on)?,?\s*(?P<date>\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?)\s*:"
)


_DATELINE = re.compile(
    # the city, and its country: "Vientiane, Lao PDR, July 31, 2024 -"
    rf"(?m)^[ \t]*(?:(?:(?:[A-Z][\w.'’\-]*\s?){{1,4}},\s*){{1,2}}|{_WEEKDAY},?\s+)?"
    rf"(?P<date>(?:{_DAY}\s+{_MONTH},?\s+{_YEAR})|(?:{_MONTH}\s+{_DAY},?\s+{_YEAR})"
    # or in figures after a city: "Bern, 30.05.2008 - Switzerland is convinced", "GENEVA,
    # 10/09/2012 -" (read by the publisher's order of day and month, as find_dates does)
    r"|(?<=,\s)\d{1,2}(?P<sep>[./])\d{1,2}(?P=sep)(?:19|20)\d{2})"
    # the agency may stand between the day and the dash: "Prague, 15 April 2004 (RFE/RL) --"
    # or a bar before the hour: "August 24, 2014 | 12:00 AM"
    r"(?:[ \t]*\([A-Za-z/.\- ]{2,24}\))?[ \t]*(?:[–—\-:|]|$)"
)


# Where a page prints its own date: a label ("Last Updated: 30 November 2014", "Publication
# Date 6 April 2016", "Posted on"), a byline's end ("Cluster Munition Coalition, 11 Jan
# 2010."), a dateline in brackets ("(Oslo, 29 November 2019)"), or a date that opens one of
# the first lines ("March 1, 1999 (11:15 a.m. EST) No. 46", "10-09-2013 Statement").
# The runs of words before a comma are atomic groups: each word is read whole, the only way
# to reach the comma, so that a line with no comma where one is wanted fails at once instead
# of trying every way of cutting its first words into pieces.
_OWN_DATE = re.compile(
    r"(?im)^[ \t]*(?:(?:last\s+updated|updated|published(?:\s+on)?|publication\s+date|"
    r"posted(?:\s+on)?|released)\b\s*:?\s*|date:\s*|date\s+(?=\d{4}-)|"
    # "(Oslo, 29 November 2019)", and with the country: "(Beirut, Lebanon, 13 November 2008)"
    r"[^\n]{0,80}\((?>(?:[A-Z][\w.'’\-]*\s?){1,4}),(?:\s*(?>(?:[A-Z][\w.'’\-]*\s?){1,3}),)?"
    r"\s*(?=[^\n]{6,30}\))|(?>(?:[A-Z][\w.'’\-]*\s?){1,5}),\s*(?=[^\n]{6,20}\.[ \t]*$)|"
    r"(?=\d|(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b))"
)
_HEAD_LINES = 12


def _own_date(text: str) -> dt.date | None:
    lines = 0
    for match in _OWN_DATE.finditer(text, 0, min(len(text), 1500)):
        lines = text.count("\n", 0, match.start())
        if lines > 40:
            break
        found = find_dates(text, match.end(), min(len(text), match.end() + 30))
        if not found or found[0].start != match.end() or found[0].day is None:
            continue
        mention = found[0]
        if mention.year is None or mention.end_day is not None:
            continue
        opening = not text[match.start() : match.end()].strip()  # a date opens the line
        if (
            opening
            and (
                _nonblank_lines_before(text, match.start()) >= _HEAD_LINES
                # "...were agreed on" / "November 12, 2010, at the meeting": a wrapped line
                or re.search(
                    r"[a-z,;][ \t]*\n[ \t]*\Z", text[max(0, match.start() - 4) : match.start()]
                )
            )
        ):
            continue
        day, _ = resolve(mention, None)
        if day is not None:
            return day
    return None


def _nonblank_lines_before(text: str, at: int) -> int:
    return sum(1 for line in text[:at].split("\n") if line.strip())


# The day a report of one day opens with: its dateline ("(Oslo, 3 December 2008) -",
# "PHNOM PENH, Nov. 28 (Xinhua) --") or its first words ("On Friday, 23 May 2008, the final
# day of ...").
_REPORT_OPENING = re.compile(
    rf"(?m)^[ \t]*(?:\(?(?:[A-Z][\w.'’\-]*\s?){{1,4}},\s*|On\s+(?:{_WEEKDAY},?\s+)?)"
    rf"(?P<date>(?:{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?)|(?:{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?))"
    # the agency's name in brackets: "(Xinhua)", "(UN Information Service)"
    r"\)?[ \t]*(?:\([A-Za-z][A-Za-z ./]{0,30}\)[ \t]*)?(?:[–—\-,:]|$)"
)


def report_day(text: str, reference: dt.date | None) -> dt.date | None:
    """The day a dispatch or a meeting's daily report reports, from its opening."""
    opening = _REPORT_OPENING.search(text, 0, min(len(text), 1500))
    if opening is None:
        return None
    found = [m for m in find_dates(text, opening.start("date"), opening.end("date")) if m.day]
    if len(found) != 1 or found[0].end_day is not None:
        return None
    day, _ = resolve(found[0], reference, -1, reference is not None)
    return day


@cache
def _header_date_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b{_MONTH}\s+{_YEAR}\b")


#: The UN's press releases print their day as a line of eight digits: "19980917".
_COMPACT_DATE_LINE = re.compile(
    # the title may run on glued to it: "20000912Speakers Urge All Countries to Adhere"
    r"(?m)^[ \t]*(?P<date>(?:19|20)\d{2}(?:0[1-9]|1[0-2])[0-3]\d)(?:[ \t]*$|(?=[A-Z]))"
)


_PARAGRAPH_REACH = 600


def narrative_year(text: str, at: int) -> int | None:
    """The year a story of the past gives a day it names without one: that of the first
    full date of the last sentence before ``at`` in its paragraph to give one ("Kuwait
    acceded to the treaty on 30 July 2007, with entry into force on 1 January 2008. Iraq
    acceded on 15 August": 2007, the day of the act, not of its entry into force)."""
    from treatywatch.ingest.extract import text as textmod

    start = max(0, at - _PARAGRAPH_REACH)
    paragraph = text.rfind("\n\n", start, at)
    if paragraph >= 0:
        start = paragraph
    full = [m for m in find_dates(text, start, at) if m.year is not None and m.day is not None]
    if not full:
        return None
    sentence = textmod.sentence_start(text, full[-1].start)
    return next(m.year for m in full if m.start >= sentence)


def reference_date(text: str, doc_date: str | None) -> tuple[dt.date | None, bool]:
    """The day a document speaks from, and whether that day is exact.

    The document's own date wins; then a full date or a month and year in its first lines
    (a newsletter's "October 2011"); then the first full date anywhere in it.
    """
    if doc_date:
        try:
            return dt.date.fromisoformat(doc_date), True
        except ValueError:
            pass
    # A news dateline ("Oslo, 3 December 2008 – ...") or a line that is only a date
    # ("Wednesday, 30 May 2007") gives the day the text was written.
    # A dispatch's own dateline, a city and a dash, outranks a page's date line above it
    # ("News / August 24, 2025" over "Geneva, 5 September 2025 – ... today deposited"):
    # the day its "today" is.
    days: list[tuple[bool, dt.date]] = []
    for line in _DATELINE.finditer(text, 0, min(len(text), 1500)):
        found = [m for m in find_dates(text, line.start("date"), line.end("date")) if m.day]
        if len(found) == 1 and found[0].year is not None and found[0].end_day is None:
            day, _ = resolve(found[0], None)
            if day is not None:
                dispatch = "," in text[line.start() : line.start("date")] and line.group().rstrip(
                    " \t"
                ).endswith(("–", "—", "-"))
                days.append((dispatch, day))
    if days:
        return next((day for dispatch, day in days if dispatch), days[0][1]), True
    labelled = _own_date(text)
    if labelled is not None:
        return labelled, True
    compact = _COMPACT_DATE_LINE.search(text, 0, min(len(text), 600))
    if compact is not None:
        try:
            return dt.datetime.strptime(compact.group("date"), "%Y%m%d").date(), True
        except ValueError:
            pass
    head = text[:400]
    for mention in find_dates(head):
        if mention.year is not None and mention.day is None and mention.weekday is None:
            return dt.date(mention.year, mention.month, 1), False
    for mention in find_dates(text):
        if mention.year is not None and mention.day is not None:
            start, _ = resolve(mention, None)
            if start is not None:
                return start, False
    return None, False
