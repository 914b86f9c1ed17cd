"""Numbers a text asserts about states: "representatives from 67 states", "Forty countries",
"the 63rd State Party", "more than 120 states"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from treatywatch.ingest.extract import numbers
from treatywatch.ingest.extract import text as textmod

# The look-ahead holds the letters a claim can open with (who: "representatives", ...; how
# many: "more than", "some", ...; the number: a digit or "a hundred", "forty", "one", ...):
# the scan of the words before each unit then skips, with one test, the words that cannot.
_CLAIM = re.compile(
    r"\b(?=[\dadefhlmnoprst])"
    r"(?P<text>(?:(?:[Rr]epresentatives|[Dd]elegates|[Dd]elegations|[Pp]articipants"
    r"|[Oo]bservers)\s+(?:from|of)\s+)?"
    rf"(?:(?:more\s+than|over|almost|nearly|some|about|around|at\s+least|fewer\s+than"
    rf"|less\s+than)\s+)?(?P<n>{numbers.NUMBER})\s+(?:[a-z\-]+\s+){{0,2}}?"
    r"(?P<unit>States\s+Parties|State\s+Party|states\s+parties|states|States|countries|Countries"
    r"|nations|governments|signatories|delegations))\b",
    re.IGNORECASE,
)
_COUNT_UP = re.compile(
    rf"\b(?:number\s+of\s+(?:states|countries)[^.]{{0,80}}?)\b(?P<text>(?:to|reaching|at)\s+"
    rf"(?P<n>{numbers.NUMBER}))\b",
    re.IGNORECASE,
)


# Each unit where a word starts, written so that the scan skips in C to the next letter that
# opens one (text.at_word_start).
_UNITS = (
    "States", "states", "countries", "Countries", "nations", "governments", "signatories",
    "delegations", r"State\s+Party",
)  # fmt: skip
_UNIT = re.compile(textmod.at_word_start(_UNITS) + r"\b")
# Where a count-up can start: "number" in any case (none of its letters has a case-insensitive
# match beyond its two cases), a class the engine skips to in C.
_NUMBER_WORD = re.compile(r"[Nn][Uu][Mm][Bb][Ee][Rr]")


def find_claims(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[int] = set()
    # The number stands at most a few words before its unit: look only there.
    matches = []
    for unit in _UNIT.finditer(text):
        for m in _CLAIM.finditer(text, max(0, unit.start() - 90), unit.end()):
            if m.start("text") not in seen and m.end() == unit.end():
                seen.add(m.start("text"))
                matches.append(m)
    for m in matches:
        quantity = numbers.value(m.group("n"))
        if not quantity or quantity > 250:
            continue
        unit_words = m.group("unit").lower()
        out.append(
            {"quantity": quantity,
             "unit": "states parties" if "part" in unit_words else "states",
             "text": m.group("text"),
             "span": [m.start("text"), m.end("text")]}
        )  # fmt: skip
    for m in _count_ups(text):
        for sub in re.finditer(
            rf"\b(?:to|reaching)\s+(?P<n>{numbers.NUMBER})\b", text[m.start() : m.end() + 60]
        ):
            quantity = numbers.value(sub.group("n"))
            if quantity and quantity <= 250:
                at = m.start() + sub.start()
                out.append(
                    {"quantity": quantity, "unit": "states", "text": sub.group(),
                     "span": [at, at + len(sub.group())]}
                )  # fmt: skip
    return out


def _count_ups(text: str) -> Iterator[re.Match[str]]:
    """What ``_COUNT_UP.finditer(text)`` yields, tried only where "number" stands: each
    match starts there, so the first that holds after the last one is the next."""
    resume = 0
    for word in _NUMBER_WORD.finditer(text):
        if word.start() < resume:
            continue
        m = _COUNT_UP.match(text, word.start())
        if m is not None:
            yield m
            resume = m.end()
