"""Which act made a state party to a treaty, as the project's depositary record has it.

A text that says a state "became the 89th State Party" or "joins the Convention" reports
that it joined, not how: whether it ratified a signature or acceded is a fact of the
depositary's, which the record (``data/actions/``) already holds with its sources. The
extractor asks the record only which act it was and on what day, and keeps a day of the
text's own only where it is that day ("became a State Party on 1 January 2003" is the day
the treaty entered into force for it, not the day it acted).
"""

from __future__ import annotations

import re
from functools import cache

#: The acts that make a state party, in the words of the contract.
_JOINING = ("ratification", "accession", "acceptance", "approval")

# The treaty a sentence or a text names, by the words documents use for it.
_CCM = re.compile(r"\b(?:[Cc]luster\s+[Mm]unitions?|CCM|Oslo\s+Convention)\b")
_APMBC = re.compile(
    r"\b(?:[Mm]ine\s+[Bb]an|[Aa]nti-?\s?[Pp]ersonnel|Ottawa|APMBC|[Ll]and\s?mines?)\b"
)
#: How many times more often a text must name one treaty than the other for its sentences
#: that name neither to be about it.
_DOMINANT = 3


@cache
def _record() -> dict[tuple[str, str], tuple[str, str]]:
    """(instrument, state) -> (act, day) of the act that made the state party: the first
    row for it in the record's action files, read by the record's own reader."""
    from treatywatch.record import default_data_dir
    from treatywatch.record.loader import ACTION_COLUMNS
    from treatywatch.record.rows import files, read_csv

    out: dict[tuple[str, str], tuple[str, str]] = {}
    for path in files(default_data_dir() / "actions", (".csv",)):
        for row in read_csv(path, ACTION_COLUMNS):
            v = row.values
            if v["action"] in _JOINING and v["date"]:
                out.setdefault((v["instrument"], v["state"]), (v["action"], v["date"]))
    return out


def treaty_of(text: str, start: int, end: int) -> str | None:
    """The treaty the words from ``start`` to ``end`` name, or else the one the whole text
    is plainly about; None where that is not clear."""
    ccm = bool(_CCM.search(text, start, end))
    apmbc = bool(_APMBC.search(text, start, end))
    if ccm != apmbc:
        return "CCM" if ccm else "APMBC"
    if ccm and apmbc:
        return None
    n_ccm = len(_CCM.findall(text))
    n_apmbc = len(_APMBC.findall(text))
    if n_ccm >= _DOMINANT * max(n_apmbc, 1):
        return "CCM"
    if n_apmbc >= _DOMINANT * max(n_ccm, 1):
        return "APMBC"
    return None


def joining_act(state: str, treaty: str | None) -> tuple[str, str] | None:
    """The act (and its day) by which ``state`` became party to ``treaty``; where the treaty
    is not known, the act only if it is the same for both treaties."""
    record = _record()
    if treaty is not None:
        return record.get((treaty, state))
    both = [found for t in ("CCM", "APMBC") if (found := record.get((t, state))) is not None]
    if len(both) == 1:
        return both[0]  # party to one of them only: the text's is that one
    kinds = {kind for kind, _ in both}
    if len(kinds) == 1:
        return next(iter(kinds)), ""  # the same act for both: which day is unknown
    return None
