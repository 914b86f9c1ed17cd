"""Query parameters shared by the routes, with their limits and descriptions in one place.

Every parameter is bounded and every value is checked, so that nothing a client can type
reaches the record as something it cannot answer: an empty value is a 422 (leave the
parameter out to mean "any"), as is an unknown one, each with one sentence saying why.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from fastapi import Query
from fastapi.dependencies.models import Dependant
from starlette.requests import Request

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
#: The CLI's name (``treatywatch deadlines --due-within``); absent, a year.
DueWithin = Annotated[
    int | None,
    Query(
        ge=0,
        le=MAX_DAYS,
        description=f"Only what falls due within this many days of as_of (at most {MAX_DAYS}, "
        "a century; 365 when absent).",
    ),
]
#: The name /deadlines took before it took the CLI's, kept so that old links still work.
FormerWithinDays = Annotated[
    int | None,
    Query(
        ge=0,
        le=MAX_DAYS,
        deprecated=True,
        description="The former name of due_within; give one or the other.",
    ),
]
State = Annotated[str | None, text("Only this state (any name or code, e.g. Laos or LAO)")]
Obligation = Annotated[
    str | None,
    Query(
        min_length=1,
        # Listed in the document, so the interactive docs offer them; checked by the query
        # layer, whose message lists them (pydantic's own for an enum reads "Input should").
        json_schema_extra={"enum": list(query.COMPLIANCE_OBLIGATIONS)},
        description="Only this obligation: " + ", ".join(query.COMPLIANCE_OBLIGATIONS) + ".",
    ),
]
ObligationStatus = Annotated[
    str | None,
    Query(
        min_length=1,
        json_schema_extra={"enum": list(query.OBLIGATION_STATUSES)},
        description="Only obligations with this status: "
        + ", ".join(query.OBLIGATION_STATUSES)
        + ".",
    ),
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


def due_within_days(due_within: int | None, within_days: int | None) -> int:
    """The window of /deadlines from its two names for it (365 days when neither is given)."""
    if due_within is not None and within_days is not None and due_within != within_days:
        raise query.BadRequestError(
            f"due_within {due_within} and within_days {within_days} disagree: within_days "
            "is the former name of due_within, so give one of them."
        )
    return next((d for d in (due_within, within_days) if d is not None), 365)


#: How many unknown names a refusal quotes: a query string can hold thousands.
_QUOTED = 5


async def only_declared(request: Request) -> None:
    """Refuse a query parameter the operation does not declare, naming it and the ones it
    takes. Ignored, a misspelt or unsupported filter answers 200 with rows it did not
    filter (``/deadlines?state=Laos`` listing every state), which reads as an answer.

    The declared names are the route's own, from which the OpenAPI document is written, so
    what is refused is exactly what the document leaves out; async, so the check costs no
    trip to a worker thread."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    accepted = _query_names(dependant)
    unknown = [n for n in dict.fromkeys(request.query_params) if n not in accepted]
    if not unknown:
        return
    quoted = ", ".join(repr(n[:40]) for n in unknown[:_QUOTED])
    if len(unknown) > _QUOTED:
        quoted += f" and {len(unknown) - _QUOTED} more"
    noun = "parameter" if len(unknown) == 1 else "parameters"
    takes = f"it takes only {', '.join(accepted)}" if accepted else "it takes no query parameters"
    raise query.BadRequestError(f"{request.url.path[:80]} has no {noun} {quoted}: {takes}.")


def _query_names(dependant: Dependant) -> tuple[str, ...]:
    """The query parameters of a route and of the dependencies it declares, by the name a
    client sends (the alias: ``from`` for ``date_from``)."""
    names: list[str] = []
    todo = [dependant]
    while todo:
        current = todo.pop()
        names.extend(field.alias for field in current.query_params)
        todo.extend(current.dependencies)
    return tuple(dict.fromkeys(names))


__all__ = [
    "DEFAULT_LIMIT",
    "AsOf",
    "DateFrom",
    "DateTo",
    "DueWithin",
    "FormerWithinDays",
    "Limit",
    "Obligation",
    "ObligationStatus",
    "Offset",
    "State",
    "check_region",
    "due_within_days",
    "only_declared",
    "text",
]
