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
import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Larger files are refused before they are read: no meeting document comes near it.
MAX_BYTES = 50 * 1024 * 1024
#: A .docx is a zip: what it unpacks to is limited too, or 1 MB of zip could hold 1 GiB of
#: XML (a "zip bomb"). A real meeting document unpacks to a few MB of XML and a few images.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
#: More pages than any meeting document has; a page list can name one page thousands of
#: times, and each is read again.
MAX_PDF_PAGES = 2000
#: The text any format may give: as much as the largest plain-text file allowed.
MAX_TEXT_CHARS = MAX_BYTES
#: HTML nested deeper than this is read with the deeper tags dropped and their text kept
#: (browsers do the same: Chromium stops nesting at 512). The HTML parser's work grows with
#: the square of the depth, so 500,000 unclosed tags would take minutes.
MAX_HTML_DEPTH = 512
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
    """Read a file; raises ReadError (one sentence naming the file) when it cannot be.

    Only regular files are read: a FIFO would wait for a writer forever and a device such
    as /dev/zero never ends, so both are refused before anything is read from them."""
    path = Path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(f"{path}: is a folder, not a document.")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"{path}: {_not_regular(info.st_mode)}; only files are read.")
        _check_size(path, info.st_size)
        # O_NONBLOCK: should the file have been swapped for a FIFO since the stat, opening
        # it must not wait for a writer; fstat then tells what was really opened.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            opened = os.fstat(handle.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise ReadError(f"{path}: {_not_regular(opened.st_mode)}; only files are read.")
            # Never more than the limit, whatever the size said: a file may grow meanwhile.
            data = handle.read(MAX_BYTES + 1)
        _check_size(path, len(data))
    except FileNotFoundError:
        if path.is_symlink():
            raise ReadError(
                f"{path}: a symbolic link to a file that does not exist ({os.readlink(path)})."
            ) from None
        raise ReadError(f"{path}: no such file.") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied; the file cannot be read.") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a folder, not a document.") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    return read_bytes(data, str(path), path=path)


def _check_size(path: Path, size: int) -> None:
    if size > MAX_BYTES:
        raise ReadError(
            f"{path}: {size / 1024 / 1024:.0f} MB is larger than the "
            f"{MAX_BYTES // 1024 // 1024} MB a document may be."
        )


