"""Status tables: rows of a state and the days of its acts, in whatever language and layout.

The depositary, the Monitor, national treaty series and ministries publish the same table:
one row a state, then its days (signature, ratification or accession, entry into force),
sometimes a letter for the kind of consent ("a" accession, "A" acceptance, "AA" approval,
"R" ratification, "T" toetreding). Copied from a web page or a PDF the table keeps its order
but not its shape: a row may stand on one line ("Albania 3 Dec 2008 16 Jun 2009"), each cell
on a line of its own, or every row run together on one line ("...16 Jun 2009 Andorra 9 Apr
2013 aAngola 3 Dec 2008"). What says which day is which act is the table's header (the
column names, in order) or the sentence that introduces the rows ("the Convention has further
been signed for:"). Cells left empty are lost in the copy, so a row's days fill the columns
from the left, except where a consent letter anchors its day to the consent column.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from treatywatch.ingest.extract import actions as act_rules
from treatywatch.ingest.extract import dates
from treatywatch.ingest.extract import text as textmod
from treatywatch.ingest.extract.states import StateMention

# Column names, English and the languages treaty series are published in, by what the
# column holds. ``consent`` is the column of ratification or accession (one column, whose
# header often lists the alternatives: "Approval(AA), Acceptance(A), Accession(a),
# Ratification"); ``other`` holds days that are no act (entry into force, out of force).
_COLUMNS: tuple[tuple[str, str], ...] = (
    ("signature", r"signatures?|signed|signing|onder\s*tekening|ondertekend|firma|"
                  r"unterzeichnung|assinatura"),
    ("consent", r"ratifications?|ratified|ratificati[eo]n?|bekrachtiging|ratificación|"
                r"ratifikation|accessions?|acceded|adh[ée]sion|toetreding|beitritt|acceptance|"
                r"approval|consent\s+to\s+be\s+bound|deposit(?:ed)?|instruments?"),
    ("provisional", r"provisional\s+application"),
    ("withdrawal", r"withdrawal|denunciation|d[ée]nonciation|opzegging|denuncia|k[üu]ndigung"),
    ("other", r"entry\s+into\s+force|in\s+werking|buiten\s+werking|entr[ée]e\s+en\s+vigueur|"
              r"entrada\s+en\s+vigor|inkrafttreten|effective"),
    ("type", r"type\*?"),
)  # fmt: skip
_COLUMN = re.compile(
    # the look-ahead lets the scan skip, with one test, where no column name can start
    "(?=[soufardcipwetk])(?:"
    + "|".join(f"(?P<{kind}{i}>{words})" for i, (kind, words) in enumerate(_COLUMNS))
    + ")",
    re.IGNORECASE,
)
#: Where the column names of one header stand: within a few lines of each other.
_HEADER_SPAN = 320

# The consent letters of the depositary (a, A, AA, d, n) and of the Dutch treaty series
# (R bekrachtiging, T toetreding, G goedkeuring, A aanvaarding, O opvolging). ``None``: a
# day that is no act in the contract's vocabulary (provisional application, succession).
_LETTERS: dict[str, str | None] = {
    "a": "accession",
    "A": "acceptance",
    "AA": "approval",
    "Ac": "acceptance",
    "Ap": "approval",
    "R": "ratification",
    "T": "accession",
    "G": "approval",
    "d": None,
    "O": None,
    "n": None,
}
_LETTER = re.compile(r"\(?\s*(?P<letter>AA|Ac|Ap|a|A|R|T|G|d|O|n)\s*\)?(?![\w])|"
                     r"(?P<glued>a|n)(?=[A-Z])")  # fmt: skip

# "the Convention has been signed for:", "ont déjà ratifié le traité :", "een akte van
# bekrachtiging ... nedergelegd:": the act the rows after it report, in these languages.
_LEAD_ACTS: tuple[tuple[str, str], ...] = (
    ("signature", r"sign(?:ed|ature)|ondertekend|ondertekening|firm(?:ado|aron|ó)|sign[ée]s?|"
                  r"unterzeichnet|assinad[oa]"),
    ("ratification", r"ratifi\w*|bekrachtig\w*|ratifiziert"),
    ("accession", r"acced\w*|accession|adh[ée]r\w*|adhesi[oó]n|toegetreden|toetreding|"
                  r"beigetreten|aderi\w*"),
    ("acceptance", r"acceptance|aanvaard\w*|acceptation"),
    ("approval", r"approval|goedgekeurd|goedkeuring|approbation"),
)  # fmt: skip
_LEAD_ACT = re.compile(
    "|".join(rf"(?P<{kind}>\b(?:{words}))" for kind, words in _LEAD_ACTS), re.IGNORECASE
)
_LEAD_NOT = re.compile(
    r"\b(?:not|niet|pas|no|nicht|yet|encore|will|zal|zullen|shall|expected|de\s+plus)\b",
    re.IGNORECASE,
)

_NUMERIC_CELL = re.compile(r"(?<!\d)(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})(?!\d)")
_NAMED_CELL = re.compile(
    r"(\d{1,2})(?:er|\.)?[\s\-./]+([^\W\d_]{3,10})\.?[\s\-./,]+(\d{4}|\d{2})(?!\d)"
    r"|([^\W\d_]{3,10})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)"
)
_ISO_CELL = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
#: Between a state's name and its first day: a footnote mark, a tag, a qualifier the
#: registry did not take ("Congo, Rep.", "Bolivia (Plurinational State of)").
_NAME_TAIL = re.compile(
    r"(?:\s|<(\w{1,12})[^<>]{0,20}>[^<>]{0,6}</\1>|<[^<>]{1,20}>|\*|[,.]|\((?:[^()\d]{1,40})\)|\b[A-Z][\w.]{0,5}(?!\w)|"
    r"\b(?:de|du|des|la|le|les|the|of|Rep(?:ublic|ubliek)?|Democratische)\b)*"
)
#: What may open a row before the name ("de Malediven", "the Bahamas").
_ARTICLES = frozenset(
    # "In België" heading one state's record
    {"", "the", "de", "la", "le", "les", "l'", "l’", "el", "los", "las", "die", "der", "in"}
)
#: A day (or a consent letter after one) that ends right where a name begins.
_AFTER_CELL = re.compile(
    r"(?:(?<!\d)\d{1,2}[-./\s][\w.]{2,10}[-./\s]\d{2,4}|\d{4})\s*(?:\(?(?:AA|Ac|a|A|R|T|G|d|O|n)\)?)?\s*$"
)
#: What a row's cells may hold between days: blank space, rules, a consent letter.
_CELL_GAP = re.compile(r"[\s|;,•]*")
#: The longest run of text a row may take up.
_ROW_SPAN = 240


@dataclass(frozen=True, slots=True)
class _Cell:
    start: int
    end: int
    day: dt.date | None
    letter: str | None = None  # a consent letter, when the cell is one
    label: str | None = None  # the act the row writes before its day ("signed 3 Dec 2008")


@cache
def _month_names() -> dict[str, int]:
    """Month names and abbreviations in English and the languages tables come in."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in ("en", "fr", "es", "nl", "de", "pt", "it"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[name.rstrip(".").lower()] = number
    names["sept"] = 9
    names["mrt"] = 3
    return names


