"""The speaker a whole document is the statement of, read from its head: a heading or a
byline ("Statement by ...", "Delivered by X, ICBL"), a letterhead over a speech, a
government's release, a Secretary-General's message; dated when the head gives one day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from treatywatch.ingest.extract import dates
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.speakers import (
    clean_name,
    find_organisations,
    find_people,
)
from treatywatch.ingest.extract.statement_model import Statement
from treatywatch.ingest.extract.states import StateMention

if TYPE_CHECKING:
    from treatywatch.ingest.extract.statements import _Voices


_DOC_KIND = re.compile(
    r"\b(?:summary|statement|speech|remarks|address|intervention|opening|closing|delivered\s+by)\b",
    re.IGNORECASE,
)


_HEADER_PERSON = re.compile(
    r"^(?:(?:Deputy\s+|Foreign\s+|Prime\s+)?Minister(?:\s+of\s+[A-Z][\w\s]+?)?|Ambassador|"
    r"President|Chair(?:person)?|H\.\s?E\.|Mr\.?|Ms\.?|Dr\.?|Hon\.?|Secretary[- ]General)\s+"
    r"(?P<name>(?:[A-Z][\w\-'’]+\s+){0,2}[A-Z][\w\-'’]+)$"
)
# The words of an office a heading line may end with, which no name holds: "Minister of
# Disarmament and Arms Control" names a portfolio, not a person called Arms Control.
_PORTFOLIO = frozenset(
    {"Affairs", "Control", "Defence", "Defense", "Disarmament", "Relations", "Cooperation",
     "Development", "Trade", "Security", "Justice", "Interior", "Policy", "Division"}
)  # fmt: skip


NOT_SPOKEN_YET = re.compile(
    r"\balign\w*|\b(?:will|shall|would|is\s+to|are\s+to|is\s+expected\s+to)\s+(?:\w+\s+)?"
    r"(?:feature|include|hear|be)\b"
)


MESSAGE = re.compile(r"\bmessage\b", re.IGNORECASE)


def header_statement(
    text: str, states: list[StateMention], reference: dt.date | None, voices: _Voices
) -> Statement | None:
    """A statement, a speech or a chair's summary names its speaker in its first lines:
    "Statement by H.E. Ms X, Permanent Representative of Norway", "Chair's summary" over
    "Deputy Minister of Foreign Affairs Raymond Johansen", "Delivered by K. Asia Derlicka,
    ICBL ...", "Secretary-General's message to ...", "By Minister of Foreign Affairs X"; a
    government's press release, or a speech under its letterhead, is its state's. The day is
    kept when the head gives one single day ("Geneva, 3 September 2019"), not a meeting's
    range of days."""
    head_lines = _unwrapped(text, textmod.lines(text[:600])[:10])[:8]
    if not head_lines:
        return None
    speaker = _head_speaker(text, head_lines, states, voices)
    if speaker is None:
        return None
    head_end = head_lines[-1][1]
    # the head ends where the body's prose begins: "February 17, 2010" over "1. On February
    # 16 (New York time), the 30th instrument of ratification ... was submitted"
    prose = next((lo for lo, hi in head_lines if _PROSE.match(text, lo, hi)), None)
    if prose is not None and prose > head_lines[0][1]:
        head_end = prose
    in_head = dates.find_dates(text, 0, head_end)
    days = {
        dates.resolve(d, reference)[0]
        for d in in_head
        if d.day is not None and d.end_day is None and d.year is not None
    }
    spans = [
        dates.resolve(d, reference) for d in in_head if d.end_day is not None and d.year is not None
    ]
    ranges = any(d.end_day is not None for d in in_head)
    day = next(iter(days)) if len(days) == 1 and not ranges else None
    if day is None and len(days) == 1 and len(spans) == 1:
        # "Tenth Meeting ... 30 August to 2 September 2022" over "30 Aug 2022": the one
        # day of the meeting the speech was posted, or given, on
        first, last = spans[0]
        only = next(iter(days))
        if first is not None and last is not None and only is not None and first <= only <= last:
            day = only
    if day is None and len(days) > 1:
        # a page's posting day and the speech's own under its title: "(2015/11/30, Geneva)"
        day = _bracketed_day(text, head_end, reference)
    if not days and not ranges:
        day = _date_line_after(text, head_end, reference)
    if day is None:
        day = day_delivered(text, reference)
    if _FOLLOWING_TEXT.search(text, 0, min(len(text), 1500)):
        # "NEW YORK, 28 November (UN Headquarters) -- Following is the text of ... message
        # ..., delivered ... today": the release's dateline is the day it was delivered,
        # not the day printed over the release
        day = dates.report_day(text, reference) or day
    return Statement(speaker[0], speaker[1], len(text), day, 0)


_FOLLOWING_TEXT = re.compile(
    r"\((?:UN|United\s+Nations)\b[^()\n]{0,30}\)\s*[-–—]+\s*Following\s+is\s+the\s+text\b"
)


#: A numbered paragraph of a statement's body: "  1. On February 16 (New York time), ...".
_PROSE = re.compile(r"[ \t]*\d{1,2}\.[ \t]+[A-Z][^\n]{100}")
# "(2015/11/30, Geneva)", "(Geneva, 3 December 2008)": where and when it was delivered
_BRACKETED_DAY = re.compile(
    r"\((?:(?P<a>[^(),\n]{6,20}),\s*[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?"
    r"|[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?,\s*(?P<b>[^(),\n]{6,20}))\)"
)


def _bracketed_day(text: str, head_end: int, reference: dt.date | None) -> dt.date | None:
    for m in _BRACKETED_DAY.finditer(text, 0, head_end):
        group = "a" if m.group("a") else "b"
        found = dates.find_dates(text, m.start(group), m.end(group))
        if len(found) == 1 and found[0].day is not None and found[0].year is not None:
            return dates.resolve(found[0], reference)[0]
    return None


def day_delivered(text: str, reference: dt.date | None) -> dt.date | None:
    """The day a message was delivered, as a UN release of it gives the day."""
    m = dates.DELIVERED_AT.search(text, 0, min(len(text), 1500))
    if m is None:
        return None
    found = dates.find_dates(text, m.start("date"), m.end("date"))
    if len(found) != 1 or found[0].day is None:
        return None
    return dates.resolve(found[0], reference, -1)[0]


_DATE_LINE = re.compile(
    r"\n[ \t]*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?[ \t]+)?"
    r"(?P<date>[^\n]{6,30}?)[ \t]*(?=\n)"
)


def _date_line_after(text: str, head_end: int, reference: dt.date | None) -> dt.date | None:
    """The day on a line of its own just under a statement's head, which a long heading
    pushes past the head's first lines ("Monday, 24 October 2022" under a two-line title)."""
    for line in _DATE_LINE.finditer(text, head_end, min(len(text), head_end + 200)):
        day = _day_of_line(text, line, reference)
        if day is not None:
            return day
    return None


