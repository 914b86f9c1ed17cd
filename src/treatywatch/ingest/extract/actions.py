"""Acts a text reports as done: joining a treaty, a moratorium, renouncing the weapon,
destroying stockpiles.

Only what happened counts: "Swaziland acceded", "Hungary announcing an immediate moratorium",
"the announcements made by Austria ... to renounce these weapons". Intentions ("plan to
accede", "will sign", "is assessing the impact of signing") are not acts. The state must be
the one doing it: close before the verb, with no quotation or "that"-clause in between.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import re
from typing import Any

from treatywatch.ingest.extract import dates, joining, places
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.prefilter import prefiltered
from treatywatch.ingest.extract.states import StateMention, coordinated_from

# "deposited its instrument of accession", "submitted a Document of Acceptance", "the
# deposit of its instrument of ratification"
_DEPOSITED = (
    # and the participle: "... after depositing its instrument of ratification on ..."
    r"(?:deposit(?:ed|ing)|submit(?:ted|ting)|lodg(?:ed|ing)|deposit\s+of)\s+(?:its|their|an|the|a)\s+"
    r"(?:instrument|document)s?\s+(?:of|for)\s+"
)
# "Cameroon became the 104th country to sign the Convention on 15 December 2009"
# "Australia ... was one of the first countries to sign the Convention on 3 December 2008"
# "Norway was the first to sign", "Angola was among the first to sign up"
_NTH = (
    r"(?:became|(?:has|have)\s+become|was|were|is|are)\s+(?:one\s+of\s+|among\s+)?the\s+\w+\s+"
    r"(?:(?:\w+\s+)?(?:country|countries|state|states|nations?|States?)\s+)?to\s+"
    # "the seventh country to formally ratify"
    r"(?:formally\s+|officially\s+)?"
)
# action -> the words that report it
_ACTS: list[tuple[str, str]] = [
    # "Austria announced that it completed destruction of its cluster munitions", "finished
    # destroying its stockpile", "Belarus declared completion of stockpile destruction"
    # (one alternative per first word: the scan tries each at every word that can open it)
    ("stockpile-destruction-completed",
     r"complet(?:\w*\s+(?:the\s+|its\s+|their\s+)?(?:destruction\s+of\s+(?:its\s+|their\s+)?"
     r"(?:\w+\s+){0,2}?stockpiles?"
     r"|stockpile\s+destruction)"
     r"|(?:ed|es)\s+(?:the\s+)?destruction\s+of\s+(?:all\s+)?(?:of\s+)?its\s+"
     r"(?:\w+\s+){0,2}?(?:stocks?|cluster\s+munitions|(?:anti-?personnel\s+)?(?:land)?mines)\b"
     r"|ion\s+of\s+(?:its\s+|the\s+)?stockpile\s+destruction)"
     # "fully destroyed its own stocks of anti-personnel mines"
     # (or "its known antipersonnel landmine stockpile": a few words name the weapon)
     r"|destroyed\s+(?:all\s+)?(?:of\s+)?(?:its|their)\s+(?:[\w\-]+\s+){0,3}?"
     r"(?:stockpiles?|stocks\b)"
     # "destroyed all the army's two million anti-personnel mines"
     r"|destroyed\s+all\s+(?:of\s+)?(?:its|their|the)\s+(?:[\w’'\-]+\s+){0,4}?"
     r"(?:anti-?personnel\s+(?:land)?mines|cluster\s+munitions)\b"
     # "destroyed the last of its cluster munitions"
     r"|destroyed\s+(?:the\s+)?last\s+(?:of\s+)?(?:its|their)\s+"
     r"|finished\s+destroying\s+(?:all\s+)?(?:of\s+)?(?:its|their)\s+(?:[\w\-]+\s+){0,3}?"
     r"(?:stockpiles?|stocks?)"
     # "their stockpile destruction programs are complete", "declared their stockpile
     # destruction complete"
     r"|stockpile\s+destruction\s+(?:programs?\s+|programmes?\s+|process\s+)?(?:is\s+|are\s+"
     r"|was\s+|were\s+)?(?:now\s+)?complete(?:d)?\b(?!\s+(?:by|in|within)\b)"),
    # a headline's "Japan Gets Rid of All Cluster Munitions", "Algeria says last stock of
    # land mines destroyed"
    ("stockpile-destruction-completed",
     r"g(?:ets|ot)\s+rid\s+of\s+(?:all\s+(?:of\s+)?(?:its\s+|their\s+)?|(?:its|their)\s+(?:last\s+|entire\s+)?)"
     r"(?:[\w\-]+\s+){0,2}?(?:cluster\s+munitions|(?:land\s?)?mines|stockpiles?|stocks?)\b"
     r"|last\s+(?:stock|stockpile)s?\s+of\s+(?:[\w\-]+\s+){0,3}?(?:cluster\s+munitions|(?:land\s?)?mines)"
     r"\s+(?:(?:was|were|has\s+been|have\s+been|is|are)\s+)?destroyed\b"),
    ("stockpile-destruction-started",
     r"(?:began|begun|started|commenced|initiated)\s+(?:the\s+|its\s+)?(?:destruction\s+of|"
     r"destroying|to\s+destroy|stockpile\s+destruction)"
     # a number destroyed is a stockpile being destroyed, not yet all of it: "Bulgaria, Peru,
     # and Slovakia destroyed a total of 2,273 cluster munitions"
     r"|destroyed\s+(?:a\s+(?:collective\s+|combined\s+)?total\s+of\s+|some\s+|over\s+"
     r"|more\s+than\s+|nearly\s+|almost\s+|about\s+)?\d[\d,.]*\s+(?:million\s+)?"
     r"(?:cluster\s+munitions|submunitions)\b"),
    # "deposited its instrument of accession", "deposited the Instrument of Acceptance",
    # "submitted a Document of Acceptance", "deposited its instrument for ratification"
    # one alternative for the four kinds of instrument: the scan tries it once per word
    # and "deposited their instruments of withdrawal", as the news call a notice of one
    ("instrument", _DEPOSITED + r"(?:accession|ratification|acceptance|approval|withdrawal)\b"),
    # "Canada was the first to deposit its ratification"
    # "became the latest country to complete accession to the treaty"
    ("nth", _NTH + r"(?:accede|ratify|sign|(?:deposit|complete|finali[sz]e)\s+(?:its\s+|their\s+)?"
     r"(?:instruments?\s+of\s+)?(?:ratification|accession))\b(?:\s+up\b)?"),
    # "Palestine became the eighty-ninth State Party", "Cuba Joins Convention on Cluster
    # Munitions": it joined, and the record says by which act (joining.py)
    ("party", r"(?:became|becomes|has\s+become)\s+(?:the\s+|a\s+)?(?:[\w\-]+\s+)?(?:full\s+)?"
     r"State\s+Party\b"
     r"|joins\s+(?:the\s+)?(?:Convention|CCM|Mine\s+Ban|Ottawa|[Tt]reaty|[Cc]luster)"),
    # "Canada today became a signatory of the Convention"
    ("signature", r"became\s+(?:a|the\s+\w+)\s+signatory\b"),
    # and the French and Spanish verbs of the depositary's and the ICRC's pages in those
    # languages ("le Burkina Faso a ratifié", "Chile se adhirió", "firmó la Convención")
    ("accession", r"acced(?:ed|es|ing)\b|adhér(?:é|ée|és)\b|adhiri(?:ó|eron)\b"),
    ("ratification", r"ratif(?:ied|ies|ying)\b"
     r"|deposited\s+(?:its|their)\s+ratification\s+instruments?"
     r"|ratifi(?:é|ée|és|ó|caron)(?!\w)"),
    ("signature", r"(?<![\w\-])sign(?:ed|s|ing)\b(?!\s+(?:of|that|up))"
     r"|(?<![\w\-])sign(?:é|ée|és)(?!\w)|firm(?:ó|aron)(?!\w)"),
    ("endorsement", r"endors(?:ed|es|ing)\b"),
    # Adopting the text at the diplomatic conference, in the words the Monitor and the
    # campaigns use; a state "adopting" a plan or a law is no such act.
    ("adoption", r"joined\s+(?:in\s+)?the\s+consensus\s+(?:\w+\s+){0,3}?adopt\w*"
     r"|adopt(?:ed|s|ing)\s+the\s+(?:text\s+of\s+the\s+)?(?:Convention|treaty|CCM)\b(?![’'])"),
    ("withdrawal", r"withdr(?:ew|awn|awal)\b|withdraws\b"
     # the notice is the act (Article 20): "notified the United Nations of their decision
     # to withdraw", "notifies the Secretary-General of its withdrawal"
     r"|notif(?:ied|ies)\s+(?:[\w\-]+\s+){1,5}?of\s+(?:its|their)\s+(?:formal\s+)?"
     r"(?:decision\s+to\s+withdraw|withdrawal)\b"),
    ("moratorium", r"moratori(?:ums?|a)\b"),
    ("renounced", r"renounc(?:e|ed|es|ing)\b"),
]  # fmt: skip
# Tried where an act's word opens (prefilter.py); the look-ahead, written when it was the
# scan's own filter, is kept so that the matches stay as they were.
_ACT = prefiltered(
    re.compile(
        r"(?<![\w])(?=[acdejmrswACDEJMRSW]|[bB]ecame\b|[bB]ecomes\b|[fF]inished\b|[fF]irm"
        r"|[gG](?:ets|ot)\s+rid\b|[lL]ast\s+stock"
        r"|[lL]odg(?:ed|ing)\b|[nN]otif|ha(?:s|ve)\s+become\b|is\b)"
        r"(?:" + "|".join(f"(?P<a{i}>{p})" for i, (_, p) in enumerate(_ACTS)) + ")",
        re.IGNORECASE,
    )
)
# The courtesy that opens a congratulation is no intention: "I would also like to
# congratulate Poland on completing the destruction of their stockpiles"
_POLITE = re.compile(
    r"\b(?:would|wish|want|should)\s+(?:also\s+)?(?:like\s+)?(?:also\s+)?to\s+"
    r"(?:also\s+)?(?=(?:congratulate|thank|commend|welcome|applaud|salute|acknowledge|recogni[sz]e)\b)",
    re.IGNORECASE,
)
_INTENTION = re.compile(
    r"\b(?:plans?|planned|planning|intends?|intention|will|would|shall|should|could|"
    # "may", not the month of "30 May 2008" or "May 2008"
    r"may(?!\s+\d)(?<!\d\smay)|"
    r"might|expects?|expected|hopes?|hoping|consider\w*|assess\w*|stud(?:y|ying)|aims?|ready|"
    r"prepar\w*|urge\w*|call\w*\s+on|invite\w*|encourag\w*|want\w*|wish\w*|possibility|"
    r"not\s+yet|not|yet\s+to|towards?|process\s+of|impact\s+of|if|once|whether|unless|"
    r"proposed|propose|can|must|need\w*|fail\w*|host\w*|"
    # "The security situation around Turkey precluded her from signing"
    r"preclud\w*|prevent\w*|"
    # "Neither Georgia nor Russia has signed", "has never ratified"
    r"neither|nor|never)\b",
    re.IGNORECASE,
)
#: The act words and the intention words, shared with the rules for enumerations.
ACT = _ACT
INTENTION = _INTENTION


def kind_of(match: re.Match[str]) -> str:
    """The act a match of :data:`ACT` reports."""
    kind = next(_ACTS[int(k[1:])][0] for k, v in match.groupdict().items() if v)
    if kind in ("instrument", "nth"):  # "deposited its instrument of acceptance": its last word
        words = match.group().lower().split()
        return _LAST_WORD_KINDS[words[-2] if words[-1] == "up" else words[-1]]
    return kind


_LAST_WORD_KINDS = {
    "accession": "accession", "ratification": "ratification", "acceptance": "acceptance",
    "approval": "approval", "accede": "accession", "ratify": "ratification",
    "withdrawal": "withdrawal",
    "sign": "signature",
}  # fmt: skip


def date_after(text: str, at: int, reference: dt.date | None, exact: bool) -> str | None:
    """A day given right after an act's verb ("acceded on 13 September 2011")."""
    return _date(text, at, reference, exact)


