"""Query parameters shared by the routes, with their limits and descriptions in one place."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from treatywatch.api.deps import DEFAULT_LIMIT, MAX_LIMIT

Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")
]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
# Dates arrive as text and are parsed by deps.parse_date, so that a bad one gets a message
# naming the parameter and the expected form rather than a generic validation error.
AsOf = Annotated[
    str | None, Query(description="Answer as the record stood on this date (YYYY-MM-DD).")
]
DateFrom = Annotated[str | None, Query(alias="from", description="Earliest date, YYYY-MM-DD.")]
DateTo = Annotated[str | None, Query(alias="to", description="Latest date, YYYY-MM-DD.")]

__all__ = ["DEFAULT_LIMIT", "AsOf", "DateFrom", "DateTo", "Limit", "Offset"]
