"""Move the documents in incoming/ into the development or the test part of the corpus.

The part is fixed by the document's name, never chosen: the first byte of the SHA-256 of the
name, modulo 3, is 0 for the test part (a third) and anything else for the development part.
Each document NAME.txt moves with its gold NAME.json; the rows of incoming/*-sources.csv are
merged into sources.csv with the part added. Re-running is harmless (nothing left to move).
Naming prefixes moves only those batches (others may still be being annotated).

    .venv/bin/python tests/corpus/split.py [PREFIX ...]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIELDS = ("name", "part", "kind", "treaty", "year", "url", "retrieved", "title")


def part_of(name: str) -> str:
    return "test" if hashlib.sha256(name.encode()).digest()[0] % 3 == 0 else "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description="Deal incoming documents into their part.")
    parser.add_argument("prefixes", nargs="*", help="only names starting PREFIX- (default: all)")
    args = parser.parse_args()
    wanted = tuple(f"{p}-" for p in args.prefixes) or ("",)
    incoming = HERE / "incoming"
    index = HERE / "sources.csv"
    rows = {r["name"]: r for r in csv.DictReader(index.open())} if index.exists() else {}
    for listing in sorted(incoming.glob("*-sources.csv")):
        for r in csv.DictReader(listing.open(encoding="utf-8")):
            if r["name"].startswith(wanted) and (incoming / f"{r['name']}.json").exists():
                rows[r["name"]] = {**r, "part": part_of(r["name"])}
    moved = 0
    for text in sorted(incoming.glob("*.txt")):
        if not text.name.startswith(wanted):
            continue
        gold = text.with_suffix(".json")
        if not gold.exists():
            print(f"{text.name}: no gold file beside it; left in incoming/")
            continue
        target = HERE / part_of(text.stem)
        target.mkdir(exist_ok=True)
        text.replace(target / text.name)
        gold.replace(target / gold.name)
        moved += 1
    with index.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(sorted(rows.values(), key=lambda r: r["name"]))
    parts = {p: len(list((HERE / p).glob("*.txt"))) for p in ("dev", "test")}
    print(f"moved {moved}; dev {parts['dev']}, test {parts['test']}; {len(rows)} in sources.csv")


if __name__ == "__main__":
    main()