def _day_of_line(text: str, line: re.Match[str], reference: dt.date | None) -> dt.date | None:
    """The day a match of ``_DATE_LINE`` gives, if the line is one full day and nothing else."""
    found = dates.find_dates(text, line.start("date"), line.end("date"))
    if (
        len(found) == 1
        and found[0].day is not None
        and found[0].year is not None
        and found[0].end_day is None
        and found[0].start == line.start("date")
        and found[0].end == line.end("date")
    ):
        return dates.resolve(found[0], reference)[0]
    return None


def _head_speaker(
    text: str, head_lines: list[tuple[int, int]], states: list[StateMention], voices: _Voices
) -> tuple[str, int] | None:
    """Who the document speaks as, from its head: the heading of a statement or message, a
    byline, or a government's release or letterhead."""
    if any(_MESSAGE_HEAD.search(text, s, e) for s, e in head_lines) and _UN_NAMED.search(text):
        s, _ = head_lines[0]
        return "org:UN", s
    if any(_DOC_KIND.search(text, s, e) for s, e in head_lines):
        for s, e in head_lines:
            by = _STATEMENT_BY.search(text, s, e) or _BYLINE.match(text, s, e)
            if by and by.group("who") and not _HEAD_LEAD.fullmatch(text, s, by.start()):
                by = None  # "... aligns itself to the statement made by X": a mention
            if by and not by.group("who") and MESSAGE.search(text, s, by.start()):
                continue  # "the Secretary-General's message, as delivered by X": its author's
            if by and NOT_SPOKEN_YET.search(text, s, by.start()):
                continue  # "aligns itself with statements delivered by X": a mention
            below = None if by else _BY_AT_END.search(text, s, e)
            if below is not None:
                # "Statement by" over the two lines that name the speaker and the office
                after = [(lo, hi) for lo, hi in head_lines if lo > e][:2]
                if after:
                    found = _header_speaker(text, after[0][0], after[-1][1], states, voices)
                    if found:
                        return found
            if by:
                who = by.start("who") if by.group("who") else by.start("who2")
                stop = _TOPIC_AFTER.search(text, who, e)
                found = _header_speaker(text, who, stop.start() if stop else e, states, voices)
                if found and found[0].startswith("person:"):
                    # "Delivered by Stephen Goose (Human Rights Watch), Head of ICBL
                    # Delegation": the body whose delegation the speaker heads
                    heads = _HEAD_OF.search(text, who, e)
                    led = find_organisations(text, heads.end(), e) if heads else []
                    if heads and led and led[0].start == heads.end():
                        voices.affiliation[found[0]] = led[0].code
                        return led[0].code, found[1]
                    # "Statement by H. E. Ambassador Sumio Tarui" over "Permanent
                    # Representative of Japan to the Conference on Disarmament"
                    below_line = next(((lo, hi) for lo, hi in head_lines if lo > e), None)
                    office = _office_then_state(text, *below_line, states) if below_line else None
                    if office:
                        voices.affiliation[found[0]] = office
                        return office, found[1]
                    # "Cluster Munition Coalition Statement on Stockpile Destruction" over
                    # "Delivered by Mary Wareham, Advocacy Director": the body the heading
                    # names as the speaker, which the person delivers for
                    named = _letterhead(text, head_lines, states)
                    if named is not None and named[0].startswith("org:"):
                        voices.affiliation[found[0]] = named[0]
                        return named[0], found[1]
                    # "Delivered by Steve Goose, Executive Director" over "Thank you, Mr.
                    # President, The ICBL commends Sri Lanka": the body its first sentence
                    # names as the one speaking
                    body = _self_named(text, e, states)
                    if body is not None:
                        voices.affiliation[found[0]] = body
                        return body, found[1]
                if found:
                    return found
            m = _HEADER_PERSON.match(re.sub(r"\s+", " ", text[s:e]))
            words = m.group("name").split() if m else []
            while words and _PORTFOLIO.intersection(words):
                words.pop(0)  # "Minister of Foreign" + "Affairs Raymond Johansen"
            if m and words:
                name = clean_name(" ".join(words)) or " ".join(words)
                at = text.find(name.split()[0], s, e)
                return f"person:{name}", at if at >= 0 else s
    for s, e in head_lines:
        # a speech that opens by naming whom it speaks for: "Mr. President, I have the honour
        # to speak on behalf of the European Union."
        opening = _SPEAK_FOR.search(text, s, e)
        if opening is not None:
            found = _header_speaker(text, opening.start(), e, states, voices)
            if found is not None and not found[0].startswith("person:"):
                return found
    letterhead = _letterhead(text, head_lines, states)
    if letterhead is not None and any(_STATEMENT_HEAD.search(text, s, e) for s, e in head_lines):
        return letterhead
    if any(
        _SALUTATION.match(text, s, e)
        or _THANKS.match(text, s, e)
        or _STATEMENT_HEAD.search(text, s, e)
        for s, e in head_lines
    ):
        # a speech that names no speaker over it, but whose delegation says whose
        # commitment it reaffirms: "At the outset allow me to reiterate Sri Lanka's strong
        # commitment to ... the Convention"
        own = _own_commitment(text, head_lines[0][0], states)
        if own is not None:
            return own
    if voices.own is not None:
        # "Press Releases", "Joint media release:" of a government; a speech ("Excellencies,
        # ladies and gentlemen") under the state's letterhead
        for s, e in head_lines:
            if _RELEASE_HEAD.match(text, s, e) or _SALUTATION.match(text, s, e):
                return voices.own, s
    return None


