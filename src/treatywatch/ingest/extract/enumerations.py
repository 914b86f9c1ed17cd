"""Acts reported of many states at once: an enumeration introduced by the act, and a table
of states with the days of their acts (read by ``tables``).

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
from treatywatch.ingest.extract import lists, tables
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.states import StateMention


def find_enumerated_actions(
    text: str,
    mentions: list[StateMention],
    reference: dt.date | None,
    exact: bool = False,
    found_tables: list[tables.Table] | None = None,
) -> list[dict[str, Any]]:
    """Acts of the states in enumerations and in tables, with their spans."""
    if found_tables is None:
        found_tables = tables.find_tables(text, mentions)
    return [
        *_introduced(text, mentions, reference, exact),
        *(act for table in found_tables for act in table.acts),
    ]


def _introduced(
    text: str, mentions: list[StateMention], reference: dt.date | None, exact: bool
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for run in lists.runs(text, [m for m in mentions if not m.demonym]):
        first = run[0]
        lead_start = textmod.sentence_start(text, first.start, colon=False)
        lead = text[lead_start : first.start]
        verbs = [(m.start(), m.end(), act_rules.kind_of(m)) for m in act_rules.ACT.finditer(lead)]
        if not verbs:
            verbs = tables.lead_acts(lead)  # "ont déjà ratifié le traité :"
        if not verbs:
            continue
        verb_start, verb_end, kind = verbs[-1]
        # The verb introduces the list only if nothing but a few words stands between them
        # ("ratified by these countries:", "have signed, including").
        between = lead[verb_end:]
        # "have signed the Convention, while another 10 (...) have yet to accede": the
        # list belongs to the clause after the contrast, not to the verb before it
        if len(between) > 45 or re.search(r"[.;(]|\b(?:while|whereas|but)\b", between):
            continue
        if act_rules.INTENTION.search(lead[:verb_start] + " " + between):
            continue
        # Only an act stated as done by the states that follow: passive ("ratified by these
        # countries:") or perfect ("have signed, including"); a verb merely near a list
        # ("the treaty, signed in Ottawa, lists ...") introduces nothing.
        if not (_BY.match(between) or _PERFECT.search(lead[:verb_start])):
            continue
        # "Withdrawal of Estonia, Latvia, and Lithuania will take effect on ...": still to come
        if _FUTURE.match(text, run[-1].end):
            continue
        when = act_rules.date_after(text, lead_start + verb_end, reference, exact)
        for m in run:
            # "Macedonia (which acceded)": the item's own act stands for the lead-in's
            own = _OWN_ACT.match(text, m.end)
            verb_of_own = act_rules.ACT.search(own.group(0)) if own else None
            act = act_rules.kind_of(verb_of_own) if verb_of_own else kind
            out.append({"state": m.iso3, "action": act, "date": when, "span": [m.start, m.end]})
    return out


_BY = re.compile(r"\s*(?:\w+\s+){0,2}?by\b")
# The perfect, in English and the languages of the treaty series and campaigns ("ont déjà
# ratifié", "han firmado", "hebben ondertekend").
_PERFECT = re.compile(
    r"\b(?:have|has|had|ont|a|avaient|han|ha|hab[ií]an|hebben|heeft|haben|hat|t[êe]m)\s+"
    r"(?:(?:also|now|already|since|d[ée]j[àa]|ya|al|bereits|j[áa])\s+)?$",
    re.I,
)
_FUTURE = re.compile(
    r"[^.;\n]{0,12}?\b(?:will|would|shall|is\s+to|are\s+to|is\s+expected|are\s+expected"
    r"|(?:have|has)\s+yet\s+to|(?:have|has)\s+not|not\s+yet)\b"
)
_OWN_ACT = re.compile(
    r"\s*\((?:which|who|that)\s+(?:had\s+|has\s+|have\s+)?(?:acceded|ratified|signed)\)"
)
