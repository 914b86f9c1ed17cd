"""A report's entries checked against its treaty's forms, and the figures they give.

Entries are ``{form code: {field name: value}}``, a table's value a list of rows
(``{column name: value}``). Values arrive as JSON from the API and as text from the web
forms, so each is read in either shape. Every problem is one sentence naming the form and
the field, so a focal point knows what to change.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from treatywatch.reporting.schema import Field, Form, Forms

Entries = dict[str, dict[str, Any]]
VISIBILITIES = ("public", "restricted")
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


class _Bad(ValueError):
    """One value that is not what its field takes; the message completes a sentence."""


def check(forms: Forms, entries: Any, *, complete: bool = False) -> tuple[Entries, list[str]]:
    """The entries in their stored shape, and every problem with them.

    ``complete``: also require what the forms mark required (for submitting; a draft may
    be saved half filled in)."""
    problems: list[str] = []
    if not isinstance(entries, Mapping):
        return {}, ["The entries must be an object of form codes, each holding its fields."]
    out: Entries = {}
    for code, values in entries.items():
        form = forms.form(str(code))
        if form is None:
            problems.append(
                f"There is no form {code!r} among the {forms.instrument} forms "
                f"({', '.join(forms.codes)})."
            )
            continue
        if not isinstance(values, Mapping):
            problems.append(f"Form {code}: its entries must be an object of field names.")
            continue
        out[form.code] = _form(form, values, problems)
    if complete:
        for form in forms.forms:
            _require(form, out.get(form.code, {}), problems)
    return out, problems


def check_visibility(
    forms: Forms, visibility: Any, base: Mapping[str, str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """Each form's visibility: as ``visibility`` sets it, else as it was (``base``), else
    ``public``, as Article 7 reports have always been published unless the state asks."""
    chosen: dict[str, str] = {f.code: (base or {}).get(f.code, "public") for f in forms.forms}
    if visibility is None:
        return chosen, []
    if not isinstance(visibility, Mapping):
        return chosen, ["The visibility must be an object of form codes: public or restricted."]
    problems = []
    for code, value in visibility.items():
        if str(code) not in chosen:
            problems.append(f"There is no form {code!r} to make {value}.")
        elif value not in VISIBILITIES:
            problems.append(f"Form {code}: visibility {value!r} is neither public nor restricted.")
        else:
            chosen[str(code)] = str(value)
    return chosen, problems


def _form(form: Form, values: Mapping[str, Any], problems: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in values.items():
        f = form.field(str(name))
        if f is None:
            problems.append(f"Form {form.code} has no field {name!r}.")
            continue
        where = f"Form {form.code}, {f.label}"
        if f.type == "table":
            rows = _table(f, raw, where, problems)
            if rows:
                out[f.name] = rows
            continue
        try:
            value = read_value(f, raw)
        except _Bad as exc:
            problems.append(f"{where}: {exc}.")
            continue
        if value is not None:
            out[f.name] = value
    return out


def _table(f: Field, raw: Any, where: str, problems: list[str]) -> list[dict[str, Any]]:
    if raw is None or raw == "":
        return []
    if not isinstance(raw, list):
        problems.append(f"{where}: a table's value must be a list of rows.")
        return []
    rows = []
    for n, row in enumerate(raw, 1):
        if not isinstance(row, Mapping):
            problems.append(f"{where}, row {n}: a row must be an object of column names.")
            continue
        kept: dict[str, Any] = {}
        for name, value in row.items():
            col = next((c for c in f.columns if c.name == name), None)
            if col is None:
                problems.append(f"{where} has no column {name!r}.")
                continue
            try:
                v = read_value(col, value)
            except _Bad as exc:
                problems.append(f"{where}, row {n}, {col.label}: {exc}.")
                continue
            if v is not None:
                kept[col.name] = v
        if kept:  # a row left blank (the web form's spare row) is no row
            rows.append(kept)
    return rows


def _require(form: Form, values: Mapping[str, Any], problems: list[str]) -> None:
    for f in form.fields:
        if f.required and values.get(f.name) in (None, [], ""):
            problems.append(f"Form {form.code}, {f.label}: this field is required.")
        if f.type != "table":
            continue
        for n, row in enumerate(values.get(f.name) or [], 1):
            for col in f.columns:
                if col.required and row.get(col.name) in (None, ""):
                    problems.append(
                        f"Form {form.code}, {f.label}, row {n}, {col.label}: this column is "
                        "required in every row."
                    )


def read_value(f: Field, raw: Any) -> Any:
    """A field's value as stored (None for an empty one), or _Bad saying what is wrong."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    text = raw.strip() if isinstance(raw, str) else raw
    if f.type == "text":
        if not isinstance(text, str):
            raise _Bad(f"{raw!r} is not text")
        return text
    if f.type == "boolean":
        return _boolean(text)
    if f.type == "date":
        try:
            return dt.date.fromisoformat(str(text)).isoformat()
        except ValueError:
            raise _Bad(f"{raw!r} is not a date of the form YYYY-MM-DD") from None
    if f.type == "choice":
        if text not in f.choices:
            raise _Bad(f"{raw!r} is not one of {', '.join(f.choices)}")
        return text
    number = _number(text, integer=f.type == "integer")
    if f.minimum is not None and number < f.minimum:
        raise _Bad(f"{number} is below the minimum, {_shown(f.minimum)}")
    return number


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if str(value).casefold() in _TRUE:
        return True
    if str(value).casefold() in _FALSE:
        return False
    raise _Bad(f"{value!r} is neither yes nor no")


def _number(value: Any, *, integer: bool) -> int | float:
    if isinstance(value, bool):
        raise _Bad(f"{value!r} is not a number")
    try:
        number = float(str(value).replace(" ", "").replace("\u202f", ""))
    except ValueError:
        raise _Bad(f"{value!r} is not a {'whole ' if integer else ''}number") from None
    if not math.isfinite(number):
        raise _Bad(f"{value!r} is not a finite number")
    if integer:
        if number != int(number):
            raise _Bad(f"{value!r} is not a whole number")
        return int(number)
    return int(number) if number == int(number) and "." not in str(value) else number


def _shown(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def figures(forms: Forms, entries: Mapping[str, Mapping[str, Any]]) -> dict[str, float]:
    """The totals the entries feed (stocks held, area cleared ...): a figure field's value,
    a figure column's sum over its rows, added up where several fields feed one total."""
    out: dict[str, float] = {}
    for form in forms.forms:
        values = entries.get(form.code) or {}
        for f in form.fields:
            if f.figure and isinstance(values.get(f.name), (int, float)):
                out[f.figure] = out.get(f.figure, 0) + values[f.name]
            for col in f.columns:
                if not col.figure:
                    continue
                for row in values.get(f.name) or []:
                    if isinstance(row.get(col.name), (int, float)):
                        out[col.figure] = out.get(col.figure, 0) + row[col.name]
    return out