#: A head that names the document a statement: "11MSP Statement on Universalization".
_STATEMENT_HEAD = re.compile(r"\b(?:Statement|Intervention|Remarks)\b")


_LETTERHEAD_TAIL = re.compile(r"\s*(?:\(\s*[A-Z][\w\-]{1,12}\s*\))?\s*$")


def _letterhead(
    text: str, head_lines: list[tuple[int, int]], states: list[StateMention]
) -> tuple[str, int] | None:
    """The body a head line is given to wholly, as a letterhead is ("International Campaign
    to Ban Landmines (ICBL)" over "Statement on Universalization")."""
    for s, e in head_lines[:3]:
        orgs = find_organisations(text, s, e)
        if (
            orgs
            and orgs[0].start == s
            and (
                _LETTERHEAD_TAIL.fullmatch(text, orgs[0].end, e)
                # "ICBL Statement on Transparency Reporting (Article 7)", "CMC Statement at the UN
                # First Committee": the heading names its speaker first
                or _KIND_AFTER.match(text, orgs[0].end, e)
            )
        ):
            return orgs[0].code, s
        # a state's own: "Sri Lanka Statement at 16th Meeting of the States Parties"
        named = [m for m in states if s == m.start and not m.demonym]
        if named and _KIND_AFTER.match(text, named[0].end, e):
            return named[0].iso3, s
        # or last: "Convention on Cluster Munitions - Second Review Conference - EU Statement"
        for org in orgs:
            if _KIND_AT_END.fullmatch(text, org.end, e) and _AFTER_DASH.search(text, s, org.start):
                return org.code, org.start
    return None


