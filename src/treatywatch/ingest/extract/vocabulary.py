"""The words that mark a statement's topics and its speaker's stance toward the treaty.

Kept as data so that a reviewer can read and extend them without touching the rules.
"""

from __future__ import annotations

import re

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
_WEAKENING = re.compile(
    r"\b(?:exceptions?|transition periods?|slow down|weaken|self-destruct|pushed for)\b",
    re.IGNORECASE,
)


# One scan for all topics instead of one search per topic (statements ask for the topics of
# every sentence that has a speaker). Each topic is a group of its own; a match of one topic
# never hides another's, since they share no words (tests/test_extract_properties.py).
_ANY_TOPIC = re.compile(
    r"(?=\w)\b(?:" + "|".join(f"(?P<t{i}>{p})" for i, p in enumerate(TOPICS.values())) + ")",
    re.IGNORECASE,
)
_TOPIC_OF_GROUP = {f"t{i}": topic for i, topic in enumerate(TOPICS)}


def topics(words: str) -> list[str]:
    found = {_TOPIC_OF_GROUP[m.lastgroup] for m in _ANY_TOPIC.finditer(words) if m.lastgroup}
    return [topic for topic in TOPICS if topic in found]


def topics_one_by_one(words: str) -> list[str]:
    """What :func:`topics` must return: each topic's own search (kept for the tests)."""
    return [topic for topic, pattern in _TOPIC_PATTERNS.items() if pattern.search(words)]


def stance(words: str) -> str | None:
    if _WEAKENING.search(words):
        return None
    for name, pattern in _STANCE_PATTERNS:
        if pattern.search(words):
            return name
    return None
