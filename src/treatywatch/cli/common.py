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


WideOption = Annotated[
    bool,
    typer.Option(
        "--wide",
        help="Show every column in the table, however narrow the terminal "
        "(without it, long text columns are left out where they would not fit).",
    ),
]


def output(
    rows: Sequence[dict[str, Any]],
    fmt: Format,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    *,
    optional: Sequence[str] = (),
    wide: bool = False,
    footer: str | None = None,
) -> None:
    """Print rows as a table, JSON or CSV; the same rows in every format.

    In a table, ``optional`` columns are left out, with a line saying so, where the table
    would not fit the terminal (80 columns when piped) unless ``wide``; ``footer`` is
    printed under the table only."""
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
        print_table(rows, cols, title, optional=optional, wide=wide, footer=footer)


#: A cell no longer than this, without spaces and not an address, is a code, a date or an
#: id: never wrapped or cut ("2008-1…" tells nobody anything).
_ATOM = 40


def _text(value: Any) -> str:
    return "" if value is None else str(_cell(value))


def _is_atom(value: str) -> bool:
    return (
        len(value) <= _ATOM
        and not any(c.isspace() for c in value)
        and not value.startswith(("http://", "https://"))
    )


def _is_atom_column(values: Sequence[str]) -> bool:
    return all(_is_atom(v) for v in values)


def print_table(
    rows: Iterable[dict[str, Any]],
    cols: Sequence[str],
    title: str | None,
    *,
    optional: Sequence[str] = (),
    wide: bool = False,
    footer: str | None = None,
) -> None:
    """A table that stays readable at 80 columns: codes and dates are never wrapped or cut,
    text wraps, and the ``optional`` columns go first when it will not fit (unless
    ``wide``)."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    cells = [[_text(r.get(c)) for c in cols] for r in rows]
    by_column = {c: [row[i] for row in cells] for i, c in enumerate(cols)}
    # Each column's widest cell and whether it holds only codes and dates, read once: a
    # report's table has thousands of rows.
    natural = {c: max([len(c), *(len(v) for v in by_column[c])]) for c in cols}
    atom = {c: _is_atom_column(by_column[c]) for c in cols}

    def atom_width(shown: Sequence[str]) -> int:
        # Borders and padding: three characters a column, and one.
        fixed = sum(natural[c] for c in shown if atom[c])
        text = sum(min(natural[c], 12) for c in shown if not atom[c])
        return fixed + text + 3 * len(shown) + 1

    shown = list(cols)
    hidden: list[str] = []
    if not wide:
        for c in optional:
            total = sum(natural[x] for x in shown) + 3 * len(shown) + 1
            if total <= console.width or c not in shown:
                continue
            shown.remove(c)
            hidden.append(c)
    width = max(console.width, atom_width(shown))
    table = Table(title=title, show_lines=False, header_style="bold")
    for c in shown:
        if atom[c]:
            table.add_column(c, no_wrap=True, min_width=natural[c])
        else:
            table.add_column(c, overflow="fold")
    index = {c: i for i, c in enumerate(cols)}
    for row in cells:
        table.add_row(*[row[index[c]] for c in shown])
    out = Console(width=width) if width != console.width else console
    out.print(table)
    if not cells:
        out.print("(no rows)")
    if footer:
        out.print(footer)
    if hidden and len(cells) <= _NOTES_UP_TO:
        # A few rows: the text left out of the table follows it, row by row, so that
        # `deadlines --state X` still explains each verdict at 80 columns.
        key = [index[c] for c in shown[:2]]
        for c in hidden:
            if atom[c]:
                continue
            out.print(f"\n[bold]{c}[/bold]")
            for row in cells:
                if row[index[c]]:
                    out.print(f"{' '.join(row[i] for i in key)}: {row[index[c]]}", markup=False)
        hidden = [c for c in hidden if atom[c]]
    if hidden:
        out.print(
            f"Left out to fit {console.width} columns: {', '.join(hidden)}; "
            "--wide shows them, --format csv or json gives every field."
        )


#: Up to this many rows, text columns that do not fit follow the table as notes.
_NOTES_UP_TO = 40
