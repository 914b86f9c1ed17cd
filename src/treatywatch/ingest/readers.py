"""Documents in any of the formats meetings publish, read to one normalised text.

A document's id is the sha256 of its raw bytes, so the same file read twice is the same
document and a new version is a new one. The text is normalised the same way whatever the
format (line breaks, Unicode NFC, spaces), because the extractor's spans index into it and
`treatywatch text` prints it.

The type is told by the bytes, not the name: a ``.pdf`` that holds HTML is an error that
says so. PDF, HTML and DOCX libraries are imported only when such a file is read, so the
CLI starts fast.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

#: Larger files are refused before they are read: no meeting document comes near it.
MAX_BYTES = 50 * 1024 * 1024
SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".pdf", ".docx")


class ReadError(Exception):
    """A document that cannot be read; the message is one sentence naming the file."""


@dataclass(frozen=True)
class Document:
    path: Path | None
    sha256: str
    text: str
    title: str | None
    date: str | None  # ISO YYYY-MM-DD, where the document gives its own date

    @property
    def chars(self) -> int:
        return len(self.text)


def read_document(path: Path | str) -> Document:
    """Read a file; raises ReadError (one sentence naming the file) when it cannot be."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ReadError(f"{path}: is a folder, not a document.")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(
                f"{path}: {size / 1024 / 1024:.0f} MB is larger than the "
                f"{MAX_BYTES // 1024 // 1024} MB a document may be."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file.") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied; the file cannot be read.") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a folder, not a document.") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    return read_bytes(data, str(path), path=path)


def read_bytes(data: bytes, name: str, path: Path | None = None) -> Document:
    """Read a document given as bytes; ``name`` (a file name) names it in errors and its
    extension says what the bytes should be."""
    if len(data) > MAX_BYTES:
        raise ReadError(
            f"{name}: larger than the {MAX_BYTES // 1024 // 1024} MB a document may be."
        )
    if not data.strip():
        raise ReadError(f"{name}: the file is empty.")
    kind = _sniff(data)
    claimed = _claimed(name)
    if claimed in ("pdf", "docx") and kind != claimed:
        raise ReadError(f"{name}: not a {claimed.upper()} file (it starts with {_start(data)}).")
    if kind == "binary":
        raise ReadError(f"{name}: not a text document (the file holds binary data).")
    if kind == "pdf":
        title, date, text = _pdf(data, name)
    elif kind == "docx":
        title, date, text = _docx(data, name)
    elif kind == "html":
        title, date, text = _html(_decode(data, name), name)
    else:
        title, date, text = None, None, _decode(data, name)
    text = normalise(text)
    if not text.strip():
        raise ReadError(f"{name}: no text could be read from it.")
    if title is None:
        title = _title_from_text(text)
    if date is None:
        date = _date_from_text(text)
    return Document(path, hashlib.sha256(data).hexdigest(), text, title, date)


