"""Counts written in digits or in words ("67", "Forty", "Twenty-eight", "a hundred")."""

from __future__ import annotations

import re

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINAL_SUFFIX = re.compile(r"^(\d+)(?:st|nd|rd|th)$")

NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})*(?:st|nd|rd|th)?|(?:a\s+)?hundred(?:\s+and\s+\w+)?|"
    + "(?:"
    + "|".join(sorted(_TENS, key=len, reverse=True))
    + r")(?:[\s\-](?:"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r"))?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + r")"
)


def value(token: str) -> int | None:
    """The number a token writes, or None."""
    word = token.strip().lower().replace(",", "")
    ordinal = _ORDINAL_SUFFIX.match(word)
    if ordinal:
        return int(ordinal.group(1))
    if word.isdigit():
        return int(word)
    if word.startswith("a "):
        word = word[2:]
    if word == "hundred":
        return 100
    parts = re.split(r"[\s\-]+", word)
    total = 0
    for part in parts:
        if part in _TENS:
            total += _TENS[part]
        elif part in _UNITS:
            total += _UNITS[part]
        else:
            return None
    return total or None
