"""Who can speak in a meeting document: states, organisations and named people.

States come from the registry scan; organisations from a short table of the bodies that
take the floor at disarmament meetings (acronym -> the names documents use); people are
capitalised names next to a title or a role, or in the subject's place before a verb of
speech.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from treatywatch.ingest.extract.states import StateMention
from treatywatch.ingest.extract.text import at_word_start

ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "CMC": ("Cluster Munition Coalition", "Cluster Munitions Coalition", "CMC"),
    "ICBL": ("International Campaign to Ban Landmines", "ICBL"),
    "ICBL-CMC": ("ICBL-CMC",),
    "ICRC": ("International Committee of the Red Cross", "ICRC", "Red Cross"),
    "IFRC": ("International Federation of Red Cross and Red Crescent Societies", "IFRC"),
    "RACVIAC": ("RACVIAC",),
    "HI": ("Handicap International", "Humanity & Inclusion", "Humanity and Inclusion"),
    "HRW": ("Human Rights Watch", "HRW"),
    "NPA": ("Norwegian People's Aid", "Norwegian People’s Aid", "NPA"),
    "MAG": ("Mines Advisory Group", "MAG"),
    "MAC": ("Mines Action Canada",),
    "HALO": ("HALO Trust", "Halo Trust"),
    "AI": ("Amnesty International",),
    "OAU": ("Organization of African Unity", "Organisation of African Unity", "OAU"),
    "ADB": ("Asian Development Bank",),
    "UNDP": ("United Nations Development Programme", "United Nations Development Program",
             "UNDP"),
    "UNMAS": ("United Nations Mine Action Service", "UNMAS"),
    "UNICEF": ("UNICEF",),
    "UNODA": ("United Nations Office for Disarmament Affairs", "UNODA"),
    "UNMAT": ("UNMAT", "UN Mine Action Team", "United Nations Mine Action Team"),
    "MAR": ("Mine Action Review",),
    "Maat": ("Maat for Peace, Development and Human Rights",),
    "UNIDIR": ("United Nations Institute for Disarmament Research", "UNIDIR"),
    # The Secretary-General speaks for the UN, in the record as in the documents.
    "UN": (
           # the Secretaries-General by name, who speak for it
           "Ban Ki-moon", "Kofi Annan", "António Guterres", "Antonio Guterres",
           "Boutros Boutros-Ghali", "Javier Pérez de Cuéllar",
           "United Nations Secretary-General", "UN Secretary-General", "U.N. Secretary-General",
           "UN Secretary General", "Secretary-General of the United Nations", "United Nations",
           # the UN's own deputies and assistants ("Deputy Secretary-General Asha-Rose
           # Migiro", "the Assistant Secretary-General for Peacekeeping Operations")
           "Deputy Secretary-General", "Assistant Secretary-General", "Under-Secretary-General",
           "UN", "U.N."),
    "EU": ("European Union", "EU"),
    "NAM": ("Non-Aligned Movement", "NAM"),
    "AU": ("African Union",),
    "ASEAN": ("ASEAN", "Association of Southeast Asian Nations"),
    "OAS": ("Organization of American States", "OAS"),
    "GICHD": ("Geneva International Centre for Humanitarian Demining",
              "Geneva International Center for Humanitarian Demining", "GICHD"),
    "ISU": ("Implementation Support Unit", "ISU"),
    "ITF": ("ITF Enhancing Human Security", "ITF"),
    "Monitor": ("Landmine and Cluster Munition Monitor", "Landmine Monitor"),
    # a national affiliate is the body all the same: "Oxfam New Zealand has called on ..."
    "Oxfam": ("Oxfam", "Oxfam International", "Oxfam New Zealand", "Oxfam Australia",
              "Oxfam America", "Oxfam GB", "Oxfam Novib", "Oxfam Solidarité"),
    "DDG": ("Danish Demining Group", "DDG"),
    "SIPRI": ("Stockholm International Peace Research Institute", "SIPRI"),
    "OHCHR": ("Office of the High Commissioner for Human Rights", "OHCHR"),
    "UNHCR": ("UNHCR", "United Nations High Commissioner for Refugees"),
}  # fmt: skip

# The titles before a name, each where a word starts (a skip in C to the next capital).
_TITLES = at_word_start(
    (
        r"Ambassador", r"Minister", r"Deputy\s+Minister(?:\s+of\s+[A-Z][\w\s]+?)?",
        r"Foreign\s+Minister", r"President", r"Vice[- ]President", r"Secretary[- ]General",
        r"Chair(?:person|man|woman)?", r"Mr\.?", r"Ms\.?", r"Mrs\.?", r"Dr\.?", r"H\.\s?E\.",
        r"His\s+Excellency", r"Her\s+Excellency", r"Advocate", r"Director", r"Prime\s+Minister",
        r"Professor", r"Prof\.", r"Judge", r"Senator", r"H\.\s?R\.\s?H\.",
        r"His\s+Royal\s+Highness", r"Her\s+Royal\s+Highness",
    )
)  # fmt: skip
# Names are written in every alphabet's Latin letters: "Tine Mørch Smith", "Sorreta".
# Latin Extended-A and B mix capitals and small letters ("Goršič", "Šimonović"): a name may
# open with any of them, and go on with any.
_CAPITAL = "[A-ZÀ-ÖØ-Þ\u0100-\u024f]"
# (an apostrophe joins "O'Neill" and "Ra’as", not the possessive of "Obama's administration")
_NAME_REST = (
    r"[a-zß-öø-ÿ\u0100-\u024f]+"
    r"(?:[-'’](?![sS]\b)[A-ZÀ-ÖØ-Þ\u0100-\u024f]?[a-zß-öø-ÿ\u0100-\u024f]+)?"
)
_NAME = rf"(?:{_CAPITAL}{_NAME_REST})"
# after a title a name may run to five words ("His Royal Highness Prince Mired Raad Zeid
# Al-Hussein"); a run with no title stops at four, as headings run on
_PERSON_AFTER_TITLE = re.compile(rf"{_TITLES}\s+(?P<name>{_NAME}(?:\s+{_NAME}){{1,4}})")
# The run's first capital, then the look-behind past it: a skip in C to the next capital.
_NAME_RUN = re.compile(rf"(?P<name>{_CAPITAL}(?<![\w].){_NAME_REST}(?:\s+{_NAME}){{1,3}})(?![\w])")
# Capitalised words that open a name-like run but are roles, places or sentence words.
_NOT_NAME_WORDS = """
    Advocate Affairs Also Ambassador Among April Article Articles As Assembly Assistance At
    August Ban Beirut Call Chair Cluster Coalition Commission Committee Concerning Conference
    Convention Council Cross December Declaration Deputy Dr Dublin During Expert Experts
    February Fifth Final Finally First For Foreign Fourth Friday Friend Friends From Further
    General Geneva Government Group Groups Heads However Implementation In International
    Intersessional January July June Kingdom Land Landmine Lao Laos Lima Many March May
    Meanwhile Meeting Meetings Member Members Mine Mines Minister Monday Most Movement Mr Mrs
    Ms Munition Munitions National Nations November October Office On Oslo Other Parties Party
    Plenary President Protocol Red Regarding Republic Review Saturday Second Secretary
    September Session Since Some Standing State States Sunday Support Survivor Survivors That
    The These Third This Those Thursday Treaty Tuesday Union Unit United Universalisation
    Update Victim Vienna Wednesday Wellington With Working
    Permanent Representative Representatives Acting Director Envoy Special Head Chief Officer
    Adviser Advisor Coordinator Spokesperson Spokesman Spokeswoman Executive Vice Assistant
    Excellency Under High Commissioner Check Delivery Their Its Our Senator Hon His Her Royal
    Highness Former Nobel Peace Prize Laureate Winner Armed Forces Central Western Eastern
    Northern Southern America Africa Asia Europe Sahara
    Attorney-General Secretary-General
    Conservative Liberal Labour Social Democrat Democrats Republican Socialist Green Greens
    One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Several Both All Each
    Countries Nordic Baltic Your Excellencies Majesty Highnesses Ladies Gentlemen
    Complete List Full Text Download Read More
    Defence Defense Justice Interior Finance Health Education Trade Cooperation Environment
    """
# Words that make a capitalised run a body, not a person ("Disarmament Insight said").
_BODY_WORDS = """
Insight Watch Campaign Network Institute Centre Center Foundation Association Society Alliance
Agency Programme Program Service Services Times News Post Press Radio Ministry Department
Bureau Fund Bank Initiative Project Forum Panel Secretariat Mission Embassy Delegation Team
Coalition Action Aid International Global Human Rights Humanitarian Disarmament Handicap
Norwegian Mines Advisory Landmine Monitor Research Summit Conference Treaty Report Blog
Broadcasting System Process World
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split()) | frozenset(_BODY_WORDS.split())


