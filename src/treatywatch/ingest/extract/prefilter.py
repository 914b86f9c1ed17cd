"""Scan a document for a pattern by first finding the words its matches open with.

Python's regex engine tries a pattern at every character of the text unless the pattern
opens with a literal or a small set of characters. A long alternation of words ("said",
"stated", "noted", ...) opens with neither, so each scan of a 10,000-character document
costs about a millisecond whatever it finds, and the rules make dozens of such scans.
Here every pattern names the words its matches open with; one Aho-Corasick pass over the
document (ahocorasick_rs, in Rust) finds where all the words of all the patterns occur,
once per document, and each pattern is then tried only there. ``finditer`` and ``search``
give exactly what the pattern's own would: tests/test_extract_prefilter.py checks it on
the corpus and on generated text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

# Lower-casing keeps every offset, and turns every case-insensitive match of a word into
# its lower case, except where a text holds "İ" (it lower-cases to two characters), or
# "ı" or "ſ" (they match "i" and "s" without lower-casing to them); the Kelvin sign, which
# lower-cases to "k", is left out with them. Such a text is searched the plain way, here
# and by the cues of vocabulary.py.
NOT_LOWERED_ALIKE = re.compile("[\u0130\u0131\u017f\u212a]")
_META = set("\\[](){}?*+|.^$")
# A short text (a clause cut out by a rule) is searched the plain way: one pass over it
# costs less than finding its words, and would push the document's words out of the cache.
_SHORT = 2000
# ... and so is a very long one: a word's places are kept as a list, one entry each, and a
# text of 50 million digits would hold 50 million (the plain scan keeps nothing).
_LONG = 300_000

_WORDS: dict[str, int] = {}  # every pattern's opening words, lower-case -> its number
_automaton: list[Any] = []  # built at the first scan, anew when a pattern adds words
ALL: list[Prefiltered] = []  # for the tests


def opening_words(source: str) -> list[str]:
    """Literal words that every match of the regex ``source`` opens with.

    A branch gives its characters up to its first piece of syntax, less the one a
    quantifier makes optional ("meetings?" gives "meeting"); an opening class of letters
    gives one word per letter ("[Ss]igning": "Signing", "signing"); assertions ("\\b",
    look-arounds) are passed over, a group gives the words of its branches, and an optional
    group those of what follows it too. ValueError where a branch opens with no word."""
    return sorted(set(_opening(source)))


def _opening(source: str) -> list[str]:
    words: list[str] = []
    for branch in alternatives(source):
        words.extend(_opening_of_sequence(branch))
    return words


def _opening_of_sequence(branch: str) -> list[str]:
    i = 0
    while True:
        if branch.startswith("\\b", i):
            i += 2
        elif branch.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            i = _group_end(branch, i)
        else:
            break
    if branch.startswith("(", i):
        close = _group_end(branch, i)
        inner = branch[i + 1 : close - 1]
        if inner.startswith("?:"):
            inner = inner[2:]
        elif inner.startswith("?P<"):
            inner = inner[inner.index(">") + 1 :]
        elif inner.startswith("?"):
            raise ValueError(f"cannot tell the words this branch opens with: {branch!r}")
        words = _opening(inner)
        if branch.startswith(("?", "*", "{0"), close):
            rest = close + (branch.index("}", close) + 1 - close if branch[close] == "{" else 1)
            words += _opening_of_sequence(branch[rest:].lstrip("?+"))
        return words
    heads = [""]
    if branch.startswith("\\d", i):
        # a digit opens it ("11MSP"), unless a quantifier makes it optional
        if branch.startswith(("?", "*", "{0"), i + 2):
            raise ValueError(f"cannot tell the words this branch opens with: {branch!r}")
        return list("0123456789")
    if branch.startswith("[", i):
        close = branch.find("]", i)
        if close < 0 or not branch[i + 1 : close].isalpha():
            raise ValueError(f"cannot tell the words this branch opens with: {branch!r}")
        heads = list(branch[i + 1 : close])
        i = close + 1
    literal = ""
    while i < len(branch) and branch[i] not in _META:
        literal += branch[i]
        i += 1
    if i < len(branch) and branch[i] in "?*{":
        literal = literal[:-1]
    found = [head + literal for head in heads]
    if not all(found):
        raise ValueError(f"cannot tell the words this branch opens with: {branch!r}")
    return found


def _group_end(source: str, at: int) -> int:
    """The index just past the group that opens at ``at``."""
    for i, c, depth in _syntax(source, at):
        if c == ")" and depth == 0:
            return i + 1
    raise ValueError(f"unbalanced group in {source!r}")


def alternatives(source: str) -> list[str]:
    """The top-level branches of a regex's source ("a|b(?:c|d)|[|]" gives "a", "b(?:c|d)"
    and "[|]")."""
    cuts = [i for i, c, depth in _syntax(source) if c == "|" and depth == 0]
    return [source[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(source)], strict=True)]


def _syntax(source: str, at: int = 0) -> Iterator[tuple[int, str, int]]:
    """Each character of ``source`` from ``at`` that is syntax (neither escaped nor inside
    a class), with the depth of groups it stands in once read."""
    depth = 0
    in_class = False
    i = at
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            # a "]" that opens the class ("[]a]", "[^]a]") is one of its members
            if source.startswith("^", i + 1):
                i += 1
            if source.startswith("]", i + 1):
                i += 1
        else:
            depth += (c == "(") - (c == ")")
            yield i, c, depth
        i += 1


class Prefiltered:
    """A compiled pattern every match of which opens with one of ``words``.

    It answers ``finditer`` and ``search`` (with ``pos`` and ``endpos``) as the pattern
    would; ``match`` and ``fullmatch`` are the pattern's own."""

    def __init__(self, pattern: re.Pattern[str], words: Iterable[str]) -> None:
        self.pattern = pattern
        keys = {w.lower() for w in words}
        if not keys or "" in keys:
            raise ValueError("a prefiltered pattern needs the words its matches open with")
        # a word that opens with another adds no place to look
        keys = {k for k in keys if not any(k != o and k.startswith(o) for o in keys)}
        for key in keys:
            if key not in _WORDS:
                _WORDS[key] = len(_WORDS)
                _automaton.clear()
        self._ids = frozenset(_WORDS[k] for k in keys)
        self.match = pattern.match
        self.fullmatch = pattern.fullmatch
        ALL.append(self)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        starts = _starts(text, self._ids)
        if starts is None:
            return self.pattern.finditer(text, pos, end)
        return self._matches(text, starts, pos, end)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else endpos
        starts = _starts(text, self._ids)
        if starts is None:
            return self.pattern.search(text, pos, end)
        # the first of the matches finditer would give
        return next(self._matches(text, starts, pos, end), None)

    def _matches(self, text: str, starts: list[int], pos: int, end: int) -> Iterator[re.Match[str]]:
        match = self.pattern.match
        taken = pos  # where the last match ended: finditer's matches never overlap
        for i in range(bisect.bisect_left(starts, pos), len(starts)):
            at = starts[i]
            if at >= end:
                break
            if at < taken:
                continue
            m = match(text, at, end)
            if m is not None:
                yield m
                taken = max(m.end(), at + 1)