# What stands between an act's verb and its day: a few words, or the treaty acted on and
# where ("its instrument of accession to the Mine Ban Treaty", "the Convention ... in Oslo").
_OBJECT = (
    r"(?:[\w\s]{0,25}?"
    # what a moratorium holds back: "extended her national moratorium on the export and
    # transfer of anti-personnel land mines on 17 January 1999"
    r"|\s+on\s+(?:the\s+|all\s+)?(?:exports?|transfers?|use|production|sales?)\b[\w\s\-]{0,70}?"
    # the treaty described, not named: "Lebanon's ratification of the international treaty
    # banning cluster munitions on 5 November"
    r"|\s+(?:of|to)\s+the\s+(?:international\s+|global\s+)?(?:treaty|convention|ban|pact)"
    r"(?:\s+(?:banning|on|against|to\s+ban)\s+(?:[\w\-]+\s+){1,3}?)?\s*"
    r"|\s*(?:its\s+instrument\s+of\s+\w+\s+(?:to\s+)?)?(?:the\s+)?"
    # "... with the United Nations in New York on 15 September 2020"
    # "Iraq's instrument of ratification was deposited with the Secretary-General on ..."
    # "... to the Convention on Cluster Munitions (CCM) at the United Nations Headquarters",
    # "... of accession joining the treaty with the United Nations"
    r"(?:[A-Z][\w\-]*\s+|on\s+|of\s+|the\s+|to\s+|and\s+|with\s+|was\s+|were\s+"
    r"|deposited\s+|\([A-Z]{2,8}\)\s+|joining\s+|treaty\s+|from\s+"
    # "... from the 1997 Mine Ban Treaty with United Nations headquarters on June 27, 2025"
    r"|(?:19|20)\d\d\s+|headquarters\s+"
    # "Lithuania's withdrawal from the Convention took effect on 6 March 2025"
    r"|took\s+effect\s+|became\s+effective\s+|came\s+into\s+(?:force|effect)\s+){0,12}?"
    # "... during the Oslo Signing Conference on 3 December 2008"
    r"(?:(?:in|at|during)\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2},?\s+){0,2})"
)
_ACT_NOUN_IN = re.compile(r"\b(?:accession|ratification|signature|withdrawal)\b", re.I)
# Signing something else than a treaty: "Zelensky signed a decree on ..."
_SIGNED_OTHER = re.compile(
    r"\s+(?:a|an|the)\s+(?:\w+\s+)?(?:decree|law|bill|memorandum|contract|letter|deal|"
    r"agreement|petition|order)\b",
    re.IGNORECASE,
)
_SIGNED_DECLARATION = re.compile(r"\s+(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?[Dd]eclaration\b")
#: The same in the passive, the paper before its verb: "a letter signed by its defence
#: minister and those of Poland, Latvia and Estonia" (a declaration so signed is endorsed)
PAPER_SIGNED = re.compile(
    r"\b(?P<paper>decree|law|bill|memorandum|contract|letter|deal|agreement|petition|order"
    r"|appeal|declaration)s?\s+(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?"
    r"(?:\w+ly\s+)?$",
    re.IGNORECASE,
)