# A heading's words, not a name's: "Achieving Completion by 2025", "Strengthening Assistance"
# (a titled name keeps them: "Ambassador Wang Ming" needs no such test).
_COMMON_NOUN = re.compile(r"(?:\w{5}ing|\w{2}(?:tion|sion|ment|ness|ity|ism))\Z")
# "the formerly Soviet-ruled Baltic state", "the Geneva-based Unit": a compound adjective,
# where a name's hyphen joins two names or syllables ("Jean-Marie", "Ban Ki-moon")
_LOWER_AFTER_HYPHEN = re.compile(
    r"-(?:ruled|based|backed|led|run|owned|born|speaking|affected|held|funded|sponsored|made)\Z"
)


_BODY_AFTER = re.compile(r"\s+(?:political\s+)?(?:group|party|faction|movement|alliance)\b")


@dataclass(frozen=True, slots=True)
class Speaker:
    code: str  # "VNM", "org:CMC" or "person:Full Name"
    start: int
    end: int


#: The offices a government speaks through, named for their seat: "said the White House
#: official", "the Kremlin said". Each speaks for its state.
STATE_OFFICES: dict[str, tuple[str, ...]] = {
    "USA": ("White House", "State Department", "Pentagon"),
    "RUS": ("Kremlin", "State Duma"),
    "GBR": ("Downing Street", "Foreign Office"),
    # parliaments by their own names, which the withdrawals of 2024-2025 made news: a vote of
    # the Seimas is Lithuania's stated position
    "UKR": ("Verkhovna Rada",),
    "LTU": ("Seimas",),
    "LVA": ("Saeima",),
    "POL": ("Sejm",),
    "EST": ("Riigikogu",),
    "FIN": ("Eduskunta",),
    "NOR": ("Storting", "Stortinget"),
    "DEU": ("Bundestag",),
    "ISR": ("Knesset",),
}


