"""Every state a text names, in any form the registry knows, with its offsets.

Names, former names, short forms and demonyms come from the state registry
(:mod:`treatywatch.registry.states`); this module only scans. Names are matched as written
(capitalised), so "us" or "china" in running lower-case text never count; a demonym is
skipped where it names a region ("Latin American", "the Indian Ocean").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from treatywatch.registry import states as registry


@dataclass(frozen=True, slots=True)
class StateMention:
    iso3: str
    start: int
    end: int
    demonym: bool

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


# Words before or after a form that turn it into a region or something else than the state.
_REGION_BEFORE = re.compile(r"(?:Latin|North|South|Central|Pan|Meso)[\s-]+$")
_REGION_AFTER = re.compile(r"^[\s-]*(?:Ocean|Subcontinent|Peninsula|Sea\b|Gulf\b)")


# A name starts a word, or is glued to the end of a lowercase one, as a table copied from a
# page runs its cells together ("...Ratification" + "Afghanistan", "9 Apr 2013 a" + "Cyprus").
# The capital comes first and the look-behinds test the character before it: a pattern that
# opens with a character class lets the engine skip to the next capital in C, four times
# faster than trying the look-behinds at every position. The look-ahead reads the rest of
# the word's letters (the token to look up) without consuming them, as a capital glued
# inside the word starts a name of its own; its first group ends at the word's next capital
# (the head of "RatificationAfghanistan"), its second at the word's end.
_CAPITALISED = re.compile(
    r"[A-Z](?:(?<![\w\-'’][A-Z])|(?<=[a-z][A-Z]))(?=([^\W\d_A-Z]*)([^\W\d_]*))"
)
_SPACES = re.compile(r"[\s\u00a0]+")


@cache
def _forms() -> dict[str, list[tuple[str, str, bool]]]:
    """Forms by their first word, longest first: a scan looks up each capitalised word and
    tries only the forms that start with it (much faster than one regex of 600 names)."""
    by_first: dict[str, list[tuple[str, str, bool]]] = {}
    seen: set[str] = set()
    for mention in registry.mention_index():
        form = _SPACES.sub(" ", mention.form.strip())
        # Forms the registry keeps for look-ups but running text never uses; an inverted
        # name ("Congo, Democratische Republiek") is how alphabetical tables print it, and
        # is kept when it is long enough to be unmistakable.
        if not form or "(" in form or form.isdigit():
            continue
        if "," in form and len(form) < 16:
            continue
        if len(form) <= 3 and not form.isupper() and form not in ("BiH", "Lao"):
            continue
        variants = [form]
        # "Guinée Équatoriale" is written "Guinée équatoriale" in running French
        head, _, rest = form.partition(" ")
        if rest[:1].isupper() and not rest[:1].isascii():
            variants.append(f"{head} {rest[:1].lower()}{rest[1:]}")
        if form[0].islower():  # "the Netherlands" also opens a sentence as "The Netherlands"
            variants.append(form[0].upper() + form[1:])
        if head == "Saint":  # "St. Lucia", "St Kitts and Nevis"
            variants += [f"St. {rest}", f"St {rest}"]
        # Typeset text writes the apostrophe curly: "Lao People’s", "Côte d’Ivoire".
        variants += [v.replace("'", "’") for v in variants if "'" in v]
        for variant in variants:
            if variant in seen or not variant[0].isupper():
                continue
            seen.add(variant)
            # keyed like the scan reads a word: up to a space or an apostrophe
            first = re.split(r"[ ,'’\-]", variant, maxsplit=1)[0]
            if first == "St.":
                first = "St"  # the scan reads a word's letters, without its stop
            by_first.setdefault(first, []).append((variant, mention.iso3, mention.demonym))
    for entries in by_first.values():
        entries.sort(key=lambda e: -len(e[0]))
    return by_first


def find_states(text: str, start: int = 0, end: int | None = None) -> list[StateMention]:
    """State mentions in ``text[start:end]``, left to right, absolute offsets."""
    by_first = _forms()
    end = len(text) if end is None else end
    out: list[StateMention] = []
    pos = start
    for word in _CAPITALISED.finditer(text, start, end):
        if word.start() < pos:
            continue
        whole = token = text[word.start() : word.end(2)]
        candidates = by_first.get(token)
        if candidates is None and word.end(1) < word.end(2):
            # "RatificationAfghanistan": the name is the head only
            token = text[word.start() : word.end(1)]
            candidates = by_first.get(token)
        if candidates is None and token.endswith("s"):
            candidates = by_first.get(token[:-1])  # "Norwegians"
        if candidates is None and len(whole) >= 3 and whole.isupper():
            # a headline in capitals: "MEXICO REAFFIRMS ITS COMMITMENT", "NEW ZEALAND"
            found = _capitals_mention(text, word.start(), end, by_first.get(whole.title(), ()))
            if found is not None:
                out.append(found)
                pos = found.end
            continue
        if candidates is None and text.startswith(".", word.end(2)):
            # "the U.S. said", "U.K. forces": initials with their stops
            initials = _INITIALS.match(text, word.start(), end)
            if initials is not None:
                candidates = by_first.get(initials.group())
        if candidates is None:
            continue
        for form, iso3, demonym in candidates:
            stop = _match(text, word.start(), end, form)
            if stop is None:
                continue
            if demonym and stop < end and text[stop] == "s":
                stop += 1  # a plural demonym names the state's people all the same
            # a digit may follow: a footnote mark or a table's next cell ("Cyprus23 Sep 2009"),
            # and so may the next name of a list whose separators a page lost
            # ("ThailandColombiaSri Lanka")
            glued = stop < end and text[stop].isupper() and text[stop - 1].islower()
            if stop < end and (text[stop].isalpha() or text[stop] == "_") and not glued:
                continue
            if _not_the_state(text, word.start(), stop, form, demonym):
                break
            if demonym and (
                _REGION_BEFORE.search(text[max(0, word.start() - 12) : word.start()])
                or _REGION_AFTER.match(text[stop : stop + 14])
            ):
                break
            out.append(StateMention(iso3, word.start(), stop, demonym))
            pos = stop
            break
    return out


def _capitals_mention(
    text: str, at: int, end: int, candidates: Iterable[tuple[str, str, bool]]
) -> StateMention | None:
    """The state a run of capitals names, compared letter for letter with each form."""
    for form, iso3, demonym in candidates:
        stop = at + len(form)
        if stop > end or text[at:stop] != form.upper():
            continue
        if stop < end and text[stop].isalpha():
            continue
        return StateMention(iso3, at, stop, demonym)
    return None


_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")


#: What joins the names of coordinated states: "A, B and the C", "A, and B".
JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


def coordinated_from(
    text: str, at: int, mentions: list[StateMention], starts: list[int]
) -> list[StateMention]:
    """The states named from ``at`` on, one after another, joined by commas or "and"
    ("followed by Laos and Lebanon"); ``starts`` are the mentions' starts, in order. A
    demonym ends the run: it names no state of the list."""
    out: list[StateMention] = []
    i = bisect.bisect_left(starts, at)
    expected = at
    while i < len(mentions) and mentions[i].start == expected and not mentions[i].demonym:
        out.append(mentions[i])
        joint = JOINED.match(text, mentions[i].end)
        if joint is None:
            break
        expected = joint.end()
        i += 1
    return out


# Places and things named after a state that are not it.
_ISLAND_NAMES = (
    "Pacific", "Rhode", "Solomon", "Christmas", "Norfolk", "Easter", "Edward", "Long",
    "Baffin", "Ellis", "Robben", "Ascension", "Heard", "Bouvet",
)  # fmt: skip
_OTHER_PLACES = {
    "Georgia": ("South ",),
    "Mexico": ("New ",),
    "Guinea": ("New ",),
    # organisations named after a state or its people, not it
    # "Island" names Iceland in the lists of other languages, and an island in English:
    # "a Pacific Island state", "the Pacific Island Forum", "Rhode Island"
    "Island": tuple(f"{w} " for w in _ISLAND_NAMES),
    "France": ("Agence ",),
    "American": ("Organization of ", "Organisation of "),
}
# "Vatican News", a newsroom; "Norwegian People's Aid", "Danish Demining Group", "the
# Swedish People's Party": organisations with a people's name
_NOT_AFTER = re.compile(
    r"\s+(?:News|Radio|People[’']s\s+(?:Aid|Party)|Demining\s+Group|Refugee\s+Council"
    r"|Church\s+Aid)\b"
)
_LANGUAGES = frozenset(
    {"Spanish", "Portuguese", "French", "English", "Arabic", "German", "Russian", "Chinese",
     "Japanese", "Italian", "Dutch"}
)  # fmt: skip
_AFTER_LANGUAGE = re.compile(
    r"^(?:\s*$|\s*[^\w\s]|\s+(?:and|or|version|translation|only|coming|[A-Z]))"
)


def _not_the_state(text: str, start: int, stop: int, form: str, demonym: bool) -> bool:
    before = text[max(0, start - 20) : start]
    if any(before.endswith(w) for w in _OTHER_PLACES.get(form, ())):
        return True
    if _NOT_AFTER.match(text, stop, stop + 24):
        return True
    if not demonym or form not in _LANGUAGES:
        return False
    # "Website in Spanish", "available in French and English": a language
    if before.endswith(" in ") and _AFTER_LANGUAGE.match(text[stop : stop + 14]) is not None:
        return True
    # "Colombia Spanish PDF 717KB", "(Original: Spanish)", "Press Release (French)", and
    # languages listed together ("Arabic, Chinese, English, French, Russian and Spanish")
    return bool(
        _DOCUMENT_AFTER.match(text, stop, stop + 12)
        or _LANGUAGE_LABEL.search(text, max(0, start - 12), start)
        or (before.endswith("(") and text.startswith(")", stop))
        or any(
            m.start() <= start and stop <= m.end()
            for m in _LANGUAGE_RUN.finditer(text, max(0, start - 60), min(len(text), stop + 60))
        )
    )


_DOCUMENT_AFTER = re.compile(r"\s*(?:PDF|DOC|version|translation|text\b|\d+\s*KB)")
_LANGUAGE_LABEL = re.compile(r"(?:Original|Languages?)\s*:\s*$", re.IGNORECASE)
_LANGUAGE_NAMES = "|".join(sorted(_LANGUAGES))
# three languages or more in a row (two may be the French and German governments)
_LANGUAGE_RUN = re.compile(
    rf"\b(?:{_LANGUAGE_NAMES})(?:(?:,\s*(?:and\s+)?|\s+and\s+)(?:{_LANGUAGE_NAMES})\b){{2,}}"
)


def _match(text: str, at: int, end: int, form: str) -> int | None:
    """Where ``form`` ends if the text at ``at`` spells it, else None. Any run of spaces
    or line breaks may stand between words, and a line break may follow a hyphen
    ("Bosnia-\nHerzegovina" in text from a PDF)."""
    i = at
    for run, separator in _runs(form):
        # the letters between separators compared at once, in C
        if run:
            if not text.startswith(run, i, end):
                return None
            i += len(run)
        if separator == " ":
            j = i
            while j < end and text[j] in " \t\n\u00a0":
                j += 1
            if j == i:
                return None
            i = j
        elif separator == "-":
            if i >= end or text[i] not in "-‐‑":
                return None
            i += 1
            while i < end and text[i] in " \n":
                i += 1
    return i


@cache
def _runs(form: str) -> tuple[tuple[str, str], ...]:
    """``form`` cut after each space and hyphen: each run of other characters with the
    separator that ends it ("" for the last)."""
    return tuple(
        (m.group(1), m.group(2)) for m in re.finditer(r"([^ \-]*)([ \-]|\Z)", form) if m.group()
    ) or (("", ""),)
