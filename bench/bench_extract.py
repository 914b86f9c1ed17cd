"""Speed of the extractor against its target of 100 documents/s on one core.

The corpus is the five seed documents and generated variations of them (at least 1,000 in
all): each variation takes a seed, swaps every state name for another state's, moves its
years, shuffles its paragraphs and sometimes joins two seeds, so the rules meet the same
kinds of sentences with other names and dates. Extraction runs in this process, one
document at a time, several passes; the script prints the median documents/s and MB/s, the
ratio to the target, and the one-off cost of the first call (building the name index and
loading the city gazetteer).

    .venv/bin/python bench/bench_extract.py [--docs 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
TARGET_DOCS_PER_S = 100.0


def corpus(size: int, seed: int = 11) -> list[str]:
    from treatywatch.registry import states as registry

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no seed documents in {SEEDS}")
    names = [s.name for s in registry.all_states() if " " not in s.name or len(s.name) < 20]
    own = {s.iso3: s.name for s in registry.all_states()}
    rnd = random.Random(seed)
    out = list(texts)
    pattern = re.compile(
        "|".join(re.escape(n) for n in sorted(own.values(), key=len, reverse=True))
    )
    while len(out) < size:
        base = rnd.choice(texts)
        if rnd.random() < 0.3:
            base = base + "\n\n" + rnd.choice(texts)
        text = _vary(base, pattern, names, rnd)
        paragraphs = text.split("\n\n")
        rnd.shuffle(paragraphs)
        out.append("\n\n".join(paragraphs))
    return out


def _vary(base: str, pattern: re.Pattern[str], names: list[str], rnd: random.Random) -> str:
    """The same document about other states and other years."""
    mapping: dict[str, str] = {}
    text = pattern.sub(lambda m: mapping.setdefault(m.group(), rnd.choice(names)), base)
    shift = rnd.randint(-3, 12)
    return re.sub(r"\b(19|20)(\d\d)\b", lambda m: str(int(m.group()) + shift), text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from treatywatch.ingest.extract import extract_text

    docs = corpus(args.docs)
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6

    started = time.perf_counter()
    extract_text(docs[0])
    first_call = time.perf_counter() - started

    rates: list[float] = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for doc in docs:
            extract_text(doc)
        rates.append(len(docs) / (time.perf_counter() - started))
    median = statistics.median(rates)
    print(f"corpus: {len(docs)} documents, {megabytes:.2f} MB (5 seeds + variations)")
    print(f"first call (indexes, gazetteer): {first_call * 1000:.0f} ms")
    print(
        f"extraction, one core, median of {args.runs} passes: {median:.0f} documents/s, "
        f"{median * megabytes / len(docs):.2f} MB/s"
    )
    print(f"target {TARGET_DOCS_PER_S:.0f} documents/s: ratio {median / TARGET_DOCS_PER_S:.1f}x")


if __name__ == "__main__":
    main()
