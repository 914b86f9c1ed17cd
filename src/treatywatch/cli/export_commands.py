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
            help="datapackage (a Frictionless Data Package zip), xlsx (one sheet per table), "
            "json (one object of tables) or csv (a folder of one CSV file per table).",
        ),
    ] = "datapackage",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file (for csv, the folder) to write. Default: treatywatch-datapackage"
            ".zip, treatywatch.xlsx, treatywatch.json or treatywatch-csv/.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Export the whole record: every table, each fact with its sources, the states, and
    each treaty's status and obligations on --as-of (today) as the rules compute them.

    Example: treatywatch export --format csv --output record/
    """
    from treatywatch.export import FORMATS, write
    from treatywatch.query import open_context

    if format not in FORMATS:
        raise UserError(f"--format {format!r} is not one of {', '.join(FORMATS)}.")
    ctx = open_context(resolve_db(db))
    target = output or Path(_DEFAULT_OUTPUT[format])
    if format == "csv" and target.exists() and not target.is_dir():
        raise UserError(f"{target} is a file; csv writes a folder of files, so name a folder.")
    path = write(format, ctx, target, parse_date(as_of))
    if path.is_dir():
        files = sorted(path.glob("*.csv"))
        size = sum(f.stat().st_size for f in files)
        typer.echo(f"Wrote {len(files)} CSV files to {path}/ ({size:,} bytes).", err=True)
    else:
        typer.echo(f"Wrote {path} ({path.stat().st_size:,} bytes).", err=True)


_DEFAULT_OUTPUT = {
    "datapackage": "treatywatch-datapackage.zip",
    "xlsx": "treatywatch.xlsx",
    "json": "treatywatch.json",
    "csv": "treatywatch-csv",
}
