"""Reading documents: every format to one normalised text, and every bad input refused in
one sentence that names the file."""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import SEEDS
from treatywatch.ingest.readers import ReadError, read_bytes, read_document

SEED_004 = next(SEEDS.glob("004_*.txt"))
FIRST_LINES = SEED_004.read_text(encoding="utf-8").split("\n")[:3]


def _pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, WinAnsi)."""
    stream = (
        "BT /F1 11 Tf 50 780 Td 14 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
            for line in lines
        )
        + " ET"
    )
    body = stream.encode("cp1252", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_seeds_read_with_their_bytes_as_id() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        doc = read_document(path)
        assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert doc.chars == len(doc.text) > 1000
        assert "\r" not in doc.text and "\n\n\n" not in doc.text
    dated = read_document(next(SEEDS.glob("003_*.txt")))
    assert dated.date == "2007-05-30"  # its date line: "Wednesday, 30 May 2007"
    assert read_document(SEED_004).title == FIRST_LINES[0]


def test_html_docx_and_pdf_read_to_the_same_words(tmp_path: Path) -> None:
    import docx

    html = tmp_path / "page.html"
    html.write_text(
        "<!DOCTYPE html><html><head><title>HI Update</title>"
        '<meta property="article:published_time" content="2011-10-03T09:00:00Z">'
        "<script>var hidden = 'never shown';</script></head><body><nav>Menu</nav><main>"
        + "".join(f"<p>{line}</p>" for line in FIRST_LINES)
        + "</main><footer>Footer text</footer></body></html>",
        encoding="utf-8",
    )
    word = tmp_path / "note.docx"
    document = docx.Document()
    for line in FIRST_LINES:
        document.add_paragraph(line)
    document.core_properties.title = "HI Update"
    document.save(str(word))
    pdf = tmp_path / "note.pdf"
    pdf.write_bytes(_pdf_with_text([line for line in FIRST_LINES if line][:2]))

    for path in (html, word, pdf):
        doc = read_document(path)
        assert "Second meeting of states parties" in doc.text, path.suffix
        assert "Beirut, Lebanon" in doc.text
    page = read_document(html)
    assert page.title == "HI Update" and page.date == "2011-10-03"
    assert "never shown" not in page.text and "Menu" not in page.text
    assert "Footer" not in page.text
    assert read_document(word).title == "HI Update"


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("junk.txt", bytes(range(256)) * 40, "not a text document"),
        ("fake.pdf", b"<html><body>this is a web page</body></html>", "not a PDF"),
        ("fake.docx", b"just some words", "not a DOCX"),
        ("zipped.docx", b"PK\x03\x04" + b"\x00" * 200, "not a DOCX"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj garbage", "PDF"),
    ],
)
def test_bad_input_is_refused_in_one_sentence_naming_the_file(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    message = str(caught.value)
    assert name in message and says in message
    assert "\n" not in message


def test_a_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_blank_pdf())
    with pytest.raises(ReadError, match=r"scan\.pdf: .*no text layer"):
        read_document(scan)


def test_a_100_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: no 100 MB is written
    with pytest.raises(ReadError, match=r"huge\.txt: 100 MB is larger than the 50 MB"):
        read_document(huge)


def test_legacy_encodings_and_windows_line_breaks_read(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(
        "Côte d'Ivoire ratified.\r\nSão Tomé and Príncipe signed.\r\n".encode("cp1252")
    )
    doc = read_document(path)
    assert doc.text == "Côte d'Ivoire ratified.\nSão Tomé and Príncipe signed."
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfLima, Peru")
    assert read_document(bom).text == "Lima, Peru"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret")
    path.chmod(0)
    with pytest.raises(ReadError, match=r"locked\.txt: permission denied"):
        read_document(path)


def test_a_missing_file_or_a_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"nowhere\.txt: no such file"):
        read_document(tmp_path / "nowhere.txt")
    with pytest.raises(ReadError, match="is a folder"):
        read_document(tmp_path)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096), st.sampled_from([".txt", ".html", ".pdf", ".docx", ".md"]))
def test_no_bytes_make_a_reader_fail_otherwise_than_clearly(data: bytes, suffix: str) -> None:
    try:
        doc = read_bytes(data, f"fuzz{suffix}")
    except ReadError as exc:
        assert f"fuzz{suffix}" in str(exc)
    else:
        assert doc.text.strip() and doc.sha256 == hashlib.sha256(data).hexdigest()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_normalised_text_is_stable(text: str) -> None:
    from treatywatch.ingest.readers import normalise

    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once


def test_the_text_command_prints_the_text_or_names_the_bad_file(tmp_path: Path) -> None:
    from treatywatch.cli.main import app

    runner = CliRunner()
    shown = runner.invoke(app, ["text", str(SEED_004)])
    assert shown.exit_code == 0
    assert shown.stdout.startswith(FIRST_LINES[0])
    meta = json.loads(runner.invoke(app, ["text", str(SEED_004), "--meta"]).stdout)
    assert meta["sha256"] == hashlib.sha256(SEED_004.read_bytes()).hexdigest()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"no pdf here")
    failed = runner.invoke(app, ["text", str(bad)])
    assert failed.exit_code == 1
    assert "bad.pdf" in failed.output