@dataclass(frozen=True, slots=True)
class Table:
    """A run of rows: its states in order, the acts its cells give, and where it stands."""

    start: int  # the first row's name
    end: int  # the last row's last cell
    states: tuple[StateMention, ...]
    acts: tuple[dict[str, Any], ...]


def find_tables(
    text: str, mentions: list[StateMention], month_first: bool | None = None
) -> list[Table]:
    """The text's status tables: runs of rows of a state and its days."""
    names = [m for m in mentions if not m.demonym]
    if month_first is None:
        month_first = dates.month_first(text)
    dated = _dated(text, names, month_first)
    if not dated:
        return []
    # Headers are looked for only where rows are: the scan for column names costs more than
    # the rest, and most documents have no table.
    headers = _headers(text, max(0, dated[0][0].start - 2000), dated[-1][0].start)
    out: list[Table] = []
    for block in _blocks(text, dated, {end for end, _ in headers}):
        first = block[0][0].start
        before = [h for h in headers if h[0] <= first]
        columns = before[-1][1] if before else None
        lead = None if columns is not None else _lead(text, first)
        acts = [
            {
                "state": mention.iso3,
                "action": act,
                "date": cell.day.isoformat() if cell.day else None,
                "span": [mention.start, cell.end],
            }
            for mention, cells in block
            for act, cell in _acts(cells, columns, lead)
        ]
        out.append(Table(first, block[-1][1][-1].end, tuple(m for m, _ in block), tuple(acts)))
    return out


