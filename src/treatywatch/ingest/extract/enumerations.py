"""Acts reported of many states at once: an enumeration introduced by the act, and a table
of states with the days of their acts (read by ``tables``).

Two shapes the sentence rules in ``actions`` do not reach, because the states come after the
verb, or stand in rows with no verb at all:

- "... has been ratified by these countries: Albania, Austria, ... and Zambia.",
  "Heavily mine-affected states have signed, including Cambodia, Mozambique, Angola ..." —
  a run of names (the grammar of ``lists``: names joined by commas, "and", line breaks,
  bullets) whose lead-in, from the start of its sentence, reports an act that happened;
- "On the following list, the first date is signature; the second date is ratification ...
  Accession is indicated below with (a)." then rows "Afghanistan 3 Dec 08; 8 Sep 11",
  "Andorra 9 Apr 13 (a)" — a legend that names the columns, and rows of a state and its
  days, each day the act of its column.

Intentions in the lead-in ("have not yet ratified", "are expected to sign") are not acts,
as in the sentence rules. The act may also follow the list ("8 African States (Angola, ...,
and Uganda) have signed"), stand in the sentence before it ("... have signed or acceded ...,
including 13 since ... . Those 13 are: Zambia, ..."), in the title over a bulleted list
("Who has ratified?"), or in a relative clause on the set the list names members of
("States which have completed stockpile destruction ..., including Moldova, ...").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from treatywatch.ingest.extract import actions as act_rules
from treatywatch.ingest.extract import dates, lists, numbers, tables
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.states import StateMention


def find_enumerated_actions(
    text: str,
    mentions: list[StateMention],
    reference: dt.date | None,
    exact: bool = False,
    found_tables: list[tables.Table] | None = None,
) -> list[dict[str, Any]]:
    """Acts of the states in enumerations and in tables, with their spans."""
    if found_tables is None:
        found_tables = tables.find_tables(text, mentions)
    return [
        *_introduced(text, mentions, reference, exact),
        *(act for table in found_tables for act in table.acts),
    ]


def _introduced(
    text: str, mentions: list[StateMention], reference: dt.date | None, exact: bool
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    names = [m for m in mentions if not m.demonym]
    for run in [*lists.runs(text, names), *lists.counted_pairs(text, names)]:
        first = run[0]
        lead_start = textmod.sentence_start(text, first.start, colon=False)
        if not text[lead_start : first.start].strip(lists.BULLETS):
            # a bulleted list under its title: "Who has ratified?" then "- Albania"
            lead_start = lists._line_above(text, lead_start)
        # a bulleted list's lead-in ends at its colon, not at the first item's bullet
        lead = text[lead_start : first.start].rstrip(lists.BULLETS)
        after = _after_list(text, run, lead, reference, exact)
        if after is not None:
            out.extend(after)
            continue
        signatories = _SIGNATORIES.search(lead)
        if signatories is not None:
            out.extend(_each(text, run, "signature", None))
            continue
        named = _ACTS_INCLUDE.search(lead)
        if named is not None and not act_rules.INTENTION.search(lead):
            kind = act_rules.PLURAL_NOUN_ACTS[named.group("noun").lower()]
            out.extend(_each(text, run, kind, None))
            continue
        verbs = [(m.start(), m.end(), act_rules.kind_of(m)) for m in act_rules.ACT.finditer(lead)]
        if not verbs:
            verbs = tables.lead_acts(lead)  # "ont déjà ratifié le traité :"
        if not verbs:
            back = _pointed_back(text, lead_start, lead)
            if back is not None:
                out.extend(_each(text, run, back, None))
            continue
        verb_start, verb_end, kind = verbs[-1]
        if kind == "signature":
            # "a letter signed by the ministers of A, B and C" is no act; a declaration so
            # signed is endorsed
            signed = act_rules.signed_kind(lead, verb_start)
            if signed is None:
                continue
            kind = signed
        # The verb introduces the list only if nothing but a few words stands between them
        # ("ratified by these countries:", "have signed, including").
        between = lead[verb_end:]
        # "have signed the Convention, while another 10 (...) have yet to accede": the
        # list belongs to the clause after the contrast, not to the verb before it
        # a lead-in that ends with a colon introduces its list from further: "Four signatory
        # states have ratified the treaty since the publication of the Report 2005:"
        # states named as members of the set a relative clause defines: "States which have
        # completed stockpile destruction gave statements ..., including Moldova, Colombia"
        member = _SET_BY_ACT.search(lead[:verb_start]) and _MEMBERS.search(between)
        # the list's count in brackets before its colon: "States endorsing the Oslo
        # Declaration (46): Austria, ...", or an aside: "(in order of ratification):"
        between = _COUNT_BRACKET.sub(":", between)
        between = _ASIDE_BEFORE_COLON.sub(":", between)
        reach = 100 if between.rstrip().endswith(":") or member else 45
        if _TREATY_BRACKET.fullmatch(between) and text.startswith(")", run[-1].end):
            # the states in brackets after the act's object: "Seven Pacific Island Forum
            # members have signed the Convention (Australia, ..., Palau and Samoa)"
            between = ""
        if len(between) > reach or re.search(r"[.;(]|\b(?:while|whereas|but)\b", between):
            continue
        if act_rules.INTENTION.search(lead[:verb_start] + " " + between):
            continue
        # Only an act stated as done by the states that follow: passive ("ratified by these
        # countries:") or perfect ("have signed, including"); a verb merely near a list
        # ("the treaty, signed in Ottawa, lists ...") introduces nothing.
        if not (
            _BY.match(between)
            or _PERFECT.search(lead[:verb_start])
            # "Other ratifying states are: A, B, ...": the set the participle names
            or (_PARTICIPLE_SET.match(lead, verb_start) and between.rstrip().endswith(":"))
            or (
                (
                    _SET_SUBJECT.search(lead[:verb_start])
                    or _SET_MODIFIED.search(lead[:verb_start])
                    # "The following States Parties have indicated that their stockpile
                    # destruction programs are complete:"
                    or _FOLLOWING_SET.search(lead[:verb_start])
                )
                and between.rstrip().endswith(":")
            )
        ):
            continue
        # "Withdrawal of Estonia, Latvia, and Lithuania will take effect on ...": still to come
        if _FUTURE.match(text, run[-1].end):
            continue
        when = act_rules.date_after(text, lead_start + verb_end, reference, exact)
        if when is None and _BY.match(between):
            # "The Convention was signed by A, B and C on 3 December 2008": after the agents
            when = act_rules.date_after(text, run[-1].end, reference, exact)
        out.extend(_each(text, run, kind, when))
    return out


def _each(text: str, run: list[StateMention], kind: str, when: str | None) -> list[dict[str, Any]]:
    """The act of each state of a run; "Macedonia (which acceded)": the item's own act
    stands for the lead-in's."""
    out = []
    for m in run:
        own = _OWN_ACT.match(text, m.end)
        verb_of_own = act_rules.ACT.search(own.group(0)) if own else None
        act = act_rules.kind_of(verb_of_own) if verb_of_own else kind
        day = _own_day(text, m.end) or when
        out.append({"state": m.iso3, "action": act, "date": day, "span": [m.start, m.end]})
    return out


