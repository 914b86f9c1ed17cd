"""Acts a text reports as done: joining a treaty, a moratorium, renouncing the weapon,
destroying stockpiles.

Only what happened counts: "Swaziland acceded", "Hungary announcing an immediate moratorium",
"the announcements made by Austria ... to renounce these weapons". Intentions ("plan to
accede", "will sign", "is assessing the impact of signing") are not acts. The state must be
the one doing it: close before the verb, with no quotation or "that"-clause in between.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Any

from treatywatch.ingest.extract import dates
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.states import StateMention

# action -> the words that report it
_ACTS: list[tuple[str, str]] = [
    ("stockpile-destruction-completed",
     r"complet\w*\s+(?:the\s+|its\s+)?(?:destruction\s+of\s+(?:its\s+)?(?:\w+\s+)?stockpiles?"
     r"|stockpile\s+destruction)|destroyed\s+(?:all\s+)?(?:of\s+)?its\s+(?:\w+\s+)?stockpiles?"),
    ("stockpile-destruction-started",
     r"(?:began|begun|started|commenced|initiated)\s+(?:the\s+|its\s+)?(?:destruction\s+of|"
     r"destroying|to\s+destroy|stockpile\s+destruction)"),
    ("accession", r"acced(?:ed|es|ing)\b|deposited\s+(?:its|an)\s+instrument\s+of\s+accession"),
    ("ratification", r"ratif(?:ied|ies|ying)\b|deposited\s+(?:its|an)\s+instrument\s+of"
     r"\s+ratification"),
    ("acceptance", r"deposited\s+(?:its|an)\s+instrument\s+of\s+acceptance"),
    ("approval", r"deposited\s+(?:its|an)\s+instrument\s+of\s+approval"),
    ("signature", r"(?<![\w\-])sign(?:ed|s|ing)\b(?!\s+(?:of|that|up))"),
    ("endorsement", r"endors(?:ed|es|ing)\b"),
    # Adopting the text at the diplomatic conference, in the words the Monitor and the
    # campaigns use; a state "adopting" a plan or a law is no such act.
    ("adoption", r"joined\s+(?:in\s+)?the\s+consensus\s+(?:\w+\s+){0,3}?adopt\w*"
     r"|adopt(?:ed|s|ing)\s+the\s+(?:text\s+of\s+the\s+)?(?:Convention|treaty|CCM)\b(?![’'])"),
    ("withdrawal", r"withdr(?:ew|awn|awal)\b|withdraws\b"),
    ("moratorium", r"moratori(?:um|a)\b"),
    ("renounced", r"renounc(?:e|ed|es|ing)\b"),
]  # fmt: skip
_ACT = re.compile(
    r"(?<![\w])(?=[acdejmrswACDEJMRSW])(?:"
    + "|".join(f"(?P<a{i}>{p})" for i, (_, p) in enumerate(_ACTS))
    + ")",
    re.IGNORECASE,
)
_INTENTION = re.compile(
    r"\b(?:plans?|planned|planning|intends?|intention|will|would|shall|should|could|"
    # "may", not the month of "30 May 2008" or "May 2008"
    r"may(?!\s+\d)(?<!\d\smay)|"
    r"might|expects?|expected|hopes?|hoping|consider\w*|assess\w*|stud(?:y|ying)|aims?|ready|"
    r"prepar\w*|urge\w*|call\w*\s+on|invite\w*|encourag\w*|want\w*|wish\w*|possibility|"
    r"not\s+yet|not|yet\s+to|towards?|process\s+of|impact\s+of|if|once|whether|unless|"
    r"proposed|propose|can|must|need\w*|fail\w*|host\w*)\b",
    re.IGNORECASE,
)
#: The act words and the intention words, shared with the rules for enumerations.
ACT = _ACT
INTENTION = _INTENTION


def kind_of(match: re.Match[str]) -> str:
    """The act a match of :data:`ACT` reports."""
    return next(_ACTS[int(k[1:])][0] for k, v in match.groupdict().items() if v)


def date_after(text: str, at: int, reference: dt.date | None, exact: bool) -> str | None:
    """A day given right after an act's verb ("acceded on 13 September 2011")."""
    return _date(text, at, reference, exact)


