"""A statement as the readers of :mod:`statements` and :mod:`statement_heads` build it:
its speaker, where it stands in the text, its day, and what joins it to its neighbours."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Statement:
    speaker: str
    start: int
    end: int
    date: dt.date | None
    paragraph: int
    named_topic: str | None = None
    reference: bool = False  # a later mention of a statement ("the statement ... by X")
    # one occasion of its own, not joined to the speaker's neighbouring sentences: each list
    # a report's floor gives ("comments by the ICBL and ... comments by the ICBL and the ICRC")
    alone: bool = False
    earlier: bool = False  # "the periods proposed by X": said before the day reported
    # the year and month the sentence puts the words in ("In November 2010, it stated"):
    # sentences of one speaker at different times are different occasions
    when: tuple[int, int] | None = None
    # one of the agents of a reaction in the passive ("welcomed by several states including
    # A and B"): the reaction of a floor whose members may be heard in their own words too
    echo: bool = False
    sources: list[tuple[int, int]] = field(default_factory=list)
