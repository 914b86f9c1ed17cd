"""Query parameters shared by the routes, with their limits and descriptions in one place.

Every parameter is bounded and every value is checked, so that nothing a client can type
reaches the record as something it cannot answer: an empty value is a 422 (leave the
parameter out to mean "any"), as is an unknown one, each with one sentence saying why.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from fastapi import Query

from treatywatch import query
from treatywatch.api.deps import (
    DATE_MAX,
    DATE_MIN,
    DEFAULT_LIMIT,
    MAX_DAYS,
    MAX_LIMIT,
    MAX_OFFSET,
)


def text(description: str) -> Any:
    """An optional text parameter: absent means "any"; present, it must not be empty, as an
    empty ``status=`` cannot mean anything that leaving it out does not."""
    return Query(min_length=1, description=description)


def _date(description: str, alias: str | None = None) -> Any:
    return Query(
        alias=alias,
        min_length=1,
        # Documented as a date, so clients and schema-driven tests send dates; still parsed
        # by deps.parse_date, whose message names the parameter and the expected form.
        json_schema_extra={"format": "date"},
        description=f"{description} (YYYY-MM-DD, {DATE_MIN.isoformat()} to "
        f"{DATE_MAX.isoformat()}).",
    )


Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")
]
Offset = Annotated[
    int, Query(ge=0, le=MAX_OFFSET, description=f"Items to skip (at most {MAX_OFFSET}).")
]
WithinDays = Annotated[
    int, Query(ge=0, le=MAX_DAYS, description=f"Days ahead (at most {MAX_DAYS}, a century).")
]
# Dates arrive as text and are parsed by deps.parse_date, so that a bad one gets a message
# naming the parameter and the expected form rather than a generic validation error.
AsOf = Annotated[str | None, _date("Answer as the record stood on this date")]
DateFrom = Annotated[str | None, _date("Earliest date", alias="from")]
DateTo = Annotated[str | None, _date("Latest date", alias="to")]


@cache
def _regions() -> dict[str, str]:
    """Every UN region and sub-region a state of the registry is in, by folded name."""
    from treatywatch import registry

    names = {s.region for s in registry.all_states()} | {s.subregion for s in registry.all_states()}
    return {n.casefold(): n for n in names if n}


def check_region(region: str | None) -> str | None:
    """``region`` if it names a UN region or sub-region (any case): an unknown one is a 422,
    as an unknown status is, not a 200 with no rows that reads as "no state there"."""
    if region is None or region.casefold() in _regions():
        return region
    known = ", ".join(sorted(_regions().values()))
    raise query.BadRequestError(f"region {region[:40]!r} is not one of {known}.")


__all__ = [
    "DEFAULT_LIMIT",
    "AsOf",
    "DateFrom",
    "DateTo",
    "Limit",
    "Offset",
    "WithinDays",
    "check_region",
    "text",
]
