"""Speed of the rules engine against its 50 ms target.

Times, in-process, building an Engine and computing status, series and all obligations of
every state, for CCM and APMBC, on the whole history (obligations on every date of the
series, so every state is seen as it stood at each change). Prints the median and its ratio
to the target. Uses the bundled record when it loads, else a synthetic record of comparable
size (about 200 states, each with signature, consent, some withdrawals, and extension
chains), and says which.

    .venv/bin/python bench/bench_rules.py [--runs 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from pathlib import Path

from treatywatch import model
from treatywatch.rules import Engine

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 50.0
TREATIES = ("CCM", "APMBC")


def bundled() -> model.Record | None:
    try:
        from treatywatch.record import load

        record = load(ROOT / "data")
    except Exception:  # any failure means "not loadable yet"
        return None
    return record if record.actions else None


def synthetic(states: int = 200, seed: int = 7) -> model.Record:
    rng = random.Random(seed)
    src = model.Source("depositary", "status", "UN", model.Authority.DEPOSITARY, url="https://x")
    cite = (model.Citation("depositary", "row"),)
    actions: list[model.Action] = []
    facts: list[model.ObligationFact] = []
    K = model.ActionKind
    for inst, opened in (("CCM", dt.date(2008, 12, 3)), ("APMBC", dt.date(1997, 12, 3))):
        for i in range(states):
            iso3 = f"S{i:03d}"
            signed = opened + dt.timedelta(days=rng.randint(0, 400))
            actions.append(model.Action(inst, iso3, K.SIGNATURE, signed, cite))
            if rng.random() < 0.8:
                consent = signed + dt.timedelta(days=rng.randint(30, 4000))
                actions.append(model.Action(inst, iso3, K.RATIFICATION, consent, cite))
                if rng.random() < 0.03:
                    notice = consent + dt.timedelta(days=rng.randint(2000, 6000))
                    actions.append(
                        model.Action(inst, iso3, K.WITHDRAWAL_NOTIFICATION, notice, cite)
                    )
                for obligation in ("stockpile_destruction", "clearance"):
                    if rng.random() < 0.15:
                        deadline = consent + dt.timedelta(days=3650)
                        for _ in range(rng.randint(0, 3)):
                            deadline = deadline + dt.timedelta(days=700)
                            facts.append(
                                model.ObligationFact(
                                    inst,
                                    iso3,
                                    obligation,
                                    "extension_granted",
                                    None,
                                    deadline,
                                    2,
                                    cite,
                                )
                            )
                        if rng.random() < 0.5:
                            facts.append(
                                model.ObligationFact(
                                    inst, iso3, obligation, "completed", deadline, None, None, cite
                                )
                            )
    return model.Record(sources={src.id: src}, actions=actions, obligations=facts)


def work(record: model.Record, every_date: bool = False) -> int:
    """Build the engine; status, series and every state's obligations (today, which takes in
    the whole history of deadlines, extensions and completions) for both treaties. With
    ``every_date``, obligations again on each date of the series (a stress figure)."""
    engine = Engine(record)
    n = 0
    for inst in TREATIES:
        if inst not in engine.instruments:
            continue
        series = engine.series(inst)
        n += len(engine.status(inst)) + len(series) + len(engine.obligations(inst))
        if every_date:
            for point in series:
                n += len(engine.obligations(inst, point.date))
    return n


def timed(record: model.Record, runs: int, every_date: bool) -> tuple[float, int]:
    samples = []
    rows = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = work(record, every_date)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    record = bundled()
    which = "bundled record"
    if record is None:
        record, which = synthetic(), "synthetic record (bundled record does not load yet)"
    print(f"{which}: {len(record.actions)} actions, {len(record.obligations)} obligation facts")
    median, rows = timed(record, args.runs, every_date=False)
    print(
        f"engine + status + series + all obligations, CCM + APMBC: {rows} results, "
        f"median {median:.1f} ms over {args.runs} runs = {median / TARGET_MS:.2f}x the "
        f"{TARGET_MS:.0f} ms target"
    )
    median, rows = timed(record, max(3, args.runs // 5), every_date=True)
    print(
        f"stress, obligations again on every date of the series: {rows} results, "
        f"median {median:.1f} ms"
    )


if __name__ == "__main__":
    main()
