"""What every command shares: the --db and --format options, output, and failing clearly.

Only typer is imported at module level; everything heavier is imported where it is used,
so that `treatywatch --help` answers fast.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Annotated, Any, NoReturn

import typer


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _default_db() -> str:
    from treatywatch.store.db import default_db

    return default_db()


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database: a SQLite file path or a postgresql:// URL. "
        "Default: $TREATYWATCH_DB, else treatywatch.sqlite in your user data folder.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output: a table to read, or json/csv for scripts.")
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Answer as the record stood on this date (YYYY-MM-DD). Default: today."
    ),
]


class UserError(Exception):
    """A mistake the user can fix; the CLI prints it as one sentence and exits 1."""


def fail(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


def resolve_db(db: str | None) -> str:
    return db or _default_db()


def parse_date(value: str | None, option: str = "--as-of") -> dt.date | None:
    if value is None:
        return None
    from treatywatch.model import ASKABLE_DAYS

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option} {value!r} is not a date of the form YYYY-MM-DD.") from None
    first, last = ASKABLE_DAYS
    if not first <= day <= last:
        raise UserError(
            f"{option} {day} is outside the days one can ask about ({first} to {last})."
        )
    return day


def _cell(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_cell(v)) for v in value)
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(data: Any) -> str:
    return json.dumps(data, default=_json_default, ensure_ascii=False, indent=2)


def output(
    rows: Sequence[dict[str, Any]],
    fmt: Format,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Print rows as a table, JSON or CSV; the same rows in every format."""
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt is Format.json:
        sys.stdout.write(dumps([{c: r.get(c) for c in cols} for r in rows]) + "\n")
    elif fmt is Format.csv:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        for r in rows:
            writer.writerow(["" if r.get(c) is None else _cell(r.get(c)) for c in cols])
        sys.stdout.write(buf.getvalue())
    else:
        print_table(rows, cols, title)


def print_table(rows: Iterable[dict[str, Any]], cols: Sequence[str], title: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for c in cols:
        table.add_column(c)
    n = 0
    for r in rows:
        table.add_row(*["" if r.get(c) is None else str(_cell(r.get(c))) for c in cols])
        n += 1
    console = Console()
    console.print(table)
    if n == 0:
        console.print("(no rows)")
