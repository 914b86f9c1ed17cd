"""Speed of the web tier: server time per page, API requests per second, and the same
states-list question answered by treatywatch and by datasette over the same SQLite file.

    .venv/bin/python bench/bench_web.py [--data data] [--seconds 5] [--concurrency 16]

Prints, per page, the median server time rendering from the in-memory record (response cache
cleared before each request; targets: under 20 ms) and when the per-revision cache answers;
then requests/s of a few API endpoints under a keep-alive load generator on loopback
(target: 500 or more), and treatywatch's requests/s for /api/v1/states over datasette's JSON
for the state table (target ratio: 1 or more). Everything runs on 127.0.0.1 and is bounded
by --seconds per measurement.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = (
    "/",
    "/states",
    "/states?treaty=CCM&as_of=2011-09-16&region=Asia",
    "/states/LAO",
    "/treaties/CCM",
    "/events",
    "/statements?q=the",
    "/deadlines",
    "/sources",
    "/conflicts",
    "/api/v1/states",
    "/api/v1/states/LAO",
)
API = ("/api/v1/states", "/api/v1/states/LAO", "/api/v1/treaties/CCM/status", "/api/v1/events")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def page_times(db: str, runs: int) -> None:
    from fastapi.testclient import TestClient

    from treatywatch.api.app import create_app

    app = create_app(db)
    print(f"{'page':58} {'render ms':>10} {'cached ms':>10}")
    with TestClient(app) as client:
        for url in PAGES:
            assert client.get(url).status_code == 200, url  # warm per-revision precomputation
            cold, warm = [], []
            for _ in range(runs):
                app.state.live.responses.clear()
                t0 = time.perf_counter()
                client.get(url)
                cold.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                client.get(url)
                warm.append(time.perf_counter() - t0)
            print(
                f"{url:58} {statistics.median(cold) * 1000:10.2f} "
                f"{statistics.median(warm) * 1000:10.2f}"
            )


async def _worker(port: int, path: str, stop: float, counts: list[int]) -> None:
    """One keep-alive HTTP/1.1 connection sending GETs back to back until ``stop``."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".encode()
    try:
        while time.perf_counter() < stop:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length, chunked = 0, False
            for line in head.split(b"\r\n"):
                low = line.lower()
                if low.startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
                elif low.startswith(b"transfer-encoding:") and b"chunked" in low:
                    chunked = True
            if chunked:  # datasette streams its JSON in chunks
                while True:
                    size = int((await reader.readuntil(b"\r\n")).strip(), 16)
                    await reader.readexactly(size + 2)
                    if size == 0:
                        break
            else:
                await reader.readexactly(length)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            counts[0] += 1
    finally:
        writer.close()


async def _load(port: int, path: str, seconds: float, concurrency: int) -> float:
    counts = [0]
    start = time.perf_counter()
    stop = start + seconds
    await asyncio.gather(*(_worker(port, path, stop, counts) for _ in range(concurrency)))
    return counts[0] / (time.perf_counter() - start)


def rps(port: int, path: str, seconds: float, concurrency: int) -> float:
    asyncio.run(_load(port, path, min(1.0, seconds), concurrency))  # warm-up
    return asyncio.run(_load(port, path, seconds, concurrency))


def wait_for(port: int, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT / "data")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--runs", type=int, default=25)
    args = ap.parse_args()

    from treatywatch.store.build import build

    tmp = Path(tempfile.mkdtemp(prefix="tw-bench-"))
    db = tmp / "bench.sqlite"
    build(str(db), args.data)
    print(f"database built from {args.data}\n")
    page_times(str(db), args.runs)

    tw_port, ds_port = free_port(), free_port()
    tw = subprocess.Popen(
        [sys.executable, "-m", "treatywatch", "serve", "--db", str(db), "--port", str(tw_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ds = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("datasette")),
            "serve",
            str(db),
            "-h",
            "127.0.0.1",
            "-p",
            str(ds_port),
            "--setting",
            "max_returned_rows",
            "1000",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(tw_port, tw)
        wait_for(ds_port, ds)
        print(f"\n{'API endpoint (keep-alive, loopback)':58} {'req/s':>10}")
        results = {}
        for path in API:
            results[path] = rps(tw_port, path, args.seconds, args.concurrency)
            print(f"{path:58} {results[path]:10.0f}")
        print(f"{'median over endpoints':58} {statistics.median(results.values()):10.0f}")
        ds_path = f"/{db.stem}/state.json?_size=max"
        ds_rps = rps(ds_port, ds_path, args.seconds, args.concurrency)
        tw_rps = results["/api/v1/states"]
        print(
            f"\nstates list: treatywatch /api/v1/states {tw_rps:.0f} req/s; "
            f"datasette {ds_path} {ds_rps:.0f} req/s; ratio {tw_rps / ds_rps:.2f}"
        )
    finally:
        for proc in (tw, ds):
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
