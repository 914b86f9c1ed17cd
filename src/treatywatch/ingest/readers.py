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
import itertools
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
    _links_as_lines(body)
    for node in body.css("li"):
        node.insert_before("• ")
    text = body.text(separator="", strip=False)
    return title, date, text


_LINK_SEPARATORS = re.compile(r"[\s|,;·•–—/-]*")


def _links_as_lines(body: Any) -> None:
    """Links side by side in one block (a statement page's speakers: "Norway | Chile") each
    on a line of their own, as the page shows them: the speaker is the whole line."""
    done: set[int] = set()
    for link in body.css("a"):
        parent = link.parent
        if parent is None or parent.mem_id in done:
            continue
        done.add(parent.mem_id)
        children = list(parent.iter(include_text=True))
        links = [c for c in children if c.tag == "a"]
        others = [c for c in children if c.tag not in ("a", "br", "-text")]
        loose = "".join(c.text(deep=False) or "" for c in children if c.tag == "-text")
        if len(links) >= 2 and not others and _LINK_SEPARATORS.fullmatch(loose):
            for c in children:
                if c.tag == "-text":
                    c.replace_with("")
            for c in links:
                c.insert_after("\n")


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
        pages: list[list[_Line]] = []
        chars = 0
        # A page list may name one page (or pages sharing one content stream) thousands of
        # times: what the same content gives is read once.
        known: dict[tuple[object, ...], list[_Line]] = {}
        for page in reader.pages:
            key = _page_key(page)
            if key is None or key not in known:
                page_lines = _page_lines(page)
                if key is not None:
                    known[key] = page_lines
            else:
                page_lines = known[key]
            pages.append(page_lines)
            chars += sum(len(line.text) + 1 for line in page_lines)
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
    text = _pdf_text(pages)
    if not text.strip():
        raise ReadError(f"{name}: the PDF has no text layer (a scan?); run OCR on it first.")
    title = _clean(meta.title) if meta is not None and meta.title else None
    date = None
    if meta is not None:
        created = meta.get("/CreationDate")
        if isinstance(created, str):
            found = re.match(r"D:(\d{4})(\d{2})(\d{2})", created)
            if found:
                date = _iso_date("-".join(found.groups()))
    return title, date, text


# -- PDF layout ------------------------------------------------------------------------------
# A PDF holds positioned runs of text, not paragraphs. Final reports are set in numbered
# paragraphs, some pages in two columns, with the document's symbol as a running header and
# the page number as a footer; the extractor wants the paragraphs whole and in reading order,
# and neither the header nor the footer in the middle of a sentence.


@dataclass(frozen=True, slots=True)
class _Line:
    x: float
    y: float  # the baseline, from the foot of the page up
    size: float
    text: str
    height: float  # the page's
    column: int = 0  # 0: full width or left column, 1: right column


#: The share of the page's height at its head and foot where running headers and footers sit.
_MARGIN_ZONE = 0.08
_PAGE_NUMBER = re.compile(r"(?i)^(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$")
_NUMBERED = re.compile(r"^(?:\d{1,3}|[IVX]{1,5}|[A-H])\.\s")


def _page_lines(page: Any) -> list[_Line]:
    """The page's lines, top to bottom, each with its position; one line per page of plain
    text where the PDF gives no positions."""
    runs: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        height = max(float(size) * scale, 1.0)
        for n, part in enumerate(text.split("\n")):
            if part.strip():
                runs.append((float(x), float(y) - n * height * 1.2, height, part))

    plain = page.extract_text(visitor_text=visit) or ""
    try:
        box = page.mediabox
        width, height = float(box.width), float(box.height)
    except Exception:  # a damaged box: the text still reads, without its margins
        width, height = 0.0, 0.0
    if not runs or width <= 0 or height <= 0:
        return [_Line(0.0, float(-n), 0.0, ln, 0.0) for n, ln in enumerate(plain.split("\n"))]
    return _order_lines(_join_runs(runs, width, height), width)


def _join_runs(
    runs: list[tuple[float, float, float, str]], width: float, height: float
) -> list[_Line]:
    """Runs on one baseline and in one column become one line."""
    split = _column_split(runs, width)
    lines: list[_Line] = []
    for x, y, size, text in sorted(runs, key=lambda r: (-r[1], r[0])):
        column = 1 if split is not None and x >= split else 0
        last = lines[-1] if lines else None
        if last is not None and last.column == column and abs(last.y - y) < 0.5 * size:
            glue = "" if last.text.endswith(" ") or text.startswith(" ") else " "
            lines[-1] = _Line(last.x, last.y, last.size, last.text + glue + text, height, column)
        else:
            lines.append(_Line(x, y, size, text, height, column))
    return [_Line(ln.x, ln.y, ln.size, _SPACES.sub(" ", ln.text).strip(), height, ln.column)
            for ln in lines]  # fmt: skip


def _column_split(runs: list[tuple[float, float, float, str]], width: float) -> float | None:
    """Where a right-hand column starts, if the page has one: many lines begin at one x in
    the middle of the page, level with text that begins at the left margin."""
    import bisect

    lefts = sorted(y for x, y, _, _ in runs if x < width * 0.35)
    starts: dict[int, list[tuple[float, float]]] = {}
    for x, y, size, text in runs:
        if width * 0.35 <= x <= width * 0.65 and len(text.strip()) >= 3:
            starts.setdefault(round(x / 4), []).append((y, size))
    best = max(starts.values(), key=len, default=[])

    def level(y: float, size: float) -> bool:
        i = bisect.bisect_left(lefts, y - 1.5 * size)
        return i < len(lefts) and lefts[i] <= y + 1.5 * size

    if len(best) < 4 or sum(level(y, size) for y, size in best) < 3:
        return None
    x = next(k for k, v in starts.items() if v is best)
    return x * 4 - 3


