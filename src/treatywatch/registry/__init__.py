"""The state registry: every state that can join a treaty, and every name documents use for it.

Names and regions come from maintained packages (pycountry, and country_converter's data
table, read as a file so pandas is never imported); the aliases, former names and demonyms that
treaty documents use sit on top in ``aliases.yaml`` and ``demonyms.yaml`` beside this module.
"""

from __future__ import annotations

from treatywatch.registry.groupings import Grouping, grouping, groupings, members_of
from treatywatch.registry.states import (
    CANNOT_DEPOSIT,
    State,
    UnknownStateError,
    all_states,
    get,
    is_state,
    lookup,
    mention_index,
    normalise,
    resolve,
    suggest,
)

__all__ = [
    "CANNOT_DEPOSIT",
    "Grouping",
    "State",
    "UnknownStateError",
    "all_states",
    "get",
    "grouping",
    "groupings",
    "is_state",
    "lookup",
    "members_of",
    "mention_index",
    "normalise",
    "resolve",
    "suggest",
]
