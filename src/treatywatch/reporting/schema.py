"""The Article 7 reporting forms, declared in ``data/forms/<treaty>.yaml``.

The forms are data: a form the States Parties change is an edit to the file, not to this
code. Every file is validated when it is read, and each problem names the file and the line
to open, as the record's loader does (record/rows.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from treatywatch.record.rows import Problem

#: The kinds of value a field holds.
TYPES = frozenset({"text", "integer", "number", "date", "boolean", "choice", "table"})
#: The totals a figure feeds, and how the pages name them.
FIGURES = {
    "stocks_held": "Stocks held",
    "stocks_destroyed": "Stocks destroyed",
    "stocks_retained": "Stocks retained",
    "stocks_transferred": "Stocks transferred",
    "area_contaminated_m2": "Area contaminated (m²)",
    "area_cleared_m2": "Area cleared (m²)",
    "national_resources": "National resources (USD)",
    "international_resources": "International resources (USD)",
}
_FIELD_KEYS = frozenset(
    {"name", "label", "type", "unit", "required", "minimum", "choices", "columns", "figure"}
)
_FORM_KEYS = frozenset({"code", "title", "article", "fields"})
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,7}$")


class FormsError(ValueError):
    """A forms file has problems; each names its file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    type: str
    unit: str = ""
    required: bool = False
    minimum: float | None = None
    choices: tuple[str, ...] = ()
    #: A table's columns (fields of their own, never tables).
    columns: tuple[Field, ...] = ()
    #: The total this field's value (a column: its sum) feeds, one of FIGURES.
    figure: str | None = None


@dataclass(frozen=True, slots=True)
class Form:
    code: str
    title: str
    article: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True, slots=True)
class Forms:
    """One treaty's forms, in the order the file gives them."""

    instrument: str
    path: Path
    forms: tuple[Form, ...] = field(default=())

    def form(self, code: str) -> Form | None:
        return next((f for f in self.forms if f.code == code), None)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.forms)


class _At:
    """A YAML value together with the node it was read from, so a problem names its line."""

    def __init__(self, path: Path, node: yaml.Node, value: Any) -> None:
        self.path, self.node, self.value = path, node, value

    @property
    def where(self) -> str:
        return f"{self.path}:{self.node.start_mark.line + 1}"

    def problem(self, message: str) -> Problem:
        return Problem(self.where, message)

    def key_where(self, key: str) -> str:
        if isinstance(self.node, yaml.MappingNode):
            for k, _ in self.node.value:
                if k.value == key:
                    return f"{self.path}:{k.start_mark.line + 1}"
        return self.where

    def get(self, key: str) -> _At | None:
        if not isinstance(self.node, yaml.MappingNode) or not isinstance(self.value, dict):
            return None
        for k, v in self.node.value:
            if k.value == key:
                return _At(self.path, v, self.value.get(key))
        return None

    def items(self) -> list[_At]:
        if not isinstance(self.node, yaml.SequenceNode) or not isinstance(self.value, list):
            return []
        return [_At(self.path, n, v) for n, v in zip(self.node.value, self.value, strict=True)]


def forms_dir() -> Path:
    from treatywatch.record import default_data_dir

    return default_data_dir() / "forms"


@cache
def forms_for(instrument: str) -> Forms:
    """The bundled forms of a treaty (``CCM``, ``APMBC``); FormsError if its file is wrong,
    KeyError if the treaty has none."""
    path = forms_dir() / f"{instrument.lower()}.yaml"
    if not path.is_file():
        raise KeyError(instrument)
    return load_forms(path)


def treaties_with_forms() -> list[str]:
    return sorted(p.stem.upper() for p in forms_dir().glob("*.yaml"))


def load_forms(path: Path) -> Forms:
    """Read and validate one forms file; FormsError naming every problem's file and line."""
    text = path.read_text(encoding="utf-8")
    try:
        node, data = yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", exc)
        raise FormsError([Problem(f"{path}:{line}", f"not valid YAML ({problem})")]) from None
    if node is None or not isinstance(data, dict):
        raise FormsError([Problem(f"{path}:1", "expected a mapping with instrument and forms")])
    top = _At(path, node, data)
    problems: list[Problem] = []
    instrument = data.get("instrument")
    if not isinstance(instrument, str) or not instrument:
        problems.append(Problem(top.key_where("instrument"), "instrument is missing or empty"))
    forms_at = top.get("forms")
    if forms_at is None or not isinstance(forms_at.value, list) or not forms_at.value:
        problems.append(Problem(top.key_where("forms"), "forms must be a non-empty list"))
        raise FormsError(problems)
    forms: list[Form] = []
    seen: set[str] = set()
    for item in forms_at.items():
        try:
            form = _form(item)
        except Problem as p:
            problems.append(p)
            continue
        if form.code in seen:
            problems.append(item.problem(f"form {form.code} is declared twice"))
        seen.add(form.code)
        forms.append(form)
    if problems:
        raise FormsError(problems)
    return Forms(str(instrument), path, tuple(forms))


