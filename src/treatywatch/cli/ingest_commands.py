"""`treatywatch text`: the normalised text of a document, as the extractor reads it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def text(
    path: Annotated[Path, typer.Argument(help="A .txt, .html, .htm, .pdf or .docx file.")],
    meta: Annotated[
        bool,
        typer.Option("--meta", help="Print the document's id, title, date and size as JSON."),
    ] = False,
) -> None:
    """Print a document's normalised text: the text every extracted span points into.

    The type is told by the file's bytes, not its name. A file that cannot be read (empty,
    not what its name says, a PDF without a text layer, larger than 50 MB) is named in one
    sentence on stderr, and the exit status is 1.

    Examples:
      treatywatch text ../shared/seeds/004_bb41aa2810c924ff.txt | less
      treatywatch text report.pdf --meta
    """
    from treatywatch.ingest.readers import ReadError, read_document

    try:
        doc = read_document(path)
    except ReadError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None
    if meta:
        info = {
            "path": str(path),
            "sha256": doc.sha256,
            "title": doc.title,
            "date": doc.date,
            "chars": doc.chars,
        }
        typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        typer.echo(doc.text)
