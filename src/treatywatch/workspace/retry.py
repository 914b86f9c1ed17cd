"""Writes that may meet another writer's new ids, retried as a whole.

Two writers taking new fact or citation ids at the same moment (PostgreSQL) collide on the
primary key; the loser's transaction is rolled back whole, so running it again doubles
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

RETRIES = 3
BUSY = "The record was changed by someone else at the same moment; try again."


def retrying(work: Callable[[], T], error: Callable[[str], Exception]) -> T:
    """``work()``, run again after a key collision, up to RETRIES times; then ``error``."""
    from sqlalchemy.exc import IntegrityError

    for attempt in range(RETRIES):
        try:
            return work()
        except IntegrityError:
            if attempt == RETRIES - 1:
                raise error(BUSY) from None
    raise AssertionError("unreachable")