# What stands between an act's verb and its day: a few words, or the treaty acted on and
# where ("its instrument of accession to the Mine Ban Treaty", "the Convention ... in Oslo").
_OBJECT = (
    r"(?:[\w\s]{0,25}?"
    r"|\s*(?:its\s+instrument\s+of\s+\w+\s+(?:to\s+)?)?(?:the\s+)?"
    r"(?:[A-Z][\w\-]*\s+|on\s+|of\s+|the\s+|to\s+|and\s+){1,9}?"
    r"(?:(?:in|at)\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?,?\s+)?)"
)
_ACT_NOUN_IN = re.compile(r"\b(?:accession|ratification|signature|withdrawal)\b", re.I)
# Signing something else than a treaty: "Zelensky signed a decree on ..."
_SIGNED_OTHER = re.compile(
    r"\s+(?:a|an|the)\s+(?:\w+\s+)?(?:decree|law|bill|memorandum|contract|letter|deal|"
    r"agreement|petition|order)\b",
    re.IGNORECASE,
)
_BARRIER = re.compile(r"[“”\"():;]|\bthat\b|\bwho\b|\bwhich\b")
_WINDOW = 70
# "Norway announced that it had completed ...": the state reports its own act
_REPORTED = re.compile(
    r"\s+(?:\w+\s+)?(?:announced|confirmed|reported|declared|said|stated|informed\s+\w+)"
    r"\s+that\s+it\s+(?:had|has)\s+(?:\w+\s+)?"
)


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
        sentence_start = textmod.sentence_start(text, m.start())
        window = states[
            bisect.bisect_left(starts, sentence_start) : bisect.bisect_left(starts, m.start())
        ]
        before = [s for s in window if s.end <= m.start() and not s.demonym]
        actors = _actors(text, before, m.start())
        if not actors:
            continue
        # "the possibility of Malaysia acceding" is no accession either
        head = text[max(sentence_start, actors[0].start - 40) : m.start()]
        if _INTENTION.search(head):
            continue
        when = _date(text, m.end(), reference, exact)
        for actor in actors:
            key = (actor.iso3, kind, when)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                {"state": actor.iso3, "action": kind, "date": when, "span": [actor.start, m.end()]}
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
_ACT_NOUN = re.compile(
    r"\b(?P<noun>" + "|".join(_NOUN_ACTS) + r")\s+(?:of\s+(?:the\s+)?(?:Convention|Treaty|"
    r"CCM|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3}\s+(?:Treaty|Convention))\s+)?"
    r"(?P<link>by|of)\s+(?:the\s+)?"
)
_POSSESSIVE = re.compile(r"['’]s?\s+(?P<noun>" + "|".join(_NOUN_ACTS) + r")\b")


def _noun_acts(
    text: str, states: list[StateMention], reference: dt.date | None, exact: bool
) -> list[dict[str, Any]]:
    """Acts named as nouns: one pass for "the <act> (of the Treaty) by|of <state>", and a
    look after each name for "<state>'s <act>"."""
    named = [s for s in states if not s.demonym]
    at = {s.start: s for s in named}
    found: list[tuple[StateMention, str, int]] = []
    for m in _ACT_NOUN.finditer(text):
        s = at.get(m.end())
        # "accession of Tuvalu" names who acceded; "signature of" rarely names a signer
        if s is None or (
            m.group("link") == "of" and m.group("noun") not in ("accession", "ratification")
        ):
            continue  # fmt: skip
        found.append((s, _NOUN_ACTS[m.group("noun")], s.end))
    for s in named:
        if text[s.end : s.end + 1] in ("'", "’"):
            own = _POSSESSIVE.match(text, s.end)
            if own is not None:
                found.append((s, _NOUN_ACTS[own.group("noun")], own.end()))
    out: list[dict[str, Any]] = []
    for s, kind, act_end in found:
        sentence_start = textmod.sentence_start(text, s.start)
        sentence_end = text.find(".", act_end)
        around = text[sentence_start : sentence_end if sentence_end >= 0 else len(text)]
        if _INTENTION.search(around) or _PENDING.search(around):
            continue
        out.append(
            {
                "state": s.iso3,
                "action": kind,
                "date": _date(text, act_end, reference, exact),
                "span": [s.start, act_end],
            }
        )
    return out


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


def _actors(text: str, before: list[StateMention], verb_at: int) -> list[StateMention]:
    """The state doing the act and any joined to it ("Austria and Bosnia-Herzegovina, and
    earlier by Belgium")."""
    if not before:
        return []
    last = before[-1]
    gap = text[last.end : verb_at]
    if len(gap) > _WINDOW or (_BARRIER.search(gap) and not _REPORTED.fullmatch(gap)):
        return []
    if _ACT.search(gap) or _ACT_NOUN_IN.search(gap):
        # "Palestine also acceded ..., while five signatories ratified"; "With South Sudan's
        # accession, 36 of 54 African States have ratified"
        return []
    chain = [last]
    for mention in reversed(before[:-1]):
        joint = text[mention.end : chain[0].start]
        if not re.fullmatch(r"\s*(?:,|\band\b|,\s*and\b)\s*(?:(?:earlier|also|later)\s+)?"
                            r"(?:by\s+)?(?:the\s+)?", joint):  # fmt: skip
            break
        chain.insert(0, mention)
    return chain


def _date(text: str, at: int, reference: dt.date | None, exact: bool) -> str | None:
    """A day given right after the verb ("acceded on 13 September 2011"), or after what was
    acted on ("signed the Convention on Cluster Munitions in Oslo on 3 December 2008")."""
    for mention in dates.find_dates(text, at, min(len(text), at + 90)):
        if mention.day is None and mention.relative is None:
            continue
        lead = _OBJECT + (r"" if mention.relative is not None else r"\b(?:on|in)\s+")
        if not re.fullmatch(lead, text[at : mention.start]):
            continue
        day, _ = dates.resolve(mention, reference, -1, exact)
        return day.isoformat() if day else None
    return None