_Row = tuple[StateMention, list["_Cell"]]


def _dated(text: str, names: list[StateMention], month_first: bool) -> list[_Row]:
    """Each state name followed by days, with its cells up to the next name."""
    out: list[_Row] = []
    for i, mention in enumerate(names):
        limit = names[i + 1].start if i + 1 < len(names) else len(text)
        limit = min(limit, mention.end + _ROW_SPAN)
        tail = _NAME_TAIL.match(text, mention.end, limit)
        cells = _cells(text, tail.end() if tail else mention.end, limit, month_first)
        if cells and cells[0].day is not None:
            out.append((mention, cells))
    return out


def _opening(cells: str) -> str:
    """What opens a row before its name, without the rules of a table drawn in text ("| ")."""
    return cells.strip(" \t\n|│").lower()


def _blocks(text: str, dated: list[_Row], header_ends: set[int]) -> list[list[_Row]]:
    """Runs of rows: each dated name that begins a row (a line, the end of a header, or
    where the row before it ended). A block ends where anything but a row stands between
    two rows."""
    blocks: list[list[_Row]] = []
    previous_end = -1
    for mention, cells in dated:
        line_start = text.rfind("\n", 0, mention.start) + 1
        before = text[line_start : mention.start]
        after_row = previous_end >= 0 and _opening(text[previous_end : mention.start]) in _ARTICLES
        # A row run together with the one before it that could not be read.
        glued = not after_row and bool(
            _AFTER_CELL.search(text, max(0, mention.start - 14), mention.start)
        )
        after_header = any(mention.start - 2 <= e <= mention.start for e in header_ends)
        if _opening(before) not in _ARTICLES and not after_row and not after_header and not glued:
            continue
        if (after_row or glued) and blocks:
            blocks[-1].append((mention, cells))
        else:
            blocks.append([(mention, cells)])
        previous_end = cells[-1].end
    return blocks


def _cells(text: str, at: int, limit: int, month_first: bool) -> list[_Cell]:
    """The days and consent letters from ``at``, until anything else."""
    cells: list[_Cell] = []
    while at < limit:
        gap = _CELL_GAP.match(text, at, limit)
        at = gap.end() if gap else at
        if at >= limit:
            break
        label = _CELL_LABEL.match(text, at, limit)
        if label is not None:
            cell = _day_cell(text, label.end(), limit, month_first)
            if cell is not None:
                kind = _LABEL_KINDS.get(label.group("label")[:5].lower(), _NO_ACT)
                cell = _Cell(label.start(), cell.end, cell.day, label=kind)
        else:
            cell = _day_cell(text, at, limit, month_first)
        if cell is None and cells:
            letter = _LETTER.match(text, at, limit)
            if letter:
                mark = letter.group("letter") or letter.group("glued")
                cell = _Cell(letter.start(), letter.end(), None, mark)
        if cell is None:
            break
        cells.append(cell)
        at = cell.end
    return cells