_KIND_AT_END = re.compile(r"\s+(?:(?:Opening|Closing|General|Joint)\s+)?Statement\s*")
_AFTER_DASH = re.compile(r"[-–—:]\s*\Z")
_KIND_AFTER = re.compile(
    r"\s+(?:(?:Opening|Closing|General|Joint)\s+)?(?:Statement|Remarks|Intervention|Speech)"
    r"\s+(?:on|at|to)\b"
)


_STATEMENT_BY = re.compile(
    r"(?:(?:Opening|Closing|General|Joint)\s+)?(?:Statement|Remarks|Speech|Address|"
    r"Intervention)\s+(?:delivered\s+|made\s+)?(?:by|of|from)\s+(?P<who>\S)"
    r"|\b[Dd]elivered\s+by\s+(?P<who2>\S)",
    re.IGNORECASE,
)


_HEAD_OF = re.compile(r"\bHead\s+of\s+(?:the\s+)?")
_BY_AT_END = re.compile(r"\b(?:Statement|Remarks|Speech|Address|Intervention)\s+by\s*$")


_HEAD_LEAD = re.compile(r"(?:The\s+following\s+)?")


_BYLINE = re.compile(r"By\s+(?:(?:Former|Acting)\s+)?(?P<who>[A-Z])(?P<who2>)")


# The subject after the speaker: "Statement by Mr. X, Minister ..., on the Deposit of ...".
_TOPIC_AFTER = re.compile(r",?\s+on\s+(?:the\s+)?(?=[A-Z])|\s+\(")


_MESSAGE_HEAD = re.compile(
    r"\bSecretary[- ]General[’']s\s+(?:[Mm]essage|[Ss]tatement|[Rr]emarks|[Aa]ddress)\b"
    # a UN release of the text: "Following is the text of Secretary-General Kofi Annan's
    # address", "... of the message from Secretary-General Kofi Annan to the Third Meeting"
    r"|\bFollowing\s+is\s+the\s+text\s+of\s+(?:the\s+)?(?:(?:message|address|statement|remarks)"
    r"\s+(?:from|by|of)\s+)?(?:the\s+)?(?:UN\s+|United\s+Nations\s+)?Secretary[- ]General\b"
    r"|\bSECRETARY-GENERAL,\s+IN\s+(?:MESSAGE|ADDRESS|STATEMENT)\b"
    r"|\bmessage\s+(?:of|from|by)"
    r"\s+the\s+(?:UN\s+|United\s+Nations\s+)?Secretary[- ]General\b|\bstatement\s+by\s+(?:the\s+)?"
    r"(?:UN|United\s+Nations)\s+Secretary[- ]General\b|\bSECRETARY-GENERAL\s+SAYS\b|"
    r"\bSays\s+Secretary-General\b",
)