_OWN_DAY = re.compile(r"[ \t]*\(([^()]{6,25})\)")  # (the day may wrap: "(22 December\n2009)")


def _own_day(text: str, at: int) -> str | None:
    """The day an item of the list gives in brackets: "• Albania (16 June 2009)"."""
    bracket = _OWN_DAY.match(text, at)
    if bracket is None:
        return None
    found = dates.find_dates(text, bracket.start(1), bracket.end(1))
    if len(found) != 1 or found[0].day is None or found[0].year is None or found[0].end_day:
        return None
    first, _ = dates.resolve(found[0], None)
    return first.isoformat() if first is not None else None


# The act after the list: "8 African States (Angola, ..., and Uganda) have signed the
# Convention", "Belize, Guyana, and Palestine also acceded".
_BEFORE_ACT = re.compile(
    r"\)?\s*(?:[—–]\s*|--\s*)?"
    # the list as members of a wider set: "Japan joins the United Kingdom, Denmark, ... and
    # many other countries that have destroyed their entire stockpiles"
    r"(?:,?\s*and\s+(?:many|several|some|a\s+number\s+of)\s+other\s+(?:countries|states|States"
    r"|nations)(?:\s+[Pp]arties)?\s+(?:that|which|who)\s+)?"
    r"(?:(?:have|has|had|all|also|each|both|then|since|now|already)\s+){0,3}"
)


