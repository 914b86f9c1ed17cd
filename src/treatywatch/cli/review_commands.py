"""`treatywatch ingest` and `treatywatch review`: documents in, a person confirms what enters."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from treatywatch.cli.common import DbOption, Format, FormatOption, fail, output, resolve_db


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .html .pdf .docx).")],
    db: DbOption = None,
) -> None:
    """Read documents, extract what they say, and queue it for review.

    Nothing enters the record until `treatywatch review accept`. The same bytes ingested
    again change nothing; a file that cannot be read is named and the rest go on (exit 1).
    """
    from rich.progress import Progress

    from treatywatch.ingest.readers import find_documents
    from treatywatch.ingest.store import ingest as run_ingest
    from treatywatch.query import open_context

    ctx = open_context(resolve_db(db))
    # A path that cannot even be looked at is named here and the rest go on; FIFOs, devices
    # and broken links are passed on, so that reading refuses each in its own sentence.
    files, problems = find_documents(paths)
    with Progress(transient=True) as progress:
        task = progress.add_task("Reading documents", total=len(files))

        def step(path: Path) -> None:
            progress.update(task, advance=1, description=f"Reading {path.name}")

        report = run_ingest(ctx.engine, files, progress=step)
    errors = [*problems, *report.errors]
    for error in errors:
        typer.echo(f"Error: {error}", err=True)
    typer.echo(
        f"{len(report.added)} document(s) added with {report.candidates} candidate(s), "
        f"{len(report.unchanged)} unchanged, {len(errors)} could not be read. "
        "Next: treatywatch review",
        err=True,
    )
    if errors:
        raise typer.Exit(1)


review = typer.Typer(
    help="List the candidates extracted from ingested documents; accept or reject them.",
    invoke_without_command=True,
    no_args_is_help=False,
)


@review.callback()
def review_list(
    ctx: typer.Context,
    document: Annotated[
        str | None, typer.Option(help="Only this document (sha256 prefix or file name).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(help="participant_list, event, statement, action or claim."),
    ] = None,
    status: Annotated[str, typer.Option(help="pending, accepted, rejected or all.")] = "pending",
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """List candidates waiting for review (the default), with the words they were read from."""
    if ctx.invoked_subcommand is not None:
        return
    from treatywatch.ingest.store import candidates
    from treatywatch.query import open_context

    eng = open_context(resolve_db(db)).engine
    rows = [
        {
            "id": c.id,
            "document": c.document[:12],
            "kind": c.kind,
            "status": c.status,
            "summary": c.summary(),
            "quote": c.quote[:160],
            "payload": c.payload,
        }
        for c in candidates(eng, document, kind, None if status == "all" else status)
    ]
    cols = ("id", "document", "kind", "status", "summary", "quote")
    output(rows, fmt, (*cols, "payload") if fmt is Format.json else cols)


@review.command("accept")
def review_accept(
    ids: Annotated[list[int], typer.Argument(help="Candidate ids from `treatywatch review`.")],
    instrument: Annotated[
        str, typer.Option(help="The treaty the accepted actions concern.")
    ] = "CCM",
    event: Annotated[
        str | None, typer.Option(help="Attach lists, claims and statements to this event id.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Move candidates into the record, citing their document. Conflicts are kept and shown."""
    from treatywatch.ingest.store import ReviewError, accept
    from treatywatch.query import open_context

    eng = open_context(resolve_db(db)).engine
    try:
        report = accept(eng, ids, instrument=instrument, event=event)
    except ReviewError as exc:
        fail(str(exc))
    typer.echo(f"Accepted {len(report.accepted)} candidate(s).", err=True)
    for c in report.conflicts:
        values = "; ".join(v.value for v in c.variants)
        typer.echo(f"Conflict kept: {c.key} {c.field}: {values}", err=True)


@review.command("reject")
def review_reject(
    ids: Annotated[list[int], typer.Argument(help="Candidate ids from `treatywatch review`.")],
    db: DbOption = None,
) -> None:
    """Discard candidates; they stay listed as rejected and never enter the record."""
    from treatywatch.ingest.store import ReviewError, reject
    from treatywatch.query import open_context

    eng = open_context(resolve_db(db)).engine
    try:
        report = reject(eng, ids)
    except ReviewError as exc:
        fail(str(exc))
    typer.echo(f"Rejected {len(report.rejected)} candidate(s).", err=True)