def signed_kind(text: str, verb_start: int) -> str | None:
    """The act a passive "signed" reports, by the paper just before it: a signature where it
    is the treaty (or the paper is not said), an endorsement for a declaration, and None for
    any other paper, which is no act on a treaty."""
    m = PAPER_SIGNED.search(text, max(0, verb_start - 40), verb_start)
    if m is None:
        return "signature"
    return "endorsement" if m.group("paper").lower() == "declaration" else None


_ENDORSED_AIMS = re.compile(
    r"\s+(?:the\s+|its\s+)?(?:\w+\s+)?(?:purposes?|objectives?|aims?|goals?|spirit|principles?)\b"
)
_BARRIER = re.compile(r"[“”\"():;]|\bthat\b|\bwho\b|\bwhich\b")
_WINDOW = 70
#: The clause a state reports its own act in, after the verb that reports it: "announced on
#: Tuesday that it ...", "said last week that it ...", and with no "that": "announced last
#: week it ..." (statements.py reads the same clause as the state's own words).
REPORTED_CLAUSE = r"(?:\s+(?:on\s+\w+|today|yesterday|(?:last|this)\s+\w+))?\s+(?:that\s+)?it\s+"
# "Norway announced that it had completed ...": the state reports its own act
_REPORTED = re.compile(
    # "Poland’s announcement that it had completed the destruction"
    r"(?:['’]s)?\s+(?:\w+\s+)?(?:announced|announcement|confirmed|confirmation|reported|declared"
    r"|declaration|said|stated"
    # "announced on Tuesday that it had destroyed", "said last week that it had"
    r"|informed\s+\w+)" + REPORTED_CLAUSE + r"(?:(?:had|has)\s+)?(?:\w+\s+)?"
)
# What may stand between the state and its verb and still leave the state the subject: its
# short name in brackets ("The Lao People’s Democratic Republic (Lao PDR) signed") and a
# relative clause on it ("I congratulate Colombia, which ratified during ...").
_ALIAS = re.compile(r"\s*\([A-Z][\w.’'\- ]{0,30}\)")
# (the comma may be left out: "We welcome Fiji, Iceland and Mauritius which ratified")
_RELATIVE = re.compile(r",?\s*which\s+(?:(?:has|had|have)\s+)?(?:(?:also|now|just|recently)\s+)?")
# a relative clause set off by commas: "Afghanistan, which has about 150 to 300 injured or
# killed by mines every month, became the latest country to complete accession"
_RELATIVE_CLAUSE = re.compile(r",\s*which\s+[^,;.:()“”\"]{1,90},\s*")
# The state is not the doer of a passive: "Poland joined NATO the same year the treaty was
# ratified".
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?$")
# A noun act the state is only the topic of: "decisions by the Russian Federation regarding
# withdrawal from international agreements"
_TOPIC = re.compile(r"\b(?:regarding|concerning|about|over|on)\b")
_NOUN_KINDS = frozenset({"withdrawal", "moratorium"})
_GOVERNMENT = re.compile(r"\s+(?:[Gg]overnment|[Aa]uthorities)\b")
# A second act of the same subject: "Andorra signed the Mine Ban Treaty on 3 December 1997
# and ratified it on 29 June 1998"
_COORDINATED = re.compile(
    # (no space before it after a relative pronoun: ", which " + "signed ... and ")
    r"\s*(?:\w+\s+){0,2}?(?:signed|ratified|acceded|endorsed)\b[^.;:()“”\"]{0,90}?"
    r"(?:,\s*(?:and\s+)?|\band\s+)(?:then\s+|later\s+|subsequently\s+|also\s+)?"
)
_COORDINATED_MAX = 130


# "Norway was the first nation to sign on, followed by Laos and Lebanon"
# "..., as did Denmark": the same act by others
_FOLLOWED = re.compile(r"[^.;:()“”\"]{0,60}?,?\s+(?:followed\s+by|as\s+did|joining)\s+(?:the\s+)?")


def _followed_by(
    text: str, at: int, states: list[StateMention], starts: list[int]
) -> tuple[list[StateMention], bool]:
    """The states that did the act besides its subject, "followed by A and B", "as did A",
    "joining A and B", and whether they did it before ("joining")."""
    followed = _FOLLOWED.match(text, at)
    if followed is None:
        return [], False
    joined = followed.group().rstrip().endswith(("joining", "joining the"))
    return coordinated_from(text, followed.end(), states, starts), joined