def _form(at: _At) -> Form:
    if not isinstance(at.value, dict):
        raise at.problem("a form must be a mapping with code, title and fields")
    _no_unknown_keys(at, _FORM_KEYS, "form")
    code = at.value.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        raise Problem(at.key_where("code"), f"form code {code!r} is not a capital letter code")
    title = _text(at, "title", f"form {code}")
    fields_at = at.get("fields")
    if fields_at is None or not isinstance(fields_at.value, list) or not fields_at.value:
        raise Problem(at.key_where("fields"), f"form {code}: fields must be a non-empty list")
    fields = _fields(fields_at, f"form {code}", allow_tables=True)
    return Form(code, title, str(at.value.get("article") or ""), fields)


def _fields(at: _At, owner: str, *, allow_tables: bool) -> tuple[Field, ...]:
    out: list[Field] = []
    for item in at.items():
        f = _field(item, owner, allow_tables=allow_tables)
        if any(x.name == f.name for x in out):
            raise item.problem(f"{owner}: field {f.name} is declared twice")
        out.append(f)
    return tuple(out)


def _field(at: _At, owner: str, *, allow_tables: bool) -> Field:
    if not isinstance(at.value, dict):
        raise at.problem(f"{owner}: a field must be a mapping with name, label and type")
    _no_unknown_keys(at, _FIELD_KEYS, f"{owner}, field")
    name = at.value.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise Problem(at.key_where("name"), f"{owner}: field name {name!r} is not a slug")
    here = f"{owner}, field {name}"
    label = _text(at, "label", here)
    kind = at.value.get("type")
    allowed = TYPES if allow_tables else TYPES - {"table"}
    if kind not in allowed:
        kinds = ", ".join(sorted(allowed))
        raise Problem(at.key_where("type"), f"{here}: type {kind!r} is not one of {kinds}")
    required = at.value.get("required", False)
    if not isinstance(required, bool):
        raise Problem(at.key_where("required"), f"{here}: required must be true or false")
    minimum = at.value.get("minimum")
    if minimum is not None and (
        kind not in ("integer", "number") or isinstance(minimum, bool) or not _is_number(minimum)
    ):
        raise Problem(at.key_where("minimum"), f"{here}: minimum must be a number on a number")
    choices = at.value.get("choices")
    if kind == "choice":
        if (
            not isinstance(choices, list)
            or not choices
            or not all(isinstance(c, str) and c for c in choices)
        ):
            raise Problem(at.key_where("choices"), f"{here}: a choice needs a list of choices")
    elif choices is not None:
        raise Problem(at.key_where("choices"), f"{here}: only a choice has choices")
    figure = at.value.get("figure")
    if figure is not None:
        if figure not in FIGURES:
            raise Problem(
                at.key_where("figure"),
                f"{here}: figure {figure!r} is not one of {', '.join(FIGURES)}",
            )
        if kind not in ("integer", "number"):
            raise Problem(at.key_where("figure"), f"{here}: a figure must be an integer or number")
    columns: tuple[Field, ...] = ()
    columns_at = at.get("columns")
    if kind == "table":
        if columns_at is None or not isinstance(columns_at.value, list) or not columns_at.value:
            raise Problem(at.key_where("columns"), f"{here}: a table needs a list of columns")
        columns = _fields(columns_at, here, allow_tables=False)
    elif columns_at is not None:
        raise Problem(at.key_where("columns"), f"{here}: only a table has columns")
    return Field(
        name=name,
        label=label,
        type=str(kind),
        unit=str(at.value.get("unit") or ""),
        required=required,
        minimum=float(minimum) if minimum is not None else None,
        choices=tuple(choices or ()),
        columns=columns,
        figure=figure,
    )


def _text(at: _At, key: str, owner: str) -> str:
    value = at.value.get(key)
    if not isinstance(value, str) or not value.strip():
        raise Problem(at.key_where(key), f"{owner}: {key} is missing or empty")
    return value.strip()


def _no_unknown_keys(at: _At, known: frozenset[str], owner: str) -> None:
    for key in at.value:
        if key not in known:
            raise Problem(
                at.key_where(str(key)),
                f"{owner}: unknown key {key!r} (known: {', '.join(sorted(known))})",
            )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float))
