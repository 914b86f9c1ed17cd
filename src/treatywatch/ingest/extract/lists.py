"""Enumerations of states taking part in, endorsing or signing something.

"States (80) participating in the Oslo Process as of 20 September 2007: Afghanistan, Albania,
..., Yemen and Zambia." A list is a run of state names joined only by commas, semicolons,
line breaks, bullets, "and" and footnote marks, introduced by a heading that says what the
states did (or ends with a colon). The count the heading states is kept even where the names
disagree with it; the date is the heading's "as of" date.

The heading may also stand around the list: the line above a bulleted list or a column of
names ("Who has ratified?", "States Parties to the Mine Ban Treaty"), the count in a sentence
the heading points back to ("11 have ratified it. ... Those that have ratified are ..."), a
bracketed list inside its clause ("8 African States (Angola, ..., and Uganda) have signed"),
and the two columns of a regional table copied as text. States named for speaking, being
elected or accused, or for what they have yet to do are no participants.
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from treatywatch.ingest.extract import dates, numbers
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.prefilter import prefiltered
from treatywatch.ingest.extract.states import StateMention, coordinated_from
from treatywatch.registry import states as registry

if TYPE_CHECKING:
    from treatywatch.ingest.extract.tables import Table

# What may stand between two names of one list.
_SEPARATOR = re.compile(
    r"^[\s\*†‡§\d\[\]\(\)¹²³⁴⁵⁶⁷⁸⁹⁰]*"
    # a remark on one item: "Macedonia (which acceded), Equatorial Guinea"
    r"(?:\((?:which|who|that)\s[^()\n]{0,25}\)\s*"
    # a qualifier of the name: "Gambia (Republic of The), The Holy See"
    # the month of one item's act: "Ukraine (December 2005), Haiti (February 2006)"
    # or its day: "• Afghanistan (8 September 2011)", "Chile (December 16, 2010)"
    r"|\((?:\d{1,2}\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?\d{4}\)\s*"
    r"|\((?:[A-Z][\w.]*|of|the|de|du|des|la|le)(?:\s+(?:[A-Z][\w.]*|of|the|de|du|la|le))*\)\s*)?"
    # "and" in the languages the lists come in too: "Allemagne, Autriche et Belgique"
    r"(?:,|;|\n|•|·|\||&|\b(?:and|et|y|e|und|en)\b)"
    r"(?:[\s,;•·\*†‡\-–]|\b(?:and|et|y|e|und|en)\b)*"
    # "Jordan, Qatar, Yemen, and most recently Tunisia"
    r"(?:\b(?:most|more)\s+recently,?\s*)?"
    # "..., Switzerland and my own country, New Zealand" (a speaker on behalf of a group)
    r"(?:\b(?:my|our)\s+own\s+country,?\s*)?(?:\b(?:[Tt]he|l[ae]|les|l’|l'|el|de)\s*)?$"
)
# Names on one line with nothing but a space between them: a table's column copied as text
# ("Albania Andorra Austria Belarus ..."), or the two columns of one row run together.
_SPACE_ONLY = re.compile(r"^[ \t]{1,3}$")
_UNKNOWN_ITEM = re.compile(r"^(?:l[’']\s?\w+-)?[A-Z][\w'’.\-&]*(?:\s+[\w'’.\-&]+){0,4}$")
_CUE = re.compile(
    r"\b(?:participat\w*|participants?|endors\w*|sign\w*|ratif\w*|accede\w*|accession\w*"
    r"|States?\s+Part(?:y|ies)|adopt\w*|attend\w*|present|list\w*|following|support\w*|welcom\w*"
    r"|members?|joined|observers?|delegations?|on\s+behalf\s+of"
    r"|(?:co-?)?(?:host\w*|convened|organi[sz]\w*|sponsor\w*)|represented|brought\s+together"
    r"|took\s+part"
    # the floor of a meeting, as its reports list it: "representatives from A, B and C",
    # "States ... provided updates: A, B, C", "a 'core group' of countries (A, B, C)"
    r"|representatives?|delegates|launched|core\s+group"
    r"|provided\s+(?:an?\s+)?updates?|shared\s+(?:their\s+)?(?:views|experiences?))\b",
    re.IGNORECASE,
)
_COUNT = re.compile(
    # "the twelve non-signatory delegations attending as observers were ..."
    rf"\(\s*(?P<paren>\d{{1,3}})\s*\)|\b(?P<num>{numbers.NUMBER})\s+(?:[\w\-]+\s+)?"
    r"(?:States|states|countries|Countries|nations|signatories|governments|delegations"
    # the same count in the UN's other languages and the depositary notifications'
    r"|États|Etats|Estados|pays|países|Staten|landen|Staaten|Länder)\b"
    # "Those 13 are: Zambia, Belize, ..."
    rf"|\b(?:these|those)\s+(?P<those>{numbers.NUMBER})\s+(?:are|were|include)\b",
    re.IGNORECASE,
)
# A row's remainder in a table of states: its days and marks ("3 Dec 08; 8 Sep 11", "(a)").
_ROW_REST = re.compile(
    r"^[ \t]+(?:\d{1,2}[ \-./][A-Za-z]{3,9}\.?[ \-./,]+\d{2,4}|\d{4}-\d{2}-\d{2}|[;,]|\(\w{1,2}\)"
    r"|[ \t])+[ \t]*\n[ \t]*$"
)
# A title line over a table ("States Parties"), and the sentence before it that counts them
# ("As of 1 August 2022 there were 110 States Parties and 13 signatories.").
_TITLE = re.compile(r"^\s*(?P<title>[A-Z][\w ]{2,40})\s*:?\s*$")
# "... have signed, including A, B and C", "nations such as A, B and C"
_INTRODUCED = re.compile(
    r"\b(?:such\s+as|including(?:\s+from)?|includ(?:ed|es|e)(?:\s+those)?(?:\s+from)?|namely"
    r"|notably|on\s+behalf\s+of|are|were"
    # the states that hold the meeting take part in it: "hosted by the governments of A, B
    # and C", "convened jointly by the Permanent Missions of A, B and C"
    r"|(?:co-?)?(?:hosted|convened|organi[sz]ed|sponsored)\s+(?:jointly\s+)?by(?:\s+the)?"
    r"(?:\s+(?:governments?|permanent\s+missions?|delegations?)\s+of)?"
    r"|with\s+the\s+participation\s+of"
    # "attended by ... representatives from ..., the Embassies of A, B, C and D"
    r"|(?:embass(?:y|ies)|permanent\s+missions?)\s+of"
    # "Those attending included representatives from", "attended by officials from", "brought
    # together government officials from"
    r"|(?:includ(?:ed|es|e)|attended\s+by|joined\s+by|brought\s+together)\s+(?:\w+\s+)?"
    r"(?:representatives|delegations|delegates|officials|ministers|participants|experts)"
    r"\s+(?:of|from)|attended\s+by"
    # the floor's speakers: "presentations by representatives from A, B and C", "delegates
    # from the foreign ministries of A, B and C", "first launched by A, B and C"
    r"|representatives\s+(?:from|of)(?:\s+the\s+[\w\s]{3,30}?\s+of)?"
    r"|launched\s+by|core\s+group\s+of\s+(?:countries|states)\s*\()\s*:?(?:\s+the)?\s*$",
    re.IGNORECASE,
)
# States named for something else than taking part, endorsing or signing: speaking,
# being elected, being accused, what they would do, what they have not done.
_NOT_TAKING_PART = re.compile(
    r"\b(?:elect\w*|vice[- ]presidents?|allegations?|alleged|accus\w*|statements?|views"
    # a meeting's floor: "The following States Parties ... provided updates: A, B, C"
    r"|updates?|responded|presentations?|interventions?|took\s+the\s+floor|announc\w*"
    # "Explanation of vote: Egypt, ...", "... did not approve the final declaration"
    r"|explanations?\s+of\s+(?:the\s+)?vote|not\s+(?:approv|endors|adopt)\w*"
    # "... while eight states remain outside of the convention – Kiribati, ..."
    r"|remain(?:s|ed)?\s+outside|outside\s+(?:of\s+)?the\s+(?:convention|treaty)"
    # (but "Those who have signed but not ratified include:" are signatories)
    # the nationalities of a campaign's members, not states taking part: "The Cluster
    # Munition Coalition (CMC) was represented by 80 campaigners from 26 countries, including:"
    r"|(?:campaigners|activists|survivors|NGOs|campaigns)\s+from"
    # "It is uncertain if the other RCC member states will sign the Convention: Finland, ..."
    r"|uncertain|unclear|doubtful"
    r"|would|weaken\w*|yet\s+to|(?<!signed\sbut\s)not\s+(?:yet\s+)?(?:to\s+)?(?:part\w*|attend\w*"
    r"|sign\w*|ratif\w*|join\w*"
    r"|acced\w*)|non-(?:signator|part)\w*)\b",
    re.IGNORECASE,
)
# The clause a list belongs to starts after a contrast: "... have signed, while another 10
# (Algeria, ...) have yet to accede"
_CONTRAST = re.compile(r".*\b(?:while|whereas|but(?!\s+not\b))\b", re.IGNORECASE | re.DOTALL)
# A heading that points back: "Those that have ratified are ...", "These are: ..."
_ANAPHORA = re.compile(r"^\s*(?:those|these|they)\b", re.IGNORECASE)
_COUNT_BEFORE = re.compile(
    rf"\b(?P<num>{numbers.NUMBER})\s+(?:(?:\w+\s+)?(?:states|countries|nations)\s+)?"
    r"(?:have|has|had)\s+(?:now\s+|already\s+|also\s+)?(?P<verb>\w+)",
    re.IGNORECASE,
)
_ACTED_AFTER = re.compile(
    # "..., United States, Vietnam, also attended the event", "... and Togo – signed"
    r"\)?,?(?:\s*[–—]\s*|\s+)(?:(?:have|has|had|all|also|each|both|then|since)\s+){0,2}"
    r"(?:signed|ratified|acceded|endorsed|joined|adopted|attended|participated"
    r"|(?:were|was)\s+(?:also\s+)?(?:represented|present)\s+(?:at|in))\b"
)
_AS_OF = re.compile(r"\b(?:as\s+(?:of|at)|on|by|until)\s+$", re.IGNORECASE)
MIN_NAMES = 3
#: What stands before an item of a list on its own line, and after its heading.
BULLETS = " \t\n-–•*·▪●◦‣"


def find_lists(
    text: str,
    mentions: list[StateMention],
    reference: Any = None,
    found_tables: list[Table] | None = None,
) -> list[dict[str, Any]]:
    """Participant lists with their stated count, date, states and span: enumerations in
    prose and the rows of each table (``found_tables``, from ``tables.find_tables``)."""
    from_tables = [
        _table_list(text, t, reference) for t in found_tables or () if len(t.states) >= MIN_NAMES
    ]
    out: list[dict[str, Any]] = []
    for found in _run_lists(text, mentions, reference):
        # A table's rows read as a run of names too: the table's list stands for them.
        table = next((t for t in from_tables if _overlap(t["span"], found["span"])), None)
        if table is None:
            out.append(found)
        elif table["stated_count"] is None:
            table["stated_count"] = found["stated_count"]
    return sorted([*out, *from_tables], key=lambda found: found["span"][0])


def _overlap(a: list[int], b: list[int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _table_list(text: str, table: Table, reference: Any) -> dict[str, Any]:
    head_start = _heading_start(text, table.start)
    if not text[head_start : table.start].strip():
        head_start = _line_above(text, head_start)  # the table's title: "States Parties"
    heading = text[head_start : table.start]
    count = _count(heading)
    if count is None:
        count = _count_over_title(text, head_start, heading)
    as_of = _as_of(text, head_start, table.start, reference)
    if as_of is None and count is not None:
        # "As of 15 August 2016 there were 100 States Parties": the day of the count
        counted = textmod.sentence_start(
            text, max(0, len(text[:head_start].rstrip()) - 1), colon=False
        )
        as_of = _as_of(text, counted, head_start, reference)
    return {
        "stated_count": count,
        "as_of": as_of,
        "states": list(dict.fromkeys(m.iso3 for m in table.states)),
        "span": [head_start, table.end],
    }


def _run_lists(text: str, mentions: list[StateMention], reference: Any) -> list[dict[str, Any]]:
    named = [m for m in mentions if not m.demonym]
    followed = _followed_lists(text, named) + _aligned_lists(text, named)
    out: list[dict[str, Any]] = followed + _counted_pairs(text, named)
    columns = _column_lists(text, named)
    for run in runs(text, named):
        # the names "followed by" or "joined" are read with the state before them
        if any(_overlap(c["span"], [run[0].start, run[-1].end]) for c in [*columns, *followed]):
            continue
        found = _run_list(text, run, reference)
        if found is not None:
            out.append(found)
    return sorted([*out, *columns], key=lambda found: found["span"][0])


#: Two states in brackets after their count: "2 States not Party (South Sudan and
#: Zimbabwe)", "two non-party States (Ethiopia and Zimbabwe)" (longer lists are runs).
_PAIR_COUNT = re.compile(
    r"\b(?:2|two)\s+(?:[\w\-]+\s+){0,2}?(?:States?|states|countries)(?:\s+[\w\-]+){0,2}"
    r"\s*\(\s*$",
    re.IGNORECASE,
)


#: Or after a colon: "..., while two have now ratified: Samoa and New Zealand (22 December
#: 2009)."
_PAIR_COUNT_COLON = re.compile(r"\b(?:2|two|both)\b[^.;:()\n]{0,50}:\s*$", re.IGNORECASE)
_PAIR_AND = re.compile(r",?\s+and\s+(?:the\s+)?")
_PAIR_CLOSE = re.compile(r"\s*\)")
_PAIR_COLON_END = re.compile(r"\s*(?:\([^()]{4,30}\)\s*)?(?:[.;\n]|$)")


def counted_pairs(text: str, named: list[StateMention]) -> list[list[StateMention]]:
    """Two states a count introduces ("2 States not Party (A and B)", "two have now
    ratified: A and B."), which are a list though runs need three names."""
    out: list[list[StateMention]] = []
    for a, b in itertools.pairwise(named):
        if (
            b.start - a.end > 12
            or a.iso3 == b.iso3
            or not _PAIR_AND.fullmatch(text, a.end, b.start)
        ):
            continue
        head = text[max(0, a.start - 60) : a.start]
        bracketed = _PAIR_CLOSE.match(text, b.end) and _PAIR_COUNT.search(head)
        # (what the two did says they took part: not "use by only two states: A and B")
        colon = (
            _PAIR_COUNT_COLON.search(head)
            and _CUE.search(head)
            and _PAIR_COLON_END.match(text, b.end)
        )
        if bracketed or colon:
            out.append([a, b])
    return out


def _counted_pairs(text: str, named: list[StateMention]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for a, b in counted_pairs(text, named):
        head = text[max(0, a.start - 60) : a.start]
        clause = re.split(r"[.;)]", head)[-1]
        barred = _NOT_TAKING_PART.search(clause)
        if barred and not _a_status(barred, text[max(0, a.start - 200) : a.start]):
            continue
        out.append(
            {"stated_count": 2, "as_of": None, "states": [a.iso3, b.iso3], "span": [a.start, b.end]}
        )
    return out


def _a_status(barred: re.Match[str], context: str) -> bool:
    """Whether the words that would bar a list name only the status of states that took
    part: "Non-signatories participating included ...", "brought together ... 2 States
    not Party (South Sudan and Zimbabwe)"."""
    return bool(re.match(r"non-|not\s+part", barred.group(), re.I) and _PRESENT.search(context))


def _one_a_line(text: str, run: list[StateMention]) -> bool:
    """Whether the names of a run stand one a line, as a column under a title does."""
    return all("\n" in text[a.end : b.start] for a, b in itertools.pairwise(run))


def _run_list(text: str, run: list[StateMention], reference: Any) -> dict[str, Any] | None:
    first, last = run[0], run[-1]
    if len({m.iso3 for m in run}) < 2:
        return None  # "Country Reports Palau Palau The Republic of Palau": one state, no list
    head_start = _heading_start(text, first.start)
    heading = text[head_start : first.start]
    titled = False
    if not heading.strip(BULLETS):
        # a bulleted list or a table's column: the line above titles it ("Who has ratified?")
        head_start = _line_above(text, head_start)
        heading = text[head_start : first.start]
        # a column of names, one a line, under a title line ("Signatories", "List of States
        # that have endorsed the Wellington Declaration") is introduced by it
        titled = bool(heading.strip()) and _one_a_line(text, run)
    elif heading.rstrip(" \t").endswith("\n") and "\n" not in heading.strip():
        # the title is the sentence the list starts after: "Participants" / "Australia" ...
        title = heading.strip()
        titled = len(title) <= 60 and title[-1:] not in ".!?" and _one_a_line(text, run)
    # the list belongs to the clause after a contrast ("..., while another 10 (")
    contrast = _CONTRAST.match(heading)
    clause = heading[contrast.end() :] if contrast else heading
    if clause.rstrip().endswith("("):
        # a bracketed list's clause starts after the group before it: "..., 2 States not
        # Party (South Sudan and Zimbabwe) and 4 States Parties ("
        clause = clause[clause.rfind(")") + 1 :]
    barred = _NOT_TAKING_PART.search(clause)
    if barred and _a_status(barred, clause):
        barred = None  # "Non-signatories participating included ...": they took part
    # what follows the list may bar it too ("A, B and C have not yet ratified"), but not
    # past the bracket that closes it: "8 Signatory States (A, ..., and B), 2 States not
    # Party (C and D)"
    # nor past a contrast: "A, ... and Samoa – while eight states remain outside ..."
    closers = ".;\n)" if heading.rstrip().endswith("(") else ".;\n"
    stop = rf"[{closers}]|\bwhile\b|\bwhereas\b"
    if barred or _NOT_TAKING_PART.search(
        re.split(stop, text[last.end : last.end + 60], maxsplit=1)[0]
    ):
        return None
    count = _count(clause)
    if count is None:
        count = _count_over_title(text, head_start, heading)
    tail = text[last.end : last.end + 40]
    if count is None:
        after = re.match(r"^\s*\(\s*(\d{1,3})\s*(?:states|countries)?\s*\)", tail, re.I)
        if after:
            count = int(after.group(1))
    if count is None:
        count = _count_back(text, head_start, clause, len(run))
    if count is None:
        # "..., 26 are in the Asia and Pacific regions: Afghanistan, ...": a bare number in
        # the lead-in that the names agree with
        names = len(dict.fromkeys(m.iso3 for m in run))
        if any(numbers.value(n.group()) == names for n in _BARE_NUMBER.finditer(clause)):
            count = names
    # a bulleted list's heading ends at its colon, not at the first item's bullet
    lead_in = heading.rstrip(BULLETS)
    # or a dash: "Twelve delegates representing 9 ASEAN States—Brunei, Cambodia, ..."
    colon = lead_in.endswith(":") or heading.rstrip().endswith(("—", "–"))
    introduced = colon or titled or bool(_INTRODUCED.search(lead_in))
    cued = (_CUE.search(clause) and (introduced or count is not None or len(run) >= 8)) or (
        colon and count is not None
    )
    # "Belize, Guyana, and Palestine also acceded to the convention": the act after
    acted = _ACTED_AFTER.match(text, last.end) or _JOINING_AFTER.match(text, last.end)
    spaced = any(_SPACE_ONLY.match(text[a.end : b.start]) for a, b in itertools.pairwise(run))
    if spaced and not (cued and not contrast):
        return None  # names joined by spaces alone are a list only under a title that says so
    if not cued and not (colon and len(run) >= 8) and not acted:
        return None
    return {
        "stated_count": count,
        "as_of": _as_of(text, head_start, first.start, reference),
        "states": list(dict.fromkeys(m.iso3 for m in run)),
        "span": [head_start, last.end],
    }


# "I congratulate Belize, Canada, ... and the State of Palestine for joining the Convention",
# "... and the United Kingdom were among those who confirmed ...", "..., and Macedonia, all
# signatories to the convention"
# "Norway was the first nation to sign on, followed by Laos and Lebanon"
_LEADER_ACT = re.compile(
    # "Palau became the latest Pacific state to sign the Ottawa Convention on November 18
    # this year, joining Fiji, Australia, ..."
    r"[^.;:]{0,60}?\b(?:sign|ratif|acced|join|endors)\w*[^.;:]{0,60}?,?\s+(?:followed\s+by|joining)"
    r"\s+(?:the\s+)?"
)


def _followed_lists(text: str, named: list[StateMention]) -> list[dict[str, Any]]:
    """The state that acted first and those that "followed", one list of three or more."""
    out: list[dict[str, Any]] = []
    starts = [m.start for m in named]
    for leader in named:
        lead = _LEADER_ACT.match(text, leader.end)
        if lead is None:
            continue
        members = [leader, *coordinated_from(text, lead.end(), named, starts)]
        if len(members) >= MIN_NAMES:
            out.append(
                {
                    "stated_count": None,
                    "as_of": None,
                    "states": list(dict.fromkeys(m.iso3 for m in members)),
                    "span": [leader.start, members[-1].end],
                }
            )
    return out


# The states that join a bloc's statement, named with their standing in long appositions:
# "The Candidate Countries the Republic of North Macedonia*, Montenegro* ... and the EFTA
# country Iceland, member of the European Economic Area align themselves with this statement."
_ALIGN = prefiltered(
    re.compile(
        r"\b(?:align|associate)\s+themselves\s+with\s+(?:this|the(?:\s+present)?)\s+statement\b"
    )
)
_ALIGN_REACH = 600


def _aligned_lists(text: str, named: list[StateMention]) -> list[dict[str, Any]]:
    """The states a sentence ending "align themselves with this statement" names."""
    out: list[dict[str, Any]] = []
    starts = [m.start for m in named]
    for m in _ALIGN.finditer(text):
        begin = textmod.sentence_start(text, m.start(), reach=_ALIGN_REACH)
        members = named[bisect.bisect_left(starts, begin) : bisect.bisect_left(starts, m.start())]
        if len(members) >= MIN_NAMES:
            out.append(
                {
                    "stated_count": None,
                    "as_of": None,
                    "states": list(dict.fromkeys(s.iso3 for s in members)),
                    "span": [members[0].start, m.end()],
                }
            )
    return out


_JOINING_AFTER = re.compile(
    r"\s+(?:for|on)\s+(?:(?:their|its)\s+)?(?:joining|signing|ratifying|acceding|ratification"
    r"|accession)\b|\s+(?:were|are)\s+among\s+(?:those|the)\b"
    r"|,?\s+all\s+(?:signatories|States\s+Parties|parties|members)\b",
    re.IGNORECASE,
)


def _line_above(text: str, at: int) -> int:
    """Where the non-empty line before ``at`` begins (``at`` itself if it is long)."""
    end = len(text[:at].rstrip())
    start = text.rfind("\n", 0, end) + 1
    return start if 0 < end - start <= 100 else at


def _count_back(text: str, head_start: int, clause: str, names: int) -> int | None:
    """A count stated before the list's own sentence: "11 have ratified it. ... Those that
    have ratified are ..." (the heading points back), or "Twenty-eight countries have
    expressed their consent to be bound ..." where the list then names as many."""
    before = text[max(0, head_start - 1500) : head_start]
    # "Those who have signed but not ratified" are some of those counted as signing
    anaphoric = _ANAPHORA.match(clause) and not re.search(r"\bbut\s+not\b", clause)
    verb = _CUE.search(clause)
    for m in reversed(list(_COUNT_BEFORE.finditer(before))):
        value = numbers.value(m.group("num"))
        if value is None:
            continue
        if value == names:
            return value
        near = len(before) - m.start() <= 600
        if anaphoric and verb and near and m.group("verb")[:5].lower() == verb.group()[:5].lower():
            return value
    # "Thirty-nine African countries gathered in Livingstone ... The participating countries
    # were: ..." naming as many: a count in any tense, where the names agree with it
    for noun in _COUNTED_NOUN.finditer(before):
        counted = _COUNT_BEFORE_NOUN.search(before, max(0, noun.start() - 40), noun.start())
        if counted is not None and numbers.value(counted.group("num")) == names:
            return names
    return None


_BARE_NUMBER = re.compile(rf"(?<![\w,.]){numbers.NUMBER}(?![\w,.]\w)", re.IGNORECASE)
# The nouns first, then the count before one: a scan for the nouns is cheap, one for every
# count (each number in words is tried at every position) is not.
_COUNTED_NOUN = re.compile(
    # and the acts counted: "had received the 30 ratifications required", then the 30 named
    r"\b(?:states|countries|nations|governments|(?:non-)?signatories|delegations"
    r"|ratifications|accessions|signatures)\b",
    re.IGNORECASE,
)
_COUNT_BEFORE_NOUN = re.compile(rf"\b(?P<num>{numbers.NUMBER})\s+(?:[A-Z]\w+\s+)?$", re.IGNORECASE)
# (not "the notable non-signatories that chose not to attend were ...")
_PRESENT = re.compile(
    r"(?<!not\s)(?<!not\sto\s)\b(?:participat\w*|attend\w*|present|took\s+part"
    # "The workshop brought together representatives from 3 non-signatory States (...)"
    r"|brought\s+together|gathered|representatives\s+(?:from|of))\b",
    re.IGNORECASE,
)


# A list in two columns copied as text: a header with each column's count, then each
# region's row with the two counts, its names run together ("100 States Parties 19
# Signatories" / "Africa (29) Africa (14)" / "Botswana, ..., Zambia Angola, Benin, ...").
_COLUMN_HEADER = re.compile(
    r"(?m)^[ \t]*(?P<n1>\d{1,3})[ \t]+(?P<t1>[A-Z][A-Za-z ]{2,40}?)[ \t]+(?P<n2>\d{1,3})[ \t]+"
    r"(?P<t2>[A-Z][A-Za-z ]{2,40}?)[ \t]*$"
)
_COLUMN_ROW = re.compile(
    r"(?m)^[ \t]*(?P<region>[A-Z][\w/ ]{1,30}?)[ \t]*\((?P<n1>\d{1,3})\)[ \t]+(?P=region)[ \t]*"
    r"\((?P<n2>\d{1,3})\)[ \t]*$"
)


def _column_lists(text: str, named: list[StateMention]) -> list[dict[str, Any]]:
    header = _COLUMN_HEADER.search(text)
    if header is None or not _CUE.search(header.group("t1") + " " + header.group("t2")):
        return []
    rows: list[re.Match[str]] = []
    for row in _COLUMN_ROW.finditer(text, header.end()):
        if rows and text[rows[-1].end() : row.start()].count("\n") > 3:
            break
        rows.append(row)
    if not rows:
        return []
    columns: tuple[list[StateMention], list[StateMention]] = ([], [])
    for i, row in enumerate(rows):
        stop = rows[i + 1].start() if i + 1 < len(rows) else text.find("\n\n", row.end())
        stop = stop if stop > 0 else len(text)
        in_row = [m for m in named if row.end() <= m.start < stop]
        first = int(row.group("n1"))
        columns[0].extend(in_row[:first])
        columns[1].extend(in_row[first:])
    named_in = columns[0] + columns[1]
    end = max(m.end for m in named_in) if named_in else rows[-1].end()
    return [
        {
            "stated_count": int(header.group(n)),
            "as_of": None,
            "states": list(dict.fromkeys(m.iso3 for m in column)),
            "span": [header.start(), end],
        }
        for n, column in (("n1", columns[0]), ("n2", columns[1]))
        if len(column) >= MIN_NAMES
    ]


# A list or a table writes a name as an index does, in its own language and case: "Congo,
# Democratische Republiek", "Guinée équatoriale", "Centraal Afrikaanse Republiek", "Nioué".
# The scan of running text takes only names as they are capitalised in prose, so these are
# read here: a name the registry knows (ignoring case, accents and punctuation) that ends
# where a list item ends.
_TAIL_WORD = re.compile(r"(?:,[ \t]*|[ \t]+|-)([^\W\d_][\w'’.\-]*)")
_ITEM_END = re.compile(r"[ \t]*(?:$|[,;\n()•|*†‡]|\d|(?:and|et|en|y|e|und)\b)")
_SEGMENT = re.compile(r"[^\W\d_][\w'’.\-]*(?:[ \t]+(?:&[ \t]+)?[^\W\d_][\w'’.\-]*){0,4}")
_BEFORE_ITEM = re.compile(r"(?:[,;\n•|()\d]|\b(?:and|et|en|y|e|und))[ \t]*$")
_ITEM_GAP = 200


def with_list_names(text: str, mentions: list[StateMention]) -> list[StateMention]:
    """``mentions`` with the names lists and tables write as an index does: a name read
    further ("Guinée" + "équatoriale"), and a name between two others that the scan of
    prose did not take ("Mozambique, Nioué, Norvège")."""
    extended: list[StateMention] = []
    budget = _Budget(_NEAR_MATCHES)
    for i, mention in enumerate(mentions):
        if extended and mention.start < extended[-1].end:
            continue  # taken into the name before it
        limit = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        extended.append(mention if mention.demonym else _read_further(text, mention, limit))
    out: list[StateMention] = []
    for i, mention in enumerate(extended):
        out.append(mention)
        if i + 1 < len(extended) and not mention.demonym:
            nxt = extended[i + 1]
            if not nxt.demonym and 0 < nxt.start - mention.end <= _ITEM_GAP:
                out.extend(_names_between(text, mention.end, nxt.start, budget))
                continue
        if not mention.demonym and i > 0 and not extended[i - 1].demonym:
            # the last of a list ends it: no state's name followed within the gap
            last = _misspelt_last(text, mention, budget)
            if last is not None:
                out.append(last)
    return out


def _read_further(text: str, mention: StateMention, limit: int) -> StateMention:
    """The mention read on into the longer name a list writes ("Guinée" + "équatoriale"),
    never into the next state's name (``limit``)."""
    ends: list[int] = []
    at = mention.end
    for _ in range(4):
        word = _TAIL_WORD.match(text, at, limit)
        if word is None or ("," in text[at : word.start(1)] and ends):
            break  # one comma at most: "Congo, Democratische Republiek", not a list
        if not _name_word(word.group(1)):
            break  # "Norway said": no state's name goes on so
        at = word.end()
        ends.append(at)
    for end in reversed(ends):
        if not _ITEM_END.match(text, end):
            continue
        iso3 = _lookup_item(text[mention.start : end])
        if iso3 is not None:
            return StateMention(iso3, mention.start, end, False)
    return mention


def _names_between(text: str, start: int, end: int, budget: _Budget) -> list[StateMention]:
    out: list[StateMention] = []
    gap = text[start:end]
    if gap == gap.lower():
        return out  # no capital, no name
    if len(gap) > 40 and not any(mark in gap for mark in ",;\n•|"):
        return out  # running prose, not the items of a list
    for segment in _SEGMENT.finditer(text, start, end):
        # an item of its own: nothing but separators, digits or line breaks around it
        before = text[max(start, segment.start() - 8) : segment.start()]
        alone = not text[start : segment.start()].strip() and not text[segment.end() : end].strip()
        if not alone and not (_BEFORE_ITEM.search(before) and _ITEM_END.match(text, segment.end())):
            continue
        iso3 = _lookup_item(segment.group())
        if iso3 is None and _only_separators(
            text[start : segment.start()] + text[segment.end() : end]
        ):
            # an item of a list standing alone between two names is a name, misspelt
            # perhaps ("Peru, Saint Kitt and Nevis, Saint Vincent ...")
            iso3 = _misspelt_item(segment.group(), budget)
        if iso3 is not None:
            out.append(StateMention(iso3, segment.start(), segment.end(), False))
    return out


_SEPARATORS = re.compile(r"(?:[\s,;•|]|\band\b)*")


def _only_separators(gap: str) -> bool:
    return _SEPARATORS.fullmatch(gap) is not None


class _Budget:
    """How many near matches a document may still ask for: each compares the item with
    every name the registry knows, and a hostile page may hold thousands of items."""

    def __init__(self, left: int) -> None:
        self.left = left

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


_NEAR_MATCHES = 64


def _misspelt_item(item: str, budget: _Budget) -> str | None:
    if not item[:1].isupper() or item.isupper() or not 7 <= len(item) <= 40:
        return None
    return registry.lookup_misspelt(item) if budget.spend() else None


#: The last item of a list after the last name read: "..., Belize and Trindad and Tobago."
_LAST_ITEM = re.compile(
    r"(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)(?P<item>[A-Z][\w'’.\-]*(?:[ \t]+[\w'’.\-]+){0,4}?)"
    r"[ \t]*(?=[.;)\n]|$)"
)


def _misspelt_last(text: str, mention: StateMention, budget: _Budget) -> StateMention | None:
    m = _LAST_ITEM.match(text, mention.end, min(len(text), mention.end + 50))
    if m is None or _lookup_item(m.group("item")) is not None:
        return None
    iso3 = _misspelt_item(m.group("item"), budget)
    return StateMention(iso3, m.start("item"), m.end("item"), False) if iso3 else None


def _lookup_item(item: str) -> str | None:
    """The state a list item names, never by a code ("PER", "DE") or a demonym."""
    if len(item) < 4 or not item[0].isupper() or item.isupper():
        return None
    if not all(_name_word(w) for w in _WORDS.findall(item)):
        return None  # a cheap test first: the registry lookup normalises the whole item
    key = registry.normalise(item)
    if key in _demonym_keys():
        return None
    return registry.lookup(item)


_WORDS = re.compile(r"[^\W\d_]+")


@cache
def _name_words() -> frozenset[str]:
    """Every word of every name the registry knows, case-folded, with and without accents."""
    words = {w.casefold() for m in registry.mention_index() for w in _WORDS.findall(m.form)}
    return frozenset(words | {registry.normalise(w) for w in words})


def _name_word(word: str) -> bool:
    """Whether a word may stand in a state's name ("Nioué" as the registry's "Nioue")."""
    names = _name_words()
    return word.casefold() in names or (not word.isascii() and registry.normalise(word) in names)


@cache
def _demonym_keys() -> frozenset[str]:
    return frozenset(registry.normalise(m.form) for m in registry.mention_index() if m.demonym)


def runs(text: str, mentions: list[StateMention]) -> list[list[StateMention]]:
    """Runs of at least three names joined only as a list joins them."""
    runs: list[list[StateMention]] = []
    current: list[StateMention] = []
    for mention in mentions:
        if current and _joins(text[current[-1].end : mention.start]):
            current.append(mention)
            continue
        if len(current) >= MIN_NAMES:
            runs.append(current)
        current = [mention]
    if len(current) >= MIN_NAMES:
        runs.append(current)
    return runs


def _joins(gap: str) -> bool:
    if len(gap) > 60:
        return False
    if _SEPARATOR.match(gap) or _ROW_REST.match(gap) or _SPACE_ONLY.match(gap):
        return True
    # One name the registry does not know ("Bosnia & Herz.") between two separators.
    parts = re.split(r"\s*(?:,|;|\n|•)\s*", gap)
    if len(parts) == 3 and not parts[0].strip() and not parts[2].strip(" and-–•*"):
        return bool(_UNKNOWN_ITEM.match(parts[1].strip()))
    return bool(_QUALIFIER.match(gap))


# A short qualifier after a comma that belongs to the name before: "Macedonia, FYR",
# "Congo, Rep.", "Korea, Rep. of"
_QUALIFIER = re.compile(
    r"^,[ \t]*(?:[A-Z][\w.]{0,5}\.?|of)(?:[ \t]+(?:[A-Z][\w.]{0,5}\.?|of)){0,2}"
    r"(?:[\s,;•\-–]|\band\b)*$"
)


def _heading_start(text: str, at: int) -> int:
    """Where the heading of a list that starts at ``at`` begins: the start of its sentence,
    at most 300 characters back."""
    return textmod.sentence_start(text, at, colon=False)


def _count(heading: str) -> int | None:
    # The count of this list stands in the clause that introduces it, not earlier in the
    # sentence ("... of the 48 countries in Africa, and key Asian nations such as ...").
    clause = re.split(r"[;,](?=[^;,]*$)", heading)[-1] if len(heading) > 60 else heading
    if _INTRODUCER_ONLY.fullmatch(clause):
        # "... have signed the CCM and 46 have ratified it, including A, B": the count is
        # the last conjunct's before the introducer
        parts = re.split(r"[;,]", heading)
        clause = re.split(r"\band\b", parts[-2])[-1] if len(parts) >= 2 else heading
    for match in _COUNT.finditer(clause):
        token = match.group("paren") or match.group("num") or match.group("those")
        # "Four of the eighteen countries of the region are States Parties: ...": the part
        part = _PART_OF.search(clause, max(0, match.start() - 30), match.start())
        if part is not None and match.group("num"):
            token = part.group("num")
        value = numbers.value(token) if token else None
        if value:
            return value
    bare = _BARE_SUBJECT_COUNT.search(clause)
    return numbers.value(bare.group("num")) if bare else None


_PART_OF = re.compile(
    rf"\b(?P<num>{numbers.NUMBER})\s+of\s+(?:the|these|those|its|their)\s+$", re.IGNORECASE
)
_INTRODUCER_ONLY = re.compile(r"\s*(?:including|such\s+as|namely|among\s+them)\s*:?\s*")
#: "46 have ratified it": a count as the subject of the act, with no noun
_BARE_SUBJECT_COUNT = re.compile(
    rf"\b(?P<num>{numbers.NUMBER})\s+(?:have|has|had)\s+(?:now\s+|already\s+|also\s+)?"
    r"(?:signed|ratified|acceded|joined|endorsed)\b",
    re.IGNORECASE,
)


def _count_over_title(text: str, head_start: int, heading: str) -> int | None:
    """A table's count in the sentence before its title line: "there were 110 States
    Parties and 13 signatories." then "States Parties" and the rows."""
    title = _TITLE.match(heading)
    if title is None:
        return None
    # from the last word before the title: a blank line between them ends no sentence here
    before = textmod.sentence_start(text, max(0, len(text[:head_start].rstrip()) - 1), colon=False)
    words = re.escape(title.group("title").strip())
    found = re.search(
        rf"\b(?P<num>{numbers.NUMBER})\s+{words}\b", text[before:head_start], re.IGNORECASE
    )
    return numbers.value(found.group("num")) if found else None


def _as_of(text: str, start: int, end: int, reference: Any) -> str | None:
    for mention in dates.find_dates(text, start, end):
        if not _AS_OF.search(text[max(start, mention.start - 12) : mention.start]):
            continue
        day, _ = dates.resolve(mention, reference)
        if day is not None:
            return day.isoformat()
    return None