def _date_between(
    text: str, start: int, end: int, reference: dt.date | None, exact: bool
) -> str | None:
    """The one full day between the subject and its verb: "The Government of Niue, has
    today 6 August 2020, deposited its instrument", "Chile on 16 December 2010 acceded"."""
    mentions = dates.find_dates(text, start, end)
    # a full day wins over the "today" beside it ("has today 6 August 2020, deposited")
    found = [d for d in mentions if d.day is not None] or [
        d for d in mentions if d.relative is not None
    ]
    if len(found) != 1 or found[0].end_day is not None:
        return None
    if found[0].year is None and found[0].relative is None:
        return None
    day, _ = dates.resolve(found[0], reference, -1, exact)
    return day.isoformat() if day is not None else None


def find_actions(
    text: str, states: list[StateMention], reference: dt.date | None, exact: bool = False
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str | None]] = set()
    # Mentions are left to right and do not overlap: the ones in a sentence are a slice
    # found by bisection, not a scan of the whole document's for every verb.
    starts = [s.start for s in states]
    for m in _ACT.finditer(text):
        kind = kind_of(m)
        if kind == "signature" and _SIGNED_OTHER.match(text, m.end()):
            continue
        if kind == "signature" and _SIGNED_DECLARATION.match(text, m.end()):
            kind = "endorsement"  # "82 countries have signed a declaration supporting a ban"
        if kind == "endorsement" and _ENDORSED_AIMS.match(text, m.end()):
            continue  # "China ... endorses the purposes and objectives of the Convention"
        sentence_start = textmod.sentence_start(text, m.start())
        window = states[
            bisect.bisect_left(starts, sentence_start) : bisect.bisect_left(starts, m.start())
        ]
        # a demonym names the state only as its government: "The Australian Government
        # ratified the Ottawa Convention on 14 January 1999"
        before = [
            s
            for s in window
            if s.end <= m.start() and (not s.demonym or _GOVERNMENT.match(text, s.end))
        ]
        actors = _actors(text, before, m.start(), kind)
        if (
            not actors
            or _PLACE.search(text, max(0, actors[0].start - 12), actors[0].start)
            or (
                text.startswith(",", actors[0].end)
                and _CITY_OF.search(text, max(0, actors[0].start - 40), actors[0].start)
            )
            or _country_of_city_before(text, actors[0])
        ):
            # "the French military stationed in Djibouti destroyed its stockpile": a place
            continue
        if kind == "withdrawal" and m.group().lower() == "withdrawal":
            stop = text.find(".", m.end())
            sentence_end = stop if stop >= 0 else len(text)
            if not _WITHDRAWAL_DONE.search(text, sentence_start, sentence_end) or _WILL.search(
                text, sentence_start, sentence_end
            ):
                continue  # see _WITHDRAWAL_DONE: the noun names one decided, not yet done
        if _TOPIC_GERUND.search(
            text, max(0, m.start() - 12), m.start()
        ) and not _CONGRATULATED.search(text, sentence_start, m.start()):
            # "statements from A and B on acceding to the convention": a topic (but "we
            # congratulate Poland on completing the destruction" reports the act)
            continue
        # "the possibility of Malaysia acceding" is no accession either
        head = _POLITE.sub("", text[max(sentence_start, actors[0].start - 40) : m.start()])
        if (
            _INTENTION.search(head)
            or _DECIDED.search(head)
            or _ABOUT_ACT.search(text, max(0, actors[0].start - 40), actors[0].start)
        ):
            continue
        when = (
            _date(text, m.end(), reference, exact)
            or _date_between(text, actors[-1].end, m.start(), reference, exact)
            or _opening_date(
                text, sentence_start, _full_name_start(text, actors[0], before), reference, exact
            )
        )
        followers, joined = _followed_by(text, m.end(), states, starts)
        respective = respective_days(text, m.end(), len(actors), reference, exact)
        if when is not None:
            # "Tonga acceded on 25 June 2025 and the Marshall Islands on 12 March": the verb
            # left out, each later state on its own day
            for other, its_day in _gapped(text, m.end(), states, starts, reference, exact):
                if (other.iso3, kind, its_day) not in seen:
                    seen.add((other.iso3, kind, its_day))
                    out.append(
                        {"state": other.iso3, "action": kind, "date": its_day,
                         "span": [other.start, other.end]}
                    )  # fmt: skip
        treaty = None
        if kind == "party":
            stop = text.find(".", m.end(), m.end() + 300)
            treaty = joining.treaty_of(text, sentence_start, stop if stop >= 0 else m.end() + 300)
        for actor in [*actors, *followers]:
            # those a state "joined" acted before it, on days of their own
            day = None if joined and actor in followers else when
            act = kind
            if kind == "party":
                joined_by = joining.joining_act(actor.iso3, treaty)
                if joined_by is None:
                    continue
                act = joined_by[0]
                # the text's day only where it is the act's ("became a State Party on 1
                # January 2003" is the day the treaty bound it)
                day = day if day == joined_by[1] else None
            if respective is not None and actor in actors:
                day = respective[actors.index(actor)]
            own = _own_day(text, actor.end) if actor in actors else None
            if own is not None:
                first, _ = dates.resolve(own[1], reference)
                day = first.isoformat() if first is not None else day
            key = (actor.iso3, act, day)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                {"state": actor.iso3, "action": act, "date": day, "span": [actor.start, m.end()]}
            )
    out.extend(_noun_acts(text, states, reference, exact))
    return merge(out)


# An act named as a noun: "the ratification by Norway", "the accession of Tuvalu",
# "Palestine's accession".
_NOUN_ACTS = {
    "ratification": "ratification", "accession": "accession", "signature": "signature",
    "signing": "signature", "withdrawal": "withdrawal", "acceptance": "acceptance",
    "approval": "approval",
}  # fmt: skip
# "the accessions of Sri Lanka and Palestine": one act of each state the plural names
_PLURAL_NOUN_ACTS = {
    "ratifications": "ratification", "accessions": "accession", "signatures": "signature",
    "withdrawals": "withdrawal",
}  # fmt: skip
#: The plural nouns of acts and the act each names, shared with the enumerations.
PLURAL_NOUN_ACTS = _PLURAL_NOUN_ACTS
_ACT_NOUN = prefiltered(
    re.compile(
        # "Ratification by Ethiopia" opening a bullet too
        r"\b(?P<noun>"
        + "|".join(f"{n}|{n.capitalize()}" for n in [*_PLURAL_NOUN_ACTS, *_NOUN_ACTS])
        + r")\s+(?:of\s+(?:the\s+)?(?:Convention|Treaty|"
        r"CCM|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}\s+(?:Treaty|Convention))\s+)?"
        r"(?P<link>by|of)\s+(?:the\s+)?"
    )
)
_OWN_ACT_OPENINGS = (" on ", " for ", " upon ", " was ", " were ", " has ", " have ")
_ON_ITS = re.compile(
    # and the praise in the passive: "Lebanon was congratulated Tuesday for its ratification"
    r"(?:,?\s+(?:was|were|has\s+been|have\s+been)\s+(?:congratulated|praised|commended|thanked"
    r"|applauded|lauded|hailed)(?:\s+[A-Z]?[a-z]+day)?)?"
    r"\s+(?:on|for|upon)\s+(?P<own>its|their)\s+(?:recent\s+|formal\s+)?"
    r"(?P<noun>ratification|accession|signature)\b"
)