def _starts(text: str, ids: frozenset[int]) -> list[int] | None:
    """Where in ``text`` one of the words numbered ``ids`` opens, in order (None: scan
    the text the plain way)."""
    if not _SHORT <= len(text) <= _LONG:
        return None
    found = _occurrences(text, len(_WORDS))
    if found is None:
        return None
    cached = found.get(ids)
    if cached is None:
        positions: set[int] = set()
        for i in ids:
            positions.update(found.get(i, ()))
        cached = found[ids] = sorted(positions)
    return cached


@lru_cache(maxsize=8)
def _occurrences(text: str, words: int) -> dict[Any, list[int]] | None:
    """Each word's places in ``text`` (by its number), from one pass over it; the starts of
    each set of words are added as patterns ask for them. (``words``, how many words the
    patterns have named, keys the cache: a pattern made later brings words of its own.)"""
    if NOT_LOWERED_ALIKE.search(text):
        return None
    if not _automaton:
        import ahocorasick_rs

        _automaton.append(ahocorasick_rs.AhoCorasick(list(_WORDS)))
    found: dict[Any, list[int]] = {}
    for word, start, _ in _automaton[0].find_matches_as_indexes(text.lower(), overlapping=True):
        found.setdefault(word, []).append(start)
    return found


def prefiltered(pattern: re.Pattern[str]) -> Prefiltered:
    """``pattern``, found by the words :func:`opening_words` reads from its source."""
    if pattern.flags & re.VERBOSE:
        raise ValueError("the words of a verbose pattern's source are not read")
    return Prefiltered(pattern, opening_words(pattern.pattern))