# A row that names each day's act: "Albania – signed 3 December 2008; ratified 16 June
# 2009", "Chile: signature 3 Dec 2008, ratification 16 Dec 2010"
_CELL_LABEL = re.compile(
    r"(?:[–—:\-•][ \t]*)?(?P<label>signed|signature|ratified|ratification|acceded|accession|"
    r"accepted|acceptance|approved|approval|withdrew|withdrawal|"
    # and the record of one state in the languages treaty series use ("In België •
    # Ratificatie: 04-09-1998 • Inwerkingtreding: 01-03-1999 • Ondertekening: 03-12-1997"),
    # with the days that are no act read past
    r"ratificatie|ondertekening|toetreding|adh[ée]sion|firma|ratificaci[óo]n|adhesi[óo]n|"
    r"entry\s+into\s+force|inwerkingtreding|entr[ée]e\s+en\s+vigueur|entrada\s+en\s+vigor|"
    r"publicati[eo]n?|adopted|aangenomen)(?:[ \t]+on)?[ \t]*:?[ \t]*",
    re.IGNORECASE,
)
_LABEL_KINDS = {
    "signe": "signature", "signa": "signature", "ratif": "ratification",
    "acced": "accession", "acces": "accession", "accep": "acceptance", "appro": "approval",
    "withd": "withdrawal", "onder": "signature", "toetr": "accession", "adhés": "accession",
    "adhes": "accession", "firma": "signature",
}  # fmt: skip


#: The label of a day that is no act (entry into force, publication, adoption).
_NO_ACT = "other"


def _day_cell(text: str, at: int, limit: int, month_first: bool) -> _Cell | None:
    # A footnote number glued to the day ("Australië214 januari 1999"): the day is the
    # last one or two digits before the month.
    for skip in (0, 1):
        start = at + skip
        if skip and not text[at : at + 1].isdigit():
            break
        iso = _ISO_CELL.match(text, start, limit)
        if iso:
            day = _date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            return _Cell(at, iso.end(), day) if day else None
        numeric = _NUMERIC_CELL.match(text, start, limit)
        if numeric:
            a, b, year = int(numeric.group(1)), int(numeric.group(2)), numeric.group(3)
            month, day_of = (a, b) if month_first else (b, a)
            day = _date(_year(year), month, day_of)
            return _Cell(at, numeric.end(), day) if day else None
        named = _NAMED_CELL.match(text, start, limit)
        if named:
            if named.group(1):
                month_no = _month_names().get(named.group(2).lower())
                day = _date(_year(named.group(3)), month_no, int(named.group(1)))
            else:
                month_no = _month_names().get(named.group(4).lower())
                day = _date(int(named.group(6)), month_no, int(named.group(5)))
            if day is not None:
                return _Cell(at, named.end(), day)
    return None


def _year(token: str) -> int:
    year = int(token)
    if year < 100:  # two digits in these tables: 1997 to 2069
        year += 1900 if year >= 70 else 2000
    return year


def _date(year: int, month: int | None, day: int) -> dt.date | None:
    if month is None or not 1990 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


#: What may stand between two column names of one header: rules, marks, "Participant",
#: "Date of", and the letters a header gives for its kinds ("Accession(a)").
_HEADER_GAP = re.compile(
    r"(?:[\s|/,;:\-–*]|\((?:n|a|A|AA|d)\)|\b(?:participants?|partij|part(?:y|ies)|states?|"
    r"countr(?:y|ies)|pays|[ée]tats?|estados?|staat|dates?|datum|of|de|du|la|le|des|the|van|"
    r"der|and|et|y|en|or|ou|o|of)\b)*",
    re.IGNORECASE,
)
_HEADER_GAP_MAX = 40


# A legend in prose: "On the following list, the first date is signature; the second date
# is ratification."
_LEGEND = re.compile(
    r"\bfirst\s+date\s+is\s+(?:the\s+(?:date\s+of\s+)?)?(?P<first>\w+)\b[^.]{0,40}?"
    r"\bsecond\s+(?:date\s+)?is\s+(?:the\s+(?:date\s+of\s+)?)?(?P<second>\w+)",
    re.IGNORECASE,
)