@cache
def _org_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {}
    for code, names in ORGANISATIONS.items():
        for name in names:
            forms[name] = f"org:{code}"
    for iso3, names in STATE_OFFICES.items():
        for name in names:
            forms[name] = iso3
    alternation = at_word_start(
        (re.escape(f) for f in sorted(forms, key=len, reverse=True)), not_before=r"\w\-"
    )
    return re.compile(rf"{alternation}(?![\w\-])"), forms


def find_organisations(text: str, start: int, end: int) -> list[Speaker]:
    pattern, forms = _org_pattern()
    known = [
        Speaker(forms[m.group()], m.start(), m.end())
        for m in pattern.finditer(text, start, end)
        if not (m.group() == "Red Cross" and _national_society(text, m.start()))
    ]
    named = _named_bodies(text)
    if not named:
        return known
    # a body the list knows inside a longer name is the longer one: "the Aotearoa New
    # Zealand Cluster Munition Coalition (ANZCMC)" is no CMC
    known = [o for o in known if not any(a < o.start and o.end <= b for _, a, b in named)]
    taken = merged([(o.start, o.end) for o in known])
    extra = [
        Speaker(code, a, b)
        for code, a, b in named
        if start <= a and b <= end and not overlaps(taken, a, b)
    ]
    return sorted([*known, *extra], key=lambda o: o.start) if extra else known


# A campaigning body a text introduces by its name and acronym, which no list can hold
# ("The Nepal Campaign to Ban Landmines (NCBL) notes that ..."): the acronym is its code
# from then on. Only the words of civil society's bodies: a national authority or centre
# ("the National Regulatory Authority (NRA)") speaks for its state.
_NAMED_BODY = re.compile(
    r"\b(?:[A-Z][\w\-’']*\s+(?:(?:of|for|to|on|and|the)\s+)*){0,6}?"
    r"(?:Campaign|Coalition|Network|Foundation|Association|Society|Institute|Alliance"
    # a body of the state's, which speaks for it where its name names the state: "the
    # Cambodian Mine Action and Victim Assistance Authority (CMAA)"; else one of civil
    # society's ("the Suva-based Pacific Concerns Resource Center (PCRC)")
    r"|(?P<office>Authority|Centre|Center|Agency|Commission|Committee|Office))"
    r"(?:\s+(?:(?:of|for|to|on|and|the|against)\s+)*[A-Z][\w\-’']*){0,5}\s+\Z"
)
# the acronyms in brackets first: a scan for them runs in C, the name before each is tried
# only there
_ACRONYM_IN_BRACKETS = re.compile(r"\((?P<acronym>[A-Z]{2,8})\)")