def _after_list(
    text: str, run: list[StateMention], lead: str, reference: dt.date | None, exact: bool
) -> list[dict[str, Any]] | None:
    last = run[-1]
    at = _BEFORE_ACT.match(text, last.end)
    verb = act_rules.ACT.match(text, at.end()) if at else None
    if verb is None:
        return None
    between = text[last.end : verb.start()]
    # a closing bracket closes a list the lead opened: "8 African States ("
    if ("(" in between or ")" in between) and not lead.rstrip().endswith("("):
        return None
    kind = act_rules.kind_of(verb)
    if kind in ("withdrawal", "moratorium", "renounced"):
        return None  # nouns, not verbs, after a list: "Withdrawal of A, B and C ..."
    # "two new states parties (Eritrea and Chile) and Ecuador and Peru completed": the names
    # in a bracket the run passes through are an aside, the act is those after it's
    closed = [m for m in run if text.find(")", m.end, last.end) >= 0 and m is not last]
    if closed:
        run = run[len(closed) :]
    contrast = re.match(r".*\b(?:while|whereas|but)\b", lead, re.I | re.S)
    clause = lead[contrast.end() :] if contrast else lead
    if act_rules.INTENTION.search(clause):
        return None
    respective = act_rules.respective_days(text, verb.end(), len(run), reference, exact)
    if respective is not None:
        # "Chile, Peru and Ecuador ratified on 10 September 2001, 17 June 1998 and 29 April
        # 1999 respectively"
        return [
            act
            for m, day in zip(run, respective, strict=True)
            for act in _each(text, [m], kind, day)
        ]
    when = act_rules.date_after(text, verb.end(), reference, exact)
    return _each(text, run, kind, when)


# "Early signatories included Lebanon, Peru, ...": the states named as signatories
_SIGNATORIES = re.compile(
    # not "Non-signatories participating included ..."
    r"(?<!non-)(?<!non\s)\bsignatories\s+(?:\w+\s+){0,3}?(?:include[sd]?|are|were)\s*:?"
    r"(?:\s+the)?\s*$"
    # or a list's title: "Signatories:", "Signatory States" over the names
    r"|^\s*(?:(?:list\s+of\s+(?:the\s+)?)?signator(?:y|ies)(?:\s+states)?|signatory\s+states)"
    r"\s*:?\s*$"
    # "Those who have signed but not ratified include:": signatories, by what they lack
    r"|\bsigned\s+but\s+not\s+(?:yet\s+)?ratified\s+(?:\w+\s+){0,2}?(?:include[sd]?|are|were)\s*:?\s*$",
    re.IGNORECASE,
)
# "Recent ratifications include Argentina, Cambodia, ...": the acts named, then whose
_ACTS_INCLUDE = re.compile(
    r"\b(?P<noun>ratifications|accessions)\s+(?:\w+\s+){0,3}?(?:include[sd]?|are|were)"
    r"\s*:?(?:\s+the)?\s*$",
    re.IGNORECASE,
)
# "... have signed or acceded ..., including 13 since the Ottawa signing conference. Those
# 13 are: Zambia, ...": the list names the states the sentence before counted
_THOSE = re.compile(
    # and without the count: "... only eight had ratified the treaty. In chronological
    # order, they are: Niue, Fiji, ..."
    r"^\s*(?:in\s+(?:chronological|alphabetical)\s+order,\s*)?(?:those|these|they)"
    r"(?:\s+(?P<num>\w+(?:-\w+)?))?\s+(?:are|were|include)\s*:?\s*$",
    re.I,
)