_UN_NAMED = re.compile(r"\bUnited\s+Nations\b|\bUN\b|\bSG/SM/")


_RELEASE_HEAD = re.compile(
    r"\s*(?:Joint\s+)?(?:Press|News|Media)\s+[Rr]eleases?\b|\s*(?:JOINT\s+)?(?:PRESS|NEWS|MEDIA)"
    r"\s+RELEASES?\b"
)


# The lines a speech opens with before it says anything: "Thank you, Mr. President,",
# "Madam Chair,", "Excellencies, ladies and gentlemen,".
_OPENING_LINE = re.compile(
    r"[ \t]*(?:Thank\s+you|Mr\.?\s|Madam|Madame|Excellenc|Distinguished|Dear|Ladies|Colleagues)"
)
# A sentence that opens with its speaker and a verb in the third person: "The ICBL commends
# Sri Lanka", "Norway would like to", "The Cluster Munition Coalition (CMC) welcomes".
_SELF_NAMED_VERB = re.compile(
    r"(?:\s*\([A-Z]{2,8}\))?\s+(?:(?:would|also|again|warmly|strongly)\s+)?"
    r"(?:[a-z]{3,}s|would|is|has)\b"
)
_OPENING_REACH = 500
_FIRST_PERSON = re.compile(r"[ \t]*(?:We|I|Our|My)\s")


def _self_named(text: str, after: int, states: list[StateMention]) -> str | None:
    """The body a speech's first sentence names as its speaker, past the salutations."""
    for lo, hi in textmod.lines(text[: min(len(text), after + _OPENING_REACH)]):
        if lo <= after or not text[lo:hi].strip():
            continue
        if hi - lo < 70 and _OPENING_LINE.match(text, lo, hi):
            continue
        if _FIRST_PERSON.match(text, lo, hi):
            continue  # "We very much appreciate the work of the Committee." over "The ICBL is"
        start = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
        if text.startswith("The ", start):
            start += 4
        for org in find_organisations(text, start, min(hi, start + 80))[:1]:
            if org.start == start and _SELF_NAMED_VERB.match(text, org.end, hi):
                return org.code
        for state in states:
            if state.start == start and not state.demonym:
                return state.iso3 if _SELF_NAMED_VERB.match(text, state.end, hi) else None
        return None
    return None


_THANKS = re.compile(r"\s*Thank\s+you\b")
_OWN_COMMITMENT = re.compile(
    r"\b(?:I|we)\s+(?:\w+\s+){0,3}?(?:reiterate|reaffirm|reconfirm|underline|restate)\s+$"
    r"|\ballow\s+me\s+(?:\w+\s+){0,3}?(?:to\s+)?(?:reiterate|reaffirm|reconfirm|underline|restate)\s+$",
    re.IGNORECASE,
)
_COMMITMENT_AFTER = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,4}?(?:commitment|support)\b")


def _own_commitment(text: str, start: int, states: list[StateMention]) -> tuple[str, int] | None:
    """The state a speech reaffirms the commitment of, in its first paragraphs."""
    stop = min(len(text), start + 2500)
    for state in states:
        if state.start < start or state.start >= stop or state.demonym:
            continue
        if _OWN_COMMITMENT.search(text, max(0, state.start - 60), state.start) and (
            _COMMITMENT_AFTER.match(text, state.end, min(len(text), state.end + 60))
        ):
            return state.iso3, state.start
    return None


_SPEAK_FOR = re.compile(
    r"\b(?:I|We)\s+(?:have\s+the\s+(?:honou?r|pleasure|privilege)\s+to\s+|am\s+pleased\s+to\s+)?"
    r"(?:speak|take\s+the\s+floor|deliver\s+this\s+statement|make\s+this\s+statement)\s+"
    r"on\s+behalf\s+of\s+"
)
_SALUTATION = re.compile(
    r"\s*(?:Excellencies|Your\s+(?:Royal\s+)?(?:Highness|Excellency)|Mr\.?\s+President|"
    r"Madam\s+President|Ladies\s+and\s+gentlemen|Distinguished)\b"
)


