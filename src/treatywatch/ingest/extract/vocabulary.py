"""The words that mark a statement's topics and its speaker's stance toward the treaty.

Kept as data so that a reviewer can read and extend them without touching the rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

from treatywatch.ingest.extract.prefilter import NOT_LOWERED_ALIKE, opening_words

#: topic -> pattern over the statement's words (case-insensitive)
TOPICS: dict[str, str] = {
    "universalisation": r"universali[sz]\w*|accede|accession|join(?:ed|ing|s)?\b|adheren\w*"
    r"|ratif\w*|sign(?:ing|ed)?\s+(?:the|this)\s+(?:CCM|Convention|treaty)|States? not part"
    r"|promot\w+ the Convention|become (?:a )?States? Part",
    "victim-assistance": r"victim|survivor|rehabilitation|disabilit",
    "clearance": r"clear(?:ance|ing|ed)?\b|contaminat\w*|remnants|unexploded|demining"
    r"|article 4\b",
    "stockpile-destruction": r"stockpil\w*|destroy\w*|destruction",
    "transparency": r"transparen\w*|national reports?|article 7\b|reporting",
    "compliance": r"complian\w*|violation|penal sanction|article 8\b",
    "cooperation-assistance": r"cooperation|co-operation|international assistance"
    r"|capacity build\w*|support of our neighbo|resources",
    "ccw-protocol": r"\bCCW\b|Certain Conventional Weapons|Conventional Weapons|protocol",
    "interoperability": r"interoperab\w*|article 21\b|joint (?:military )?operations",
    "national-implementation": r"national (?:legislation|implementation|measures|action plan)"
    r"|legislat\w*|implement(?:ing)? the Convention",
    "use-of-cluster-munitions": r"\buse of cluster\b|\bused cluster\b|new use|condemn\w*",
}
# A cue starts a word ("clear" is not in "nuclear").
_TOPIC_PATTERNS = {topic: re.compile(rf"\b(?:{p})", re.IGNORECASE) for topic, p in TOPICS.items()}

#: stance -> cues, tried in this order (the first that matches wins)
STANCES: list[tuple[str, str]] = [
    (
        "opposed",
        r"\b(?:oppose[sd]?|reject(?:s|ed)?|will not (?:join|sign)|no intention"
        r"|cannot support)\b",
    ),
    (
        "not-yet",
        r"\bnot (?:yet )?(?:in a position|ready|able) to\b|\bnot yet\b.{0,40}\b(?:join|"
        r"accede|sign|ratify|supported)|\bdistanced\b",
    ),
    (
        "considering",
        r"\b(?:consider\w*|stud(?:y|ying) the possibility|assess\w*|analy[sz]\w*|"
        r"plan(?:s|ning)? to (?:accede|join|sign|ratify)|intend\w* to (?:accede|join|sign|ratify)|"
        r"willing\w*|critical juncture|move towards signing|will sign|matter of time|"
        r"roadmap|in consultation)\b",
    ),
    (
        "supportive",
        r"\b(?:support\w*|welcom\w*|commit\w*|urg\w*|promot\w*|call(?:s|ed)? on|"
        r"encourag\w*|condemn\w*|important|stigma\w*|applause|host|expressing support|"
        r"initiative|free zone|universal adherence|remain\w* committed)\b",
    ),
]
# Each cue starts a word: the look-ahead lets a search skip, with one test, the positions
# where none starts.
_STANCE_PATTERNS = [(s, re.compile(r"(?=\w)" + p, re.IGNORECASE | re.DOTALL)) for s, p in STANCES]
# Supporting a weaker rule ("supported major exceptions") is not support for the treaty.
_WEAKENING_CUES = (
    r"\b(?:exceptions?|transition periods?|slow down|weaken|self-destruct|pushed for)\b"
)
_WEAKENING = re.compile(_WEAKENING_CUES, re.IGNORECASE)

# The cues run over every statement's words. Searching the words lower-cased with the cues
# lower-cased finds the same matches as the case-insensitive search, faster (the engine
# compares literal letters, which it cannot do case-insensitively), except where the words
# hold one of the letters prefilter.NOT_LOWERED_ALIKE names. A cue whose meaning would
# change when lower-cased (an escape such as \S, a flag group) keeps only the
# case-insensitive search.
_CASE_SYNTAX = re.compile(r"\\[A-Z]|\(\?[A-Za-z]")


def _lowered(cues: str, flags: int = 0) -> re.Pattern[str] | None:
    """The cues as a case-sensitive pattern over lower-cased words, if lower-casing them keeps
    their meaning."""
    return None if _CASE_SYNTAX.search(cues) else re.compile(cues.lower(), flags)


# One scan for all topics instead of one search per topic (statements ask for the topics of
# every sentence that has a speaker). Each topic is a group of its own; a match of one topic
# never hides another's, since they share no words (tests/test_extract_properties.py).
_ANY_TOPIC = re.compile(
    r"(?=\w)\b(?:" + "|".join(f"(?P<t{i}>{p})" for i, p in enumerate(TOPICS.values())) + ")",
    re.IGNORECASE,
)
_TOPIC_OF_GROUP = {f"t{i}": topic for i, topic in enumerate(TOPICS)}
_ANY_TOPIC_LOWERED = (
    None
    if any(_CASE_SYNTAX.search(p) for p in TOPICS.values())
    else re.compile(
        r"(?=\w)\b(?:"
        + "|".join(f"(?P<t{i}>{p.lower()})" for i, p in enumerate(TOPICS.values()))
        + ")"
    )
)
_STANCES_LOWERED = [(s, _lowered(r"(?=\w)" + p, re.DOTALL)) for s, p in STANCES]
_WEAKENING_LOWERED = _lowered(_WEAKENING_CUES)


def _openings(cues: str) -> tuple[str, ...]:
    return tuple(sorted({w.lower() for w in opening_words(cues)}))


# A cue matches only where one of the words it opens with occurs: asking for them with
# ``in`` (in C, at memory speed) spares most statements the scan for most stances, which
# tries the cue at every character of the words. (Not for topics: most statements hold
# a topic's word, and one scan for all the topics is then faster than one per topic.)
_STANCE_OPENINGS = [_openings(p) for _, p in STANCES]
_WEAKENING_OPENINGS = _openings(_WEAKENING_CUES)


@lru_cache(maxsize=4)
def _words_lowered(words: str) -> str | None:
    """The words lower-cased for the lowered cues, or None where they must not be (kept for
    a moment: a statement's topics and stance read the same words)."""
    return None if NOT_LOWERED_ALIKE.search(words) else words.lower()


def topics(words: str) -> list[str]:
    lowered = _words_lowered(words)
    if lowered is not None and _ANY_TOPIC_LOWERED is not None:
        matches = _ANY_TOPIC_LOWERED.finditer(lowered)
    else:
        matches = _ANY_TOPIC.finditer(words)
    found = {_TOPIC_OF_GROUP[m.lastgroup] for m in matches if m.lastgroup}
    return [topic for topic in TOPICS if topic in found]


def topics_one_by_one(words: str) -> list[str]:
    """What :func:`topics` must return: each topic's own search (kept for the tests)."""
    return [topic for topic, pattern in _TOPIC_PATTERNS.items() if pattern.search(words)]


def stance(words: str) -> str | None:
    lowered = _words_lowered(words)
    if _found(_WEAKENING, _WEAKENING_LOWERED, _WEAKENING_OPENINGS, words, lowered):
        return None
    for (name, pattern), (_, pattern_lowered), openings in zip(
        _STANCE_PATTERNS, _STANCES_LOWERED, _STANCE_OPENINGS, strict=True
    ):
        if _found(pattern, pattern_lowered, openings, words, lowered):
            return name
    return None


def _found(
    pattern: re.Pattern[str],
    pattern_lowered: re.Pattern[str] | None,
    openings: tuple[str, ...],
    words: str,
    lowered: str | None,
) -> bool:
    if pattern_lowered is not None and lowered is not None:
        return any(w in lowered for w in openings) and pattern_lowered.search(lowered) is not None
    return pattern.search(words) is not None
