"""How long each read command takes from a cold process, against bare Python.

Issue 19's target: every read command answers within 150 ms of `python -c pass`. Each
command runs as a new process (as a user types it) on a database built from the bundled
record, after one warm-up run that writes the record's and the registry's copies in the
cache folder (src/treatywatch/cachefile.py) and compiles the bytecode; the figure is the
median wall time over the runs, and the margin over bare Python beside it.

    .venv/bin/python bench/bench_startup.py [--runs 7] [--db PATH]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 150.0
COMMANDS = (
    "status CCM",
    "status APMBC --as-of 2010-01-01",
    "state Laos",
    "events",
    "event oslo-2007",
    "deadlines CCM --state Lao",
    "deadlines CCM",
    "reports CCM --state Chad",
    "reports APMBC",
    "series CCM",
    "sources --fact event:oslo-2007",
    "conflicts",
    "--help",
)


def wall_ms(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("treatywatch")
    # Installed packages come with bytecode; a checkout only has it once written.
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TREATYWATCH_CACHE": str(Path(tmp) / "cache")}
        db = args.db or Path(tmp) / "bench.sqlite"
        if args.db is None:
            subprocess.run([str(exe), "build", "--db", str(db)], env=env, check=True,
                           stderr=subprocess.DEVNULL)  # fmt: skip
        bare = statistics.median(
            wall_ms([sys.executable, "-c", "pass"], env) for _ in range(args.runs)
        )
        print(f"bare python: median {bare:.0f} ms over {args.runs} runs")
        print(f"{'command':34} {'median':>8} {'margin':>8}  target {TARGET_MS:.0f} ms")
        over = 0
        for command in COMMANDS:
            argv = [str(exe), *command.split()]
            if command != "--help":
                argv += ["--db", str(db), "--format", "csv"]
            wall_ms(argv, env)  # warm-up: writes the cached copies
            median = statistics.median(wall_ms(argv, env) for _ in range(args.runs))
            margin = median - bare
            over += margin > TARGET_MS
            flag = "" if margin <= TARGET_MS else "  over"
            print(f"{command:34} {median:6.0f} ms {margin:6.0f} ms{flag}")
        print(f"{len(COMMANDS) - over} of {len(COMMANDS)} within {TARGET_MS:.0f} ms of bare python")


if __name__ == "__main__":
    main()
