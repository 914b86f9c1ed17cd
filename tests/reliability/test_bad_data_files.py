"""Broken data files get one sentence naming the file and line, and nothing is built
(issue 18, item 9): a byte that is not UTF-8, a byte-order mark, a YAML error, CRLF line
endings and a stray quote."""

from __future__ import annotations

from pathlib import Path

import pytest

from treatywatch.record import RecordError, load


def _problems(data: Path) -> list[str]:
    with pytest.raises(RecordError) as caught:
        load(data)
    return [str(p) for p in caught.value.problems]


def test_a_byte_that_is_not_utf8_names_its_file_and_line(data_copy: Path) -> None:
    path = data_copy / "actions" / "seeds.csv"
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"seed", b"se\xe9d", 1)
    path.write_bytes(b"\n".join(lines))
    (problem,) = _problems(data_copy)
    assert problem.startswith(f"{path}:4:") and "not UTF-8" in problem


def test_a_byte_order_mark_is_read_as_utf8(data_copy: Path) -> None:
    path = data_copy / "obligations" / "ccm.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load(data_copy).obligations


def test_one_yaml_error_is_one_problem_not_thousands(data_copy: Path) -> None:
    path = data_copy / "instruments.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n- id: [unclosed\n", encoding="utf-8")
    problems = _problems(data_copy)
    assert len(problems) == 1, problems[:5]
    assert problems[0].startswith(f"{path}:") and "not valid YAML" in problems[0]


def test_crlf_line_endings_are_refused(data_copy: Path) -> None:
    path = data_copy / "claims" / "ccm-counts.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    (problem,) = _problems(data_copy)
    assert problem.startswith(f"{path}:1:") and "CRLF" in problem


def test_a_stray_quote_names_its_line(data_copy: Path) -> None:
    path = data_copy / "actions" / "seeds.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace(",", ',"', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    problems = _problems(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:3:") and "quote" in problems[0]