def _not_regular(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "not a regular file"


def find_documents(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The files to read for ``paths`` as given on a command line, and one sentence for each
    path that cannot be read at all.

    A file named is read whatever its name; a folder gives every entry under it whose name
    ends in a supported suffix, in a stable order, including FIFOs, devices and broken
    symbolic links, so that reading refuses each in a sentence instead of skipping it
    without a word. Symbolic links to folders are not followed (a loop would never end)."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        try:
            info = path.stat()
        except FileNotFoundError:
            files.append(path)  # reading names it: missing, or a broken symbolic link
            continue
        except OSError as exc:
            problems.append(f"{path}: cannot be read ({exc.strerror or exc}).")
            continue
        if not stat.S_ISDIR(info.st_mode):
            files.append(path)
            continue

        def unlistable(exc: OSError) -> None:
            problems.append(f"{exc.filename}: the folder cannot be listed ({exc.strerror}).")

        found: list[Path] = []
        for folder, _, names in os.walk(path, onerror=unlistable):
            found.extend(Path(folder, n) for n in names if Path(n).suffix.lower() in SUFFIXES)
        files.extend(sorted(found))
    return files, problems


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
    if len(text) > MAX_TEXT_CHARS:
        raise ReadError(
            f"{name}: holds more than the {MAX_TEXT_CHARS:,} characters of text a document may."
        )
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

    tree = LexborHTMLParser(_bounded_markup(markup))
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


# A start or end tag: its name, then attributes up to the ">" (quoted values may hold ">").
# Possessive, so a tag that never closes is scanned once and the scan goes on after it.
_TAG = re.compile(r"""<(/?)([A-Za-z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^"'>])*+)>?""")
_KEPT_ATTRIBUTE = re.compile(
    r"""\b(name|property|content|datetime)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE
)
# Tags that never nest: void elements, and those the parser closes when the next one opens.
_FLAT_TAG_NAMES = """
    area base br col embed hr img input link meta param source track wbr keygen p li dt dd tr
    td th option optgroup rb rp rt rtc thead tbody tfoot colgroup caption html head body
    """
_FLAT_TAGS = frozenset(_FLAT_TAG_NAMES.split())


def _bounded_markup(markup: str) -> str:
    """The markup with what makes an HTML5 parser slow taken out, in one linear pass.

    Attributes go (only a meta or time tag's name, property, content and datetime are read),
    so a tag with 200,000 attributes costs nothing and misnested formatting tags cannot be
    told apart, which caps how many the parser re-opens at each paragraph (three of a kind).
    Tags opening deeper than MAX_HTML_DEPTH are dropped, their text kept. The depth counted
    is an upper bound: tags that never nest are not counted, an end tag closes one of its
    name if one is open."""
    open_counts: dict[str, int] = {}
    depth = 0

    def rewrite(m: re.Match[str]) -> str:
        nonlocal depth
        closing, tag = m.group(1), m.group(2).lower()
        attributes = ""
        if tag in ("meta", "time") and not closing:
            kept = _KEPT_ATTRIBUTE.finditer(m.group(3), 0, 65536)
            attributes = "".join(f" {a.group(1).lower()}={a.group(2)}" for a in kept)
        if tag in _FLAT_TAGS:
            return f"<{closing}{tag}{attributes}>"
        if closing:
            if open_counts.get(tag, 0) > 0:
                open_counts[tag] -= 1
                depth -= 1
            return f"</{tag}>"
        if m.group(3).rstrip().endswith("/"):
            return f"<{tag}{attributes}/>"  # self-closing (svg, math): nothing stays open
        if depth >= MAX_HTML_DEPTH:
            return ""
        open_counts[tag] = open_counts.get(tag, 0) + 1
        depth += 1
        return f"<{tag}{attributes}>"

    return _TAG.sub(rewrite, markup)


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
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise ReadError(
                f"{name}: the PDF lists {count:,} pages, more than the {MAX_PDF_PAGES:,} a "
                "document may have."
            )
        pages: list[str] = []
        chars = 0
        # A page list may name one page (or pages sharing one content stream) thousands of
        # times: what the same content gives is read once.
        known: dict[tuple[object, ...], str] = {}
        for page in reader.pages:
            key = _page_key(page)
            if key is None or key not in known:
                page_text = page.extract_text() or ""
                if key is not None:
                    known[key] = page_text
            else:
                page_text = known[key]
            pages.append(page_text)
            chars += len(pages[-1])
            # One content stream shared by every page can give far more text than the file
            # holds: stop as soon as it is more than a document may be.
            if chars > MAX_TEXT_CHARS:
                raise ReadError(
                    f"{name}: the PDF holds more than the {MAX_TEXT_CHARS:,} characters of "
                    "text a document may."
                )
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


def _page_key(page: Any) -> tuple[object, ...] | None:
    """What a page's text depends on, where it is shared objects: its content streams, its
    resources (the fonts) and its rotation, else the page object itself; None for a page
    that shares nothing."""
    from pypdf.generic import ArrayObject, IndirectObject

    contents = page.get("/Contents")
    resources = page.get("/Resources")
    parts: list[object] = []
    if isinstance(contents, IndirectObject):
        array = contents.get_object()
        parts = [contents, *array] if isinstance(array, ArrayObject) else [contents]
    elif isinstance(contents, ArrayObject):
        parts = list(contents)
    if (
        parts
        and all(isinstance(part, IndirectObject) for part in parts)
        and isinstance(resources, IndirectObject)
    ):
        refs = tuple((part.idnum, part.generation) for part in parts)  # type: ignore[attr-defined]
        return ("content", refs, resources.idnum, resources.generation, page.get("/Rotate", 0))
    own = page.indirect_reference
    if isinstance(own, IndirectObject):
        return ("page", own.idnum, own.generation)
    return None


def _docx(data: bytes, name: str) -> tuple[str | None, str | None, str]:
    import zipfile

    from docx import Document as open_docx
    from docx.oxml.ns import qn

    _check_zip(data, name)
    try:
        document = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"{name}: the Word file is damaged ({type(exc).__name__}).") from None
    except Exception as exc:  # python-docx raises many kinds on malformed files
        raise ReadError(f"{name}: the Word file cannot be read ({type(exc).__name__}).") from None
    # python-docx gives its document classes only to elements in Word's namespace; with a
    # mistyped one the body is a plain XML element and reading it raises AttributeError.
    if document.element.tag != qn("w:document"):
        raise ReadError(
            f"{name}: the Word file's document part is not in Word's XML namespace "
            "(a mistyped w: namespace?), so its text cannot be read."
        )
    try:
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append(" | ".join(cell.text.strip() for cell in row.cells))
        props = document.core_properties
        title = _clean(props.title) if props.title else None
        date = props.created.date().isoformat() if props.created is not None else None
    except Exception as exc:  # a part python-docx cannot make sense of, found only now
        raise ReadError(f"{name}: the Word file cannot be read ({type(exc).__name__}).") from None
    return title, date, "\n".join(parts)


def _check_zip(data: bytes, name: str) -> None:
    """Refuse a zip whose members would unpack to more than MAX_UNZIPPED_BYTES, before any is.

    The sizes come from the zip's central directory; zipfile never inflates a member past
    the size recorded there (and a member that would is a CRC error), so the sum bounds
    what python-docx can inflate."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ReadError(f"{name}: the Word file is damaged ({type(exc).__name__}).") from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise ReadError(
            f"{name}: the Word file holds {len(members):,} parts, more than the "
            f"{MAX_ZIP_MEMBERS:,} a document may."
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNZIPPED_BYTES:
        raise ReadError(
            f"{name}: the Word file unpacks to {unpacked / 1024 / 1024:,.0f} MB, more than the "
            f"{MAX_UNZIPPED_BYTES // 1024 // 1024} MB a document may."
        )


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
