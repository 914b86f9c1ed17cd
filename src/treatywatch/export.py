"""Open data: every table as CSV, JSON and XLSX, and the whole record as one Frictionless
Data Package (a zip with ``datapackage.json`` and one CSV per table).

The tables are made from the same query functions and in-memory record as the pages and the
API, so a download holds exactly what the site shows. Each fact row carries the ids of its
sources and their locators, so the data stays sourced outside the site too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treatywatch import model

if TYPE_CHECKING:
    from treatywatch.query import Context

FORMATS = ("datapackage", "xlsx", "json", "csv")
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True, slots=True)
class Table:
    name: str  # a Frictionless resource name: lower-case, digits, - _ .
    title: str
    description: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, resource, field)


#: What a spreadsheet reads as the start of a formula when a cell's text begins with it
#: (tab and carriage return too, which some strip before looking). Outside documents end up
#: in the record, so a source title "=HYPERLINK(...)" must not become a live link or worse
#: when a download is opened: CSV cells get a leading apostrophe, the spreadsheets' own
#: "this is text" mark, and XLSX cells are written as text with Excel's quote prefix.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def inert(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text, never evaluates (OWASP's CSV injection rule)."""
    return "'" + value if is_formula_like(value) else value


def cell(value: Any) -> Any:
    """A value as one spreadsheet cell: ISO dates, lists joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(str(cell(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, default=str, ensure_ascii=False)
    return value


class _LFRows:
    """What csv.writer writes to, turning each row's CRLF ending into LF.

    The writer quotes a field only if it holds a character of its line terminator: with LF
    as the terminator a field holding a bare CR went out unquoted, and a spreadsheet broke
    the row there, so "x\r=1+1" began the next row with a live formula. The writer is
    given CRLF (so both are quoted) and hands each row to one write() call.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, row: str) -> int:
        self.parts.append(row[:-2] + "\n")
        return len(row)


