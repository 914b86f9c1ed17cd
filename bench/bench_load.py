"""A bounded loopback load test: requests/s and p50/p99 latency of cached pages and of
uncached as-of queries (a random day each request), on SQLite and PostgreSQL, with and
without a build running.

    .venv/bin/python bench/bench_load.py [--seconds 5] [--concurrency 32] [--no-postgres]

Targets on a two-core machine (issue 18): uncached as-of p99 under 50 ms at 32 connections
on SQLite and under 100 ms on PostgreSQL; p99 under 100 ms while a build runs. Everything
runs on 127.0.0.1; each measurement stops after --seconds. PostgreSQL is a throwaway server
started from the binaries on the PATH (as an unprivileged user when run as root).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_web import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
CACHED = "/api/v1/states"
FIRST_DAY, DAYS = dt.date(1997, 12, 3), 10_500


def random_as_of() -> str:
    day = FIRST_DAY + dt.timedelta(days=random.randrange(DAYS))
    return f"/api/v1/states?as_of={day.isoformat()}"


async def _worker(
    port: int, path: Callable[[], str], stop: float, times: list[float], errors: list[int]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop:
            request = f"GET {path()} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
            t0 = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            times.append(time.perf_counter() - t0)
            if int(head.split(b" ", 2)[1]) >= 500:
                errors[0] += 1
    finally:
        writer.close()


_WRK_AS_OF = """
math.randomseed(os.time())
request = function()
  local d = os.date("!%Y-%m-%d", 881107200 + math.random(0, 10500) * 86400)
  return wrk.format("GET", "/api/v1/states?as_of=" .. d)
end
"""


def wrk_load(port: int, as_of: bool, seconds: float, concurrency: int) -> str:
    """The same measurement with wrk (C, two threads), which takes far less of the two
    cores than a Python client does, where the machine has it (apt-get install wrk)."""
    import re

    wrk = shutil.which("wrk")
    assert wrk is not None
    cmd = [wrk, "-t2", f"-c{concurrency}", f"-d{max(1, int(seconds))}s", "--latency"]
    url = f"http://127.0.0.1:{port}"
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_WRK_AS_OF)
    if as_of:
        cmd += ["-s", script.name]
    else:
        url += CACHED
    warm = [wrk, "-t2", f"-c{concurrency}", "-d1s", *cmd[4:]]
    subprocess.run([*warm, url], capture_output=True, check=True)  # warm-up, not counted
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    rps = float(found.group(1)) if found else 0.0
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)$", out, flags=re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    bad = errors.group(1) if errors else "0"
    return (
        f"{rps:8.0f} req/s  p50 {lat.get('50', '?'):>9}  p99 {lat.get('99', '?'):>9}  "
        f"non-2xx {bad}  (wrk)"
    )


def load(port: int, path: Callable[[], str], seconds: float, concurrency: int) -> str:
    async def run(span: float) -> tuple[list[float], int, float]:
        times: list[float] = []
        errors = [0]
        start = time.perf_counter()
        stop = start + span
        await asyncio.gather(
            *(_worker(port, path, stop, times, errors) for _ in range(concurrency))
        )
        return times, errors[0], time.perf_counter() - start

    asyncio.run(run(min(1.0, seconds)))  # warm-up
    times, errors, elapsed = asyncio.run(run(seconds))
    times.sort()
    p50 = times[len(times) // 2] * 1000
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))] * 1000
    return f"{len(times) / elapsed:8.0f} req/s  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  5xx {errors}"


@contextmanager
def server(db: str) -> Iterator[int]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "treatywatch", "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port, proc)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def builds_running(db: str, data: Path) -> Iterator[None]:
    """Rebuild the database over and over in another process while the block runs."""
    code = (
        "import sys; from pathlib import Path; from treatywatch.store.build import build\n"
        "while True: build(sys.argv[1], Path(sys.argv[2]))"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, db, str(data)], stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        yield
    finally:
        proc.kill()
        proc.wait(timeout=10)


@contextmanager
def postgres() -> Iterator[str]:
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("initdb and pg_ctl are not on the PATH")
    base = Path(tempfile.mkdtemp(prefix="tw-bench-pg-"))
    base.chmod(0o777)
    as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
    if as_user:
        shutil.chown(base, "nobody")
    port = free_port()
    data = base / "data"
    subprocess.run(
        [*as_user, initdb, "-D", str(data), "-U", "postgres", "--auth=trust"],
        check=True,
        capture_output=True,
    )
    opts = f"-p {port} -k {base} -h 127.0.0.1 -F"
    subprocess.run(
        [*as_user, pg_ctl, "-D", str(data), "-w", "-l", str(base / "log"), "-o", opts, "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(base, ignore_errors=True)


def measure(name: str, db: str, data: Path, seconds: float, concurrency: int) -> None:
    from treatywatch.store.build import build

    build(db, data)
    use_wrk = shutil.which("wrk") is not None

    def cached(port: int) -> str:
        if use_wrk:
            return wrk_load(port, False, seconds, concurrency)
        return load(port, lambda: CACHED, seconds, concurrency)

    def as_of(port: int) -> str:
        if use_wrk:
            return wrk_load(port, True, seconds, concurrency)
        return load(port, random_as_of, seconds, concurrency)

    with server(db) as port:
        print(f"{name}, {concurrency} connections:")
        print(f"  cached {CACHED:30} {cached(port)}")
        print(f"  uncached as-of (random day)      {as_of(port)}")
        with builds_running(db, data):
            print(f"  as-of while builds run           {as_of(port)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT / "data")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--no-postgres", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tw-bench-load-"))
    measure("SQLite", str(tmp / "load.sqlite"), args.data, args.seconds, args.concurrency)
    if not args.no_postgres:
        with postgres() as url:
            measure("PostgreSQL", url, args.data, args.seconds, args.concurrency)


if __name__ == "__main__":
    main()