def _passive_acts(
    text: str, named: list[StateMention], reference: dt.date | None, exact: bool
) -> list[dict[str, Any]]:
    """An act in the passive with a state, or a few coordinated, as its agent: "adopted in
    2008 and ratified by Switzerland in 2011", "instruments of accession were deposited by
    A and B" (a longer list after "by" is read by the enumerations). Only the words before
    the agent can make it an intention: the clause after it is the treaty's own."""
    out: list[dict[str, Any]] = []
    starts = [s.start for s in named]
    for s in named:
        passive = _PASSIVE_BY.search(text, max(0, s.start - 30), s.start) or _DEPOSITED_BY.search(
            text, max(0, s.start - 90), s.start
        )
        if passive is None:
            continue
        # "signed by Canada and Norway on 3 December 1997": each of the agents, dated by what
        # follows the last (a list that runs on past a few names is the enumerations')
        chain = coordinated_from(text, s.start, named, starts) or [s]
        if len(chain) > _AGENTS or re.match(r"\s*(?:,|and\b)", text[chain[-1].end :][:6]):
            continue
        head = text[textmod.sentence_start(text, s.start) : passive.start()]
        if _INTENTION.search(head) or _PENDING.search(head):
            continue
        verb = passive.group("verb")
        kind = (
            signed_kind(text, passive.start("verb"))
            if verb == "signed"
            else _PASSIVE_KINDS.get(verb) or _NOUN_ACTS[verb.lower()]
        )
        if kind is None:
            continue
        # "instruments of accession were deposited on 2 April 2019 by ...": the day may
        # stand before the agents
        when = _date(text, chain[-1].end, reference, exact)
        if when is None and passive.re is _DEPOSITED_BY:
            when = _date(text, passive.end("verb"), reference, exact)
        for agent in chain:
            out.append(
                {
                    "state": agent.iso3,
                    "action": kind,
                    "date": when,
                    "span": [passive.start(), agent.end],
                }
            )
    return out


def _stocks_destroyed(
    text: str, states: list[StateMention], reference: dt.date | None, exact: bool
) -> list[dict[str, Any]]:
    """A state's whole stock said destroyed in the passive: "the last remaining Argentine
    anti-personnel mines were destroyed", "Japan's entire stockpile has been destroyed".
    Only the last or the whole of it: "Peru's mines were destroyed" may be some of them."""
    out: list[dict[str, Any]] = []
    for s in states:
        # "Japan's entire stockpile", or the name as an adjective: "Argentine mines"
        if text[s.end : s.end + 1] in ("'", "’"):
            m = _OWN_STOCK_DESTROYED.match(text, s.end)
        else:
            m = _STOCK_DESTROYED.match(text, s.end)
        if m is None:
            continue
        whole = _ALL_OF_BEFORE.search(text, max(0, s.start - 30), s.start)
        if whole is None and m.group("whole") is None:
            continue
        head = text[textmod.sentence_start(text, s.start) : s.start]
        if _INTENTION.search(head) or _PENDING.search(head):
            continue
        when = _date(text, m.end(), reference, exact)
        if when is None:
            # "a ceremony on 4 December at which the last remaining Argentine mines were
            # destroyed": the one day the sentence gives before them
            days = [
                d
                for d in dates.find_dates(text, textmod.sentence_start(text, s.start), s.start)
                if d.day is not None and d.end_day is None
            ]
            if len(days) == 1 and _ON_DAY.search(text, max(0, days[0].start - 4), days[0].start):
                day, _ = dates.resolve(days[0], reference, -1, exact)
                when = day.isoformat() if day else None
        out.append(
            {
                "state": s.iso3,
                "action": "stockpile-destruction-completed",
                "date": when,
                "span": [(whole or m).start(), m.end()],
            }
        )
    return out


_STOCK = (
    r"\s+(?:remaining\s+)?(?P<whole>(?:last|entire|whole)\s+)?(?:(?:remaining|own)\s+)?"
    r"(?:(?:stockpiled|anti-?personnel|cluster|land)\s+){0,2}"
    r"(?:stockpiles?|stocks?|(?:land)?mines|(?:cluster\s+)?munitions)"
    r"(?:\s+of\s+(?:[\w\-]+\s+){0,2}?(?:(?:land)?mines|munitions))?"
    r"\s+(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?destroyed\b"
)
_OWN_STOCK_DESTROYED = re.compile(r"['’]s?" + _STOCK)
_STOCK_DESTROYED = re.compile(_STOCK)
_ALL_OF_BEFORE = re.compile(
    r"\b(?:[Tt]he\s+last\s+(?:remaining\s+)?(?:of\s+)?|[Aa]ll\s+(?:of\s+)?|[Tt]he\s+(?:entire|whole)\s+)"
    r"(?:the\s+)?$"
)
_ON_DAY = re.compile(r"\bon\s+$")


#: The most agents a passive's "by" is read for here; a longer run is a list.
_AGENTS = 4
# "Instruments of ratification were deposited on 10 May 2011 by Lebanon"
_DEPOSITED_BY = re.compile(
    r"\b[Ii]nstruments?\s+of\s+(?P<verb>ratification|accession|acceptance|approval|withdrawal)"
    r"\s+(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?deposited"
    r"(?:\s+(?:on|in)\s+[\w ,]{3,30}?)?\s+by\s+(?:the\s+)?(?:Government\s+of\s+(?:the\s+)?)?$"
)


_PASSIVE_BY = re.compile(
    r"\b(?P<verb>signed|ratified|endorsed)\s+by\s+(?:the\s+)?(?:Government\s+of\s+(?:the\s+)?)?$"
)
_PASSIVE_KINDS = {"signed": "signature", "ratified": "ratification", "endorsed": "endorsement"}
_ANNOUNCING_ITS = re.compile(
    r"\s+(?:announc(?:ed|ing)|confirm(?:ed|ing)|declar(?:ed|ing))\s+its\s+(?:recent\s+|formal\s+)?"
    r"(?P<noun>ratification|accession|signature)\b"
)
_POSSESSIVE = re.compile(
    # "Iraq's instrument of ratification was deposited"
    r"['’]s?\s+(?:instrument\s+of\s+)?(?P<noun>" + "|".join(_NOUN_ACTS) + r")\b"
)


