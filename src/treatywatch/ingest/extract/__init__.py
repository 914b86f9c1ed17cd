"""Read a document's text into the items of ../shared/EXTRACTION.md.

Rules and the state registry only, no model: every item comes with the span of the words
it was read from, so that a reviewer can check it against the text. The rules live in one
module per field (``states``, ``lists``, ``events``, ``statements``, ``actions``,
``claims``); this module runs them in order and assembles the contract's object.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from treatywatch.ingest.extract import (
    actions,
    claims,
    dates,
    enumerations,
    events,
    lists,
    statements,
    tables,
)
from treatywatch.ingest.extract import states as state_rules

if TYPE_CHECKING:
    from treatywatch.ingest.readers import Document

__all__ = ["extract", "extract_text"]


def extract(doc: Document) -> dict[str, Any]:
    """The contract's object for one read document."""
    return extract_text(
        doc.text,
        path=str(doc.path) if doc.path is not None else None,
        sha256=doc.sha256,
        title=doc.title,
        date=doc.date,
    )


def extract_text(
    text: str,
    *,
    path: str | None = None,
    sha256: str | None = None,
    title: str | None = None,
    date: str | None = None,
) -> dict[str, Any]:
    """The contract's object for a normalised text (``date``: the document's own ISO date)."""
    reference, exact = dates.reference_date(text, date)
    # names as lists and tables write them too ("Congo, Democratische Republiek")
    mentions = lists.with_list_names(text, state_rules.find_states(text))
    found_tables = tables.find_tables(text, mentions)
    found_actions = actions.merge(
        [
            *actions.find_actions(text, mentions, reference, exact),
            *enumerations.find_enumerated_actions(text, mentions, reference, exact, found_tables),
        ]
    )
    action_spans = [(a["state"], a["span"][0], a["span"][1]) for a in found_actions]
    spans: dict[str, list[list[int]]] = {}
    for mention in mentions:
        spans.setdefault(mention.iso3, []).append([mention.start, mention.end])
    return {
        "document": {
            "path": path,
            "sha256": sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "title": title,
            "date": date,
            "chars": len(text),
        },
        "states": [{"iso3": iso3, "spans": spans[iso3]} for iso3 in sorted(spans)],
        "participant_lists": lists.find_lists(text, mentions, reference, found_tables),
        "events": (found_events := events.find_events(text, reference, exact)),
        "statements": statements.find_statements(
            text, mentions, reference, exact, action_spans, found_events
        ),
        "actions": found_actions,
        "claims": claims.find_claims(text),
    }