def csv_bytes(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> bytes:
    out = _LFRows()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for r in rows:
        writer.writerow([inert(cell(r.get(c))) for c in columns])
    return "".join(out.parts).encode("utf-8")


def json_bytes(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> bytes:
    from treatywatch.api.deps import dumps

    return dumps([{c: r.get(c) for c in columns} for r in rows])


def _sheet(wb: Any, title: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    from openpyxl.cell.cell import Cell

    ws = wb.create_sheet(title=title[:31])
    ws.append(list(columns))
    for r in rows:
        row: list[Any] = []
        for c in columns:
            v = r.get(c)
            # Dates stay dates (Excel shows them as such); anything else becomes text/number.
            v = v if isinstance(v, (dt.date, int, float)) else cell(v)
            if is_formula_like(v):
                # openpyxl stores any text starting with "=" as a formula; as a text cell
                # with the quote prefix it reads back unchanged and stays text when edited.
                text = Cell(ws, value=None)
                text.value, text.data_type, text.quotePrefix = v, "s", True
                v = text
            row.append(v)
        ws.append(row)
    ws.freeze_panes = "A2"


def xlsx_bytes(tables: Sequence[tuple[str, Sequence[str], Iterable[dict[str, Any]]]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=False)
    wb.remove(wb.active)
    for title, columns, rows in tables:
        _sheet(wb, title, columns, rows)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_bytes(
    fmt: str, name: str, columns: Sequence[str], rows: Sequence[dict[str, Any]]
) -> tuple[bytes, str]:
    """One table in one format, with its media type."""
    if fmt == "csv":
        return csv_bytes(columns, rows), MEDIA["csv"]
    if fmt == "json":
        return json_bytes(columns, rows), MEDIA["json"]
    if fmt == "xlsx":
        return xlsx_bytes([(name, columns, rows)]), MEDIA["xlsx"]
    raise ValueError(f"unknown format {fmt!r}")


# -- the record as tables ------------------------------------------------------------------


def _src(citations: tuple[model.Citation, ...]) -> dict[str, str]:
    return {
        "sources": "; ".join(c.source_id for c in citations),
        "locators": "; ".join(c.locator for c in citations),
    }


def _name(code: str) -> str:
    from treatywatch.query import participant_label

    return participant_label(code)


def record_tables(ctx: Context, as_of: dt.date | None = None) -> list[Table]:
    """Every table of the record, plus each treaty's status on ``as_of`` and its series."""
    from treatywatch import query

    rec = ctx.record
    cite_cols = ("sources", "locators")
    tables = [
        Table(
            "sources",
            "Sources",
            "Every source the record cites; authority ranks them where they disagree.",
            (*query.SOURCE_COLUMNS, "sha256"),
            [query.source_row(s) for s in rec.sources.values()],
            primary_key=("id",),
        ),
        Table(
            "instruments",
            "Treaties and declarations",
            "The treaties and political declarations the record follows.",
            (
                "id",
                "name",
                "short_name",
                "kind",
                "adopted",
                "opened_for_signature",
                "entered_into_force",
                "depositary",
                *cite_cols,
            ),
            [{**query.treaty_row(i, rec), **_src(i.citations)} for i in rec.instruments.values()],
            primary_key=("id",),
        ),
        Table(
            "events",
            "Events",
            "Conferences and meetings.",
            (*query.EVENT_COLUMNS, "note", *cite_cols),
            [
                {**query.event_row(e), "note": e.note, **_src(e.citations)}
                for e in rec.events.values()
            ],
            primary_key=("id",),
        ),
        Table(
            "participation",
            "Participation",
            "Who took part in each event, and in which role.",
            ("event", "participant", "participant_name", "role", *cite_cols),
            [
                {
                    "event": p.event,
                    "participant": p.participant,
                    "participant_name": _name(p.participant),
                    "role": p.role.value,
                    **_src(p.citations),
                }
                for p in rec.participation
            ],
            foreign_keys=(("event", "events", "id"),),
        ),
        Table(
            "actions",
            "Actions",
            "Each state's acts on each instrument (signature, ratification, ...), as deposited.",
            ("instrument", "state", "state_name", "action", "date", "note", *cite_cols),
            [
                {
                    "instrument": a.instrument,
                    "state": a.state,
                    "state_name": _name(a.state),
                    "action": a.kind.value,
                    "date": a.date,
                    "note": a.note,
                    **_src(a.citations),
                }
                for a in rec.actions
            ],
            foreign_keys=(("instrument", "instruments", "id"),),
        ),
        Table(
            "statements",
            "Statements",
            "What speakers said at events, with topics and stance.",
            (
                "id",
                "speaker",
                "speaker_name",
                "event",
                "date",
                "topics",
                "stance",
                "text",
                *cite_cols,
            ),
            [
                {
                    "id": s.id,
                    "speaker": s.speaker,
                    "speaker_name": _name(s.speaker),
                    "event": s.event,
                    "date": s.date,
                    "topics": list(s.topics),
                    "stance": s.stance.value if s.stance else None,
                    "text": s.text,
                    **_src(s.citations),
                }
                for s in rec.statements
            ],
            primary_key=("id",),
        ),
        Table(
            "claims",
            "Claims",
            "Numbers sources assert about events and instruments.",
            ("subject", "property", "as_of", "quantity", "unit", "text", *cite_cols),
            [
                {
                    "subject": c.subject,
                    "property": c.property,
                    "as_of": c.as_of,
                    "quantity": c.quantity,
                    "unit": c.unit,
                    "text": c.text,
                    **_src(c.citations),
                }
                for c in rec.claims
            ],
        ),
        Table(
            "obligation_facts",
            "Obligation facts",
            "Deadlines, extension requests and decisions, completions, as published.",
            (
                "instrument",
                "state",
                "state_name",
                "obligation",
                "kind",
                "date",
                "deadline",
                "years",
                "note",
                *cite_cols,
            ),
            [
                {
                    "instrument": o.instrument,
                    "state": o.state,
                    "state_name": _name(o.state),
                    "obligation": o.obligation,
                    "kind": o.kind,
                    "date": o.date,
                    "deadline": o.deadline,
                    "years": o.years,
                    "note": o.note,
                    **_src(o.citations),
                }
                for o in rec.obligations
            ],
        ),
        Table(
            "conflicts",
            "Conflicts",
            "Facts on which sources disagree: one row per value, with its sources.",
            ("fact_type", "key", "field", "value", *cite_cols),
            [
                {
                    "fact_type": c.fact_type,
                    "key": c.key,
                    "field": c.field,
                    "value": v.value,
                    **_src(v.citations),
                }
                for c in rec.conflicts
                for v in c.variants
            ],
        ),
    ]
    tables.append(_states_table())
    tables.append(_report_facts_table(rec))
    day = as_of or dt.date.today()
    for inst in rec.instruments.values():
        if not inst.rules:
            continue
        slug = inst.id.lower()
        tables.append(_deadlines_table(ctx, inst, day))
        tables.append(
            Table(
                f"status-{slug}",
                f"{inst.short_name}: status of every state on {day.isoformat()}",
                f"Each state's standing toward the {inst.short_name} on {day.isoformat()}, "
                "computed by the treaty's rules from the actions table.",
                ("as_of", *query.STATES_COLUMNS),
                [{"as_of": day, **r} for r in query.states(ctx, inst.id, day)],
                primary_key=("iso3",),
            )
        )
        series = query.parties_series(ctx, inst.id)
        tables.append(
            Table(
                f"series-{slug}",
                f"{inst.short_name}: counts over time",
                f"The {inst.short_name}'s counts by status over time, one row per change.",
                tuple(dict.fromkeys(k for p in series for k in p)) or ("date",),
                series,
            )
        )
    return tables


def _states_table() -> Table:
    from treatywatch import query, registry

    return Table(
        "states",
        "States",
        "Every state the record knows, with the names and regions the other tables use; "
        "can_deposit is false for an entity the UN Secretary-General, the depositary, "
        "accepts no instrument from.",
        ("iso3", "iso2", "name", "formal_name", "region", "subregion", "un_member",
         "can_deposit"),
        [query.registry_row(st) for st in registry.all_states()],
        primary_key=("iso3",),
    )  # fmt: skip


def _report_facts_table(rec: model.Record) -> Table:
    return Table(
        "report_facts",
        "Article 7 report facts",
        "Transparency reports received, or stated not received on a day, as published.",
        ("instrument", "state", "state_name", "report", "year", "status", "date", "note",
         "sources", "locators"),
        [
            {
                "instrument": r.instrument,
                "state": r.state,
                "state_name": _name(r.state),
                "report": r.report,
                "year": r.year,
                "status": r.status,
                "date": r.date,
                "note": r.note,
                **_src(r.citations),
            }
            for r in rec.reports
        ],
    )  # fmt: skip


def _deadlines_table(ctx: Context, inst: model.Instrument, day: dt.date) -> Table:
    from treatywatch import query

    return Table(
        f"deadlines-{inst.id.lower()}",
        f"{inst.short_name}: obligations on {day.isoformat()}",
        f"Each State Party's {inst.short_name} obligations with due date and status on "
        f"{day.isoformat()}, computed by the treaty's rules from the obligation and report "
        "facts; basis says how, and why where the status is unknown.",
        ("as_of", "instrument", "state", "state_name", "obligation", "article", "year", "due",
         "original_due", "completed", "extensions", "status", "basis"),
        [{"as_of": day, **r} for r in query.obligations(ctx, inst.id, day)],
    )  # fmt: skip


# -- Frictionless Data Package -------------------------------------------------------------


def _field_type(values: Iterable[Any]) -> str:
    kinds = {type(v) for v in values if v is not None and v != ""}
    if not kinds:
        return "string"
    if kinds <= {dt.date}:
        return "date"
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int}:
        return "integer"
    if kinds <= {int, float}:
        return "number"
    return "string"


def _schema(t: Table) -> dict[str, Any]:
    fields = [{"name": c, "type": _field_type(r.get(c) for r in t.rows)} for c in t.columns]
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if t.primary_key:
        schema["primaryKey"] = list(t.primary_key)
    if t.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": f, "reference": {"resource": res, "fields": rf}}
            for f, res, rf in t.foreign_keys
        ]
    return schema


def datapackage_bytes(ctx: Context, as_of: dt.date | None = None) -> bytes:
    """The whole record as one zip: datapackage.json and data/<table>.csv."""
    tables = record_tables(ctx, as_of)
    descriptor: dict[str, Any] = {
        "name": "treatywatch",
        "title": "treatywatch: the sourced record of the CCM and the Mine Ban Convention",
        "description": "States' actions, events, participation, statements, claims and "
        "obligations for the Convention on Cluster Munitions and the Anti-Personnel Mine Ban "
        "Convention, every fact with its sources, and each treaty's status computed by its "
        "rules.",
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "profile": "tabular-data-package",
        "licenses": [{"name": "ODC-By-1.0", "title": "Open Data Commons Attribution License"}],
        "resources": [],
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for t in tables:
            path = f"data/{t.name}.csv"
            zf.writestr(path, csv_bytes(t.columns, t.rows))
            descriptor["resources"].append(
                {
                    "name": t.name,
                    "title": t.title,
                    "description": t.description,
                    "path": path,
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    # Said outright: readers that sniff the delimiter take the "; " lists
                    # in the sources column for one.
                    "dialect": {"delimiter": ",", "doubleQuote": True, "header": True},
                    "schema": _schema(t),
                }
            )
        zf.writestr("datapackage.json", json.dumps(descriptor, indent=2, ensure_ascii=False))
    return buf.getvalue()


def whole_record_bytes(fmt: str, ctx: Context, as_of: dt.date | None = None) -> bytes:
    """The whole record in one file: a data package zip, a workbook, or one JSON object."""
    if fmt == "datapackage":
        return datapackage_bytes(ctx, as_of)
    tables = record_tables(ctx, as_of)
    if fmt == "xlsx":
        return xlsx_bytes([(t.name, t.columns, t.rows) for t in tables])
    if fmt == "json":
        from treatywatch.api.deps import dumps

        return dumps({t.name: [{c: r.get(c) for c in t.columns} for r in t.rows] for t in tables})
    raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")


def write(fmt: str, ctx: Context, output: Path, as_of: dt.date | None = None) -> Path:
    """Write the record to ``output``: one file, or for ``csv`` a folder of one file per
    table. Each file is written beside its place and renamed into it, so an interrupted
    export never leaves half a file where a whole one was."""
    if fmt == "csv":
        output.mkdir(parents=True, exist_ok=True)
        for t in record_tables(ctx, as_of):
            _replace(output / f"{t.name}.csv", csv_bytes(t.columns, t.rows))
        return output
    output.parent.mkdir(parents=True, exist_ok=True)
    _replace(output, whole_record_bytes(fmt, ctx, as_of))
    return output


def _replace(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    partial.replace(path)