def _headers(text: str, start: int, end: int) -> list[tuple[int, list[str]]]:
    """Each header of the text: where it ends and its columns, in order. A header is two or
    more column names with nothing but header words between them, at least one of them the
    signature or consent column; or a legend that names the first and second date."""
    out: list[tuple[int, list[str]]] = []
    for legend in _LEGEND.finditer(text, start, end):
        first, second = _column_of(legend.group("first")), _column_of(legend.group("second"))
        if first is not None and second is not None:
            out.append((legend.end(), [first, second]))
    found = [(m.start(), m.end(), _kind(m)) for m in _COLUMN.finditer(text, start, end)]
    i = 0
    while i < len(found):
        j = i + 1
        while j < len(found) and _joined(text, found[j - 1][1], found[j][0]):
            j += 1
        kinds = _merged([k for _, _, k in found[i:j]])
        if len(kinds) >= 2 and ("signature" in kinds or "consent" in kinds):
            out.append((found[j - 1][1], kinds))
        i = j
    return sorted(out)


def _column_of(word: str) -> str | None:
    m = _COLUMN.fullmatch(word)
    return _kind(m) if m else None


def _joined(text: str, end: int, start: int) -> bool:
    return 0 <= start - end <= _HEADER_GAP_MAX and bool(_HEADER_GAP.fullmatch(text, end, start))


def _kind(match: re.Match[str]) -> str:
    name = next(k for k, v in match.groupdict().items() if v)
    return name.rstrip("0123456789")


def _merged(kinds: list[str]) -> list[str]:
    """Consecutive names of the consent column are one column ("Acceptance(A), Accession(a),
    Ratification")."""
    out: list[str] = []
    for kind in kinds:
        if out and out[-1] == kind and kind == "consent":
            continue
        out.append(kind)
    return out


def _lead(text: str, first_row: int) -> str | None:
    """The act the sentence introducing a block of rows reports ("Het Verdrag is voorts nog
    ondertekend voor:"): a sentence ending with a colon right before the first row."""
    intro_end = text.rfind(":", max(0, first_row - 400), first_row)
    if intro_end < 0 or text[intro_end + 1 : first_row].strip():
        return None
    intro_start = textmod.sentence_start(text, intro_end, colon=False)
    intro = text[intro_start:intro_end]
    acts = list(_LEAD_ACT.finditer(intro))
    if not acts or _LEAD_NOT.search(intro) or act_rules.INTENTION.search(intro[: acts[-1].start()]):
        return None
    return next(k for k, v in acts[-1].groupdict().items() if v)


def lead_acts(lead: str) -> list[tuple[int, int, str]]:
    """The acts a lead-in names in the languages of _LEAD_ACTS, as (start, end, action)."""
    return [
        (m.start(), m.end(), next(k for k, v in m.groupdict().items() if v))
        for m in _LEAD_ACT.finditer(lead)
    ]


def _acts(
    cells: list[_Cell], columns: list[str] | None, lead: str | None
) -> list[tuple[str, _Cell]]:
    """Which act each day of a row is."""
    labelled = [(c.label, c) for c in cells if c.label is not None and c.day is not None]
    if labelled:  # the row names its acts: no header needed
        return [(kind, c) for kind, c in labelled if kind != _NO_ACT]
    days = [c for c in cells if c.day is not None]
    if columns is None:
        return [(lead, days[0])] if lead is not None else []
    # A consent letter after a day says that day is the consent, whatever its place.
    anchored: dict[int, str | None] = {}
    for k, cell in enumerate(cells):
        if cell.letter is not None and k > 0 and cells[k - 1].day is not None:
            anchored[k - 1] = _LETTERS.get(cell.letter)
    date_columns = [c for c in columns if c not in ("type", "provisional")]
    consent_at = date_columns.index("consent") if "consent" in date_columns else None
    out: list[tuple[str, _Cell]] = []
    position = 0
    for k, cell in enumerate(cells):
        if cell.day is None:
            continue
        if k in anchored:
            kind = anchored[k]
            if kind is not None:
                out.append((kind, cell))
            if cells[k + 1].letter == "n":
                continue  # a provisional application's day takes no column of its own
            position = (consent_at + 1) if consent_at is not None else position + 1
            continue
        if position >= len(date_columns):
            break
        column = date_columns[position]
        position += 1
        if column == "signature":
            out.append(("signature", cell))
        elif column == "consent":
            out.append(("ratification", cell))
        elif column == "withdrawal":
            out.append(("withdrawal", cell))
    return out