def _header_speaker(
    text: str, start: int, end: int, states: list[StateMention], voices: _Voices
) -> tuple[str, int] | None:
    orgs = find_organisations(text, start, end)
    # "Delivered by Steve Goose, Human Rights Watch for the Cluster Munition Coalition"
    for o in orgs:
        if re.search(
            r"\b(?:for|on\s+behalf\s+of)\s+(?:the\s+)?$", text[max(start, o.start - 20) : o.start]
        ):
            return o.code, o.start
    if orgs and orgs[0].start - start <= 4:
        return orgs[0].code, orgs[0].start
    for m in states:
        if (
            start <= m.start < end
            and not m.demonym
            and _MISSION_OF.search(text, max(start, m.start - 40), m.start)
        ):
            # "Third Secretary, Permanent Mission of the Lao PDR to the United Nations"
            return m.iso3, m.start
    for m in states:
        if (
            start <= m.start < end
            and m.demonym
            and m.start - start <= 8
            and _DELEGATION_AFTER.match(text, m.end)
        ):
            # "Statement by the Chinese Observer Delegation", "Intervention of Lebanese
            # delegation"
            return m.iso3, m.start
    people = find_people(text, start, end, [m for m in states if start <= m.start < end])
    first_state = next((m for m in states if start <= m.start < end and not m.demonym), None)
    if (
        first_state is not None
        and (not people or first_state.start < people[0].start)
        and first_state.start - start <= 4
    ):
        return first_state.iso3, first_state.start
    if people:
        person = people[0]
        code = voices.resolve(text, start, end, person, states)
        if code == person.code:
            code = _office_then_state(text, person.end, end, states) or code
        if code == person.code and orgs:
            code = orgs[0].code  # "Delivered by K. Asia Derlicka, ICBL Advocacy Officer"
        if code in (person.code, voices.own):
            # "I have the honour to speak as Presidency of the European Union": what the
            # speech says it speaks for, before a guess from the government's office
            code = _spoken_as(text) or code
        if code != person.code:
            voices.affiliation[person.code] = code
        return code, person.start
    if first_state is not None:
        return first_state.iso3, first_state.start
    return (orgs[0].code, orgs[0].start) if orgs else None


_DELEGATION_AFTER = re.compile(
    r"\s+(?:[Oo]bserver\s+)?(?:[Dd]elegation|[Gg]overnment|[Mm]ission)\b"
)
# The office between a person and the state a heading names after it, with the commas and
# "of" a heading may leave out: "H.E. Minister Charles Nqakula Minister of Defence Republic
# of South Africa"
_OFFICE_WORDS = re.compile(
    r"[\s,]*(?:(?:Deputy|Vice|Prime|Foreign|Minister|Ministry|Ambassador|Permanent|"
    r"Representative|Head|Delegation|Defen[cs]e|Affairs|External|Relations|of|for|the|and"
    # and as a heading in title case has them: "Prime Minister Of The Kingdom Of Cambodia"
    r"|Of|For|The|And|Kingdom|Republic|Federal"
    # "Apostolic Nuncio, Permanent Observer of the Holy See", "Special Envoy of"
    r"|Observer|Apostolic|Nuncio|Special|Envoy)"
    # or a bare comma: "Mr. Asım Iftıkhar Ahmad, Pakistan Delegate"
    r"[\s,]*)*"
)


def _office_then_state(
    text: str, person_end: int, end: int, states: list[StateMention]
) -> str | None:
    after = next((m for m in states if person_end <= m.start < end), None)
    if after is None or after.demonym or after.start - person_end > 60:
        return None
    return after.iso3 if _OFFICE_WORDS.fullmatch(text, person_end, after.start) else None


#: A state's office in a speaker's heading: its mission, its representative, its envoy.
_MISSION_OF = re.compile(
    r"\b(?:Permanent\s+(?:Mission|Representative|Delegation|Observer)|Ambassador|Embassy)"
    r"\s+of\s+(?:the\s+)?$"
)


#: A speech says whom it speaks for: "we in the CMC", "On behalf of the ICBL, let me".
_WE_IN = re.compile(
    r"\b(?:we\s+in|[Oo]n\s+behalf\s+of"
    # "I have the honour to speak as Presidency of the European Union"
    r"|speak(?:ing)?\s+(?:as|for)\s+(?:the\s+)?(?:Presidency|Chair)\s+of)\s+(?:the\s+)?"
)


