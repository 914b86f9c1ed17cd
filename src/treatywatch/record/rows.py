"""Reading the record's text files into rows that remember where they came from."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class Row:
    """One record row: its values, and the file and line a person should open to fix it."""

    path: Path
    line: int
    values: dict[str, Any]

    def where(self) -> str:
        return f"{self.path}:{self.line}"


class Problem(Exception):
    """One thing wrong with one row; the loader gathers them all before failing."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


def read_csv(path: Path, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> Iterator[Row]:
    """Rows of a CSV file; an ``optional`` column a file leaves out reads as empty."""
    text = _text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = tuple(reader.fieldnames or ())
    except csv.Error as exc:
        raise Problem(f"{path}:1", f"the header is not valid CSV ({exc})") from None
    missing = [c for c in columns if c not in header]
    if missing:
        raise Problem(f"{path}:1", f"missing column(s) {', '.join(missing)}")
    extra = [c for c in header if c not in columns and c not in optional]
    if extra:
        raise Problem(f"{path}:1", f"unknown column(s) {', '.join(extra)}")
    start = 2
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # A stray quote makes the rest of the file one field: name where it began.
            raise Problem(f"{path}:{start}", f"a quote is not closed or stray ({exc})") from None
        # line_num is the line the row ends on; a quoted field may span lines.
        line = start
        start = reader.line_num + 1
        if None in record:
            raise Problem(f"{path}:{line}", "more fields than the header names")
        values = {k: (v or "").strip() for k, v in record.items()}
        for name in optional:
            values.setdefault(name, "")
        if not any(values.values()):
            continue
        yield Row(path, line, values)


def _text(path: Path) -> str:
    """A record file's text: UTF-8 (a byte-order mark is allowed and dropped) with LF line
    endings, else one Problem naming the line."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise Problem(
            f"{path}:{line}",
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {column}); "
            "save the file as UTF-8",
        ) from None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise Problem(
            f"{path}:{line}",
            "has CRLF (or CR) line endings; the record keeps LF (see .gitattributes)",
        )
    return text


def _parse_yaml(path: Path) -> tuple[Any, Any]:
    """A YAML file's node tree (for lines) and its data; invalid YAML is one Problem."""
    text = _text(path)
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise Problem(
            f"{path}:{line}", f"not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from None


def read_yaml_list(path: Path) -> Iterator[Row]:
    """Each item of a top-level YAML list, with the line the item starts on."""
    node, data = _parse_yaml(path)
    if data is None:
        return
    if not isinstance(data, list) or node is None:
        raise Problem(f"{path}:1", "expected a list of entries")
    for item_node, item in zip(node.value, data, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict):
            raise Problem(f"{path}:{line}", "expected a mapping of field: value")
        yield Row(path, line, item)


def read_yaml_mapping(path: Path) -> Iterator[Row]:
    """Each entry of a top-level YAML mapping as a row ``{"key": ..., "value": ...}``, with
    the line the entry starts on, and each entry of a nested mapping under it likewise
    (as ``{"key": "outer.inner", "value": ...}``), so a problem deep in the file still
    names its line."""
    node, data = _parse_yaml(path)
    if data is None:
        return
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise Problem(f"{path}:1", "expected a mapping of key: value")

    def walk(n: yaml.MappingNode, values: dict[Any, Any], prefix: str) -> Iterator[Row]:
        for key_node, value_node in n.value:
            key = yaml.safe_load(key_node.value) if key_node.tag.endswith("int") else key_node.value
            name = f"{prefix}{key}"
            value = values.get(key_node.value, values.get(key))
            yield Row(path, key_node.start_mark.line + 1, {"key": name, "value": value})
            if isinstance(value_node, yaml.MappingNode) and isinstance(value, dict):
                yield from walk(value_node, value, name + ".")

    yield from walk(node, data, "")


def files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in suffixes and p.is_file())