def _noun_acts(
    text: str, states: list[StateMention], reference: dt.date | None, exact: bool
) -> list[dict[str, Any]]:
    """Acts named as nouns: one pass for "the <act> (of the Treaty) by|of <state>", and a
    look after each name for "<state>'s <act>"."""
    named = [s for s in states if not s.demonym]
    at = {s.start: s for s in named}
    starts = [s.start for s in named]
    found: list[tuple[StateMention, str, int]] = []
    for m in _ACT_NOUN.finditer(text):
        s = at.get(m.end())
        noun = m.group("noun").lower()
        kind = _PLURAL_NOUN_ACTS.get(noun) or _NOUN_ACTS[noun]
        # "accession of Tuvalu" names who acceded; "signature of" rarely names a signer
        if s is None or (m.group("link") == "of" and kind not in ("accession", "ratification")):
            continue
        # "the ratification by Burkina Faso and Moldova": each state the noun's agent names,
        # dated by what follows the last of them
        chain = coordinated_from(text, s.start, named, starts) or [s]
        found.extend((state, kind, chain[-1].end) for state in chain)
    for s in named:
        if text[s.end : s.end + 1] in ("'", "’"):
            own = _POSSESSIVE.match(text, s.end)
            if own is not None:
                found.append((s, _NOUN_ACTS[own.group("noun")], own.end()))
        elif text.startswith(_OWN_ACT_OPENINGS, s.end):
            # "Congratulations to the government of Namibia on its ratification",
            # "congratulating Vanuatu for its accession to this Convention"
            own = _ON_ITS.match(text, s.end)
            if own is not None:
                # "We congratulate Cuba and Palestine on their accession": each state the
                # plural owner names
                owners = (
                    _joined_before(text, s, named, starts) if own.group("own") == "their" else [s]
                )
                found.extend((o, _NOUN_ACTS[own.group("noun")], own.end()) for o in owners)
        else:
            # "with Belize announcing its accession to the treaty"
            own = _ANNOUNCING_ITS.match(text, s.end)
            if own is not None:
                found.append((s, _NOUN_ACTS[own.group("noun")], own.end()))
    out: list[dict[str, Any]] = _passive_acts(text, named, reference, exact)
    out += _stocks_destroyed(text, states, reference, exact)
    for s, kind, act_end in found:
        sentence_start = textmod.sentence_start(text, s.start)
        sentence_end = text.find(".", act_end)
        around = text[sentence_start : sentence_end if sentence_end >= 0 else len(text)]
        # the act's own conjunct, not the next one's: "marked by Colombia's ratification of
        # the Convention and Cuba's announcement that it would join soon"
        other = _NEXT_OWNER.search(around, act_end - sentence_start)
        conjunct = around[: other.start()] if other else around
        when = _date(text, act_end, reference, exact)
        if when is not None:
            # "Lebanon's ratification of the treaty on 5 November should benefit the
            # survivors": a dated act happened; what follows is said of it
            conjunct = around[: act_end - sentence_start]
        # "The Holy See wishes to congratulate the Marshall Islands for its recent
        # ratification": the wish is the speaker's; what is congratulated has happened
        praised = list(_CONGRATULATED.finditer(text, sentence_start, s.start))
        if praised:
            conjunct = conjunct[praised[-1].end() - sentence_start :]
        if _INTENTION.search(conjunct) or _PENDING.search(conjunct):
            continue
        if _ABOUT_ACT.search(text, max(0, s.start - 40), s.start):
            continue
        if kind == "withdrawal" and not _WITHDRAWAL_DONE.search(around):
            continue  # see _WITHDRAWAL_DONE
        out.append(
            {
                "state": s.iso3,
                "action": kind,
                "date": when,
                "span": [s.start, act_end],
            }
        )
    return out


#: The next state's conjunct after an act named as a noun: "... and Cuba's announcement".
_NEXT_OWNER = re.compile(r"\s+and\s+(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*[’']s\b")
_TOPIC_GERUND = re.compile(r"\b(?:on|about|regarding|concerning|towards?)\s+$")
_CONGRATULATED = re.compile(
    r"\b(?:congratulat|commend|thank|applaud|salut|welcom|recogni[sz]|prais)\w*", re.I
)
_WILL = re.compile(r"\b(?:will|would|shall)\b")
#: The words that say a withdrawal named as a noun has happened: "Lithuania's withdrawal
#: took effect on 6 March 2025", "its formal withdrawal", "Lithuania's effective withdrawal".
#: A withdrawal takes effect six months after its notice, and the noun alone mostly names
#: one decided or announced ("Parliament approved Finland's withdrawal", "in favour of
#: Poland's withdrawal"), not one that has happened.
_WITHDRAWAL_DONE = re.compile(
    r"\b(?:took\s+effect|takes\s+effect|came\s+into\s+(?:force|effect)|comes\s+into\s+(?:force|effect)"
    r"|entered\s+into\s+force|effective|formal|formally|completed|became\s+effective"
    # the notice that starts the six months is the act the depositary records
    r"|notif(?:y|ies|ied|ying|ication)|officially)\b",
    re.I,
)


# A named act that has not happened: "pending ratification", "awaits the accession of"
_PENDING = re.compile(r"\b(?:pending|await\w*|future|possible|prospect\w*|towards)\b", re.I)


