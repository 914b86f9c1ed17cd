"""Precision, recall and F1 of the extractor against hand-made gold files.

Scoring follows ../shared/EXTRACTION.md: states as a set per document; participant lists
by the Jaccard overlap of each list with its best counterpart of the same stated count;
events by start day and city; statements by speaker and day; actions by state, kind and
day (the last three as multisets, so a repeated item must be found as often as it stands).
Counts are summed over documents before the ratios are taken (micro-averaging).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIELDS = ("states", "participant_lists", "events", "statements", "actions")
SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")


@dataclass
class Score:
    field: str
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            # counts, or sums of list overlaps: two decimals keep the table within 80 columns
            "tp": round(self.tp, 2),
            "fp": round(self.fp, 2),
            "fn": round(self.fn, 2),
        }


def _multiset(score: Score, gold: Iterable[Any], found: Iterable[Any]) -> None:
    g, f = Counter(gold), Counter(found)
    hit = sum((g & f).values())
    score.tp += hit
    score.fp += sum(f.values()) - hit
    score.fn += sum(g.values()) - hit


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def _lists(score: Score, gold: list[dict[str, Any]], found: list[dict[str, Any]]) -> None:
    def best(item: dict[str, Any], others: list[dict[str, Any]]) -> float:
        same = [o for o in others if o.get("stated_count") == item.get("stated_count")]
        return max((_jaccard(item["states"], o["states"]) for o in same), default=0.0)

    for item in gold:
        hit = best(item, found)
        score.tp += hit / 2
        score.fn += 1 - hit
    for item in found:
        hit = best(item, gold)
        score.tp += hit / 2
        score.fp += 1 - hit


_KEYS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "events": lambda e: (e.get("start"), (e.get("city") or "").casefold() or None),
    "statements": lambda s: (s.get("speaker"), s.get("date")),
    "actions": lambda a: (a.get("state"), a.get("action"), a.get("date")),
}


#: Scores of one part of an item, each its own row: which half of a key the extractor gets
#: wrong ("events.city" right and "events.start" wrong says the days are the problem).
PARTS: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {
    "events.city": ("events", lambda e: (e.get("city") or "").casefold() or None),
    "events.start": ("events", lambda e: e.get("start")),
    "statements.speaker": ("statements", lambda s: s.get("speaker")),
    "actions.state+action": ("actions", lambda a: (a.get("state"), a.get("action"))),
    "actions.date": ("actions", lambda a: (a.get("state"), a.get("date"))),
}


def score_parts(gold: dict[str, Any], found: dict[str, Any], scores: dict[str, Score]) -> None:
    for part, (field, key) in PARTS.items():
        _multiset(scores[part], map(key, gold.get(field, [])), map(key, found.get(field, [])))
    # the names of a list, whatever count it states
    unstated = [{**item, "stated_count": None} for item in gold.get("participant_lists", [])]
    found_unstated = [{**i, "stated_count": None} for i in found.get("participant_lists", [])]
    _lists(scores["lists.names"], unstated, found_unstated)


def score_document(gold: dict[str, Any], found: dict[str, Any], scores: dict[str, Score]) -> None:
    _multiset(
        scores["states"],
        {s["iso3"] for s in gold.get("states", [])},
        {s["iso3"] for s in found.get("states", [])},
    )
    _lists(scores["participant_lists"], gold.get("participant_lists", []),
           found.get("participant_lists", []))  # fmt: skip
    for field, key in _KEYS.items():
        _multiset(scores[field], map(key, gold.get(field, [])), map(key, found.get(field, [])))


def _pairs(gold_dir: Path | str, docs_dir: Path | str) -> Iterable[Pair]:
    """(name, gold, the extractor's reading, the document's text) for every gold file;
    raises FileNotFoundError naming a gold file whose document is missing."""
    import json

    from treatywatch.ingest.extract import extract
    from treatywatch.ingest.readers import read_document

    gold_dir, docs_dir = Path(gold_dir), Path(docs_dir)
    gold_files = sorted(p for p in gold_dir.glob("*.json"))
    if not gold_files:
        raise FileNotFoundError(f"{gold_dir}: no gold files (*.json) found")
    for gold_path in gold_files:
        doc_path = next(
            (
                docs_dir / (gold_path.stem + s)
                for s in SUFFIXES
                if (docs_dir / (gold_path.stem + s)).exists()
            ),
            None,
        )
        if doc_path is None:
            raise FileNotFoundError(f"{gold_path}: no document {gold_path.stem}.* in {docs_dir}")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = read_document(doc_path)
        yield gold_path.stem, gold, extract(doc), doc.text


PART_FIELDS = (*PARTS, "lists.names")


def evaluate(
    gold_dir: Path | str, docs_dir: Path | str, parts: bool = False
) -> list[dict[str, Any]]:
    """Score every gold file against the extractor's reading of the document of the same
    name (with ``parts``, also each part of a key: :data:`PARTS`); raises
    FileNotFoundError naming a gold file whose document is missing."""
    return scores_of(_pairs(gold_dir, docs_dir), parts)


#: One document as scored: its name, its gold, the extractor's reading and its text.
Pair = tuple[str, dict[str, Any], dict[str, Any], str]


def read_pairs(gold_dir: Path | str, docs_dir: Path | str) -> list[Pair]:
    """Every gold file with the extractor's reading of its document, read once for the
    scores, the scores by kind and the explanation alike."""
    return list(_pairs(gold_dir, docs_dir))


def scores_of(pairs: Iterable[Pair], parts: bool = False) -> list[dict[str, Any]]:
    """:func:`evaluate` over documents already read."""
    names = (*FIELDS, *PART_FIELDS) if parts else FIELDS
    scores = {field: Score(field) for field in names}
    for _, gold, found, _text in pairs:
        score_document(gold, found, scores)
        if parts:
            score_parts(gold, found, scores)
    return [scores[field].as_dict() for field in names]


def evaluate_by_kind(
    gold_dir: Path | str, docs_dir: Path | str, kinds: dict[str, str]
) -> list[dict[str, Any]]:
    """F1 of each field per kind of document (``kinds``: document name -> its kind, as a
    corpus's sources.csv gives it), so that a rule that fails news reports but not
    status tables shows where; documents of no known kind count as "other"."""
    return by_kind_of(_pairs(gold_dir, docs_dir), kinds)


def by_kind_of(pairs: Iterable[Pair], kinds: dict[str, str]) -> list[dict[str, Any]]:
    """:func:`evaluate_by_kind` over documents already read."""
    by_kind: dict[str, dict[str, Score]] = {}
    counts: Counter[str] = Counter()
    for name, gold, found, _text in pairs:
        kind = kinds.get(name, "other")
        counts[kind] += 1
        scores = by_kind.setdefault(kind, {field: Score(field) for field in FIELDS})
        score_document(gold, found, scores)
    return [
        {"kind": kind, "documents": counts[kind]}
        | {field: round(by_kind[kind][field].f1, 2) for field in FIELDS}
        for kind in sorted(by_kind)
    ]


def corpus_kinds(gold_dir: Path | str) -> dict[str, str]:
    """Document name -> kind from a sources.csv beside the gold files or one folder up
    (the corpus keeps one index for its two parts); empty when there is none."""
    import csv

    for folder in (Path(gold_dir), Path(gold_dir).parent):
        index = folder / "sources.csv"
        if index.is_file():
            with index.open(encoding="utf-8", newline="") as fh:
                return {r["name"]: r["kind"] for r in csv.DictReader(fh) if r.get("kind")}
    return {}


#: Characters of the document shown on each side of an item in ``explain``.
CONTEXT = 60


def explain(gold_dir: Path | str, docs_dir: Path | str) -> list[dict[str, Any]]:
    """Each item the extractor missed and each it found that the gold lacks, by document
    and field, with the words around it: where the extractor read it (its span), or for a
    missed item where its name first stands in the text (else no context)."""
    return explain_of(_pairs(gold_dir, docs_dir))


def explain_of(pairs: Iterable[Pair]) -> list[dict[str, Any]]:
    """:func:`explain` over documents already read."""
    rows: list[dict[str, Any]] = []
    for name, gold, found, text in pairs:
        for field, key in (("states", _state_key), *_KEYS.items()):
            want = Counter(key(i) for i in gold.get(field, []))
            got: dict[Any, list[dict[str, Any]]] = {}
            for item in found.get(field, []):
                got.setdefault(key(item), []).append(item)
            have = Counter({k: len(v) for k, v in got.items()})
            for k in (want - have).elements():
                rows.append(_row(name, field, "missed", k, _find(text, k)))
            for k in (have - want).elements():
                item = got[k][0]
                span = item.get("span") or (item.get("spans") or [None])[0]
                rows.append(_row(name, field, "extra", k, _around(text, span)))
        for g in gold.get("participant_lists", []):
            rows.extend(_explain_list(name, text, g, found.get("participant_lists", [])))
        for f in found.get("participant_lists", []):
            rows.extend(_explain_extra_list(name, text, f, gold.get("participant_lists", [])))
    return rows


def _nearest_list(
    item: dict[str, Any], others: list[dict[str, Any]]
) -> tuple[dict[str, Any] | None, float]:
    """The list among ``others`` with the same stated count that overlaps ``item`` most, and
    that overlap (0 where none has the count)."""
    same = [o for o in others if o.get("stated_count") == item.get("stated_count")]
    best = max(same, key=lambda o: _jaccard(item["states"], o["states"]), default=None)
    return best, _jaccard(item["states"], best["states"]) if best is not None else 0.0


def _explain_extra_list(
    name: str, text: str, item: dict[str, Any], gold: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A list the extractor read that no gold list matches whole: the gold list it comes
    nearest to (with the same stated count), the names it adds and lacks against that one,
    and the words it was read from."""
    best, overlap = _nearest_list(item, gold)
    if overlap >= 1.0:
        return []
    what = f"list of {len(item['states'])} (stated {item.get('stated_count')})"
    detail = f"best {overlap:.2f}"
    if best is not None:
        adding = sorted(set(item["states"]) - set(best["states"]))
        lacking = sorted(set(best["states"]) - set(item["states"]))
        detail += f"; adds {', '.join(adding) or 'none'}; lacks {', '.join(lacking) or 'none'}"
    where = _around(text, item.get("span"))
    return [_row(name, "participant_lists", "extra", what, f"{detail}\n    {where}".rstrip())]


def _explain_list(
    name: str, text: str, gold: dict[str, Any], found: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A gold list the extractor did not read whole: its best counterpart's overlap, the
    names it lacks and adds, and the words around the list (or around its first name the
    extractor missed), so the shape it failed on can be read off."""
    best, overlap = _nearest_list(gold, found)
    if overlap >= 1.0:
        return []
    what = f"list of {len(gold['states'])} (stated {gold.get('stated_count')})"
    lacking = sorted(set(gold["states"]) - set(best["states"] if best else []))
    adding = sorted(set(best["states"]) - set(gold["states"])) if best else []
    detail = f"best {overlap:.2f}"
    if best is not None:
        detail += f"; lacks {', '.join(lacking) or 'none'}; adds {', '.join(adding) or 'none'}"
    elif any(f.get("stated_count") != gold.get("stated_count") for f in found):
        counts = sorted({str(f.get("stated_count")) for f in found})
        detail += f"; lists read with other counts: {', '.join(counts)}"
    where = _around(text, best.get("span")) if best else _find(text, lacking[0] if lacking else "")
    return [_row(name, "participant_lists", "missed", what, f"{detail}\n    {where}".rstrip())]


def _state_key(item: dict[str, Any]) -> Any:
    return item["iso3"]


def _row(document: str, field: str, kind: str, key: Any, context: str) -> dict[str, Any]:
    item = key if isinstance(key, str) else " ".join(str(k) for k in key if k is not None)
    return {"document": document, "field": field, "kind": kind, "item": item, "context": context}


def _around(text: str, span: Any) -> str:
    if not span:
        return ""
    start, end = int(span[0]), int(span[1])
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return " ".join(f"{before}[{text[start:end]}]{after}".split())


def _find(text: str, key: Any) -> str:
    """Where a missed item's name first stands: a state's names, a city, a speaker."""
    from treatywatch import registry

    parts = [key] if isinstance(key, str) else [k for k in key if isinstance(k, str)]
    names: list[str] = []
    for part in parts:
        code = part.split(":", 1)[1] if ":" in part else part
        if registry.is_state(code):
            names += [m.form for m in registry.mention_index() if m.iso3 == code]
        names.append(code)
    folded = text.casefold()
    # the earliest place any of the names stands, the longest name there: the same answer
    # on every run (a set's order is not)
    found = [
        (at, -len(n), n)
        for n in set(names)
        if len(n) > 2 and (at := folded.find(n.casefold())) >= 0
    ]
    if not found:
        return ""
    at, _, n = min(found)
    return _around(text, (at, at + len(n)))
