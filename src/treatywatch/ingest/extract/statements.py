"""Who said what: attributed statements with speaker, day, words, topics and stance.

A statement is a verb of speech or of stated position ("said", "stated", "noted",
"supported", "expressing") whose subject is a state, an organisation or a named person.
Someone speaking on behalf of an organisation is the organisation. Consecutive sentences
by one speaker (including "She added", "It also suggested") are one statement: one per
speaker and occasion. A day is kept only where the text gives it ("stated on 14 September
2011") or it follows with certainty ("on Wednesday" in a dated post). The statement a
document's head makes of the whole text is read in :mod:`statement_heads`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from treatywatch.ingest.extract import actions as act_rules
from treatywatch.ingest.extract import dates, numbers, places, statement_lists, vocabulary
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.prefilter import prefiltered
from treatywatch.ingest.extract.speakers import (
    Speaker,
    covers,
    find_organisations,
    find_people,
    home_state,
    merged,
    own_state,
    subject_state,
)
from treatywatch.ingest.extract.statement_heads import (
    MESSAGE,
    NOT_SPOKEN_YET,
    day_delivered,
    header_statement,
    signed_statement,
)
from treatywatch.ingest.extract.statement_model import Statement
from treatywatch.ingest.extract.states import JOINED, StateMention, coordinated_from

_VERBS = (
    r"[Aa]ccording\s+to|ACCORDING\s+to|said|says|"
    # the plural present of a report: "the US and Russia say the weapons are useful" (not
    # the infinitive or a modal's "to say", "would say")
    r"(?<!\bto\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bmight\s)say(?=\s+(?:that\b|[a-z]))|stated|re-?stated|states(?=\s+that\b)|noted|notes|announced|announces|announcing|explained|expressed|"
    r"expressing|reported|recogni[sz]ed|confirmed|added|mentioned|suggested|supported|"
    r"supports|questioned|pushed\s+for|called\s+(?:on|for|upon)|calls\s+(?:on|for)|urged|"
    # "welcomed the adoption", not a host's "welcomed representatives of 150 countries"
    # and not the passive of a headline: "Sri Lanka welcomed as a State Party"
    r"urges|welcomed(?!\s+(?:\w+\s+)?(?:representatives|delegates|delegations|participants"
    r"|guests|visitors)\b|\s+(?:as|into)\s)|welcomes|indicated|summari[sz]ed|"
    # a paper submitted is an act of reporting or requesting, not words said
    r"submitted(?!\s+(?:\w+\s+){0,7}(?:reports?|requests?|instruments?|notifications?|notices?"
    r"|documents?)\b)|introduced|asked|admitted|"
    # "declared that", not the headline's passive "Mozambique declared free from mines"
    r"argued|declared(?!\s+(?:free|mine-free|cluster[- ]munition[- ]free)\b)|emphasi[sz]ed|"
    r"stressed|highlighted|proposed|insisted|warned|"
    r"acknowledged|reiterated|underlined|affirmed|reaffirmed|launching|launched|pledged|"
    # the present of a headline: "MEXICO REAFFIRMS ITS COMMITMENT"
    r"reaffirms|reiterates|stresses|emphasi[sz]es|highlights|underlines|expresses|declares|"
    r"confirms|pledges|rejects|deplores|"
    # "concluded that", not "Sudan has concluded a week of work"
    r"promised|objected|rejected|concluded(?=\s+(?:that|by\s+(?:saying|calling|urging))\b|\s*[,:“\"])|"
    # "observed that", not "Russia observed the conference" (watched it as an observer)
    r"invites|invited|told|remarked|observed(?=\s+(?:that|how)\b|\s*[,:“\"])|launches|"
    r"issued\s+(?:a|an|the)\s+(?:\w+\s+)?(?:call|appeal|statement|declaration)|"
    r"wondered|responded|replied|made\s+(?:\w+\s+)?(?:suggestions?|proposals?|statements?|"
    r"calls?|an?\s+appeal|(?:an?\s+)?(?:\w+\s+)?interventions?|(?:\w+\s+)?remarks)"
    # a report of a meeting's floor: "Japan gave a summary", "France referred to",
    # "the Philippines regrets"
    r"|gave\s+(?:\w+\s+){0,2}(?:summary|statements?|update|presentation|overview|address|"
    r"speech|briefing)|referred\s+to|outlined|recalled|described|informed|thanked|"
    r"congratulated|condemned|condemns|deplored|regrets|regretted|shared|encouraged"
    # the floor of a meeting as its reports give it: "Mexico and Ghana raised concerns",
    # "Niger presented its request", "the ICRC intervened", "Croatia provided an update"
    r"|raised\s+(?:\w+\s+){0,2}(?:concerns?|questions?|issues?|the\s+(?:issue|question|matter))"
    # "requested additional time to clear": an extension request is an act, not words
    r"|requested(?!\s+(?:additional\s+time|more\s+time|an?\s+(?:\w+\s+)?extension|extensions?)\b)"
    r"|presented|briefed|spoke|intervened|took\s+the\s+floor|commented|critici[sz]ed|"
    r"voiced|signall?ed|pointed\s+out|"
    # "Hilde Johnson ... opened the conference by saying cluster bombs have inflicted"
    r"(?<=\bby\s)saying|"
    # a stated position, which the non-joiners' often is: "the US, Russia and China oppose
    # the move", "countries like India claim such munitions are useful", "refused to sign"
    r"oppose[sd]?|disagree[sd]?|claim(?:s|ed)?|refuse[sd]?|declined|provided\s+(?:\w+\s+){0,2}(?:updates?|information|views|overview|"
    r"statements?)|delivered\s+(?:\w+\s+){0,2}(?:statements?|remarks|address|speech|messages?)"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_BARE_SAY = re.compile(r"say\b")
_PASSIVE = prefiltered(
    re.compile(r"\b(?:delivered|made|given|presented|read|introduced|expressed)\s+by\s+")
)
# The scan runs over the whole text: looked for by the words the cues open with.
_ANY_CUE = prefiltered(re.compile(rf"\b(?:{_VERBS}|by|behalf)\b"))
_ALIGNS = re.compile(r"\balign\w*\s+(?:\w+\s+){0,2}(?:with|to)\s+the\s+statements?\s+$")
_POSSESSIVE_BEFORE = re.compile(r"\w['’]s\s+$")
_PASSIVE_AUX = re.compile(r"\b(?:is|was|are|were|be|been|being)\s+(?:\w+ly\s+)?$")
_NEGATED = re.compile(r"\b(?:not|n't|never)\s+(?:yet\s+)?(?:\w+\s+)?$")
_PRONOUN_START = re.compile(
    r"[\s•\-–“\"]*(?:She|He|It|They|We|The\s+delegation|The\s+(?:Foreign\s+)?Minister"
    r"|The\s+Ambassador)\b"
)
#: A title standing for the one who spoke last, as a pronoun would: "..., said the Minister".
# (only whether a sentence holds one is asked: opening at the quote, a scan skips in C to
# the quotes, where the stop and space the quote may follow would be tried everywhere)
_TITLE_ANAPHOR = re.compile(
    r"[”\"]\s*(?:said|added|stated|noted|continued)\s+the\s+(?:[A-Z][\w\-’']*\s+){0,3}?"
    r"(?:Minister|Ambassador|Secretary-General|President)\b"
)
_VERBS_PER_SENTENCE = 12
# a footnote mark after a full stop ends a sentence too ("... requirements. [1] In 2016, it
# said"): the sentence splitter only sees one where the mark touches the stop
# (not ", and": "..., and Cambodia reported" would be a clause of its own, but splitting
# there reads the names of many a list's last item as speakers: measured, dev and seeds fell)
_CONTRAST_BEFORE = re.compile(r"\b(?:while|whereas|but)\s+$")
_CLAUSE = re.compile(
    r";\s*|(?:,|\s+[–—-]{1,2})\s*(?:while|whereas|but)\s+|[.!?][”\"]?\s*\[\d{1,3}\]\s+"
)
# "Haiti announced that ... and Palau indicated that ...": a second subject with a verb of
# speech of its own opens a clause of its own, where the first has had its verb (not "Norway
# and the United Kingdom stated")
_AND_CLAUSE = re.compile(
    r",?\s+and\s+(?=(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3}\s+(?:also\s+)?"
    r"(?:said|stated|noted|indicated|announced|reported|informed|confirmed|expressed|"
    r"highlighted|stressed|underlined|emphasi[sz]ed|welcomed|called|urged|added|told|"
    r"described|explained|referred|reaffirmed|declared)\b)"
)
#: The speaker a pronoun stands for, resolved by the caller to the one heard last.
_ANAPHOR = "\x00it"
_IT_SUBJECT = re.compile(
    r"(?:^|(?<=[\s,;(\[\]—–-]))(?:it|It|he|He|she|She)\s+(?:(?:also|then|further|later|again|"
    r"reportedly|previously|had|has|have)\s+){0,2}$"
)
#: "... the United States, Russia and China remain outside, he noted": a person's pronoun
#: is the subject, and the states before it what was said.
_PERSON_PRONOUN = re.compile(r"(?:^|(?<=[\s,;(\[\]—–-]))(?:he|He|she|She)\s+(?:\w+\s+)?$")
# "In December 2010, the government stated": the state a profile or a story is about speaks
# through its government where the sentence names no state.
_GOVERNMENT_SUBJECT = re.compile(
    r"(?:^|(?<=[\s,;(\[\]—–-]))(?:(?:[Tt]he|[Ii]ts)\s+(?:(?:national|federal|new)\s+)?"
    r"(?:[Gg]overnment|authorities)"
    # its unnamed minister or ministry: "the Minister of Foreign Relations pledged", "In his
    # remarks, the Minister highlighted", "The Foreign Ministry then said"
    r"|(?:[Tt]he|[Ii]ts)\s+(?:(?:Foreign|Prime|Defen[cs]e|Deputy)\s+)?Minist(?:er|ry)"
    r"(?:\s+(?:of|for)\s+[A-Z]\w*(?:\s+(?:and\s+)?[A-Z]\w*){0,3})?"
    # a profile's unnamed officials: "a government representative said", "another official
    # said", "officials told the Monitor"
    r"|(?:[Aa]n?|[Aa]nother|[Oo]ne|[Tt]he|[Ii]ts)\s+(?:(?:senior|government|ministry|military"
    r"|defen[cs]e|foreign\s+ministry|embassy)\s+)?(?:officials?|representatives?|spokes(?:person"
    r"|man|woman)|delegates?)|[Oo]fficials)"
    r"\s+(?:(?:also|then|further|later|again|reportedly|previously|had|has|have)\s+){0,2}$"
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: The time a sentence gives its words: "In November 2010, it stated", "stated in 2011",
#: "In a 2005 statement ..., Brazil noted", "since 2009 when it said".
_WHEN = re.compile(
    # "in its report dated 24 May 2010", "in its Article 7 report of May 2008"
    rf"\b(?:[Ii]n|[Oo]n|[Ss]ince|[Dd]uring|dated|(?:report|letter)\s+of)\s+(?:(?:a|an|the)\s+)?(?:(?:early|mid|late)[\s-]+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:(?P<month>{_MONTHS})\s+)?(?:\d{{1,2}},?\s+)?"
    r"(?P<year>(?:19|20)\d\d)\b"
)
_MONTH_INDEX = {name: i + 1 for i, name in enumerate(_MONTHS.split("|"))}


def _spoken_when(text: str, clause: int, verb_end: int) -> tuple[int, int] | None:
    """The year and month (0: none) the clause of a verb of speech places it in."""
    m = _WHEN.search(text, clause, min(len(text), verb_end + 30))
    if m is None:
        return None
    return int(m.group("year")), _MONTH_INDEX.get(m.group("month") or "", 0)


_LIST_SUBJECT = re.compile(
    r"\b(?:including|such\s+as|namely|(?:[Cc]ountries|[Ss]tates|nations)\s+like)\s+$"
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:in|to|with|from|of|by|for|toward|towards|against|at|than|like|among|between|"
    r"Together\s+with|Jointly\s+with|visits?\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "The representative of Mexico said": the state speaks through its representative.
_SPOKESPERSON_OF = re.compile(
    r"\b(?:representatives?|delegates?|delegations?|ambassadors?|ministers?|spokes\w+|governments?"
    r"|presidents?|heads?\s+of\s+state|leaders?"
    r"|head\s+of\s+(?:the\s+)?delegation|secretary[- ]general"
    r"|minister\s+(?:of|for)\s+(?:foreign|external)\s+(?:affairs|relations)"
    # "The Permanent Secretary for Foreign Affairs of Thailand declared"
    r"|(?:permanent\s+|deputy\s+|under[- ])?secretar(?:y|ies)(?:\s+of\s+state)?"
    r"(?:\s+(?:of|for)\s+(?:foreign|external)\s+(?:affairs|relations))?"
    # "the Ministry of Foreign Affairs of Chile stated", "The Foreign Ministry of Ukraine said"
    r"|(?:foreign\s+|defen[cs]e\s+)?ministry(?:\s+(?:of|for)\s+(?:foreign|external|defen[cs]e)"
    r"(?:\s+(?:affairs|relations))?)?)\s+of\s+(?:the\s+)?$"
    # "A spokesman for the French Foreign Ministry said"
    r"|\bspokes(?:man|woman|person)\s+for\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ON_BEHALF = re.compile(r"\bon\s+[Bb]ehalf\s+of\s+(?:the\s+)?")
_STATEMENT_REF = re.compile(
    r"\bstatement\s+on\s+(?P<topic>[A-Za-z][\w\s\-]{2,40}?)\s+(?:by\s+[^,;:]{3,40}?\s+)?"
    r"on\s+behalf\s+of\s+(?:the\s+)?"
)
_SPEAKING_NOUNS = re.compile(
    r"\s*(?:delegation|government|representatives?|(?:(?:Foreign|Prime|Deputy|Defence|Defense)"
    r"\s+)?minister|ambassador|delegates?|authorities|president"
    # "The Latvian Ministry of Foreign Affairs noted", "the Spanish Defense Ministry"
    r"|(?:(?:Foreign|Defence|Defense|Interior)\s+)?ministry)\b",
    re.IGNORECASE,
)


def _add_signed(found: list[Statement], signed: Statement | None) -> None:
    """The sign-off's statement is the text's own: it dates the undated statement of the
    same speaker the head or the headline gave, or stands as one of its own."""
    if signed is None:
        return
    same = [s for s in found if s.speaker == signed.speaker and not s.reference]
    if any(s.date == signed.date for s in same):
        return
    undated = next((s for s in same if s.date is None), None)
    if undated is not None:
        undated.date = signed.date
    else:
        found.append(signed)


def find_statements(
    text: str,
    states: list[StateMention],
    reference: dt.date | None,
    exact: bool,
    action_spans: list[tuple[str, int, int]],
    occasions: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """The statements of a text; ``occasions`` are the events read from it, whose day
    dates what a report of one of them says was said there."""
    quoted = _quoted_ranges(text)
    # Indexes built once, so that each sentence looks up its own states and a speaker's
    # acts by bisection instead of scanning the whole document's (quadratic in its size).
    starts = [s.start for s in states]
    acts: dict[str, list[int]] = {}
    for state, at, _ in action_spans:
        acts.setdefault(state, []).append(at)
    for positions in acts.values():
        positions.sort()
    blocks = textmod.sentences(text)
    found: list[Statement] = []
    affiliation: dict[str, str] = {}  # person -> the organisation or state they spoke for
    voices = _Voices(
        affiliation,
        own_state(text, states),
        subject_state(text, states),
        home_state(text, states),
    )
    voices.learn_offices(text, blocks, states, starts)
    header = header_statement(text, states, reference, voices)
    if header is not None:
        found.append(header)
    previous_para = -1
    profile = _PROFILE_HEAD.search(text, 0, min(len(text), 400)) is not None
    # no verb of speech, no "by", no "on behalf of": no statement in that sentence. The
    # scan for the cues also finds each sentence's verbs of speech (one pass, not two).
    cues = list(_ANY_CUE.finditer(text))
    cue_starts = [m.start() for m in cues]
    cued = textmod.blocks_with_matches(cues, blocks) | textmod.blocks_with(_FLOOR_CUE, text, blocks)
    for n, block in enumerate(blocks):
        in_block = states[
            bisect.bisect_left(starts, block.start) : bisect.bisect_left(starts, block.end)
        ]
        items = (
            _block_statements(
                text,
                block,
                in_block,
                quoted,
                reference,
                exact,
                voices,
                acts,
                _verbs_in(cues, cue_starts, block),
            )
            if n in cued
            else []
        )
        if (
            not items
            and found
            and (
                _PRONOUN_START.match(text, block.start)
                or _TITLE_ANAPHOR.search(text, block.start, block.end)
            )
        ):
            last = found[-1]
            if block.paragraph - last.paragraph <= 1 and not last.reference:
                last.end = max(last.end, block.end)
                last.paragraph = block.paragraph
        for item in items:
            if item.speaker == _ANAPHOR:
                heard = found[-1] if found else None
                if (
                    heard is None
                    or heard is header
                    or heard.reference
                    or heard.speaker.startswith("person:")
                    or block.paragraph - heard.paragraph > 1
                ):
                    continue
                item.speaker = heard.speaker
            _add(found, item, previous_para, profile)
        previous_para = block.paragraph
    found += _programme_addresses(text, states, reference)
    found += _headline_in_capitals(text, states, {s.speaker for s in found})
    found += _speaker_lines(text, states)
    found += _bulleted_floor(text, states, reference)
    listed = _statement_lines(text, states, reference, voices)
    # three lines and two speakers at least: a statement's own head may give two ("Statement
    # by Australia" over "Statement delivered by Ms X, Australian Permanent Mission")
    if len(listed) >= 3 and len({s.speaker for s in listed}) >= 2:
        # a page of links, one line per statement ("Statement by Austria", "Statement by
        # Canada"): the page is no one's statement, each line is its speaker's
        found = [s for s in found if s is not header] + listed
        header = None
    found += _announced(text, states, quoted, {s.speaker for s in found})
    found += _parliament_votes(text, states, {s.speaker for s in found})
    _add_signed(found, signed_statement(text, states, reference))
    if header is not None and any(
        s is not header and s.speaker == header.speaker and s.start <= header.start < s.end
        for s in found
    ):
        found.remove(header)  # the head's "delivered by" is a sentence read in its own right
    own_words = {s.speaker for s in found if not s.echo}
    found = [s for s in found if not s.echo or s.speaker not in own_words]
    spoken = {(s.speaker, s.named_topic) for s in found if not s.reference}
    _date_by_report(text, found, reference, exact)
    _date_by_day_heading(text, found, reference)
    if exact and reference is not None:
        _date_by_headline(text, found, reference)
        _date_by_lead(text, found, reference)
    if occasions and exact and reference is not None:
        _date_by_occasion(text, found, occasions, reference)
    return [_as_dict(text, s) for s in found if not _drop_reference(s, spoken)]


#: The days a report of an occasion follows it by, at most: a report of its own day or week.
_REPORTED_WITHIN = 7
#: What is said at a meeting's opening was said on its first day.
_OPENING = re.compile(r"\bopen(?:ing|ed|s)\b|\binaugura\w+|\bkick(?:ed|s)?\s+off\b", re.I)


def _date_by_occasion(
    text: str, found: list[Statement], occasions: list[dict[str, Any]], reference: dt.date
) -> None:
    """A report of one occasion, held on one day, dates what it says was said: "Speaking
    at the event, Deputy Foreign Minister Banze said" in the account of a ceremony "on
    Friday". Only where the text names no other day an event began (a second meeting's
    day would leave each statement's occasion open), not counting meetings still to come,
    and only for words whose sentence names no time of its own; of a meeting of several
    days, only what was said at its opening. The text must be dated within a week of the
    occasion (by its own date, not one guessed from the first day it names): a report of
    it, not a history that recalls it."""
    latest = reference.isoformat()
    held = [e for e in occasions if e.get("start") and e["start"] <= latest]
    if len({e["start"] for e in held}) != 1:
        return
    day: str = held[0]["start"]
    if (reference - dt.date.fromisoformat(day)).days > _REPORTED_WITHIN:
        return  # a treaty's history in passing ("signed in Oslo on 3 December 2008")
    one_day = all(e.get("end") in (None, day) for e in held)
    for s in found:
        if s.date is not None or s.reference or s.earlier:
            continue
        sentence = text[textmod.sentence_start(text, s.start) : min(s.end, s.start + 300)]
        if dates.find_dates(sentence) or _YEAR_IN.search(sentence):
            continue
        if _STANDING.search(sentence) and not _SPOKEN.search(sentence):
            continue
        if not one_day and not _OPENING.search(sentence):
            continue
        s.date = dt.date.fromisoformat(day)


_TODAY = re.compile(r"\b(?:today|this\s+morning|this\s+afternoon|tonight)\b", re.IGNORECASE)
# A report of one day of a meeting: "Update - Day 5", "... signed the Convention today".
_DAY_N = prefiltered(re.compile(r"\bDay\s+(\d{1,2})\b", re.IGNORECASE))
_TODAY_WORD = prefiltered(
    re.compile(r"\b(?:today|this\s+morning|this\s+afternoon)\b", re.IGNORECASE)
)
# ... but not a report of a week ("spoke out ... this week at the First Review Conference",
# "the week-long high-level conference ending today"): its day is not each statement's.
#: A release that also reports another day than its own ("the updates today and yesterday").
_OTHER_DAY = re.compile(r"\b(?:yesterday|tomorrow|earlier\s+this\s+month)\b", re.IGNORECASE)
_WEEK = re.compile(r"\b(?:this|the)\s+week\b|\bweek-long\b|\bthe\s+week[’']s\b", re.IGNORECASE)
#: A briefing's record opens on its own day: "told correspondents at a Headquarters press
#: conference this morning" -- all said at it was said then, whatever else it recalls.
_BRIEFING_TODAY = re.compile(
    r"\b(?:press\s+(?:conference|briefing)|told\s+correspondents)\b[^.]{0,80}?"
    r"\b(?:today|this\s+morning|this\s+afternoon)\b",
    re.IGNORECASE,
)


#: A standing position rather than words of a day: "remain opposed", "have refused to sign".
_STANDING = re.compile(
    r"\b(?:remain(?:s|ed)?\s+(?:opposed|outside|unwilling)|are\s+opposed|oppose|opposes"
    r"|(?:have|has)\s+(?:\w+\s+)?refused|refuse|refuses|are\s+unwilling)\b"
)
_SPOKEN = re.compile(r"\b(?:said|says|stated|told|announced|declared)\b")


def _date_by_report(
    text: str, found: list[Statement], reference: dt.date | None, exact: bool
) -> None:
    """Undated statements of a report of one day took place that day: the day its dateline
    or its first words give ("(Oslo, 3 December 2008) - 92 countries signed ... today"), or
    the day of a dated release, for a statement "today"."""
    nth = _DAY_N.search(text)
    one_day = nth or (_TODAY_WORD.search(text) and not _WEEK.search(text))
    day = dates.report_day(text, reference) if one_day else None
    if day is None and nth is not None:
        day = _nth_day(text, nth, reference)
    if day is None and one_day and nth is None and exact and not _OTHER_DAY.search(text):
        # a dated release's "the First Committee heard today": its day is the meeting's
        day = reference
    if day is None and exact and _BRIEFING_TODAY.search(text, 0, min(len(text), 600)):
        day = reference
    if day is None and nth is None:
        # a report of one meeting held on one day: "The briefing took place on 29 April
        # 2024 at the Maison de la Paix", then who spoke at it
        day = _one_days_meeting(text, reference)
    for s in found:
        if s.date is not None or s.reference or s.earlier:
            continue
        first = text[s.start : min(s.end, s.start + 300)]
        if _STANDING.search(first) and not _SPOKEN.search(first):
            continue  # "China, Russia and the US remain opposed to a ban": no day's words
        if day is not None and not any(
            m.day for m in dates.find_dates(text, s.start, s.start + len(first))
        ):
            s.date = day
        elif (
            exact
            and reference is not None
            and _TODAY.search(text, clause := _clause_start(text, s), s.end)
            and not _OTHER_DAY.search(text, clause, s.end)
        ):
            # "the Foreign Minister said today", "During today's discussions ..., Australia
            # announced": a dated release or dispatch dates its "today"
            s.date = reference


#: The hour a programme puts after a day heading: "Tuesday, 17 June 2025- 10:00".
_HEADING_HOUR = re.compile(r"\s*[-–,]?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\s*$", re.I)
_YEAR_IN = re.compile(r"\b\d{4}\b")


def _date_by_day_heading(text: str, found: list[Statement], reference: dt.date | None) -> None:
    """A record kept day by day ("Monday 25 MAY" over the morning's updates) dates what was
    said under each day's heading by it. A record's heading names the weekday, and the
    record is no dated page: its headings name more than one day, or a day without its year
    or with its hour, as a programme does (a post's date line over its text, "Wednesday, 30
    May 2007", names one day with its year, and the words under it may be of any day; a
    list of results, "12 Feb", dates the items, not what they report)."""
    if not any(s.date is None for s in found):
        return
    headings: list[tuple[int, dt.date]] = []
    programme = False
    for line_start, line_end in textmod.lines(text):
        if line_end - line_start > 60:
            continue
        line = text[line_start:line_end].strip()
        hour = _HEADING_HOUR.search(line)
        if hour is not None:
            line = line[: hour.start()]
        day = statement_lists.day_heading(line, reference)
        if day is not None and statement_lists.WEEKDAY_FIRST.match(line):
            headings.append((line_start, day))
            programme = programme or hour is not None or not _YEAR_IN.search(line)
    if not programme and len({day for _, day in headings}) < 2:
        return
    starts = [at for at, _ in headings]
    for s in found:
        if s.date is None and not s.reference and not s.earlier:
            n = bisect.bisect_right(starts, s.start)
            if n:
                s.date = headings[n - 1][1]


def _clause_start(text: str, s: Statement) -> int:
    """Where the sentence holding a statement begins, at most 200 characters before it
    ("treaty.During today's discussions" runs sentences together without a space)."""
    floor = max(0, s.start - 200)
    return max(text.rfind(".", floor, s.start), text.rfind("\n", floor, s.start), floor)


#: A headline's verb in the present: "Switzerland welcomes the adoption of a new convention",
#: "Philippines regrets Lithuanian departure".
_HEADLINE_PRESENT = re.compile(
    r"\b(?:welcomes|regrets|reaffirms|reiterates|condemns|deplores|urges|calls\s+(?:on|for)"
    r"|announces|confirms|pledges|declares|supports|stresses|says|expresses|celebrates"
    r"|congratulates|commends)\b"
)


def _date_by_headline(text: str, found: list[Statement], day: dt.date) -> None:
    """A dated release's headline in the present is what the release says on its day:
    "Switzerland welcomes the adoption of a new convention" over "Bern, 30.05.2008 -"."""
    first_line_end = text.find("\n")
    heading_end = first_line_end if first_line_end >= 0 else len(text)
    for s in found:
        if s.date is not None or s.reference or s.start > min(heading_end, 300):
            continue
        line_end = text.find("\n", s.start)
        line_end = len(text) if line_end < 0 else line_end
        head = text[s.start : line_end]
        if len(head) <= 160 and not head.rstrip().endswith(".") and _HEADLINE_PRESENT.search(head):
            s.date = day


# The end of a dispatch's dateline, just before its first sentence: "(Beirut, Lebanon, 13
# November 2008) - The Cluster Munition Coalition welcomes ..."
_DATELINE_END = re.compile(r"\d{4}\)?[ \t]*(?:--?|–|—)[ \t]*(?:The[ \t]+)?$")


# or a city and a dash opening the lead's line: "Pretoria - South Africa says it supports"
_CITY_DASH_END = re.compile(
    r"(?:^|\n)[ \t]*(?P<city>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,2})[ \t]+(?:--?|–|—)[ \t]*"
    r"(?:The[ \t]+)?$"
)


def _city_dash(text: str, at: int) -> bool:
    m = _CITY_DASH_END.search(text, max(0, at - 40), at)
    return m is not None and places.is_city(m.group("city"))


def _date_by_lead(text: str, found: list[Statement], day: dt.date) -> None:
    """The first sentence of a dated dispatch, in the present, says what its speaker says
    that day, as a headline in the present does."""
    for s in found:
        if s.date is not None or s.reference:
            continue
        if not _DATELINE_END.search(text, max(0, s.start - 40), s.start) and not _city_dash(
            text, s.start
        ):
            continue
        if _HEADLINE_PRESENT.search(text, s.start, min(s.end, s.start + 120)):
            s.date = day


_HELD_ON = re.compile(r"\b(?:took\s+place|was\s+held|were\s+held|convened)\s+on\s+")


# or the day first: "On 20 June 2024, delegations convened for their first preparatory
# meeting"
_ON_DAY_MET = re.compile(
    r"(?:^|(?<=\n)|(?<=\.\s))On\s+(?P<day>[^,.\n]{5,25}),\s+(?:[\w\-]+\s+){0,4}?"
    r"(?:convened|met|gathered|assembled)\b"
)


def _one_days_meeting(text: str, reference: dt.date | None) -> dt.date | None:
    held = (
        list(_HELD_ON.finditer(text))
        if "place on" in text or "held on" in text or "convened on" in text
        else []  # a test in C first: most documents report no such meeting
    )
    starts = [m.end() for m in held]
    if "On " in text:
        starts += [m.start("day") for m in _ON_DAY_MET.finditer(text)]
    if len(starts) != 1:
        return None
    found = dates.find_dates(text, starts[0], min(len(text), starts[0] + 30))
    if (
        not found
        or found[0].start != starts[0]
        or found[0].day is None
        or found[0].end_day is not None
        or found[0].year is None
    ):
        return None
    return dates.resolve(found[0], reference)[0]


def _nth_day(text: str, nth: re.Match[str], reference: dt.date | None) -> dt.date | None:
    """Day N of the meeting whose days the page's opening gives: "held in Geneva on 27-30
    June 2011" over "Day 1" is 27 June (a page of one day names no other day number)."""
    n = int(nth.group(1))
    if any(int(m.group(1)) != n for m in _DAY_N.finditer(text)):
        return None
    meeting = next(
        (
            m
            for m in dates.find_dates(text, 0, min(len(text), 1500))
            if m.day is not None and m.end_day is not None and m.year is not None
        ),
        None,
    )
    if meeting is None:
        return None
    first, last = dates.resolve(meeting, reference)
    if first is None:
        return None
    day = first + dt.timedelta(days=n - 1)
    return day if last is None or day <= last else None


def _addresses(
    text: str,
    block: textmod.Block,
    states: list[StateMention],
    quoted: list[tuple[int, int]],
    reference: dt.date | None,
    exact: bool,
) -> list[Statement] | None:
    """The speakers of a list of people with their offices that a sentence introduces
    ("featured addresses by A, office of X; B, office of Y"), each its own occasion; None
    where the sentence has no such list."""
    cue = next(
        (
            m
            for m in statement_lists.ADDRESSES.finditer(text, block.start, block.end)
            if not _inside(m.start(), quoted)
        ),
        None,
    )
    if cue is None:
        return None
    if NOT_SPOKEN_YET.search(text, block.start, cue.start()):
        # "My delegation aligns itself with statements delivered by ...": a mention; "an
        # opening ceremony which will feature addresses by ...": still to come
        return []
    day = _day_in(text, block.start, block.end, reference, exact, quoted)
    return [
        Statement(code, lo, block.end, day, block.paragraph, alone=True)
        for code, lo, _ in statement_lists.addressed(text, cue.end(), block.end, states)
    ]


#: A state's words named as a noun: "We also welcome Finland’s announcement on the adoption
#: of its accession bill", "Austria's confirmation that it has finished destroying".
_ANNOUNCEMENT = re.compile(r"\A[’']s\s+(?:\w+\s+)?(?:announcement|confirmation|pledge|update)s?\b")
#: The same noun before its maker: "the announcement made by Algeria", "the pledge of Peru".
_ANNOUNCEMENT_BY = re.compile(
    # singular: one occasion ("the announcements made by A and B" are past acts of policy)
    r"\b(?:announcement|confirmation|pledge|update)\s+(?:(?:made|given)\s+)?(?:by|of)"
    r"\s+(?:the\s+)?\Z"
)


def _announced(
    text: str, states: list[StateMention], quoted: list[tuple[int, int]], heard: set[str]
) -> list[Statement]:
    """Statements a text names by a state's noun of speech, for states not heard otherwise
    (else the noun refers back: "welcomed Sri Lanka's announcement" after it spoke)."""
    out: list[Statement] = []
    for m in states:
        if m.demonym or m.iso3 in heard or _inside(m.start, quoted):
            continue
        noun = _ANNOUNCEMENT.match(text[m.end : m.end + 40]) or _ANNOUNCEMENT_BY.search(
            text[max(0, m.start - 40) : m.start]
        )
        if noun is None:
            continue
        end = text.find(".", m.end)
        out.append(Statement(m.iso3, m.start, end if end > 0 else len(text), None, -1))
        heard.add(m.iso3)
    return out


# A parliament's vote is its state's stated position (the gold reads "Lithuania's
# parliament backs pullout" as Lithuania's): the house after the state's name or demonym,
# or "the Parliaments of A, B and C", then a verb of deciding.
_HOUSE = (
    r"(?:[Pp]arliaments?|[Ll]egislatures?|[Ll]awmakers|MPs|Seimas|Saeima|Riigikogu|Eduskunta"
    r"|Sejm|Diet|(?:Verkhovna\s+)?Rada|National\s+Assembly|[Ss]enate)"
)
_DECIDES = (
    r"\s+(?:(?:has|have|had|each|also|then|overwhelmingly|unanimously|formally|officially|on"
    r"\s+\w+)\s+){0,3}(?:voted|votes|vote|approved|approves|approve|adopted|adopts|backed|backs"
    r"|passed|passes|endorsed|endorses|supported|supports|decided|decides)\b"
)
_HOUSE_OF_STATE = re.compile(r"[’']s\s+(?:\w+\s+)?" + _HOUSE + _DECIDES)
_DEMONYM_HOUSE = re.compile(r"\s+(?:\w+\s+)?" + _HOUSE + _DECIDES)
_MEMBERS_DECIDE = re.compile(r"\s*,?" + _DECIDES)
_HOUSE_OF = re.compile(r"\b(?:the\s+)?" + _HOUSE + r"\s+of\s+(?:the\s+)?(?:Republic\s+of\s+)?$")


def _parliament_votes(text: str, states: list[StateMention], heard: set[str]) -> list[Statement]:
    """A state's parliament that votes, approves or backs: the state's position, for states
    not heard otherwise ("Latvian parliament adopts bill on country's withdrawal", "the
    Parliaments of Estonia, Latvia and Lithuania each voted to approve their country's
    exit")."""
    out: list[Statement] = []
    starts = [m.start for m in states]
    for m in states:
        if m.iso3 in heard:
            continue
        decided = (_DEMONYM_HOUSE if m.demonym else _HOUSE_OF_STATE).match(text, m.end)
        members = [m]
        if decided is None and not m.demonym:
            house = _HOUSE_OF.search(text, max(0, m.start - 40), m.start)
            if house is None:
                continue
            members = coordinated_from(text, m.start, states, starts) or [m]
            decided = _MEMBERS_DECIDE.match(text, members[-1].end)
        if decided is None:
            continue
        end = text.find(".", decided.end())
        for member in members:
            if member.iso3 not in heard:
                out.append(Statement(member.iso3, m.start, end if end > 0 else len(text), None, -1))
                heard.add(member.iso3)
    return out


def _headline_in_capitals(
    text: str, states: list[StateMention], heard: set[str]
) -> list[Statement]:
    """A release's headline in capitals, a state then its verb of speech: "MEXICO REAFFIRMS
    ITS COMMITMENT TO THE ELIMINATION OF CLUSTER MUNITIONS"."""
    out: list[Statement] = []
    for lo, hi in textmod.lines(text)[:6]:
        for m in states:
            if not lo <= m.start < hi or m.demonym or m.iso3 in heard:
                continue
            if hi - m.start < 12 or not text[m.start : hi].isupper():
                continue
            verb = (
                _VERB.match(text[m.end : hi].lower(), 1) if text[m.end : m.end + 1] == " " else None
            )
            if verb is not None:
                out.append(Statement(m.iso3, m.start, hi, None, -1, alone=True))
            break
    return out


_SPEECHES_GIVEN = re.compile(
    r"\b(?:addresses|speeches|remarks|messages|statements)\s+(?:were\s+)?(?:delivered|made|given)\b"
)


def _programme_addresses(
    text: str, states: list[StateMention], reference: dt.date | None
) -> list[Statement]:
    """A programme's heading "Opening addresses by:" over one line per speaker, dated by the
    day heading above it ("MONDAY 11 SEPTEMBER 2023")."""
    out: list[Statement] = []
    spans = textmod.lines(text)
    day: dt.date | None = None
    i = 0
    while i < len(spans):
        lo, hi = spans[i]
        i += 1
        line = text[lo:hi]
        heading_day = statement_lists.day_heading(line, reference)
        if heading_day is not None:
            day = heading_day
            continue
        if not (
            statement_lists.ADDRESSES_HEADING.match(line)
            # "... and messages delivered on behalf of organisations that historically played a
            # role in the Convention:" over one bullet per speaker
            or (
                line.rstrip().endswith(":")
                and _SPEECHES_GIVEN.search(line)
                and not NOT_SPOKEN_YET.search(line)
            )
        ):
            continue
        while i < len(spans):
            lo, hi = spans[i]
            items = statement_lists.addressed(text, lo, hi, states) if hi - lo <= 200 else []
            if not items:
                break
            code, start, _ = items[0]
            out.append(Statement(code, start, hi, day, -1, alone=True))
            i += 1
    return out


#: A line given wholly to one statement, as a meeting page links them: "Statement by
#: Austria", "Statement and Presentation by United Kingdom", "Statement on Retention by
#: Cluster Munition Coalition", "Speech by Dr. Adnan Mansour, Minister of Foreign Affairs
#: and Emigrants, Republic of Lebanon".
_STATEMENT_LINE = re.compile(
    r"^[ \t•·*\-–]*(?:(?:Opening|Closing|General|Joint)\s+)?(?:Statement|Speech|Remarks|Address|"
    # "Opening remarks by Mr. Zoran Milanovic", "Right to reply by Sudan"
    r"Intervention|(?<=Opening\s)remarks|(?<=Closing\s)remarks|Right\s+to\s+reply)"
    r"(?:\s+and\s+(?:Presentation|Statement|Remarks))?(?:\s+on\s+[A-Z][^\n]{0,60}?)?"
    r"\s+(?:delivered\s+|made\s+)?by\s+(?:the\s+)?(?=[A-Z])",
    re.MULTILINE,
)
#: What may follow the speaker on such a line: a language mark, a file kind ("(EN)", "pdf").
_LINE_TAIL = re.compile(
    r"[\s()\[\],.:;|/\-–—]*(?:(?:EN|FR|ES|AR|RU|ZH|pdf|PDF)\b[\s()\[\],.|/\-]*)*"
)
#: "..., Minister of Foreign Affairs and Emigrants, Republic of Lebanon": the state last.
_OFFICE_THEN_STATE = re.compile(
    r",\s*(?:[A-Z][\w\-’']*\s+)?(?:[A-Za-z][\w\-’']*\s+){0,8}?[\w\-’']+,\s*$"
)


def _statement_lines(
    text: str, states: list[StateMention], reference: dt.date | None, voices: _Voices
) -> list[Statement]:
    """The statements of a page that lists them one a line, each dated by the day heading
    above it ("MONDAY 3 SEPTEMBER 2018"), if any."""
    out: list[Statement] = []
    if "by" not in text:
        return out
    names = [m for m in states if not m.demonym]
    starts = [m.start for m in names]
    for cue in _STATEMENT_LINE.finditer(text):
        stop = text.find("\n", cue.end())
        stop = len(text) if stop < 0 else stop
        if stop - cue.end() > 200:
            continue
        found = _line_speaker(text, cue.end(), stop, names, starts, voices)
        if found is not None:
            code, at = found
            out.append(Statement(code, at, stop, _day_above(text, cue.start(), reference), -1,
                                  alone=True))  # fmt: skip
    return out


#: An office named without its holder, up to the state it serves: "State Secretary and
#: Deputy Minister of Defense of", "Vice-Minister for Foreign Affairs of".
_OFFICE_OF = re.compile(
    r"(?:(?:State\s+|Deputy\s+|Vice[- ]|Prime\s+|Foreign\s+)*(?:Minister|Secretary|Ambassador"
    r"|Permanent\s+Representative|Representative|Head\s+of\s+Delegation)"
    r"(?:\s+(?:of|for|and)\s+(?:the\s+)?[A-Z][\w&]*(?:\s+(?:&|and)?\s*[A-Z][\w&]*)*)*"
    r"(?:\s+and\s+)?)+\s+of\s+(?:the\s+)?"
)


def _line_speaker(
    text: str, who: int, stop: int, names: list[StateMention], starts: list[int], voices: _Voices
) -> tuple[str, int] | None:
    """The speaker a statement line is given to, from ``who`` to the line's end ``stop``."""
    i = bisect.bisect_left(starts, who)
    in_line = names[i : bisect.bisect_left(starts, stop)]
    orgs = find_organisations(text, who, stop)
    behalf = _ON_BEHALF.search(text, who, stop)
    if behalf is not None:
        org = next((o for o in orgs if o.start == behalf.end()), None)
        if org is not None:
            return org.code, org.start
    first: Speaker | None = None
    if in_line and in_line[0].start == who:
        first = Speaker(in_line[0].iso3, in_line[0].start, in_line[0].end)
    if orgs and orgs[0].start == who and (first is None or orgs[0].end > first.end):
        first = orgs[0]
    if first is not None:
        if behalf is not None or _LINE_TAIL.fullmatch(text, first.end, stop):
            return first.code, first.start
        return None
    people = find_people(text, who, stop, in_line)
    if not people or people[0].start - who > 12:
        # "Statement by Deputy Minister of Foreign Affairs of Zambia": an office, no name
        last = in_line[-1] if in_line else None
        if (
            last is not None
            and _OFFICE_OF.fullmatch(text, who, last.start)
            and _LINE_TAIL.fullmatch(text, last.end, stop)
        ):
            return last.iso3, last.start
        return None
    person = people[0]
    code = voices.resolve(text, who, stop, person, in_line)
    if code == person.code and in_line and in_line[-1].end == stop:
        last = in_line[-1]
        if _OFFICE_THEN_STATE.search(text, person.end, last.start):
            code = last.iso3
            voices.affiliation[person.code] = code
    return code, person.start


#: A meeting page marks a speaker's line with what was given: "Bulgaria – statement and
#: presentation", "Chad – statement", "Germany – presentation".
_MARKED_LINE = re.compile(r"^[^\n]{2,80}?\s[–—-]\s*(?:statement|presentation)s?\b", re.MULTILINE)
#: What may follow the speaker on a line of such a page: its acronym, the mark, whom it
#: represents ("Australia representing the Article 3 Analysis Group").
_SPEAKER_LINE_TAIL = re.compile(
    r"(?:\s*\([\w\-]{2,12}\))?\s*(?:[–—-]\s*(?:statement|presentation)s?\b[^\n]*"
    r"|\s+(?:representing|on\s+behalf\s+of)\s+[^\n,;.]{3,80})?\s*"
)


def _speaker_lines(text: str, states: list[StateMention]) -> list[Statement]:
    """The speakers a meeting page lists one a line under each item of its agenda
    ("Ireland", "Cluster Munition Coalition (CMC)", "Chad – statement"), read only on a page
    that marks some of its lines as statements: elsewhere a line of one state's name is a
    list of members or signatories, not of speakers."""
    if _MARKED_LINE.search(text) is None:
        return []
    names = [m for m in states if not m.demonym]
    starts = [m.start for m in names]
    out: list[Statement] = []
    for lo, hi in textmod.lines(text):
        if hi - lo > 200 or _VERB.search(text, lo, hi):
            continue  # a sentence of the floor, read as one
        i = bisect.bisect_left(starts, lo)
        first: Speaker | None = None
        if i < len(names) and names[i].start == lo:
            first = Speaker(names[i].iso3, names[i].start, names[i].end)
        orgs = find_organisations(text, lo, min(hi, lo + 100))
        if orgs and orgs[0].start == lo and (first is None or orgs[0].end > first.end):
            first = orgs[0]
        if first is not None and _SPEAKER_LINE_TAIL.fullmatch(text, first.end, hi):
            out.append(Statement(first.code, lo, hi, None, -1, alone=True))
    return out if len(out) >= statement_lists.MIN_STATEMENTS else []


#: A line that states the floor and ends at its colon: "The following States Parties which
#: are in the process of destroying stockpiled mines provided updates:"
_FLOOR_LINE = re.compile(
    r"[^\n]{0,200}?\b(?:(?:provided|gave|delivered|made|presented)\s+(?:\w+\s+){0,2}?"
    r"(?:updates?|statements?|presentations?|interventions?|remarks)"
    # "The States Parties continued informal discussions:", each speaker a bullet under the
    # topic's heading
    r"|(?:continued|held|resumed)\s+(?:\w+\s+){0,2}?discussions?)\b[^\n:]{0,80}:[ \t]*\Z"
)
#: A topic's heading between a floor's bullets: "Stockpile destruction" (short, no stop).
_TOPIC_HEADING = re.compile(r"[^\n•·▪●◦‣*:.;]{3,80}\Z")
_COLON_LINE_END = re.compile(r":[ \t]*(?=\n)")
#: One item of a bulleted list, its name first: "  • Colombia Spanish PDF 717KB"
_BULLET_ITEM = re.compile(r"[ \t]*[•·▪●◦‣*\-–][ \t]*")


def _bulleted_floor(
    text: str, states: list[StateMention], reference: dt.date | None
) -> list[Statement]:
    """The speakers a report lists one a bullet under the line that says they took the
    floor, each its own occasion on the day the page's heading gives."""
    out: list[Statement] = []
    names = {m.start: m for m in states if not m.demonym}
    for colon in _COLON_LINE_END.finditer(text):
        # a line that ends at its colon first (a scan in C), then the floor's words in it
        line_start = text.rfind("\n", 0, colon.start()) + 1
        cue = _FLOOR_LINE.match(text, line_start, colon.end())
        if cue is None or NOT_SPOKEN_YET.search(text, cue.start(), cue.end()):
            continue
        day = _day_above(text, cue.start(), reference)
        at = cue.end() + 1
        below = [(at + lo, at + hi) for lo, hi in textmod.lines(text[at : at + 4000])]
        for n, (lo, hi) in enumerate(below):
            bullet = _BULLET_ITEM.match(text, lo, hi)
            if bullet is None:
                if (
                    n + 1 < len(below)
                    and _TOPIC_HEADING.match(text, lo, hi)
                    and _BULLET_ITEM.match(text, *below[n + 1])
                ):
                    continue  # the floor goes on under the next topic's heading
                break
            mention = names.get(bullet.end())
            if mention is None:
                orgs = find_organisations(text, bullet.end(), hi)
                code = orgs[0].code if orgs and orgs[0].start == bullet.end() else None
            else:
                code = mention.iso3
            if code is not None:
                out.append(Statement(code, lo, hi, day, -1, alone=True))
    return out


def _day_above(text: str, at: int, reference: dt.date | None) -> dt.date | None:
    """The day the nearest day heading above ``at`` names, within a page's few screens."""
    lo = max(0, at - 3000)
    for line_start, line_end in reversed(textmod.lines(text[lo:at])):
        day = statement_lists.day_heading(text[lo + line_start : lo + line_end], reference)
        if day is not None:
            return day
    return None


#: A Monitor's country profile, by its head: each of its paragraphs on the state reports
#: another occasion ("has reported ...", "attended ..., where it provided an update", "has
#: regularly stated"), where a news story's paragraphs carry on one speech.
_PROFILE_HEAD = re.compile(
    r"\b(?:(?:Mine|Cluster\s+Munition)\s+Ban\s+Policy|Country\s+Reports?|Landmine\s+Monitor\s+Report"
    r"|Cluster\s+Munition\s+Monitor)\b"
)


def _add(
    found: list[Statement], item: Statement, previous_para: int, profile: bool = False
) -> None:
    last = found[-1] if found else None
    if last is not None and last.speaker != item.speaker:
        # "Australia, Canada, Chad, ... all announced ... Chad, Hungary, Peru and Sweden all
        # announced parliamentary approval": a speaker of the sentence before, among others
        # named in one list (their statements end together), speaks again
        group = (s for s in reversed(found) if s.end == last.end)
        last = next((s for s in group if s.speaker == item.speaker), last)
    if (
        last is not None
        and last.speaker == item.speaker
        and not item.reference
        and not last.reference
        and not item.alone
        and not last.alone
        and (last.date is None or item.date is None or last.date == item.date)
        and _same_time(_time_of(last), _time_of(item))
        # a new paragraph that gives its own time ("In October 2017, a government
        # representative said") is another occasion than an undated one before it
        and not (item.when is not None and last.when is None and item.paragraph != last.paragraph)
        and not (profile and item.paragraph != last.paragraph)
    ):
        last.end = max(last.end, item.end)
        last.date = last.date or item.date
        last.paragraph = item.paragraph
        last.named_topic = last.named_topic or item.named_topic
        last.when = last.when or item.when
        return
    found.append(item)


def _verbs_in(
    cues: list[re.Match[str]], cue_starts: list[int], block: textmod.Block
) -> list[re.Match[str]]:
    """The verbs of speech among the cues of the whole text that stand in ``block``."""
    first = bisect.bisect_left(cue_starts, block.start)
    last = bisect.bisect_left(cue_starts, block.end)
    return [m for m in cues[first:last] if m.end() <= block.end and m.group() not in _NOT_VERBS]


#: The cues of :data:`_ANY_CUE` that are no verb of speech.
_NOT_VERBS = frozenset({"by", "behalf"})


def _time_of(statement: Statement) -> tuple[int, int] | None:
    """The year and month (0: none) a statement is placed in, by its day or its words."""
    if statement.when is not None:
        return statement.when
    if statement.date is not None:
        return statement.date.year, statement.date.month
    return None


def _same_time(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    """Whether two sentences may be one occasion: the same year, and the same month where
    both give one ("The UK submitted its report on 28 April 2011" is not "In December
    2010, the government stated")."""
    if a is None or b is None:
        return True
    return a[0] == b[0] and (a[1] == 0 or b[1] == 0 or a[1] == b[1])


def _drop_reference(statement: Statement, spoken: set[tuple[str, str | None]]) -> bool:
    """A closing "see the statement on X by Y on behalf of Z" repeats an earlier one
    (``spoken``: the speaker and named topic of every statement that is not a reference)."""
    if not statement.reference or statement.named_topic is None:
        return False
    return (statement.speaker, statement.named_topic) in spoken


def _block_statements(
    text: str,
    block: textmod.Block,
    states: list[StateMention],
    quoted: list[tuple[int, int]],
    reference: dt.date | None,
    exact: bool,
    voices: _Voices,
    acts: dict[str, list[int]],
    spoken: list[re.Match[str]],
) -> list[Statement]:
    """The statements of one sentence (``spoken``: its verbs of speech, in order)."""
    affiliation = voices.affiliation
    start, end = block.start, block.end
    sentence_states = states  # the caller gives only the block's
    orgs = find_organisations(text, start, end)
    people = [
        p
        for p in find_people(text, start, end, sentence_states)
        if not any(o.start <= p.start < o.end for o in orgs)
        # "Geneva Convention", "Lima Declaration": a place, not a first name
        and not places.is_city(p.code.split(":", 1)[1])
    ]
    people += voices.known_surnames(text, start, end, [*people, *orgs], sentence_states)
    people.sort(key=lambda p: p.start)
    out: list[Statement] = []
    verbs = [
        v
        for v in spoken
        if not _inside(v.start(), quoted)
        and not _NEGATED.search(text[max(start, v.start() - 30) : v.start()])
        and not _PASSIVE_AUX.search(text[max(start, v.start() - 12) : v.start()])
        # "Libya and Thailand's confirmed instances of use": a participle after a
        # possessive is an adjective of the noun that follows, not what the state did
        and not _POSSESSIVE_BEFORE.search(text, max(start, v.start() - 4), v.start())
    ]
    org_at = {o.start: o for o in orgs}
    behalf = None
    for m in _ON_BEHALF.finditer(text, start, end):
        org = org_at.get(m.end())
        if org is not None:
            behalf = org
            for person in people:
                affiliation[person.code] = org.code
            break

    # every cue of such a list holds "by" or "featured": a test in C before the regex
    addressing = text.find("by", start, end) >= 0 or text.find("featured", start, end) >= 0
    listed = (
        _addresses(text, block, sentence_states, quoted, reference, exact) if addressing else None
    )
    if listed is not None:
        return listed

    for passive in _PASSIVE.finditer(text, start, end):
        if _inside(passive.start(), quoted):
            continue
        if _ALIGNS.search(text, max(start, passive.start() - 60), passive.start()):
            continue  # "My delegation aligns itself to the statement made by Uruguay"
        # "the Secretary-General's message, as delivered by X": the message's author speaks
        author = _message_author(text, start, passive.start(), sentence_states, orgs, people)
        if author is not None:
            day = _day_in(text, start, end, reference, exact, quoted) or day_delivered(
                text, reference
            )
            code = voices.resolve(text, start, end, author, sentence_states)
            out.append(Statement(code, author.start, end, day, block.paragraph))
            break
        for person in people:
            if person.start >= passive.end() and _only_names_between(
                text, passive.end(), person.start
            ):
                code = voices.resolve(text, start, end, person, sentence_states)
                out.append(Statement(code, person.start, end, None, block.paragraph))
    if out:
        return out  # "The Declaration was delivered by A and by B"

    floors = _floor_list(text, start, end, sentence_states, orgs, people, quoted)
    if not verbs and not floors and not _AGENT_LIST.search(text, start, end):
        # "the statement on Victim Assistance on behalf of the CMC by Aynalem Zenebe"
        for ref in _STATEMENT_REF.finditer(text, start, end):
            org = org_at.get(ref.end())
            if org is not None and not _inside(ref.start(), quoted):
                topic = vocabulary.topics(ref.group("topic"))
                out.append(
                    Statement(org.code, ref.start(), org.end, None, block.paragraph,
                               topic[0] if topic else None, reference=True)
                )  # fmt: skip
        return out

    heard: set[str] = set()
    for floor, earlier in floors:
        # each cue its own occasion: a speaker twice in the sentence spoke twice
        in_list: set[str] = set()
        for speaker in floor:
            code = affiliation.get(speaker.code) or speaker.code
            # a speaker the floor lists spoke, whatever act the sentence also reports
            # ("States which have completed stockpile destruction gave statements ...,
            # including Moldova"): no test of its acts, as a verb's subject has
            if code in in_list:
                continue
            in_list.add(code)
            day = None if earlier else _day_in(text, start, end, reference, exact, quoted)
            out.append(
                Statement(code, speaker.start, end, day, block.paragraph, alone=True,
                           earlier=earlier)
            )  # fmt: skip
        heard |= in_list

    if _AGENT_LIST.search(text, start, end):
        candidates = _named_speakers(sentence_states, orgs, people)
        for speaker in _agents(text, start, end, candidates, quoted):
            code = affiliation.get(speaker.code) or speaker.code
            if code in heard:
                continue
            heard.add(code)
            day = _day_in(text, start, end, reference, exact, quoted)
            out.append(
                Statement(code, speaker.start, end, day, block.paragraph, alone=True, echo=True)
            )

    # Each verb its own speakers: "The UK stated ...; France referred to ..., while Belgium
    # noted ..." reports three. A sentence of prose has a few; past a dozen it is no prose
    # (and each verb's subjects cost a pass over the sentence's names).
    clauses = [m.end() for m in _CLAUSE.finditer(text, start, end)]
    # (a clause of its own needs a verb of its own: two verbs at least)
    verb_starts = [v.start() for v in verbs] if len(verbs) > 1 else []
    for m in _AND_CLAUSE.finditer(text, start, end) if verb_starts else ():
        at = bisect.bisect_right(clauses, m.start())
        opened = clauses[at - 1] if at else start
        if bisect.bisect_left(verb_starts, opened) < bisect.bisect_left(verb_starts, m.start()):
            clauses.insert(at, m.end())
    spoken_in: int | None = None  # the clause whose speaker was found
    heard_at: dict[str, set[tuple[int, int] | None]] = {}  # the times each was heard at
    for verb in verbs[:_VERBS_PER_SENTENCE]:
        if spoken_in is not None:
            # Past its first speaker a sentence has others only in clauses of their own.
            at = bisect.bisect_right(clauses, verb.start())
            if (clauses[at - 1] if at else start) == spoken_in:
                continue
        if verb.group().lower().startswith("according"):
            speakers = _after(text, verb.end(), sentence_states, orgs, people)
        else:
            at = bisect.bisect_right(clauses, verb.start())
            clause = clauses[at - 1] if at else start
            pronoun = _PERSON_PRONOUN.search(text, max(clause, verb.start() - 20), verb.start())
            speakers = (
                []
                if pronoun is not None
                else _comma_inverted(text, verb, end, orgs, people)
                or _comma_inverted_state(text, verb, end, sentence_states)
                or _subjects(
                    text,
                    start,
                    verb.start(),
                    sentence_states,
                    orgs,
                    people,
                    behalf,
                    clause,
                    quoted,
                )
                or _inverted_subject(text, verb, end, sentence_states, orgs, people)
            )
        if speakers:
            speakers = speakers + _as_did(text, verb.end(), end, sentence_states, orgs, people)
        at = bisect.bisect_right(clauses, verb.start())
        clause = clauses[at - 1] if at else start
        when = _spoken_when(text, clause, verb.end())
        # once per speaker, unless the clause puts the words at another time: "In December
        # 2010, the government stated ...[3] In November 2010, the UK stated ..."
        speakers = [
            sp
            for sp in speakers
            if sp.code not in heard or (when is not None and when not in heard_at.get(sp.code, ()))
        ]
        if not speakers and _IT_SUBJECT.search(text, max(clause, verb.start() - 40), verb.start()):
            # "In 2016, it said": the state last heard, if the caller has one
            day = _statement_day(text, start, end, verb, quoted, reference, exact)
            out.append(Statement(_ANAPHOR, verb.start(), end, day, block.paragraph, when=when))
            if not clauses:
                break
            spoken_in = clause
            continue
        official = voices.own or voices.subject
        if (
            not speakers
            and official is not None
            and official not in heard
            and _GOVERNMENT_SUBJECT.search(text, max(clause, verb.start() - 50), verb.start())
            and not _is_action(official, start, end, acts)
        ):
            day = _statement_day(text, start, end, verb, quoted, reference, exact)
            out.append(Statement(official, verb.start(), end, day, block.paragraph, when=when))
            heard.add(official)
            heard_at.setdefault(official, set()).add(when)
            if not clauses:
                break
            spoken_in = clause
            continue
        if not speakers:
            capital = _capital_subject(text, clause, verb.start())
            if capital is not None:
                speakers = [capital]
        if not speakers:
            continue
        heard.update(sp.code for sp in speakers)
        for sp in speakers:
            heard_at.setdefault(sp.code, set()).add(when)
        day = _statement_day(text, start, end, verb, quoted, reference, exact)
        named_in = re.search(r"statement\s+on\s+([A-Za-z][\w\-]*)", text[start:end])
        named = vocabulary.topics(named_in.group(1)) if named_in else []
        for speaker in speakers:
            code = voices.resolve(text, start, end, speaker, sentence_states)
            if _is_action(code, start, end, acts) and not (
                _ANNOUNCES_OWN_ACT.fullmatch(text, speaker.end, verb.end())
                and _ITS_OWN_CLAUSE.match(text, verb.end())
            ):
                continue
            out.append(
                Statement(code, speaker.start, end, day, block.paragraph,
                           named[0] if named else None, when=when)
            )  # fmt: skip
        if not clauses:
            break  # one clause: one speaker
        at = bisect.bisect_right(clauses, verb.start())
        spoken_in = clauses[at - 1] if at else start
    return out


# A state office a person holds where the text does not name the state: in a government's
# own release its minister ("Foreign Minister Bob Carr", "Mr. Hirofumi Nakasone, Minister
# for Foreign Affairs", "By Minister of Foreign Affairs Ine Eriksen Søreide").
_STATE_TITLE = (
    # "Deputy Minister of the Ministry of Foreign Affairs, H.E. Mr. Phoxay Khaykhamphithoune"
    r"(?:(?:[A-Z][a-z]+\s+){0,3}[Mm]inister(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][a-z]+"
    r"(?:\s+(?:and\s+|of\s+)?[A-Z][a-z]+){0,4})?|Senator|Attorney[- ]General|Ambassador|"
    r"Permanent\s+Representative|(?:(?:His|Her)\s+Majesty\s+)?(?:King|Queen)|"
    r"Secretary\s+of\s+State|Secretary\s+(?:of|to)\s+the\s+Ministry\s+of\s+[A-Z][a-z]+"
    r"(?:\s+(?:and\s+)?[A-Z][a-z]+){0,2})"
)
# "Deputy Minister of Foreign Affairs, Mr. Phoxay ...", "the Secretary of the Ministry of
# Defence, Gotabhaya Rajapaksa"
_OFFICE_WORD = prefiltered(re.compile(r"\b(?:[Mm]inister|Ambassador|Senator|King|Queen|Majesty)\b"))
_STATE_OFFICE_BEFORE = re.compile(
    rf"\b{_STATE_TITLE},?\s+(?:(?:the\s+Hon\.?|H\.\s?E\.|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)\s+)*$"
)
_STATE_OFFICE_AFTER = re.compile(
    r",\s*(?:the\s+)?(?:(?:Foreign|Prime|Deputy|Defen[cs]e)\s+)?(?:Minister|Ambassador|"
    r"Permanent\s+Representative|Secretary\s+of\s+State)\b"
)


# An organisation's office before the person ("United Nations Secretary-General Kofi Annan")
# or in the apposition after ("Izumi Nakamitsu, the UN high representative", "Steve Goose,
# director of the Arms Division at Human Rights Watch").
_ORG_OFFICE_BEFORE = re.compile(
    r"(?:Secretary[- ]General|High\s+Representative|Director|President|Chair(?:person)?)\s+$"
)
# the body's office before the person: "PCRC’s disarmament campaigner Ema Tagicakibau",
# "CMAA first vice-president Ly Thuch"
_BODYS_OFFICE = re.compile(
    r"(?:[’']s)?\s+(?:[\w\-]+\s+){0,3}?(?:campaigner|director|coordinator|spokes(?:man|woman|"
    r"person)|(?:vice[- ])?president|chair(?:man|woman|person)?|head|manager|officer|advis[eo]r|"
    r"representative|secretary[- ]general|minister)\s+",
    re.IGNORECASE,
)
_APPOSITION = re.compile(
    # "Mary Wareham, one of the Monitor's editors who is also an advocacy director with
    # Human Rights Watch", "Mary Wareham, deputy crisis, conflict and arms director at"
    r",\s*(?:the\s+)?(?:[\w\-’']+,?\s+){0,12}?(?:(?:at|of|for|with)\s+(?:the\s+)?)?$"
    # or straight after the name: "said Mary Wareham of Human Rights Watch"
    r"|\s+(?:of|from|with)\s+(?:the\s+)?$"
)
# The office before the person, the body named before it: "The President of the ICRC,
# Cornelio Sommaruga, declared"
_OFFICE_OF_ORG_BEFORE = re.compile(
    r"\b(?:President|Director(?:-General)?|Chair(?:person)?|Head|Coordinator|Secretary[- ]General"
    r"|Spokes(?:person|man|woman))\s+of\s+(?:the\s+)?$"
)


def _organisation_of(text: str, speaker: Speaker, end: int) -> str | None:
    comma = text.rfind(",", max(0, speaker.start - 4), speaker.start)
    if comma >= 0:
        for org in reversed(find_organisations(text, max(0, comma - 60), comma)):
            if org.end == comma and _OFFICE_OF_ORG_BEFORE.search(
                text, max(0, org.start - 40), org.start
            ):
                return org.code
            break
    for org in reversed(find_organisations(text, max(0, speaker.start - 60), speaker.start)):
        if _BODYS_OFFICE.fullmatch(text, org.end, speaker.start):
            return org.code
        break
    before = text[max(0, speaker.start - 40) : speaker.start]
    if _ORG_OFFICE_BEFORE.search(before):
        orgs = find_organisations(text, max(0, speaker.start - 40), speaker.start)
        # "UN Secretary-General Ban Ki-moon" (the office a form of the body's name too)
        if orgs and (
            speaker.start - orgs[-1].end <= 2
            or _ORG_OFFICE_BEFORE.fullmatch(text, orgs[-1].end + 1, speaker.start)
        ):
            return orgs[-1].code
    window = min(end, speaker.end + 120)
    for org in find_organisations(text, speaker.end, window):
        if _APPOSITION.fullmatch(text, speaker.end, org.start):
            return org.code
        break
    return None


def _holds_state_office(text: str, start: int, speaker: Speaker) -> bool:
    before = text[max(start, speaker.start - 60) : speaker.start]
    return bool(_STATE_OFFICE_BEFORE.search(before) or _STATE_OFFICE_AFTER.match(text, speaker.end))


# A person the text gives no state or body for, whose reported words open on a state as
# their subject, speaks for it: "President Michael Sata says Zambia has demonstrated its
# resolve", "Mr. X, Director General of the NRA, emphasized that Laos is committed".
_REPORTED_OPENING = re.compile(
    r"(?:,[^.;:\n\"“”]{0,120}?,)?\s+(?:has\s+|had\s+)?(?:[a-z]+ly\s+)?"
    r"(?:said|says|stated|states|noted|notes|confirmed|confirms|announced|announces|emphasi[sz]ed|emphasi[sz]es|stressed|stresses|"
    r"affirmed|affirms|reaffirmed|reaffirms|declared|declares|underlined|underlines|"
    r"explained|explains|added|adds|told\s+[^.;:\n]{1,60}?)\s+(?:that\s+)?(?:the\s+)?$"
)
_REPORTED_PREDICATE = re.compile(
    r"(?:\s+(?:is|was|has|had|have|will|would|does|did|remains|remained|can|could|shall|must|"
    r"fully|also|now|continues|continued|stands|wants)\b|,\s+which\b)"
)


# (not one who reports or campaigns: "The BBC's defence correspondent Rob Watson says Russia
# is unlikely to join" is the correspondent's view)
_OWN_VOICE = re.compile(
    r"\b(?:correspondent|analyst|researcher|expert|professor|journalist|reporter|editor|"
    r"campaigner|activist|advocate|survivor|author|writer|scholar|lawyer|coordinator|member|"
    r"founder|Coalition|Campaign|Watch|Amnesty|Red\s+Cross|NGO|Foundation|Institute|"
    r"University)\b",
    re.IGNORECASE,
)


def _reported_state(
    text: str, speaker: Speaker, end: int, states: list[StateMention]
) -> str | None:
    line_start = text.rfind("\n", 0, speaker.start) + 1
    if _OWN_VOICE.search(text, max(line_start, speaker.start - 60), speaker.start):
        return None
    mention = next((m for m in states if m.start >= speaker.end), None)
    if mention is None or mention.demonym:
        return None
    if mention.start >= end or mention.start - speaker.end > 200:
        return None
    opening = _REPORTED_OPENING.fullmatch(text, speaker.end, mention.start)
    if opening is None or _OWN_VOICE.search(opening.group()):
        return None
    if not _REPORTED_PREDICATE.match(text, mention.end):
        return None
    return mention.iso3


@dataclass
class _Voices:
    """Whom the people a document names speak for, learnt as it is read."""

    affiliation: dict[str, str]  # person -> the organisation or state they spoke for
    own: str | None  # the state whose government's publication this is
    subject: str | None = None  # the state the document is about
    home: str | None = None  # the state it is written from
    surnames: dict[str, str] = field(default_factory=dict)

    def resolve(
        self, text: str, start: int, end: int, speaker: Speaker, states: list[StateMention]
    ) -> str:
        """A state or organisation for a person where the text gives one, else the person."""
        if not speaker.code.startswith("person:"):
            return speaker.code
        code = (
            self.affiliation.get(speaker.code)
            # the Pope speaks as the Holy See's head of state
            or ("VAT" if speaker.code.startswith("person:Pope ") else None)
            or _represents(text, speaker, end)
            or _office_of(text, start, speaker, states)
        )
        if code is None:
            code = _organisation_of(text, speaker, end)
        if code is None:
            code = _reported_state(text, speaker, end, states)
        official = self.own or self.subject or self.home
        if code is None and official is not None and _holds_state_office(text, start, speaker):
            # a state's office with no state named: the government whose release it is, or
            # the state the document is about
            code = official
        if code is None:
            return speaker.code
        self.affiliation[speaker.code] = code
        self.surnames[speaker.code.rsplit(" ", 1)[-1]] = code
        return code

    def learn_offices(
        self, text: str, blocks: list[textmod.Block], states: list[StateMention], starts: list[int]
    ) -> None:
        """Whom each person named with an office speaks for, from every sentence that gives
        the office, so that a later "Hun Sen called on" is the state that "Prime Minister Hun
        Sen has implored" placed him in."""
        named: dict[str, str] = {}  # the state an office names: "Cambodian Prime Minister"
        unnamed: set[str] = set()  # an office alone: "Prime Minister Hun Sen"
        for n in sorted(textmod.blocks_with(_OFFICE_WORD, text, blocks)):
            block = blocks[n]
            in_block = states[
                bisect.bisect_left(starts, block.start) : bisect.bisect_left(starts, block.end)
            ]
            for person in find_people(text, block.start, block.end, in_block):
                if person.code in self.affiliation or person.code in named:
                    continue
                state = _office_of(text, block.start, person, in_block)
                if state is None and _holds_state_office(text, block.start, person):
                    # "Minister of Foreign Affairs Bert Koenders of the Netherlands"
                    state = _represents(text, person, block.end) or _organisation_of(
                        text, person, block.end
                    )
                    if state is None:
                        unnamed.add(person.code)
                if state is not None:
                    named[person.code] = state
        official = self.own or self.subject or self.home
        if official is not None:
            named = {code: official for code in unnamed - set(named)} | named
        for code, state in named.items():
            self.affiliation[code] = state
            self.surnames[code.rsplit(" ", 1)[-1]] = state

    def known_surnames(
        self,
        text: str,
        start: int,
        end: int,
        taken: list[Speaker],
        states: list[StateMention],
    ) -> list[Speaker]:
        """Later mentions by surname of someone already placed: "Senator Carr said", "Goff
        said", "said Mr. Axworthy"."""
        out: list[Speaker] = []
        if not self.surnames:
            return out
        taken_spans = merged([(t.start, t.end) for t in taken])
        state_spans = merged([(m.start, m.end) for m in states])
        for surname, code in self.surnames.items():
            at = text.find(surname, start, end)
            while at >= 0:
                stop = at + len(surname)
                if (
                    (at == 0 or not _is_word(text[at - 1]))
                    and (stop >= len(text) or not _is_word(text[stop]))
                    and not covers(taken_spans, at)
                    and not covers(state_spans, at)
                ):
                    out.append(Speaker(code, at, stop))
                at = text.find(surname, stop, end)
        return out


_QUOTE_BEFORE = re.compile(r"[,.!?]?\s*[”\"]\s*$")
_TITLE_WORDS = re.compile(
    r"\s+(?:the\s+)?(?:[A-Z][\w\-.’']*\s+){0,4}"
    # an office of the state named last: "said Convention President, Vice Foreign Minister of
    # Croatia"
    r"(?:(?:[A-Z][\w\-.’']*)?,\s*(?:the\s+)?(?:[A-Z][\w\-.’']*\s+){1,4}of\s+(?:the\s+)?"
    # or the title before the person: "said the Cartagena Summit President, Susan Eckey",
    # with the person's own title after the comma: "..., Ambassador Susan Eckey"
    r"|[A-Z][\w\-.’']*,\s*(?:(?:H\.\s?E\.|[A-Z][\w\-’']*\.?)\s+){0,3})?"
)


def _inverted_subject(
    text: str,
    verb: re.Match[str],
    end: int,
    states: list[StateMention],
    orgs: list[Speaker],
    people: list[Speaker],
) -> list[Speaker]:
    """The speaker after the verb that closes a quotation: "“...,” said Foreign Minister
    Jonas Gahr Støre", "said Mr. Axworthy"."""
    if not _QUOTE_BEFORE.search(text, max(0, verb.start() - 4), verb.start()):
        return []
    names = [Speaker(s.iso3, s.start, s.end) for s in states if not s.demonym]
    return _named_after(text, verb, end, [*names, *orgs, *people])


def _named_after(
    text: str, verb: re.Match[str], end: int, candidates: list[Speaker]
) -> list[Speaker]:
    """The first candidate after the verb, if only a title stands between them."""
    for c in sorted(candidates, key=lambda c: c.start):
        if c.start < verb.end():
            continue
        if c.start - verb.end() > 60 or not _TITLE_WORDS.fullmatch(text, verb.end(), c.start):
            return []
        return [c] if c.end <= end else []
    return []


_COMMA_BEFORE = re.compile(r",\s*$")


def _comma_inverted(
    text: str, verb: re.Match[str], end: int, orgs: list[Speaker], people: list[Speaker]
) -> list[Speaker]:
    """The person or body after a verb that closes a clause of reported words: "Britain,
    Denmark and Venezuela need to step up mine clearing efforts, warned Steve Goose of Human
    Rights Watch". The states before the comma are what was said, not who said it."""
    if not _COMMA_BEFORE.search(text, max(0, verb.start() - 3), verb.start()):
        return []
    return _named_after(text, verb, end, [*orgs, *people])


#: A state's office just after its name: "Norway's Minister of Foreign Affairs".
_STATES_OFFICE = re.compile(
    r"['’]s?\s+(?:(?:Deputy|Vice|Prime|Foreign|Defence|Defense|First)\s+)*"
    r"(?:Minister|Ambassador|President|Secretary|representative|delegate|spokes(?:man|woman|person))\b"
)


def _comma_inverted_state(
    text: str, verb: re.Match[str], end: int, states: list[StateMention]
) -> list[Speaker]:
    """The state whose office holder closes a clause of reported words: "We are heading
    towards a ban on cluster munitions, says Norway's Minister of Foreign Affairs"."""
    if not _COMMA_BEFORE.search(text, max(0, verb.start() - 3), verb.start()):
        return []
    for state in states:
        if state.start < verb.end() or state.demonym:
            continue
        if text[verb.end() : state.start].strip() not in ("", "the") or state.end > end:
            return []
        if _STATES_OFFICE.match(text, state.end):
            return [Speaker(state.iso3, state.start, state.end)]
        return []
    return []


#: Speakers named in a list the sentence introduces as the floor's: "The following
#: delegations provided updates: A, B and C", "comments by the ICBL and the ICRC",
#: "the transition periods proposed by Germany, Slovakia and Switzerland".
_FLOOR_CUE = prefiltered(
    re.compile(
        r"(?=\w)(?:\b(?:statements?|views|updates?|interventions?|presentations?|comments|observations|"
        # not a release's "For more information, contact:"
        r"information(?<!more\sinformation)(?<!further\sinformation)(?<!additional\sinformation)|"
        r"remarks|spoke|intervened|took\s+the\s+floor|provided|presented|delivered|"
        # (a "that" within its first words says what was confirmed, not who spoke: "provided
        # written confirmation that funds are forthcoming:")
        r"shared|reported|requested|submissions?)\b(?!(?:\s+[\w\-]+){0,3}\s+that\b)[^:;.]{0,180}?:"
        r"\s*(?:the\s+)?"
        r"|\b(?:comments?|statements?|interventions?|remarks|presentations?|proposals?|proposed|"
        r"suggested|raised|introduced|submitted|questions?|concerns?|updates?)\s+(?:\w+\s+){0,2}?"
        r"(?:by|from)\s+"
        # the set the speakers are counted in first: "statements from four non-signatories,
        # Zimbabwe, South Sudan, ...", "updates from 11 countries, Uganda, Madagascar, ..."
        rf"(?:(?:{numbers.NUMBER}|several|many|other)\s+(?:[\w\-]+\s+){{0,2}}?"
        r"(?:[Ss]tates(?:\s+[Pp]arties)?|countries|(?:non-?\s*)?signatories|parties|delegations|"
        r"governments)\s*[,:]\s*(?:namely\s+)?)?"
        r"(?:the\s+)?"
        # the floor's speakers named after "including": "States which have completed stockpile
        # destruction gave statements detailing their processes, including Moldova, ...", "the
        # updates today and yesterday from other states not party, including from China, ..."
        r"|\b(?:(?:gave|made|delivered|provided|heard)\s+(?:\w+\s+){0,2}(?:statements|updates|"
        r"presentations|interventions|remarks)\b[^:;.()]{0,100}?|(?:statements|updates|"
        r"presentations|interventions|remarks)\b[^:;.()]{0,60}?\bfrom\b[^:;.()]{0,60}?)"
        r",\s*including\s+(?:from\s+)?(?:the\s+)?)"
    )
)


_PAPER_SUBMITTED = re.compile(
    r"\b(?:resolutions?|reports?|requests?|documents?|instruments?)\s+(?:was|were|is|are|has\s+been"
    r"|have\s+been)\s+$"
)


def _floor_list(
    text: str,
    start: int,
    end: int,
    states: list[StateMention],
    orgs: list[Speaker],
    people: list[Speaker],
    quoted: list[tuple[int, int]],
) -> list[tuple[list[Speaker], bool]]:
    cues = [m for m in _FLOOR_CUE.finditer(text, start, end) if not _inside(m.start(), quoted)]
    if not cues:
        return []
    candidates = _named_speakers(states, orgs, people)
    out: list[tuple[list[Speaker], bool]] = []
    for cue in cues:
        if _ALIGNS.search(text, max(start, cue.start() - 60), cue.start() + 10):
            continue
        if _PAPER_SUBMITTED.search(text, max(start, cue.start() - 40), cue.start()):
            continue  # "The draft resolution was submitted by Switzerland": its sponsor
        first = next((c for c in candidates if c.start >= cue.end()), None)
        if first is None or first.start != cue.end():
            continue
        earlier = _REDUCED_RELATIVE.search(text, max(start, cue.start() - 40), cue.end())
        out.append((_coordinated(text, first, candidates, end, subject=False), bool(earlier)))
    return out


#: The others who said the same: "Chile encouraged Ukraine to request ..., as did Austria,
#: Costa Rica, ... and the ICRC".
_AS_DID = re.compile(r",\s*as\s+did\s+(?:the\s+)?")


def _as_did(
    text: str,
    verb_end: int,
    end: int,
    states: list[StateMention],
    orgs: list[Speaker],
    people: list[Speaker],
) -> list[Speaker]:
    also = _AS_DID.search(text, verb_end, end)
    if also is None:
        return []
    candidates = _named_speakers(states, orgs, people)
    first = next((c for c in candidates if c.start == also.end()), None)
    return _coordinated(text, first, candidates, end, subject=False) if first else []


#: "the transition periods proposed by Germany": a participle after a noun reports what was
#: put forward before, not on the day a report covers ("Germany proposed" would be that day).
_REDUCED_RELATIVE = re.compile(
    r"\b(?:the|a|an|its|their)\s+(?:\w+\s+){0,3}?\w+\s+(?:proposed|suggested|introduced|"
    r"submitted)\s+by\b"
)


#: A reaction in the passive with its agents listed: "the offer ... which was welcomed by
#: several states including Australia, Canada and Chile", "The proposal was supported by
#: Austria, Mexico and Norway". A noun of speech before "supported by" keeps out support in
#: money ("the project is supported by Norway").
_AGENT_LIST = prefiltered(
    re.compile(
        r"(?=\w)(?:\b(?:welcomed|supported|endorsed|echoed|seconded|opposed|shared)\s+by\s+"
        r"(?:(?:several|many|some|numerous|various|other|a\s+(?:few|number\s+of)|\d{1,3})\s+)+"
        r"(?:states(?:\s+parties)?|countries|delegations|governments)\s*,?\s*"
        r"(?:including|such\s+as|among\s+them|notably)\s+(?:the\s+)?"
        r"|\b(?:proposals?|offer|idea|call|suggestions?|position|views?|requests?|initiative|appeal)"
        r"\s+(?:\w+\s+){0,6}?(?:was|were|is|are|been)\s+(?:\w+ly\s+)?(?:welcomed|supported|"
        r"endorsed|echoed|seconded|opposed)\s+by\s+(?:the\s+)?"
        # "progress in its Parliament, as shared by Vanuatu": the words were the agent's
        r"|(?<=\b[Aa]s\s)(?:shared|stated|noted|said|explained|highlighted|stressed|mentioned"
        r"|underlined|emphasi[sz]ed|pointed\s+out|raised)\s+by\s+(?:the\s+)?)"
    )
)


def _agents(
    text: str, start: int, end: int, candidates: list[Speaker], quoted: list[tuple[int, int]]
) -> list[Speaker]:
    """The agents of each passive reaction in the sentence, in order."""
    out: list[Speaker] = []
    for cue in _AGENT_LIST.finditer(text, start, end):
        if _inside(cue.start(), quoted):
            continue
        first = next((c for c in candidates if c.start >= cue.end()), None)
        if first is not None and first.start == cue.end():
            out += _coordinated(text, first, candidates, end, subject=False)
    return out


def _day_in(
    text: str,
    start: int,
    end: int,
    reference: dt.date | None,
    exact: bool,
    quoted: list[tuple[int, int]],
) -> dt.date | None:
    """The one certain day a sentence gives ("on 19 May"), for speakers it lists."""
    days = [
        m
        for m in dates.find_dates(text, start, end)
        if m.day_certain and m.end_day is None and not _inside(m.start, quoted)
    ]
    if len(days) != 1:
        return None
    day, _ = dates.resolve(days[0], reference, -1, exact)
    return day


def _message_author(
    text: str,
    start: int,
    at: int,
    states: list[StateMention],
    orgs: list[Speaker],
    people: list[Speaker],
) -> Speaker | None:
    """Whose message is delivered: the speaker named last before "message" in the words
    before "delivered by" ("Secretary-General Kofi Annan, in a message read by ...")."""
    if not MESSAGE.search(text, start, at):
        return None
    before = [c for c in _named_speakers(states, orgs, people) if c.end <= at]
    return before[-1] if before else None


# "according to the ICBL", "according to the government of Finland"
_SOURCE_GAP = re.compile(
    r"\s*(?:the\s+)?(?:(?:[Gg]overnment|[Mm]inistry(?:\s+of\s+[A-Z]\w+(?:\s+[A-Z]\w+)?)?|"
    r"[Aa]uthorities|[Pp]resident|[Pp]rime\s+[Mm]inister)\s+of\s+(?:the\s+)?)?"
)


def _after(
    text: str,
    at: int,
    states: list[StateMention],
    orgs: list[Speaker],
    people: list[Speaker],
) -> list[Speaker]:
    """The source named right after "according to"."""
    # "according to the Chilean Foreign Ministry": a demonym with its government's organ
    options = [
        Speaker(s.iso3, s.start, s.end)
        for s in states
        if not s.demonym or _SPEAKING_NOUNS.match(text, s.end)
    ]
    for option in sorted([*options, *orgs, *people], key=lambda o: o.start):
        if option.start >= at:
            gap = text[at : option.start]
            return [option] if _SOURCE_GAP.fullmatch(gap) else []
    return []


def _subjects(
    text: str,
    start: int,
    verb_at: int,
    states: list[StateMention],
    orgs: list[Speaker],
    people: list[Speaker],
    behalf: Speaker | None,
    clause: int | None = None,
    quoted: list[tuple[int, int]] | None = None,
) -> list[Speaker]:
    quoted = quoted or []
    if behalf is not None:
        return [behalf]
    candidates: list[Speaker] = []
    for s in states:
        if s.end > verb_at:
            continue
        if s.demonym and not _SPEAKING_NOUNS.match(text, s.end):
            continue
        if _in_place(text, s):
            continue  # "adopted in Wellington, New Zealand, ..., which proposed"
        candidates.append(Speaker(s.iso3, s.start, s.end))
    # not the agency in a dispatch's dateline: "GENEVA, 31 July (UN Information Service) --"
    candidates += [o for o in orgs if o.end <= verb_at and not _DATELINE_AGENCY.match(text, o.end)]
    candidates += [p for p in people if p.end <= verb_at]
    candidates = _outermost(candidates)
    # the plural "say" has many an unnamed subject ("campaigners say"): a name is its
    # subject only where the name (or a list ending in it) touches the verb
    if _BARE_SAY.match(text, verb_at) and not any(c.end >= verb_at - 3 for c in candidates):
        return []
    if not candidates:
        return []
    # A verb's subject stands in its own clause: "...; France referred to ..., while Belgium
    # noted ...", not at the head of the sentence.
    if clause is not None and clause > start:
        own = [c for c in candidates if c.start >= clause]
        if not own and _CONTRAST_BEFORE.search(text, max(start, clause - 12), clause):
            # "... including the US, Russia and China - but organisers said": after a
            # contrast the verb has a subject of its own, which is none of those named before
            return []
        candidates = own or candidates
    # "A few countries, including Australia, Finland, France, and Poland supported ..."
    listed = [c for c in candidates if _in_subject_list(text, start, c, candidates)]
    if listed:
        return listed
    trailing = _trailing_attribution(text, start, verb_at, candidates, quoted)
    if trailing is not None:
        return [trailing]
    excluded_end = -1
    for candidate in candidates:
        before = text[max(start, candidate.start - 40) : candidate.start]
        if _PREPOSITION_BEFORE.search(before) and not _SPOKESPERSON_OF.search(before):
            excluded_end = candidate.end
            continue
        # "Delegates from Malaysia, Gabon and Kiribati": the rest of a list after a preposition
        if excluded_end >= 0 and re.fullmatch(
            r"\s*(?:,|\band\b|,\s*and\b)\s*(?:the\s+)?", text[excluded_end : candidate.start]
        ):
            excluded_end = candidate.end
            continue
        if re.search(r"[“\"]", text[candidate.end : verb_at]):
            continue
        if _inside(candidate.start, quoted):
            continue  # "“... the UN and the ICRC have ...,” said Mr Støre": named, not speaking
        return _coordinated(text, candidate, candidates, verb_at)
    return []


_CITY_BEFORE = re.compile(r"\b(?P<city>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?),\s*$")


def _in_place(text: str, state: StateMention) -> bool:
    """Whether the state is named as the country of a city before it ("in Geneva,
    Switzerland"): a place, which says nothing."""
    city = _CITY_BEFORE.search(text, max(0, state.start - 30), state.start)
    if city is None or not places.is_city(city.group("city")):
        return False
    # "Mexico, Honduras, Senegal": a state's name that is a city somewhere is the state
    from treatywatch.registry import states as registry

    return registry.lookup(city.group("city")) is None


_DATELINE_AGENCY = re.compile(r"[^()\n]{0,30}\)\s*(?:--|[-–—])")
_RIGHT_BEFORE_VERB = re.compile(r"\s*(?:(?:has|have|also|then|later)\s+)?")
_AFTER_COMMA = re.compile(r",\s*(?:the\s+)?$")


def _trailing_attribution(
    text: str,
    start: int,
    verb_at: int,
    candidates: list[Speaker],
    quoted: list[tuple[int, int]],
) -> Speaker | None:
    """The speaker named after the clause it reports, right before its verb: "Oman joined
    the treaty on August 20, Human Rights Watch said on Sunday" is Human Rights Watch's."""
    last = max(candidates, key=lambda c: c.end)
    if not _RIGHT_BEFORE_VERB.fullmatch(text, last.end, verb_at):
        return None
    if last.start - start < 30 or not _AFTER_COMMA.search(
        text, max(start, last.start - 8), last.start
    ):
        return None
    if _inside(last.start, quoted):
        return None
    earlier = [c for c in candidates if c.end <= last.start]
    if earlier and JOINED.fullmatch(text, max(c.end for c in earlier), last.start):
        return None  # the last of "A, B, C said": coordinated subjects
    return last


#: What joins coordinated subjects: "A, B and C said", "A, joined by B and C, proposed".
_COORDINATOR = re.compile(
    # "Poland (in its capacity as Chair of the Committee), the ICRC": an aside after a member
    r"(?:\s*\([^()]{0,160}\))?"
    r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+|joined\s+by\s+|together\s+with\s+)?|\s+and\s*,?\s+|"
    r"\s+as\s+well\s+as\s+|\s*[(\[]?\s*joined\s+by\s+)(?:the\s+)?"
    # "Malaysia, Gabon, Kiribati, Tajikistan, and newly independent South Sudan"
    r"(?:(?:newly\s+independent|neighbouring|neighboring|fellow)\s+)?"
)
_POSSESSIVE = re.compile(r"[’'`]s\b")
#: Between the last subject and its verb: a few words ("also", "have all"), no clause.
_TO_VERB = re.compile(r"[^;:.!?“\"]{0,48}")


def _coordinated(
    text: str, first: Speaker, candidates: list[Speaker], verb_at: int, *, subject: bool = True
) -> list[Speaker]:
    """The subject ``first`` with the subjects coordinated after it, when the run of them
    reaches the verb: "Mexico, Honduras, Senegal, Peru, and Ghana raised concerns" has five
    speakers; "Japan, which hosted the meeting in Tokyo, said" still has one. A list after
    the verb (``subject`` false: "comments by A and B") need not reach anything."""
    run = [first]
    for c in candidates:
        if c.start <= run[-1].start:
            continue
        # a list whose separators the page lost ("ThailandColombiaSri Lanka"): names that
        # touch are items too, but only after a cue, never as the subject of a verb
        touching = not subject and c.start == run[-1].end
        if c.end > verb_at or not (touching or _COORDINATOR.fullmatch(text, run[-1].end, c.start)):
            break
        if _POSSESSIVE.match(text, c.end):
            break  # "comments by the ICBL and Ukraine's presentation": a new subject
        run.append(c)
    if subject and len(run) > 1 and not _TO_VERB.fullmatch(text, run[-1].end, verb_at):
        return [first]
    return run


def _named_speakers(
    states: list[StateMention], orgs: list[Speaker], people: list[Speaker]
) -> list[Speaker]:
    """Every speaker a stretch of text names (states by name, not by demonym; bodies;
    people), the outermost where one name holds another."""
    names = [Speaker(s.iso3, s.start, s.end) for s in states if not s.demonym]
    return _outermost([*names, *orgs, *people])


def _outermost(candidates: list[Speaker]) -> list[Speaker]:
    """The candidates in order of start, without those inside a longer one ("Lao" in "Lao
    People's Democratic Republic"); one sort and one sweep instead of a test of every pair."""
    ordered = sorted(candidates, key=lambda c: c.start)
    by_start: dict[int, int] = {}  # the furthest end among candidates starting there
    for c in candidates:
        by_start[c.start] = max(by_start.get(c.start, c.end), c.end)
    out: list[Speaker] = []
    reach = -1  # the furthest end among candidates starting before the current start
    starts = sorted(by_start)
    k = 0
    for c in ordered:
        while k < len(starts) and starts[k] < c.start:
            reach = max(reach, by_start[starts[k]])
            k += 1
        # longer: starts before and ends at or after it, or starts with it and ends after
        if reach >= c.end or by_start[c.start] > c.end:
            continue
        out.append(c)
    return out


_REPRESENTS = re.compile(
    # (the rest of a long name the person reader cut: "Samdech ... Techo Hun Sen, ...")
    r"(?:\s+[A-Z][\w\-]*){0,4}"
    r",?\s*(?:(?:the\s+)?(?:Permanent\s+Representative|Ambassador|(?:Prime\s+|Foreign\s+)?"
    r"Minister(?:\s+of\s+[A-Z]\w+(?:\s+(?:and\s+)?[A-Z]\w+)*)?|representative|delegate"
    r"|head\s+of\s+(?:the\s+)?delegation)\s+)?[Oo]f\s+(?:[Tt]he\s+)?"
    # a heading's capitals: "Prime Minister Of The Kingdom Of Cambodia"
    r"(?:(?:Kingdom|Republic|State|Principality|Federation)\s+[Oo]f\s+(?:[Tt]he\s+)?)?$"
)
# a heading's person and, after a comma, the state alone closing the line: "Statement by
# Ambassador Wolfgang Petritsch, Austria"
_COMMA_STATE_LINE = re.compile(r",[ \t]*")
_LINE_CLOSES = re.compile(r"[ \t]*(?:\n|$)")


_APPOSITION_START = re.compile(r",\s*(?:the\s+)?")
_POSSESSIVE_OFFICE = re.compile(
    r"[’']s\s+(?:\w+\s+){0,2}?(?:Permanent\s+Representative|Ambassador|[Mm]inister|"
    r"representative|delegate|envoy|Foreign\s+Minister"
    # "Danilo Rueda, Colombia’s High Commissioner for Peace"
    r"|Commissioner|President|Secretary|Director|[Ss]pokes(?:man|woman|person))\b"
)
# a relative clause that gives the office: "Gebran Soufan, who heads Lebanon's diplomatic
# mission in Geneva", "who leads the Lebanese delegation", "who represents Chile"
_WHO_HOLDS = re.compile(
    r",\s*who\s+(?P<verb>heads|headed|leads|led|is|was|represents|represented)\s+(?:the\s+)?"
)
_POSSESSIVE_MISSION = re.compile(
    r"[’']s\s+(?:\w+\s+){0,2}?(?:delegation|mission|embassy|government)\b"
)
_DEMONYM_MISSION = re.compile(r"\s+(?:\w+\s+)?(?:delegation|mission|embassy|government)\b")
_OPEN_BRACKET = re.compile(r"\s*\(\s*")
_CLOSE_BRACKET = re.compile(r"\s*\)")


def _represents(text: str, speaker: Speaker, end: int) -> str | None:
    """A person named with the state they represent ("Mr. X, Ambassador of Switzerland,
    said") speaks for that state."""
    if not speaker.code.startswith("person:"):
        return None
    from treatywatch.ingest.extract.states import find_states

    window_end = min(end, speaker.end + 80)
    for mention in find_states(text, speaker.end, window_end):
        between = text[speaker.end : mention.start]
        if not mention.demonym and _REPRESENTS.search(between):
            return mention.iso3
        who = _WHO_HOLDS.fullmatch(between)
        if who is not None:
            if mention.demonym:
                office = _DEMONYM_MISSION.match(text, mention.end)
            elif who.group("verb").startswith("represent"):
                return mention.iso3
            else:
                office = _POSSESSIVE_MISSION.match(text, mention.end) or _POSSESSIVE_OFFICE.match(
                    text, mention.end
                )
            if office is not None:
                return mention.iso3
        # "Ambassador X, Oman’s Permanent Representative to the United Nations": the state
        # whose office it is, not the body the office is at
        if (
            not mention.demonym
            and _APPOSITION_START.fullmatch(between)
            and _POSSESSIVE_OFFICE.match(text, mention.end)
        ):
            return mention.iso3
        if (
            not mention.demonym
            and _COMMA_STATE_LINE.fullmatch(between)
            and _LINE_CLOSES.match(text, mention.end)
            # (no full stop between the line's start and the person: a heading's line)
            and text.find(".", text.rfind("\n", 0, speaker.start) + 1, speaker.start) < 0
        ):
            return mention.iso3
        # "Robert Fowler (Canada) said": a UN record names a delegate's state in brackets
        if (
            not mention.demonym
            and _OPEN_BRACKET.fullmatch(between)
            and _CLOSE_BRACKET.match(text, mention.end)
        ):
            return mention.iso3
        # "Juan Umana, a Nicaraguan ministry of defence representative", "Susan Eckey, the
        # convention's Norwegian chair": the office the apposition gives is the state's
        if (
            mention.demonym
            and _DEMONYM_APPOSITION.fullmatch(between)
            and _DEMONYM_OFFICE.match(text, mention.end, window_end)
        ):
            return mention.iso3
        # "Ly Thuch, First Vice President of the Cambodian Mine Action and Victim Assistance
        # Authority": an office in the state's own body (not "... of the Norwegian People's
        # Aid", an organisation of its own)
        if (
            mention.demonym
            and _OFFICE_IN_BODY.fullmatch(between)
            and _BODY_AFTER.match(text, mention.end, min(end, mention.end + 80))
            and not any(
                o.start == mention.start
                for o in find_organisations(text, mention.start, min(end, mention.end + 80))
            )
        ):
            return mention.iso3
        break
    return None


# (the office in small letters too: "Spiro Bassi, chief engineer of the Nicaraguan army")
_OFFICE_IN_BODY = re.compile(
    r",\s*(?:(?:[A-Z][\w\-]*|of|and|for|(?:chief|deputy|senior|head|engineer|officer|commander"
    r"|director|spokes(?:man|woman|person)))\s+){1,6}?(?:of|at|in)\s+the\s+"
)
_BODY_AFTER = re.compile(
    r"(?:\s+[A-Z][\w\-]*|\s+and){0,6}?\s+(?:Authority|Ministry|Government|Army|Armed\s+Forces|"
    r"Centre|Center|Commission|Committee|Agency|Department|Office|Mission|Parliament"
    r"|army|armed\s+forces|navy|air\s+force|government|ministry)\b"
)


_DEMONYM_APPOSITION = re.compile(r",\s*(?:a|an|the)\s+(?:(?:convention|treaty|meeting)[’']s\s+)?")
_DEMONYM_OFFICE = re.compile(
    r"(?:\s+[a-z]+(?:\s+(?:of|for)\s+[a-z]+)?){0,3}?\s+(?:representative|official|minister|"
    r"ambassador|chair(?:man|woman|person)?|president|delegate|diplomat|spokes(?:man|woman|"
    r"person)|envoy|negotiator)\b",
    re.IGNORECASE,
)


# The office of a state before the person who holds it: "the Ambassador of Sri Lanka to the
# UN in Geneva, H.E. Ravinatha Aryasinha", "Japan's Foreign Minister Taro Kono", "Norwegian
# Foreign Minister Jonas Gahr Støre".
_OFFICE = (
    r"(?:Permanent\s+Representative|Ambassador|(?:Deputy\s+|Vice[- ]|Prime\s+|Foreign\s+)?"
    r"Minister(?:\s+(?:of|for)\s+(?:Foreign\s+Affairs|Defen[cs]e|External\s+Relations))?|"
    r"Foreign\s+Affairs\s+Minister|President|Head\s+of\s+(?:the\s+)?Delegation|representative|"
    # "Chinese foreign ministry spokeswoman Mao Ning"
    r"delegate|(?:(?:foreign|defen[cs]e)\s+)?(?:ministry\s+)?spokes(?:person|man|woman))"
)
_OFFICE_OF_BEFORE = re.compile(
    rf"\b{_OFFICE}\s+of\s+(?:the\s+)?$|^[’']s\s+{_OFFICE}\s+$|^\s+{_OFFICE},?\s+$", re.IGNORECASE
)
_OFFICE_TAIL = re.compile(
    r"(?:\s+to\s+the\s+(?:UN|United\s+Nations)[\w\s]{0,30}?)?,?\s*(?:H\.\s?E\.\s*|Mr\.?\s+|"
    r"Ms\.?\s+|Mrs\.?\s+|Dr\.?\s+|Ambassador\s+)*$"
)


def _office_of(text: str, start: int, speaker: Speaker, states: list[StateMention]) -> str | None:
    """The state whose office the person named right after it holds."""
    if not speaker.code.startswith("person:"):
        return None
    for mention in reversed(states):
        if mention.end > speaker.start:
            continue
        if speaker.start - mention.end > 90 or mention.start < start:
            break
        between = text[mention.end : speaker.start]
        if mention.demonym:
            # "Norwegian Foreign Minister Jonas Gahr Støre"
            if _OFFICE_OF_BEFORE.search(" " + between.rstrip() + " ") and _OFFICE_TAIL.search(
                between
            ):
                return mention.iso3
            break
        before = text[max(start, mention.start - 60) : mention.start]
        tail = _OFFICE_TAIL.search(between)
        if tail is None:
            break
        head = between[: tail.start()]
        if not head.strip() and _OFFICE_OF_BEFORE.search(before):
            return mention.iso3  # "the Ambassador of Sri Lanka ..., H.E. Name"
        if re.fullmatch(rf"[’']s\s+{_OFFICE}\s*", between, re.IGNORECASE):
            return mention.iso3  # "Japan's Foreign Minister Name"
        break
    return None


_LIST_OPENER = re.compile(
    r"\b(?:including|such\s+as|namely|(?:[Cc]ountries|[Ss]tates|nations)\s+like)\s+(?:the\s+)?"
)
_LIST_CHARS = re.compile(r"[\w\s\-'’.,]*")
_NOT_CLAUSE_CHARS = re.compile(r"[;:.]")


def _in_subject_list(text: str, start: int, c: Speaker, candidates: list[Speaker]) -> bool:
    """Whether ``c`` is one of a list opened by "including", "such as" or "namely".

    Between the opener and the name stand only words joined by commas or "and", ending
    with one. This was one regex with a quantifier nested in another, which backtracks
    exponentially where the list is followed by something else ("x, x, x, / Norway"); it
    is the same test done in one pass."""
    opener = None
    for match in _LIST_OPENER.finditer(text, start, c.start):
        opener = match  # the last one counts
    if opener is None:
        return False
    lo, hi = opener.end(), c.start
    if lo == hi:
        return True
    if not _LIST_CHARS.fullmatch(text, lo, hi):
        return False
    return _ends_with_separator(text, lo, hi, the=True)


def _only_names_between(text: str, start: int, end: int) -> bool:
    """Whether only names joined by commas or "and" stand between "delivered by" and a
    person, with an optional "and" and "by" last ("by A, B and by C"). One pass, for the
    same reason as _in_subject_list."""
    if start >= end:
        return True
    if _NOT_CLAUSE_CHARS.search(text, start, end):
        return False
    # Where the optional tail "and ", "by " or "and by " may begin.
    tails = [end]
    i = _space_back(text, start, end)
    if i < end:
        if text[max(start, i - 2) : i] == "by" and i - 2 >= start:
            tails.append(i - 2)
            j = _space_back(text, start, i - 2)
            if j < i - 2 and j - 3 >= start and text[j - 3 : j] == "and":
                tails.append(j - 3)
        if i - 3 >= start and text[i - 3 : i] == "and":
            tails.append(i - 3)
    return any(q == start or _ends_with_separator(text, start, q, the=False, stop=end)
               for q in tails)  # fmt: skip


def _space_back(text: str, lo: int, hi: int) -> int:
    """Where the run of white space that ends at ``hi`` begins (not before ``lo``)."""
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return hi


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _ends_with_separator(text: str, lo: int, hi: int, *, the: bool, stop: int = -1) -> bool:
    """Whether ``text[lo:hi]`` ends with ``(?:,|\\band\\b)\\s*`` (and, if ``the``, an
    optional ``the\\s+``); ``stop`` is where the text the regex saw ended (default ``hi``)."""
    stop = hi if stop < 0 else stop
    ends = [_space_back(text, lo, hi)]
    if the and ends[0] < hi and ends[0] - 3 >= lo and text[ends[0] - 3 : ends[0]] == "the":
        ends.append(_space_back(text, lo, ends[0] - 3))
    for e in ends:
        if e - 1 >= lo and text[e - 1] == ",":
            return True
        if (
            e - 3 >= lo
            and text[e - 3 : e] == "and"
            and (e - 3 == lo or not _is_word(text[e - 4]))
            and (e >= stop or not _is_word(text[e]))
        ):
            return True
    return False


def _statement_day(
    text: str,
    start: int,
    end: int,
    verb: re.Match[str],
    quoted: list[tuple[int, int]],
    reference: dt.date | None,
    exact: bool,
) -> dt.date | None:
    mentions = dates.find_dates(text, start, end)
    # the verb's own day first: "Oman joined the treaty on August 20, Human Rights Watch
    # said on Sunday" was said on Sunday
    mentions.sort(key=lambda m: not (verb.end() <= m.start <= verb.end() + 12))
    for mention in mentions:
        if _inside(mention.start, quoted) or not mention.day_certain:
            continue
        # "On 2 March, during a pledging conference ..., the Ambassador announced"
        # and "In a press release issued on 5 May 2010, the Ministry ... stated"
        opening = (
            _OPENING_DAY.search(text, max(start, mention.start - 12), mention.start)
            or text[start : mention.start].strip(" \t\n•-–") == "On"
        ) or (
            _ISSUED_ON.search(text, max(start, mention.start - 30), mention.start)
            and _OPENING_PHRASE.match(text, start)
        )
        if opening and (
            _COMMA_AFTER.match(text, mention.end)
            # "On 28 October 2014 the International Campaign ... delivered": no comma
            or (mention.start - start <= 4 and _SUBJECT_AFTER.match(text, mention.end))
        ):
            day, _ = dates.resolve(mention, reference, -1, exact)
            return day
        # "said in his December 4 statement": the day of the words themselves
        if _OWN_WORDS_BEFORE.search(
            text, max(start, mention.start - 8), mention.start
        ) and _WORDS_AFTER.match(text, mention.end):
            day, _ = dates.resolve(mention, reference, -1, exact)
            return day
        near = abs(mention.start - verb.end()) <= 40 or abs(verb.start() - mention.end) <= 40
        prefixed = re.search(r"\b[Oo]n\s+$", text[max(start, mention.start - 4) : mention.start])
        if near and (prefixed or mention.weekday is not None or mention.relative is not None):
            day, _ = dates.resolve(mention, reference, -1, exact)
            if (
                exact
                and reference is not None
                and mention.weekday == reference.weekday()
                and not _LAST_WEEK.search(text)
            ):
                # "said in a statement on Tuesday" in Tuesday's dispatch: that day, unless the
                # text reports a past week ("late last week")
                day = reference
            if day is None and mention.weekday is not None:
                day = _weekday_back(text, mention.weekday, reference, exact)
            return day
    # "... delivered the statement of Iraq during the discussions on clearance, on 2nd
    # September 2019.": the one day of the sentence, closing the verb's clause
    certain = [m for m in mentions if m.day_certain and not _inside(m.start, quoted)]
    if (
        len(certain) == 1
        and certain[0].start > verb.end()
        and _CLOSING_ON.search(text, max(start, certain[0].start - 6), certain[0].start)
        and _SENTENCE_END.match(text, certain[0].end)
    ):
        day, _ = dates.resolve(certain[0], reference, -1, exact)
        return day
    bare = _BARE_WEEKDAY.match(text, verb.end())
    if bare is not None:
        return _weekday_back(text, _WEEKDAYS.index(bare.group(1)), reference, exact)
    return None


_CLOSING_ON = re.compile(r",\s*on\s+$")
_SENTENCE_END = re.compile(r"\s*(?:[.;]|$)")


_SUBJECT_AFTER = re.compile(r"\s+(?:the\s+)?[A-Z]")
_OWN_WORDS_BEFORE = re.compile(r"\b(?:his|her|its|their)\s+$")
_WORDS_AFTER = re.compile(r"\s+(?:statement|speech|address|remarks|letter|message)\b")
_LAST_WEEK = re.compile(r"\b(?:last|previous|past)\s+week\b", re.IGNORECASE)
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
#: News English dates a report by its weekday alone: "..., minister of Finland's
#: international development, announced Monday."
_BARE_WEEKDAY = re.compile(r"\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _weekday_back(
    text: str, weekday: int, reference: dt.date | None, exact: bool
) -> dt.date | None:
    """The last such weekday up to the day a dispatch's dateline gives ("WELLINGTON, Feb. 22
    (Xinhua) -- ... said on Friday": that Friday), or up to an exact reference day."""
    base = dates.report_day(text, reference) or (reference if exact else None)
    if base is None:
        return None
    return base - dt.timedelta(days=(base.weekday() - weekday) % 7)


# (a sentence's own opening "On" is tested apart: "^" of a search from inside the text
# matches no sentence's start)
_OPENING_DAY = re.compile(r"(?:[.\-–—]\s*|\n\s*)On\s+$")
_COMMA_AFTER = re.compile(r"(?:,?\s+\d{4})?\s*,")
_ISSUED_ON = re.compile(r"\b(?:issued|released|published|dated|delivered|made|given)\s+on\s+$")
_OPENING_PHRASE = re.compile(r"\s*(?:In|At|Through|With)\s+(?:a|an|its|the|his|her)\b")


# A state that announces its own act in words of its own speaks as well as acts: "Britain
# announced last week it had destroyed all ...", "Japan announced that it had completed ..."
# (not "The United Kingdom announced completion of its stockpile destruction, as did
# Denmark", which reports the act, nor "Britain ratified the treaty, officials said")
_ANNOUNCES_OWN_ACT = re.compile(
    r"\s+(?:(?:has|had|also|then|officially|formally)\s+){0,2}"
    r"(?:announced|declared|confirmed|reported|informed)"
)
_ITS_OWN_CLAUSE = re.compile(act_rules.REPORTED_CLAUSE)


# A capital for its government, as the news write: "Kyiv has said it will leave", "Moscow
# says the treaty is flawed", "Officials in Vilnius said" -- the city the subject, straight
# before the verb.
_CAPITAL_SUBJECT = re.compile(
    r"(?:^|(?<=[\s,;(“\"]))(?:[Oo]fficials\s+in\s+)?(?P<city>[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"
    r"\s+(?:(?:has|have|had|also|now|again|then|reportedly)\s+){0,2}$"
)


def _capital_subject(text: str, clause: int, verb_at: int) -> Speaker | None:
    m = _CAPITAL_SUBJECT.search(text, max(clause, verb_at - 60), verb_at)
    if m is None:
        return None
    found = places.city(m.group("city"))
    if found is None or not found.iso3 or places.capital_of(found.iso3) != found.name:
        return None
    return Speaker(found.iso3, m.start("city"), m.end("city"))


def _is_action(code: str, start: int, end: int, acts: dict[str, list[int]]) -> bool:
    """Whether an act of ``code`` starts in ``[start, end)`` (``acts``: sorted starts)."""
    positions = acts.get(code)
    if not positions:
        return False
    i = bisect.bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def _inside(at: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``at`` is strictly inside one of ``ranges`` (sorted, not overlapping, so only
    the last one starting before ``at`` can hold it)."""
    i = bisect.bisect_left(ranges, (at,)) - 1
    return i >= 0 and ranges[i][0] < at < ranges[i][1]


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Spans inside curly quotes (and straight double quotes in pairs)."""
    ranges: list[tuple[int, int]] = []
    for m in re.finditer(r"“[^”\n]{0,3000}?”|\"[^\"\n]{0,3000}?\"", text):
        ranges.append((m.start(), m.end()))
    return ranges


def _as_dict(text: str, s: Statement) -> dict[str, Any]:
    words = text[s.start : s.end]
    return {
        "speaker": s.speaker,
        "date": s.date.isoformat() if s.date else None,
        "text": words,
        "topics": vocabulary.topics(words),
        "stance": vocabulary.stance(words),
        "span": [s.start, s.end],
    }
