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
            "tp": round(self.tp, 3),
            "fp": round(self.fp, 3),
            "fn": round(self.fn, 3),
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


def evaluate(gold_dir: Path | str, docs_dir: Path | str) -> list[dict[str, Any]]:
    """Score every gold file against the extractor's reading of the document of the same
    name; raises FileNotFoundError naming a gold file whose document is missing."""
    import json

    from treatywatch.ingest.extract import extract
    from treatywatch.ingest.readers import read_document

    gold_dir, docs_dir = Path(gold_dir), Path(docs_dir)
    scores = {field: Score(field) for field in FIELDS}
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
        score_document(gold, extract(read_document(doc_path)), scores)
    return [scores[field].as_dict() for field in FIELDS]