def _claimed(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return {".pdf": "pdf", ".docx": "docx", ".html": "html", ".htm": "html"}.get(suffix, "text")


def _start(data: bytes) -> str:
    head = data[:12].decode("latin-1")
    shown = "".join(c if c.isprintable() else "·" for c in head).strip()
    return repr(shown) if shown else "unreadable bytes"


def _sniff(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return (
            "docx"
            if b"word/" in data[:65536] or b"[Content_Types].xml" in data[:4096]
            else "binary"
        )
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (
        head.startswith((b"<!doctype html", b"<html", b"<?xml"))
        or b"<body" in head
        or b"<head" in head
    ):
        return "html"
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return "binary" if controls > len(sample) * 0.05 else "text"


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    # Every byte is a character in cp1252/latin-1, so a legacy-encoded text still reads.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """One text whatever the format: NFC, \\n line breaks, single spaces, no soft hyphens,
    no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u00ad", "").replace("\ufeff", "").replace("\x0c", "\n")
    text = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")
    lines = [_SPACES.sub(" ", line).rstrip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n")


def _html(markup: str, name: str) -> tuple[str | None, str | None, str]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    title_node = tree.css_first("title") or tree.css_first("h1")
    title = _clean(title_node.text()) if title_node is not None else None
    date = None
    for selector, attribute in (
        ('meta[property="article:published_time"]', "content"),
        ('meta[name="date"]', "content"),
        ('meta[name="dc.date"]', "content"),
        ('meta[name="DC.date"]', "content"),
        ("time[datetime]", "datetime"),
    ):
        node = tree.css_first(selector)
        if node is not None:
            date = _iso_date(node.attributes.get(attribute) or "")
            if date:
                break
    for tag in ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "svg"):
        for node in tree.css(tag):
            node.decompose()
    body = tree.css_first("main") or tree.css_first("article") or tree.body or tree.root
    if body is None:
        return title, date, ""
    # Block elements end lines, so paragraphs and list items stay apart in the text.
    for node in body.css("p, div, h1, h2, h3, h4, h5, h6, section, blockquote, table, ul, ol"):
        node.insert_after("\n\n")
    for node in body.css("li, tr, br"):
        node.insert_after("\n")
    for node in body.css("li"):
        node.insert_before("• ")
    text = body.text(separator="", strip=False)
    return title, date, text


def _pdf(data: bytes, name: str) -> tuple[str | None, str | None, str]:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ReadError(f"{name}: the PDF is encrypted and needs a password.")
            except NotImplementedError:
                raise ReadError(
                    f"{name}: the PDF is encrypted in a way that cannot be read."
                ) from None
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ReadError(
            f"{name}: the PDF is damaged and cannot be read ({type(exc).__name__})."
        ) from None
    except Exception as exc:  # pypdf raises many kinds on malformed files
        raise ReadError(f"{name}: the PDF cannot be read ({type(exc).__name__}).") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise ReadError(f"{name}: the PDF has no text layer (a scan?); run OCR on it first.")
    # A word broken at a line end in the PDF: "Conven-\ntion" -> "Convention".
    text = re.sub(r"(\w)-\n(\w)", r"\1\2", text) if "-\n" in text else text
    title = _clean(meta.title) if meta is not None and meta.title else None
    date = None
    if meta is not None:
        created = meta.get("/CreationDate")
        if isinstance(created, str):
            found = re.match(r"D:(\d{4})(\d{2})(\d{2})", created)
            if found:
                date = _iso_date("-".join(found.groups()))
    return title, date, text


def _docx(data: bytes, name: str) -> tuple[str | None, str | None, str]:
    import zipfile

    from docx import Document as open_docx

    try:
        document = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"{name}: the Word file is damaged ({type(exc).__name__}).") from None
    except Exception as exc:  # python-docx raises many kinds on malformed files
        raise ReadError(f"{name}: the Word file cannot be read ({type(exc).__name__}).") from None
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text.strip() for cell in row.cells))
    props = document.core_properties
    title = _clean(props.title) if props.title else None
    date = props.created.date().isoformat() if props.created is not None else None
    return title, date, "\n".join(parts)


def _clean(value: str) -> str | None:
    cleaned = _SPACES.sub(" ", value.replace("\n", " ")).strip()
    return cleaned or None


def _iso_date(value: str) -> str | None:
    found = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not found:
        return None
    import datetime as dt

    try:
        return dt.date(*map(int, found.groups())).isoformat()
    except ValueError:
        return None


def _title_from_text(text: str) -> str | None:
    for line in text.split("\n")[:5]:
        line = line.strip()
        if line:
            # A heading is short and does not end like a sentence.
            return line if len(line) <= 160 and not line.endswith((".", ",", ";")) else None
    return None


def _date_from_text(text: str) -> str | None:
    """The date a text says it was written: a dateline or a line holding only a date near
    its start ("Wednesday, 30 May 2007", "Geneva, 3 September 2019 –")."""
    from treatywatch.ingest.extract.dates import reference_date

    day, exact = reference_date(text[:1500], None)
    return day.isoformat() if day is not None and exact else None