def _order_lines(lines: list[_Line], width: float) -> list[_Line]:
    """Reading order: full-width lines where they stand, and each two-column section as its
    left column, then its right."""
    right = [ln for ln in lines if ln.column == 1]
    if not right:
        return lines
    leading = max(right[0].size * 1.6, 1.0)
    blocks: list[list[_Line]] = [[right[0]]]
    for ln in right[1:]:
        if blocks[-1][-1].y - ln.y > 3 * leading:
            blocks.append([ln])
        else:
            blocks[-1].append(ln)
    ordered: list[_Line] = []
    pending = [ln for ln in lines if ln.column == 0]
    for block in blocks:
        top, foot = block[0].y + leading, block[-1].y - leading
        above = [ln for ln in pending if ln.y > top]
        beside = [ln for ln in pending if foot <= ln.y <= top]
        below = [ln for ln in pending if ln.y < foot]
        typical = sorted(len(ln.text) for ln in beside)[len(beside) // 2] if beside else 0
        # The left column may run on below the right one; a line much longer than the
        # column's lines is full width again, and so is everything after it.
        while below and typical and len(below[0].text) <= typical * 1.4:
            beside.append(below.pop(0))
        ordered.extend(above)
        ordered.extend(_Line(ln.x, ln.y, ln.size, ln.text, ln.height, 0) for ln in beside)
        ordered.extend(block)
        pending = below
    ordered.extend(pending)
    return ordered


def _furniture(pages: list[list[_Line]]) -> set[tuple[int, int]]:
    """The (page, line) positions of running headers and footers: a line in the head or foot
    margin that recurs on other pages (digits aside), or a bare page number there."""

    def zone(ln: _Line) -> str | None:
        if ln.height <= 0:
            return None
        if ln.y > ln.height * (1 - _MARGIN_ZONE):
            return "head"
        if ln.y < ln.height * _MARGIN_ZONE:
            return "foot"
        return None

    seen: dict[tuple[str, str], set[int]] = {}
    for p, page in enumerate(pages):
        for ln in page:
            where = zone(ln)
            if where:
                seen.setdefault((where, re.sub(r"\d+", "#", ln.text)), set()).add(p)
    out: set[tuple[int, int]] = set()
    for p, page in enumerate(pages):
        for i, ln in enumerate(page):
            where = zone(ln)
            if where is None:
                continue
            recurring = len(seen[(where, re.sub(r"\d+", "#", ln.text))]) > 1
            if _PAGE_NUMBER.match(ln.text) or (recurring and len(pages) > 1):
                out.add((p, i))
    return out


def _pdf_text(pages: list[list[_Line]]) -> str:
    """Paragraphs in reading order, one blank line between them, the furniture left out:
    a paragraph ends at a wider gap, a change of type size, a numbered start or a change of
    column; it goes on across a column or page when it stopped mid-sentence."""
    dropped = _furniture(pages)
    paragraphs: list[str] = []
    current: list[str] = []
    previous: _Line | None = None

    def close() -> None:
        if current:
            paragraphs.append(_join_lines(current))
            current.clear()

    for p, page in enumerate(pages):
        gaps = sorted(
            a.y - b.y for a, b in itertools.pairwise(page)
            if a.column == b.column and 0 < a.y - b.y < 3 * max(a.size, 1)
        )  # fmt: skip
        # The line spacing: most gaps are between the lines of a paragraph; a heading's
        # spacing or paragraphs of one line each can make the median wider than it.
        leading = gaps[len(gaps) // 4] if gaps else 0.0
        for i, ln in enumerate(page):
            if (p, i) in dropped or not ln.text:
                continue
            if previous is not None and current:
                jump = (
                    previous.column != ln.column
                    or previous.height != ln.height
                    or (previous.y - ln.y < 0)
                )
                if jump:
                    if not _goes_on(current, ln.text):
                        close()
                elif (
                    (leading and previous.y - ln.y > leading * 1.3)
                    or abs(previous.size - ln.size) > 0.5
                    or _NUMBERED.match(ln.text)
                    or not leading
                ):
                    close()
            current.append(ln.text)
            previous = ln
    close()
    return "\n\n".join(paragraphs)


def _goes_on(paragraph: list[str], line: str) -> bool:
    """Whether a paragraph cut by a new column or page goes on with ``line``: it stopped
    mid-sentence (a comma, or a long paragraph ending in a word; a heading is short) and the
    line does not start a numbered paragraph."""
    last = paragraph[-1].rstrip()
    if _NUMBERED.match(line) or last.endswith((".", ":", ";", "!", "?")):
        return False
    long = sum(len(x) for x in paragraph) > 200
    return last.endswith((",", "-")) or line[:1].islower() or (long and last[-1:].isalpha())


def _join_lines(lines: list[str]) -> str:
    """One paragraph's lines as one line; a word broken with a hyphen at a line end is whole
    again ("Conven-" "tion"), a hyphen before a capital is kept ("non-" "State")."""
    text = lines[0]
    for line in lines[1:]:
        if re.search(r"[^\W\d_]-$", text) and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}"
    return text


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
