"""`treatywatch export`: the whole record as one open-data file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from treatywatch.cli.common import AsOfOption, DbOption, UserError, parse_date, resolve_db


def export(
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="datapackage (a Frictionless Data Package zip), xlsx (one sheet per table) "
            "or json (one object of tables).",
        ),
    ] = "datapackage",
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write, e.g. treatywatch.zip.")
    ] = Path("treatywatch-datapackage.zip"),
    db: DbOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Export the whole record: every table, each fact with its sources.

    Example: treatywatch export --format datapackage --output record.zip
    """
    from treatywatch.export import FORMATS, write
    from treatywatch.query import open_context

    if format not in FORMATS:
        raise UserError(f"--format {format!r} is not one of {', '.join(FORMATS)}.")
    ctx = open_context(resolve_db(db))
    path = write(format, ctx, output, parse_date(as_of))
    typer.echo(f"Wrote {path} ({path.stat().st_size:,} bytes).", err=True)