@lru_cache(maxsize=4)  # asked once a sentence; one document's text at a time
def _named_bodies(text: str) -> tuple[tuple[str, int, int], ...]:
    """Each named body's long name and its acronym's later mentions, as (code, start, end)."""
    out: list[tuple[str, int, int]] = []
    for bracket in _ACRONYM_IN_BRACKETS.finditer(text):
        acronym = bracket.group("acronym")
        if acronym in ORGANISATIONS:
            continue  # a body the list knows is found by its own names
        name = _NAMED_BODY.search(text, max(0, bracket.start() - 160), bracket.start())
        if name is None:
            continue
        code = f"org:{acronym}"
        if name.group("office"):
            from treatywatch.ingest.extract.states import find_states

            owners = {m.iso3 for m in find_states(text, name.start(), name.end())}
            if len(owners) == 1:
                code = next(iter(owners))  # the state's own body
            elif owners or re.search(r"\bNational\b", name.group()):
                continue  # a national body of no one state named: its state is the text's
        out.append((code, name.start(), bracket.end()))
        for later in re.finditer(rf"(?<![\w\-]){acronym}(?![\w\-])", text[bracket.end() :]):
            out.append((code, bracket.end() + later.start(), bracket.end() + later.end()))
    return tuple(sorted(out, key=lambda o: o[1]))


_WORD_BEFORE = re.compile(r"([A-Z][\w\-]+)\s+$")


def _national_society(text: str, at: int) -> bool:
    """Whether "Red Cross" is a state's own society ("the Irish Red Cross"), not the ICRC."""
    from treatywatch.registry import states as registry

    word = _WORD_BEFORE.search(text, max(0, at - 24), at)
    return word is not None and registry.lookup(word.group(1)) is not None


def clean_name(raw: str) -> str | None:
    words = raw.split()
    while words and words[0] in _NOT_NAMES:
        words.pop(0)
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    if len(words) < 2 or any(w in _NOT_NAMES for w in words):
        return None
    return " ".join(words)


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``spans`` as sorted spans that do not overlap: what :func:`overlaps`
    and :func:`covers` look up."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of ``spans`` (from :func:`merged`) overlaps [start, end)."""
    i = bisect.bisect_left(spans, (end, end))
    return i > 0 and spans[i - 1][1] > start


