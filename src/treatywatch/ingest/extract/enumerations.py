"""Acts reported of many states at once: an enumeration introduced by the act, and a table
of states with the days of their acts.

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
as in the sentence rules.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from treatywatch.ingest.extract import actions as act_rules
from treatywatch.ingest.extract import dates, lists
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.states import StateMention

#: The act nouns a table legend or header names, in the contract's vocabulary.
_ACT_NOUNS = {
    "signature": "signature",
    "signed": "signature",
    "ratification": "ratification",
    "ratified": "ratification",
    "accession": "accession",
    "acceded": "accession",
    "acceptance": "acceptance",
    "approval": "approval",
}
_NOUN = "|".join(_ACT_NOUNS)
# "the first date is signature; the second date is ratification"
_LEGEND = re.compile(
    rf"\bfirst\s+date\s+is\s+(?:the\s+(?:date\s+of\s+)?)?(?P<first>{_NOUN})\b[^.]{{0,40}}?"
    rf"\bsecond\s+(?:date\s+)?is\s+(?:the\s+(?:date\s+of\s+)?)?(?P<second>{_NOUN})\b",
    re.IGNORECASE,
)
# A header line naming the columns: "State | Signature | Ratification", "Signed  Ratified"
_HEADER = re.compile(
    rf"^[^\n]{{0,30}}?\b(?P<first>{_NOUN})\b[\s|/,;:\-–]+(?P<second>{_NOUN})\b[^\n]{{0,30}}$",
    re.IGNORECASE | re.MULTILINE,
)
# "(a)" marks an accession in the Monitor's and the depositary's tables.
_MARK = re.compile(r"\(\s*(?P<mark>a|A|AA|Ac|d)\s*\)")
_MARKS = {"a": "accession", "A": "acceptance", "AA": "approval", "Ac": "acceptance",
          "d": "succession"}  # fmt: skip
_CELL_DATE = re.compile(
    r"(?P<d>\d{1,2})[\s\-./]+(?P<m>[A-Za-z]{3,9})\.?[\s\-./,]+(?P<y>\d{4}|\d{2})\b"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b"
)


def find_enumerated_actions(
    text: str, mentions: list[StateMention], reference: dt.date | None, exact: bool = False
) -> list[dict[str, Any]]:
    """Acts of the states in enumerations and in tables, with their spans."""
    return [*_introduced(text, mentions, reference, exact), *_table_rows(text, mentions)]


def _introduced(
    text: str, mentions: list[StateMention], reference: dt.date | None, exact: bool
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for run in lists.runs(text, [m for m in mentions if not m.demonym]):
        first = run[0]
        lead_start = textmod.sentence_start(text, first.start, colon=False)
        lead = text[lead_start : first.start]
        verbs = list(act_rules.ACT.finditer(lead))
        if not verbs:
            continue
        verb = verbs[-1]
        # The verb introduces the list only if nothing but a few words stands between them
        # ("ratified by these countries:", "have signed, including").
        between = lead[verb.end() :]
        # "have signed the Convention, while another 10 (...) have yet to accede": the
        # list belongs to the clause after the contrast, not to the verb before it
        if len(between) > 45 or re.search(r"[.;(]|\b(?:while|whereas|but)\b", between):
            continue
        if act_rules.INTENTION.search(lead[: verb.start()] + " " + between):
            continue
        # Only an act stated as done by the states that follow: passive ("ratified by these
        # countries:") or perfect ("have signed, including"); a verb merely near a list
        # ("the treaty, signed in Ottawa, lists ...") introduces nothing.
        if not (_BY.match(between) or _PERFECT.search(lead[: verb.start()])):
            continue
        # "Withdrawal of Estonia, Latvia, and Lithuania will take effect on ...": still to come
        if _FUTURE.match(text, run[-1].end):
            continue
        kind = act_rules.kind_of(verb)
        when = act_rules.date_after(text, lead_start + verb.end(), reference, exact)
        for m in run:
            # "Macedonia (which acceded)": the item's own act stands for the lead-in's
            own = _OWN_ACT.match(text, m.end)
            verb_of_own = act_rules.ACT.search(own.group(0)) if own else None
            act = act_rules.kind_of(verb_of_own) if verb_of_own else kind
            out.append({"state": m.iso3, "action": act, "date": when, "span": [m.start, m.end]})
    return out


_BY = re.compile(r"\s*(?:\w+\s+){0,2}?by\b")
_PERFECT = re.compile(r"\b(?:have|has|had)\s+(?:(?:also|now|already|since)\s+)?$", re.I)
_FUTURE = re.compile(
    r"[^.;\n]{0,12}?\b(?:will|would|shall|is\s+to|are\s+to|is\s+expected|are\s+expected"
    r"|(?:have|has)\s+yet\s+to|(?:have|has)\s+not|not\s+yet)\b"
)
_OWN_ACT = re.compile(
    r"\s*\((?:which|who|that)\s+(?:had\s+|has\s+|have\s+)?(?:acceded|ratified|signed)\)"
)


def _legend(text: str) -> tuple[int, str, str] | None:
    """Where the table's columns are named, and the acts of its first and second day."""
    found = _LEGEND.search(text) or _HEADER.search(text)
    if found is None:
        return None
    first = _ACT_NOUNS[found.group("first").lower()]
    second = _ACT_NOUNS[found.group("second").lower()]
    return found.end(), first, second


def _table_rows(text: str, mentions: list[StateMention]) -> list[dict[str, Any]]:
    legend = _legend(text)
    if legend is None:
        return []
    after, first_act, second_act = legend
    out: list[dict[str, Any]] = []
    for m in mentions:
        if m.start < after or m.demonym:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        if text[line_start : m.start].strip():
            continue  # a row begins with its state
        line_end = text.find("\n", m.end)
        line = text[m.end : line_end if line_end >= 0 else len(text)]
        days = list(_CELL_DATE.finditer(line))
        # The name may go on past what the registry matched ("Congo, Rep.", "Korea, Rep.").
        if not days or not re.fullmatch(r"[\s,.]*(?:[A-Z][\w.]{0,5}\.?)?[\s,.*]*",
                                        line[: days[0].start()]):  # fmt: skip
            continue
        mark = _MARK.search(line)
        if mark is not None and len(days) == 1:
            acts = [_MARKS.get(mark.group("mark"), "accession")]
        elif len(days) >= 2:
            acts = [first_act, second_act]
        else:
            # One day, no mark: which column it stands in the text does not say.
            continue
        for act, day in zip(acts, days[:2], strict=False):
            value = _day(day)
            if value is None:
                continue
            out.append(
                {
                    "state": m.iso3,
                    "action": act,
                    "date": value.isoformat(),
                    "span": [m.start, m.end + day.end()],
                }
            )
    return out


def _day(cell: re.Match[str]) -> dt.date | None:
    try:
        if cell.group("iy"):
            return dt.date(int(cell.group("iy")), int(cell.group("im")), int(cell.group("id")))
        month = dates.month_number(cell.group("m"))
        if month is None:
            return None
        year = int(cell.group("y"))
        if year < 100:  # tables of these treaties print two digits for 1997 to 2069
            year += 1900 if year >= 70 else 2000
        return dt.date(year, month, int(cell.group("d")))
    except ValueError:
        return None