def merge(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One act once: a repeated (state, act, day) once, and an undated report of an act
    dropped where a dated one of it stands (a headline and its story report it twice)."""
    seen: set[tuple[str, str, str | None]] = set()
    unique = []
    for a in found:
        key = (a["state"], a["action"], a["date"])
        if key not in seen:
            seen.add(key)
            unique.append(a)
    dated = {(a["state"], a["action"]) for a in unique if a["date"] is not None}
    return [a for a in unique if a["date"] is not None or (a["state"], a["action"]) not in dated]


# What joins two states of one subject: "A, B and C", "A and earlier by B".
_JOINT = re.compile(
    r"\s*(?:,|\band\b|,\s*and\b)\s*(?:(?:earlier|also|later)\s+)?(?:by\s+)?(?:the\s+)?"
)


def _actors(
    text: str, before: list[StateMention], verb_at: int, kind: str = ""
) -> list[StateMention]:
    """The state doing the act and any joined to it ("Austria and Bosnia-Herzegovina, and
    earlier by Belgium")."""
    if not before:
        return []
    last = before[-1]
    gap = text[last.end : verb_at]
    alias = _ALIAS.match(gap) or _RELATIVE_CLAUSE.match(gap) or _RELATIVE.match(gap)
    own = _own_day(text, last.end)
    if alias is not None:
        gap = gap[alias.end() :]
    elif own is not None:
        gap = text[own[0].end() : verb_at]  # "... and Ecuador (29 April 1999) have ratified"
    elif gap.startswith(")") and text[last.start - 1 : last.start] == "(":
        gap = gap[1:]  # the short name in brackets is a name of the state: "(Lao PDR) signed"
    if len(gap) <= _COORDINATED_MAX and _COORDINATED.fullmatch(gap):
        gap = ""  # the subject of the act before it
    reported = _REPORTED.fullmatch(gap) is not None
    if len(gap) > _WINDOW or (_BARRIER.search(gap) and not reported):
        return []
    # ("Lithuania announced on Thursday that it has withdrawn": a day, not a topic)
    if _PASSIVE.search(gap) or (kind in _NOUN_KINDS and not reported and _TOPIC.search(gap)):
        return []
    # (becoming a State Party is the act after it told again: "has become the 100th State
    # Party ... after depositing its instrument of ratification")
    if any(kind_of(g) != "party" for g in _ACT.finditer(gap)) or _ACT_NOUN_IN.search(gap):
        # "Palestine also acceded ..., while five signatories ratified"; "With South Sudan's
        # accession, 36 of 54 African States have ratified"
        return []
    chain = [last]
    for mention in reversed(before[:-1]):
        own = _own_day(text, mention.end)
        joint = text[own[0].end() if own else mention.end : chain[0].start]
        if not _JOINT.fullmatch(joint):
            break
        chain.insert(0, mention)
    return chain


def _joined_before(
    text: str, last: StateMention, named: list[StateMention], starts: list[int]
) -> list[StateMention]:
    """``last`` and the states joined to it before by commas and "and" ("Cuba and Palestine",
    "Fiji, Iceland and Mauritius"); ``starts``: the starts of ``named``."""
    i = bisect.bisect_left(starts, last.start)
    chain = [last]
    while i > 0 and _JOINT.fullmatch(text, named[i - 1].end, chain[0].start):
        i -= 1
        chain.insert(0, named[i])
    return chain


_GAP_AND = re.compile(r"(?:,\s*|\s+)and\s+(?:the\s+)?")
_GAP_ON = re.compile(r"\s+(?:on|in)\s+")
_GAP_REACH = 160


def _gapped(
    text: str,
    at: int,
    states: list[StateMention],
    starts: list[int],
    reference: dt.date | None,
    exact: bool,
) -> list[tuple[StateMention, str]]:
    """The states after a dated act that share its verb, each with its own day: "... and
    the Marshall Islands on 12 March 2025" (the clause holds nothing but the state and
    the day)."""
    stop = text.find(".", at)
    stop = min(len(text), at + _GAP_REACH) if stop < 0 else min(stop, at + _GAP_REACH)
    out: list[tuple[StateMention, str]] = []
    i = bisect.bisect_left(starts, at)
    while i < len(states) and states[i].start < stop:
        state = states[i]
        i += 1
        before = text.rfind(" and ", at, state.start)
        joint = _GAP_AND.search(text, max(at, before - 1), state.start) if before >= 0 else None
        on = _GAP_ON.match(text, state.end)
        if joint is None or joint.end() != state.start or on is None or state.demonym:
            continue
        days = dates.find_dates(text, on.end(), min(len(text), on.end() + 30))
        if not days or days[0].start != on.end() or days[0].day is None:
            continue
        if text[days[0].end : days[0].end + 1] not in ("", ".", ",", ";", "\n"):
            continue
        first, _ = dates.resolve(days[0], reference, -1, exact)
        if first is not None:
            out.append((state, first.isoformat()))
    return out


_RESPECTIVE_ON = re.compile(r"\s+(?:the\s+(?:Convention|treaty)\s+)?on\s+")
_RESPECTIVE_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
_RESPECTIVELY = re.compile(r",?\s+respectively\b")


def respective_days(
    text: str, at: int, n: int, reference: dt.date | None, exact: bool
) -> list[str | None] | None:
    """One day for each of ``n`` coordinated subjects, in their order, where the verb gives
    as many and says so: "Lao PDR and Austria ratified on 18 March and 2 April 2009
    respectively" (a day without its year takes the last one's)."""
    on = _RESPECTIVE_ON.match(text, at) if n > 1 else None
    if on is None:
        return None
    found = dates.find_dates(text, on.end(), min(len(text), on.end() + 40 * n))
    if not found or found[0].start != on.end() or any(d.day is None for d in found[:n]):
        return None
    first = found[0]
    if n == 2 and first.end_day is not None:
        # the reader takes "18 March and 2 April 2009" for a meeting's two days: here they
        # are the two subjects' own
        days = [
            dataclasses.replace(first, end_day=None, end_month=None),
            dataclasses.replace(
                first, day=first.end_day, month=first.end_month or first.month,
                end_day=None, end_month=None,
            ),
        ]  # fmt: skip
        last_end = first.end
    else:
        days = found[:n]
        if len(days) != n or any(d.end_day is not None for d in days):
            return None
        for a, b in itertools.pairwise(days):
            if not _RESPECTIVE_JOIN.fullmatch(text, a.end, b.start):
                return None
        last_end = days[-1].end
    if not _RESPECTIVELY.match(text, last_end):
        return None
    year = days[-1].year
    out: list[str | None] = []
    for d in days:
        if d.year is None and year is not None:
            d = dataclasses.replace(d, year=year)
        day, _ = dates.resolve(d, reference, -1, exact)
        out.append(day.isoformat() if day is not None else None)
    return out


# "Chile (10 September 2001), Peru (17 June 1998) and Ecuador (29 April 1999) have
# ratified": each state's own day in brackets after its name
_BRACKETED = re.compile(r"\s*\((?P<day>[^()\n]{4,30})\)")


def _own_day(text: str, at: int) -> tuple[re.Match[str], dates.DateMention] | None:
    """The bracket after a state's name at ``at`` where it holds a whole day and no more,
    and that day."""
    bracket = _BRACKETED.match(text, at) if text.startswith(("(", " ("), at) else None
    if bracket is None:
        return None
    days = dates.find_dates(text, bracket.start("day"), bracket.end("day"))
    if len(days) != 1 or days[0].day is None or days[0].year is None:
        return None
    inside = text[bracket.start("day") : bracket.end("day")].strip()
    return (bracket, days[0]) if inside == text[days[0].start : days[0].end].strip() else None


_PLACE = re.compile(
    r"\b(?:stationed|based|deployed|located)?\s*\b(?:in|at|from|near)\s+(?:the\s+)?$"
)
# "met in Kampala, Uganda, on 29-30 May 2017 to discuss ... ratifying": the city's state, in
# the commas of an apposition (not "On 30 May 2008 in Dublin, Palau adopted")
_CITY_OF = re.compile(r"\b(?:in|at|from|near)\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?,\s+$")
_CITY_BEFORE = re.compile(r"\b(?:in|at)\s+(?P<city>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?),\s+$")


def _country_of_city_before(text: str, state: StateMention) -> bool:
    """Whether the state is named as the country of the city before it: "Adopted on 30
    May 2008 in Dublin, Ireland and signed on 3-4 December 2008 in Oslo" (but "On 30 May
    2008 in Dublin, Palau adopted the Convention" names Palau as the doer)."""
    m = _CITY_BEFORE.search(text, max(0, state.start - 40), state.start)
    if m is None:
        return False
    known = places.city(m.group("city"))
    return known is not None and known.iso3 == state.iso3


# A decision still to be carried out: "it was approved that Sri Lanka accedes", "the
# parliament approved the proposal on Finland's withdrawal", "signed a decree on Ukraine's
# withdrawal".
_DECIDED = re.compile(r"\b(?:approved|decided|agreed|resolved|authori[sz]ed)\s+that\b", re.I)
_ABOUT_ACT = re.compile(
    r"\b(?:(?:decree|law|bill|proposal|resolution|decision|plan|motion|draft)s?\s+"
    r"(?:on|about|regarding|concerning)|(?:consent|assent|approval)\s+(?:to|for|of))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A day that opens the sentence of the act: "On 3 August, South Sudan formally acceded",
# "On February 9, the Government of Japan completed the destruction of its stockpile".
# and in French and Spanish: "Le 16 septembre 1998, le Burkina Faso a ratifié", "El 3 de
# diciembre de 2008, Chile firmó".
_OPENING = re.compile(
    # (a bulleted line's bullet before it: "• On December 27, Lithuania officially withdrew")
    r"[\s•·▪●◦‣*]*(?:On|on|Le|le|El|el)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday),?\s+)?$"
)
_LAST_DASH = re.compile(r"\s[-–—]\s(?!.*\s[-–—]\s)")
_TO_SUBJECT = re.compile(
    r"(?:\s*\([A-Za-z.]{2,5}\))?,?\s+(?:both\s+)?(?:the\s+|le\s+|la\s+|l['’]|el\s+)?"
    r"(?:(?:Government|government|Republic|Kingdom|State|Principality)\s+of\s+(?:the\s+)?)?"
)


def _full_name_start(text: str, actor: StateMention, before: list[StateMention]) -> int:
    """Where the subject's name begins when the actor is its short name in brackets after
    it: "the Former Yugoslav Republic of Macedonia (FYR Macedonia) completed"."""
    if not text[max(0, actor.start - 2) : actor.start].rstrip().endswith("("):
        return actor.start
    full = next((m for m in reversed(before) if m.end <= actor.start), None)
    if (
        full is not None
        and full.iso3 == actor.iso3
        and re.fullmatch(r"\s*\(\s*", text[full.end : actor.start])
    ):
        return full.start
    return actor.start


def _opening_date(
    text: str, sentence_start: int, subject_at: int, reference: dt.date | None, exact: bool
) -> str | None:
    """The day of an act from the words that open its sentence, before its subject."""
    # a dated note's own day opens the line before a dash: "UPDATE: 2 January 2018 - On 29
    # December 2017, Palestine acceded"
    dash = _LAST_DASH.search(text, sentence_start, subject_at)
    if dash is not None:
        sentence_start = dash.end()
    if subject_at - sentence_start > 60:
        return None
    found = dates.find_dates(text, sentence_start, subject_at)
    if len(found) != 1 or not found[0].day_certain or found[0].end_day is not None:
        return None
    mention = found[0]
    if not (
        _OPENING.fullmatch(text, sentence_start, mention.start)
        and _TO_SUBJECT.fullmatch(text, mention.end, subject_at)
    ):
        return None
    day, _ = dates.resolve(mention, reference, -1, exact)
    return day.isoformat() if day else None


_OTHER_YEAR = re.compile(
    r"\s*(?:of\s+)?(?:the\s+)?(?P<which>following|next|previous|same|that)\s+year", re.I
)
_YEAR_STEP = {"following": 1, "next": 1, "previous": -1, "same": 0, "that": 0}


def _counted_year(text: str, at: int, mention: dates.DateMention, which: str) -> str | None:
    """A day whose year the sentence counts from its last full date before it: "signed
    ... on December 3, 2008, ... and deposited ... on July 14 of the following year"."""
    start = textmod.sentence_start(text, at)
    years = [m.year for m in dates.find_dates(text, start, at) if m.year is not None]
    if not years or mention.day is None:
        return None
    try:
        return dt.date(years[-1] + _YEAR_STEP[which], mention.month, mention.day).isoformat()
    except ValueError:
        return None


_BARE_GAP = re.compile(r"[ \t]*:?[ \t]*")


def _date(text: str, at: int, reference: dt.date | None, exact: bool) -> str | None:
    """A day given right after the verb ("acceded on 13 September 2011"), or after what was
    acted on ("signed the Convention on Cluster Munitions in Oslo on 3 December 2008")."""
    for mention in dates.find_dates(text, at, min(len(text), at + 130)):
        if mention.day is None and mention.relative is None:
            continue
        # "ratified the international Convention banning cluster munitions today": a
        # relative day closes the clause, after what was acted on
        lead = r"[\w\s\-]{0,70}?" if mention.relative is not None else _OBJECT + r"\b(?:on|in)\s+"
        gap = text[at : mention.start]
        # or the day straight after the verb, as a list's row or a note writes it: "Albania
        # – signed 3 December 2008; ratified 16 June 2009"
        if not re.fullmatch(lead, gap) and not (mention.day and _BARE_GAP.fullmatch(gap)):
            continue
        if mention.end_day is not None:
            return None  # "signed in Oslo on 3-4 December 2008": which of the days is unknown
        # "on July 14 of the following year": a year the text counts from another date
        other = _OTHER_YEAR.match(text, mention.end) if mention.year is None else None
        if other is not None:
            return _counted_year(text, at, mention, other.group("which").lower())
        if mention.year is None and not exact:
            # a reference guessed from the text's first dates is weaker than the year the
            # paragraph's own story has reached
            year = dates.narrative_year(text, mention.start)
            if year is not None:
                reference = dt.date(year, 12, 31)
        day, _ = dates.resolve(mention, reference, -1, exact)
        return day.isoformat() if day else None
    return None