def covers(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether any of ``spans`` (from :func:`merged`) holds ``at``."""
    return overlaps(spans, at, at + 1)


def find_people(text: str, start: int, end: int, states: list[StateMention]) -> list[Speaker]:
    """Named people: after a title, or a run of two to four capitalised words that is not a
    state, an organisation or a heading word."""
    taken = merged([(s.start, s.end) for s in states])
    out: list[Speaker] = []
    for m in _PERSON_AFTER_TITLE.finditer(text, start, end):
        name = clean_name(m.group("name"))
        if name:
            out.append(Speaker(f"person:{name}", m.start("name"), m.end("name")))
    titled = merged([(p.start, p.end) for p in out])
    for m in _NAME_RUN.finditer(text, start, end):
        # spans looked up by bisection: one sentence of a hostile page may hold thousands
        if overlaps(taken, m.start(), m.end()):
            continue
        if _BODY_AFTER.match(text, m.end()):
            continue  # "the far-right LVZS Nemunas Dawn political group": a body's name
        if covers(titled, m.start()):
            continue
        name = clean_name(m.group("name"))
        if name is None or any(
            _COMMON_NOUN.search(w) or _LOWER_AFTER_HYPHEN.search(w) for w in name.split()
        ):
            continue
        offset = m.group("name").index(name.split()[0])
        out.append(Speaker(f"person:{name}", m.start() + offset, m.start() + offset + len(name)))
    return sorted(out, key=lambda s: s.start)


# The state a government's own publication speaks for: named in its letterhead ("Australian
# Commonwealth Coat of Arms", "Government of Japan") or, failing that, the one state whose
# government the text names ("the Government of Japan has fulfilled", "Norway's presidency").
_GOVERNMENT_OF = re.compile(
    r"\b(?:Government|Ministry\s+of\s+Foreign\s+Affairs|Permanent\s+Mission|Embassy)\s+of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_GOVERNMENT_AFTER = re.compile(
    r"[’'`]s\s+(?:[Gg]overnment|[Pp]residency|Ministry|Foreign\s+Ministry)\b"
    r"|\s+(?:Government|Commonwealth|Ministry|Minister|Embassy|Permanent\s+Mission|flag|"
    r"Department\s+of\s+(?:Foreign|External)\s+Affairs)\b"
)
# A ministry publishes it: "Publisher: Ministry of Foreign Affairs", "Department of Foreign
# Affairs and International Trade".
_MINISTRY_HEAD = re.compile(
    r"\b(?:Ministry|Department)\s+of\s+(?:Foreign|External)\s+(?:Affairs|Relations)|"
    r"\bForeign\s+Ministry\b"
)
_HEAD_CHARS = 900


def own_state(text: str, states: list[StateMention]) -> str | None:
    """The state a document is the voice of, if its head or its government names one."""
    governed: set[str] = set()
    for m in states:
        if m.start > _HEAD_CHARS and len(governed) > 1:
            break
        before = text[max(0, m.start - 40) : m.start]
        if _GOVERNMENT_OF.search(before) or _GOVERNMENT_AFTER.match(text, m.end):
            if m.start < _HEAD_CHARS:
                return m.iso3
            governed.add(m.iso3)
    if len(governed) == 1:
        return next(iter(governed))
    if governed or not _MINISTRY_HEAD.search(text, 0, _HEAD_CHARS):
        return None
    counts: dict[str, int] = {}
    for m in states:
        counts[m.iso3] = counts.get(m.iso3, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if ranked and (len(ranked) == 1 or ranked[0] >= 2 * ranked[1]):
        return max(counts, key=lambda k: counts[k])
    return None


def subject_state(text: str, states: list[StateMention]) -> str | None:
    """The state a document is about, whose officials it may name by office alone ("Defence
    Minister Laurynas Kasciunas told the parliament" in a story on Lithuania): the state its
    first line names, if it is named again, else the one named at least three times and
    twice as often as any other."""
    counts: dict[str, int] = {}
    for m in states:
        counts[m.iso3] = counts.get(m.iso3, 0) + 1
    if not counts:
        return None
    first_line = text.find("\n")
    first_line = len(text) if first_line < 0 else first_line
    titled = {m.iso3 for m in states if m.start < first_line}
    if len(titled) == 1:
        (only,) = titled
        if counts[only] >= 2:
            return only
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    top, n = ranked[0]
    if n >= 3 and (len(ranked) == 1 or n >= 2 * ranked[1][1]):
        return top
    return None


# A dispatch or release headed by the capital it was written in: "Vienna, 13 November 2010",
# "(Pretoria) -", "PHNOM PENH, Nov. 28 (Xinhua) --".
_CAPITAL_DATELINE = re.compile(
    r"(?m)^[ \t]*\(?(?P<city>[A-Z][\w'’\-]+(?:[ ][A-Z][\w'’\-]+){0,2})\)?"
    r"(?:,[ \t]*(?=\d|[A-Z][a-z]{2,8}\.?[ \t]+\d)|[ \t]+(?:--?|–|—)[ \t]+(?=[A-Z]))"
)
_DATELINE_REACH = 600
# The state a text names as the one whose government or delegation acts: "the Austrian
# delegation", "As the Cambodian government's leader", "Norway's government".
_GOVERNMENT_NOUN = re.compile(r"(?:[’']s)?\s+(?:[Gg]overnment|[Dd]elegation)\b")


def home_state(text: str, states: list[StateMention]) -> str | None:
    """The state a text is written from, for the officials it names by office alone
    ("Foreign Minister Michael Spindelegger" in a release datelined Vienna): the capital of
    its dateline, else the one state whose government or delegation it names."""
    from treatywatch.ingest.extract import places

    for m in _CAPITAL_DATELINE.finditer(text, 0, min(len(text), _DATELINE_REACH)):
        found = places.city(m.group("city"))
        if found is not None and found.iso3 and places.capital_of(found.iso3) == found.name:
            return found.iso3
    governing = {m.iso3 for m in states if _GOVERNMENT_NOUN.match(text, m.end)}
    if len(governing) == 1:
        return next(iter(governing))
    return None
