"""`treatywatch extract` and `treatywatch eval`: what the extractor reads, and how well.

`extract` prints the contract of ../shared/EXTRACTION.md, one JSON object per document per
line, in the order the paths were given; `eval` scores it against hand-made gold files.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from treatywatch.cli.common import Format, FormatOption, UserError, output


class ExtractFormat(StrEnum):
    json = "json"


def extract(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (.txt .html .htm .pdf .docx).")
    ],
    fmt: Annotated[
        ExtractFormat, typer.Option("--format", help="Output format (JSON Lines).")
    ] = ExtractFormat.json,
) -> None:
    """Print what the extractor reads in each document, one JSON object per line.

    Each line holds the document (path, sha256, title, date, chars) and its states (with
    character spans into the text `treatywatch text` prints), participant lists, events,
    statements, actions and claims. A folder stands for the supported files under it.
    Exit status 0 when every document was read; 1 when any could not be: its line then
    holds "error" and "document" only, and the others are still printed.

    Example: treatywatch extract ../shared/seeds | jq '.states | length'
    """
    from treatywatch.ingest.extract import extract as run_extract
    from treatywatch.ingest.readers import ReadError, read_document
    from treatywatch.ingest.store import expand

    failed = False
    for path in expand(paths):
        try:
            item = run_extract(read_document(path))
        except (ReadError, OSError) as exc:
            failed = True
            item = {"document": {"path": str(path)}, "error": _sentence(exc, path)}
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


def _sentence(exc: Exception, path: Path) -> str:
    message = str(exc)
    return message if str(path) in message or path.name in message else f"{path}: {message}"


_COUNTS = frozenset({"tp", "fp", "fn"})
# Column names that fit the per-kind table in 80 columns.
_SHORT = {
    "states": "states",
    "participant_lists": "lists",
    "events": "events",
    "statements": "statem.",
    "actions": "actions",
}


def eval(  # the command is `treatywatch eval`; main.py registers functions by name
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold files (*.json).")],
    docs_dir: Annotated[Path, typer.Argument(help="Folder of the documents they annotate.")],
    fmt: FormatOption = Format.table,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Also list each item missed and each extra item, with the words around it "
            "(with --format csv or json, only that list).",
        ),
    ] = False,
) -> None:
    """Score the extractor against gold annotations: precision, recall and F1 per field.

    Each gold file NAME.json is compared with the extractor's reading of NAME.* in
    DOCS_DIR, as ../shared/EXTRACTION.md describes (states as sets, participant lists by
    Jaccard overlap, events by start day and city, statements by speaker and day, actions
    by state, kind and day). Rows such as events.city and statements.speaker score one part
    of a key alone, to show which part is wrong; where a sources.csv beside or above
    GOLD_DIR gives each document's kind (tests/corpus/ has one), a second table gives F1
    per kind of document.

    Example: treatywatch eval ../shared/gold ../shared/seeds --explain
    """
    from treatywatch.ingest.evaluate import (
        by_kind_of,
        corpus_kinds,
        explain_of,
        read_pairs,
        scores_of,
    )

    for folder in (gold_dir, docs_dir):
        if not folder.is_dir():
            raise UserError(f"{folder} is not a folder.")
    kinds = corpus_kinds(gold_dir)
    try:
        # each document is read and extracted once, for every table below
        pairs = read_pairs(gold_dir, docs_dir)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None
    rows = scores_of(pairs, parts=True)
    by_kind = by_kind_of(pairs, kinds) if kinds else []
    # Counts are sums, and participant lists add partial matches (Jaccard overlaps), so
    # they are floats; a whole one is shown as the count it is (134, not 134.0).
    rows = [
        {k: int(v) if k in _COUNTS and float(v).is_integer() else v for k, v in r.items()}
        for r in rows
    ]
    if explain:
        items = explain_of(pairs)
    if not explain or fmt is Format.table:
        output(
            rows,
            fmt,
            ("field", "precision", "recall", "f1", "tp", "fp", "fn"),
            title=f"Extraction against {gold_dir}",
        )
        if by_kind and fmt is Format.table:
            typer.echo("")
            short = [
                {"kind": r["kind"], "docs": r["documents"]}
                | {name: r[field] for field, name in _SHORT.items()}
                for r in by_kind
            ]
            output(short, fmt, ("kind", "docs", *_SHORT.values()), title="F1 by kind")
    if explain and fmt is Format.table:
        # A line each: the words around an item do not fit a table column at 80 columns.
        typer.echo(f"\n{len(items)} missed or extra items:")
        for it in items:
            context = f"\n    {it['context']}" if it["context"] else ""
            typer.echo(f"{it['document']} {it['field']} {it['kind']}: {it['item']}{context}")
    elif explain:
        # In csv or json, the items alone, so that the output stays one table.
        output(items, fmt, ("document", "field", "kind", "item", "context"))