def _spoken_as(text: str) -> str | None:
    for m in _WE_IN.finditer(text):
        orgs = find_organisations(text, m.end(), min(len(text), m.end() + 60))
        if orgs and orgs[0].start == m.end():
            return orgs[0].code
    return None


def _unwrapped(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Lines joined where a PDF wrapped one line onto the next."""
    width = textmod.wrapped_length(text)
    out: list[tuple[int, int]] = []
    for start, end in lines:
        if out and out[-1][1] - out[-1][0] >= width and "\n\n" not in text[out[-1][1] : start]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


# A statement or letter signed at its end: the signer's name on a line of its own, over the
# office and the state or organisation it serves ("Carlos D. Sorreta" / "Ambassador and
# Permanent Representative" / "Philippine Mission to the United Nations ..." / "Geneva").
_SIGN_OFFICE = re.compile(
    r"\b(?:Ambassador|Permanent\s+(?:Representative|Observer)|Minister|Secretary|"
    r"Head\s+of\s+(?:the\s+)?Delegation|Representative|Charg[ée]\s+d['’]\s?[Aa]ffaires|Envoy|"
    r"Coordinator|Director|Chair(?:person|man|woman)?|President)\b"
)
# a release's contacts are no signature: "Media contact: ...", "Tel: +41 ..."
_CONTACTS = re.compile(r"(?i)\b(?:contacts?|media|press|tel|phone|e-?mail|fax)\b|@|\+\d")
_SIGNER = re.compile(
    r"(?:\(?[Ss]igned\)?:?\s*)?(?:H\.\s?E\.\s+)?(?:(?:Mr|Ms|Mrs|Dr|Hon)\.?\s+)?"
    r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){1,3}"
)
# the demonym of a sign-off names its state by the office after it: "Philippine Mission"
_DEMONYM_OFFICE = re.compile(r"\s+(?:Permanent\s+)?(?:Mission|Government|Delegation|Embassy)\b")
_SIGN_LINES = 5
_SIGN_LINE_MAX = 100
_BODY_MIN = 300


def signed_statement(
    text: str, states: list[StateMention], reference: dt.date | None
) -> Statement | None:
    """The statement a text's sign-off attributes to its signer's state or organisation,
    dated by the day the sign-off gives, or else the day on a line of its own above."""
    block: list[tuple[int, int]] = []
    for lo, hi in reversed(textmod.lines(text)):
        line = text[lo:hi].strip()
        if not line:
            continue
        prose = line.endswith((".", "!", "?", ":", ";", ",")) and len(line.split()) > 5
        if len(line) > _SIGN_LINE_MAX or prose or len(block) == _SIGN_LINES:
            break
        block.insert(0, (lo, hi))
    if len(block) < 2 or block[0][0] < _BODY_MIN:
        return None  # no body above: a page of short lines, not a signed text
    start, end = block[0][0], block[-1][1]
    if not _SIGN_OFFICE.search(text, start, end) or _CONTACTS.search(text, start, end):
        return None
    first_line = text[block[0][0] : block[0][1]].strip()
    named = [s for s in states if start <= s.start < end]
    if not _SIGNER.fullmatch(first_line) or any(s.start < block[0][1] for s in named):
        return None  # the signer's name opens the sign-off, on a line of its own
    speaker = next(
        (s.iso3 for s in named if not s.demonym or _DEMONYM_OFFICE.match(text, s.end)), None
    )
    if speaker is None:
        orgs = find_organisations(text, block[0][1], end)
        if not orgs:
            return None
        speaker = orgs[0].code
    return Statement(speaker, start, end, _signed_day(text, start, end, reference), 0)


def _signed_day(text: str, start: int, end: int, reference: dt.date | None) -> dt.date | None:
    full = [
        d
        for d in dates.find_dates(text, start, end)
        if d.day is not None and d.year is not None and d.end_day is None
    ]
    if len(full) == 1:
        return dates.resolve(full[0], reference)[0]
    # the last day on a line of its own above the body
    day = None
    for line in _DATE_LINE.finditer(text, 0, start):
        day = _day_of_line(text, line, reference) or day
    return day