def _pointed_back(text: str, lead_start: int, lead: str) -> str | None:
    those = _THOSE.match(lead)
    if those is None:
        return None
    before_start = textmod.sentence_start(text, max(0, lead_start - 2), colon=False)
    before = text[before_start:lead_start]
    count = those.group("num")
    if count is not None and not re.search(rf"\b{re.escape(count)}\b", before):
        return None
    verbs = list(act_rules.ACT.finditer(before))
    if not verbs or act_rules.INTENTION.search(before[: verbs[0].start()]):
        return None
    if not _PERFECT.search(before[: verbs[0].start()]):
        return None
    return act_rules.kind_of(verbs[0])


_PARTICIPLE_SET = re.compile(
    r"(?:ratifying|acceding|signing|endorsing)\s+(?:States|states|countries|nations)\b", re.I
)
_SET_BY_ACT = re.compile(
    r"\b(?:States|states|countries|nations)(?:\s+Parties)?\s+(?:which|that|who)\s+"
    r"(?:have|has|had)\s+(?:already\s+|now\s+|also\s+)?$"
)
# The set the list names as the verb's subject, with a colon that opens the list: "The
# following States signed the Convention on 3 December 2008:", "Four states ratified in
# 2010:" (simple past, where the perfect would have been plain).
_SET_SUBJECT = re.compile(
    rf"(?i:\b(?:the\s+following|following|these|those|several|all|both|{numbers.NUMBER}))"
    r"\s+(?:(?:other|more|new|further|additional|African|Asian|European|American|Arab|"
    r"Pacific|Caribbean|Latin\s+American)\s+)?(?i:States|countries|nations|governments)"
    r"(?:\s+(?i:parties))?\s+(?:(?:also|then|all|each|subsequently|later)\s+)?$"
)
# (or counted: "Since that time, 5 have indicated that their stockpile destruction programs
# are complete:")
_FOLLOWING_SET = re.compile(
    rf"\b(?:(?i:the\s+following)\s+(?i:States|countries|nations)|{numbers.NUMBER}"
    r"(?:\s+(?i:States|countries|nations))?)(?:\s+(?i:parties))?\s+(?:have|has|had)\b"
)
_COUNT_BRACKET = re.compile(r"\s*\(\s*\d{1,3}\s*\)\s*:\s*$")
_ASIDE_BEFORE_COLON = re.compile(r"\s*\((?:in\s+)?[a-z][^().;]{0,40}\)\s*:\s*$")
# The set a participle or a relative clause defines, the list after its colon its members:
# "States endorsing the Oslo Declaration:", "States that signed the Convention in Oslo:"
_SET_MODIFIED = re.compile(
    r"(?:^|\b)(?:States|states|Countries|countries|nations|Governments|governments)"
    r"(?:\s+[Pp]arties)?\s+(?:(?:that|which|who)\s+(?:(?:have|has|had)\s+)?)?$"
)
_MEMBERS = re.compile(r"\b(?:including|such\s+as|notably|among\s+them)\s*:?\s*$", re.I)
_BY = re.compile(r"\s*(?:\w+\s+){0,2}?by\b")
_TREATY_BRACKET = re.compile(
    r"\s+(?:the\s+)?(?:[Cc]onvention|[Tt]reaty|CCM|Mine\s+Ban\s+Treaty|ban)\s*\(\s*"
)
# The perfect, in English and the languages of the treaty series and campaigns ("ont déjà
# ratifié", "han firmado", "hebben ondertekend").
_PERFECT = re.compile(
    r"\b(?:have|has|had|ont|a|avaient|han|ha|hab[ií]an|hebben|heeft|haben|hat|t[êe]m)\s+"
    r"(?:(?:also|now|already|since|d[ée]j[àa]|ya|al|bereits|j[áa])\s+)?$",
    re.I,
)
_FUTURE = re.compile(
    r"[^.;\n]{0,12}?\b(?:will|would|shall|is\s+to|are\s+to|is\s+expected|are\s+expected"
    r"|(?:have|has)\s+yet\s+to|(?:have|has)\s+not|not\s+yet)\b"
)
_OWN_ACT = re.compile(
    r"\s*\((?:which|who|that)\s+(?:had\s+|has\s+|have\s+)?(?:acceded|ratified|signed)\)"
)
