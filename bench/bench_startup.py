"""Start-up time of the CLI beside bare Python.

Prints the median wall time of `python -c pass`, `treatywatch --help` and
`treatywatch status CCM` (on a database built from the bundled record), and the
difference to bare Python (target: --help under 150 ms over bare Python).

    .venv/bin/python bench/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    exe = Path(sys.executable).parent / "treatywatch"
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.sqlite")
        subprocess.run([str(exe), "build", "--db", db], check=True, capture_output=True)
        bare = timed([sys.executable, "-c", "pass"], args.runs)
        help_ = timed([str(exe), "--help"], args.runs)
        status = timed([str(exe), "status", "CCM", "--db", db, "--format", "csv"], args.runs)
    print(f"runs per command: {args.runs} (medians)")
    print(f"python -c pass              {bare:7.1f} ms")
    print(
        f"treatywatch --help          {help_:7.1f} ms  "
        f"(+{help_ - bare:.1f} ms over bare Python; target < 150)"
    )
    print(
        f"treatywatch status CCM      {status:7.1f} ms  (+{status - bare:.1f} ms over bare Python)"
    )


if __name__ == "__main__":
    main()
