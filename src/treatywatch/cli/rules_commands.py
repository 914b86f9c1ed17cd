"""`treatywatch deadlines`, `reports` and `series`: the rules engine's answers, printed.

The row-building functions take an :class:`treatywatch.rules.Engine` and are tested without
a database; the commands only open the database, resolve names and print. Heavy imports
live inside the functions so that `treatywatch --help` stays fast.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from treatywatch.cli.common import (
    AsOfOption,
    DbOption,
    Format,
    FormatOption,
    UserError,
    WideOption,
    output,
    parse_date,
    resolve_db,
)

if TYPE_CHECKING:
    from treatywatch.rules import Engine

DEADLINE_COLUMNS = ("iso3", "obligation", "article", "due", "status", "basis")
SERIES_COLUMNS = ("date", "parties", "in_force", "signatories", "withdrawn")
REPORT_COLUMNS = ("iso3", "report", "year", "due", "received", "status", "basis")
REPORT_OBLIGATIONS = {"transparency_initial": "initial", "transparency_annual": "annual"}
#: The furthest --due-within looks ahead: a century, past every deadline a treaty sets, and
#: the bound the API puts on within_days (treatywatch.api.deps.MAX_DAYS). Beyond it the
#: engine's due date leaves the calendar (99999999 days is year 275000).
MAX_DUE_WITHIN = 36_500


def deadline_rows(
    engine: Engine,
    treaty: str,
    state: str | None = None,
    as_of: dt.date | None = None,
    due_within: int | None = None,
) -> list[dict[str, Any]]:
    """Obligations on ``as_of`` (all, or only those due within ``due_within`` days)."""
    if due_within is not None:
        if not 0 <= due_within <= MAX_DUE_WITHIN:
            raise UserError(
                f"--due-within {due_within} must be between 0 and {MAX_DUE_WITHIN} days."
            )
        found = [
            o for o in engine.due_within(treaty, due_within, as_of) if state in (None, o.state)
        ]
    else:
        found = engine.obligations(treaty, as_of, state)
        found.sort(key=lambda o: (o.state, o.due or dt.date.max, o.obligation))
    return [
        {
            "iso3": o.state,
            "obligation": o.obligation,
            "article": o.article,
            "due": o.due,
            "status": o.status.value,
            "basis": o.basis,
        }
        for o in found
    ]


def report_rows(
    engine: Engine,
    treaty: str,
    state: str | None = None,
    as_of: dt.date | None = None,
    year: int | None = None,
) -> list[dict[str, Any]]:
    """Article 7 reports on ``as_of``: each state's initial report and its annual report
    for each year covered; with ``year``, the annual report covering that year and any
    initial report due in it."""
    rows = []
    for o in engine.obligations(treaty, as_of, state):
        kind = REPORT_OBLIGATIONS.get(o.obligation)
        if kind is None:
            continue
        if year is not None:
            covers = o.year if kind == "annual" else (o.due.year if o.due else None)
            if covers != year:
                continue
        rows.append(
            {
                "iso3": o.state,
                "report": kind,
                "year": o.year,
                "due": o.due,
                "received": o.completed,
                "status": o.status.value,
                "basis": o.basis,
            }
        )
    rows.sort(key=lambda r: (r["iso3"], r["report"] != "initial", r["year"] or 0))
    return rows


def series_rows(engine: Engine, treaty: str) -> list[dict[str, Any]]:
    return [
        {
            "date": p.date,
            "parties": p.parties,
            "in_force": p.in_force,
            "signatories": p.signatories,
            "withdrawn": p.withdrawn,
        }
        for p in engine.series(treaty)
    ]


def _open(db: str | None, treaty: str) -> tuple[Engine, str]:
    from treatywatch.query import find_instrument, open_context

    ctx = open_context(resolve_db(db))
    inst = find_instrument(ctx, treaty)
    if inst.id not in ctx.rules.instruments:
        raise UserError(f"{inst.short_name} is not a treaty with rules; try CCM or APMBC.")
    return ctx.rules, inst.id


def deadlines(
    treaty: Annotated[str, typer.Argument(help="CCM or APMBC.")],
    state: Annotated[str | None, typer.Option(help="Only this state (any name or code).")] = None,
    as_of: AsOfOption = None,
    due_within: Annotated[
        int | None, typer.Option("--due-within", help="Only what falls due within N days.")
    ] = None,
    fmt: FormatOption = Format.table,
    wide: WideOption = False,
    db: DbOption = None,
) -> None:
    """A treaty's obligations per state: due date, status, article and basis.

    status is one of pending, extended, met, met-late, overdue, not-applicable, unknown.
    overdue is said only where the record supports it: the deadline passed with no
    completion, no request to extend it awaits a decision, and the record of that
    obligation is complete for the day (data/coverage.yaml); otherwise unknown, and the
    basis says why.

    Example: treatywatch deadlines CCM --due-within 180 --format csv
    """
    from treatywatch.query import find_state

    engine, inst = _open(db, treaty)
    iso3 = find_state(state).iso3 if state else None
    rows = deadline_rows(engine, inst, iso3, parse_date(as_of), due_within)
    output(
        rows,
        fmt,
        DEADLINE_COLUMNS,
        title=f"{inst} obligations as of {as_of or 'today'}",
        optional=("basis", "article"),
        wide=wide,
    )


def reports(
    treaty: Annotated[str, typer.Argument(help="CCM or APMBC.")],
    state: Annotated[str | None, typer.Option(help="Only this state (any name or code).")] = None,
    year: Annotated[
        int | None,
        typer.Option(
            help="Only the annual report covering this year (and initial reports due in it)."
        ),
    ] = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = Format.table,
    wide: WideOption = False,
    db: DbOption = None,
) -> None:
    """Article 7 transparency reports: each State Party's initial report and its annual
    report for each year covered, with due date, the day received and a status.

    status: met (received on time), met-late, pending (not yet due), overdue (the record
    shows it had not arrived: received later, a dated source says so, or the record of
    reports is complete for that day), unknown (the record cannot say; basis says why).

    Example: treatywatch reports CCM --state Iraq --as-of 2020-01-01
    """
    from treatywatch.query import find_state

    engine, inst = _open(db, treaty)
    iso3 = find_state(state).iso3 if state else None
    rows = report_rows(engine, inst, iso3, parse_date(as_of), year)
    output(
        rows,
        fmt,
        REPORT_COLUMNS,
        title=f"{inst} Article 7 reports as of {as_of or 'today'}",
        optional=("basis",),
        wide=wide,
    )


def series(
    treaty: Annotated[str, typer.Argument(help="CCM or APMBC.")],
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """A treaty's counts over time: one row per date on which anything changes.

    Example: treatywatch series CCM --format csv
    """
    engine, inst = _open(db, treaty)
    output(series_rows(engine, inst), fmt, SERIES_COLUMNS, title=f"{inst} over time")
