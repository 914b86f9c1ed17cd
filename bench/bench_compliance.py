"""Speed of the compliance view (``query.compliance``) against its targets.

Times, in-process, the view for every state under both treaties (CCM + APMBC):

- on one date (today): the first call (the rules engine computes that day's obligations),
  then the median of the calls after it, against the 20 ms target;
- on every date of each treaty's series (``ctx.rules.series``), one treaty at a time, as a
  page stepping through history would ask for the matrix and its counts (the reporting
  chart, which reads every annual report of every year, is asked for one date at a time):
  the total of one pass with a fresh engine (obligations computed on each date) and the
  median of passes after it (the engine's answers memoised, so only the view's own work),
  against the 200 ms target.

Uses the bundled record when it loads (or ``--data``), else the synthetic record of
bench_rules.py with the two treaties declared, and says which.

    .venv/bin/python bench/bench_compliance.py [--runs 15] [--data PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from pathlib import Path

from treatywatch import model, query

ROOT = Path(__file__).resolve().parents[1]
ONE_DATE_MS = 20.0
EVERY_DATE_MS = 200.0
TREATIES = ("CCM", "APMBC")


def bundled(data: Path) -> model.Record | None:
    try:
        from treatywatch.record import load

        record = load(data)
    except Exception:  # any failure means "not loadable (yet)"
        return None
    return record if record.actions else None


def synthetic() -> model.Record:
    from bench_rules import synthetic as rules_synthetic  # beside this script

    record = rules_synthetic()
    treaty = model.InstrumentKind.TREATY
    record.instruments = {
        "CCM": model.Instrument(
            "CCM", "Convention on Cluster Munitions", "CCM", treaty, None, None, None, "ccm"
        ),
        "APMBC": model.Instrument(
            "APMBC", "Mine Ban Convention", "APMBC", treaty, None, None, None, "apmbc"
        ),
    }
    return record


def fresh(record: model.Record) -> query.Context:
    """A context over the record with a new rules engine (built here, outside the timings);
    the view reads only the record and the engine, never the database."""
    ctx = query.Context(db="bench", record=record)
    ctx.rules.prepare()  # build the engine and each treaty's precomputation now
    return ctx


def ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def one_date(record: model.Record, runs: int) -> tuple[float, float, int]:
    """(first call, median of the later calls, rows) for both treaties on today."""
    ctx = fresh(record)
    day = dt.date.today()
    t0 = time.perf_counter()
    rows = len(query.compliance(ctx, None, day)["rows"])
    first = ms(t0)
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        query.compliance(ctx, None, day)
        samples.append(ms(t0))
    return first, statistics.median(samples), rows


def every_date_pass(ctx: query.Context) -> tuple[int, int]:
    """The view on every date of each treaty's series: (calls, rows)."""
    calls = rows = 0
    for tid in TREATIES:
        if tid not in ctx.rules.instruments:
            continue
        for point in ctx.rules.series(tid):
            rows += len(query.compliance(ctx, tid, point.date, reporting=False)["rows"])
            calls += 1
    return calls, rows


def every_date(record: model.Record, runs: int) -> tuple[float, float, int, int]:
    """(median of first passes with a fresh engine, median of later passes, calls, rows)."""
    cold, warm = [], []
    calls = rows = 0
    for _ in range(max(1, runs)):
        ctx = fresh(record)
        t0 = time.perf_counter()
        calls, rows = every_date_pass(ctx)
        cold.append(ms(t0))
        t0 = time.perf_counter()
        every_date_pass(ctx)
        warm.append(ms(t0))
    return statistics.median(cold), statistics.median(warm), calls, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    record = bundled(args.data)
    which = f"bundled record ({args.data})"
    if record is None:
        record, which = synthetic(), "synthetic record (the bundled record does not load)"
    print(f"{which}: {len(record.actions)} actions, {len(record.obligations)} obligation facts")

    first, median, rows = one_date(record, args.runs)
    print(
        f"compliance, all states, CCM + APMBC, on {dt.date.today()}: {rows} rows; first call "
        f"{first:.1f} ms; after it median {median:.2f} ms over {args.runs} runs = "
        f"{median / ONE_DATE_MS:.2f}x the {ONE_DATE_MS:.0f} ms target"
    )
    cold, warm, calls, rows = every_date(record, max(3, args.runs // 5))
    print(
        f"compliance on every date of the series ({calls} dates over both treaties, {rows} "
        f"rows): fresh engine median {cold:.1f} ms = {cold / EVERY_DATE_MS:.2f}x the "
        f"{EVERY_DATE_MS:.0f} ms target; engine answers memoised median {warm:.1f} ms = "
        f"{warm / EVERY_DATE_MS:.2f}x"
    )


if __name__ == "__main__":
    main()
