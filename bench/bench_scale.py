"""How cost grows with the record: the bundled record multiplied synthetically by 10 and
by 100 (every treaty's states' histories, their obligation facts and reports, the meetings
with their participants and statements, the sources they cite, and ingested candidates),
built into SQLite, then timed: build, peak memory, start-up (record read + rules engine +
first answer) and the API's p50/p99 for an uncached as-of question.

    .venv/bin/python bench/bench_scale.py [--scales 1 10 100] [--requests 200]

Each scale runs in a fresh process, so memory figures are its own. Prints each figure with
its ratio to scale 1 divided by the scale: 1.0 or less is linear or better; no step may
grow faster than linearly (issue 18).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def multiplied(times: int) -> Any:
    """The bundled record ``times`` over: copy k of every treaty is a treaty of its own
    (``CCM-k``, with the same rules), every event, statement and source gets a suffix."""
    from treatywatch import model
    from treatywatch.record import load

    base = load(ROOT / "data")
    if times == 1:
        return base
    rec = model.Record()

    def cite(cs: tuple[model.Citation, ...], k: int) -> tuple[model.Citation, ...]:
        return tuple(dataclasses.replace(c, source_id=f"{c.source_id}-x{k}") for c in cs)

    for k in range(times):

        def inst(i: str | None, k: int = k) -> str | None:
            return None if i is None else (i if k == 0 else f"{i}-{k}")

        for s in base.sources.values():
            rec.sources[f"{s.id}-x{k}"] = dataclasses.replace(s, id=f"{s.id}-x{k}")
        for i in base.instruments.values():
            new = dataclasses.replace(i, id=inst(i.id), citations=cite(i.citations, k))
            if new.implied_by is not None:
                imp = new.implied_by
                new = dataclasses.replace(
                    new,
                    implied_by=dataclasses.replace(
                        imp,
                        instrument=inst(imp.instrument) or imp.instrument,
                        citation=cite((imp.citation,), k)[0],
                    ),
                )
            rec.instruments[new.id] = new
        for e in base.events.values():
            rec.events[f"{e.id}-x{k}"] = dataclasses.replace(
                e, id=f"{e.id}-x{k}", instrument=inst(e.instrument), citations=cite(e.citations, k)
            )
        rec.participation += [
            dataclasses.replace(p, event=f"{p.event}-x{k}", citations=cite(p.citations, k))
            for p in base.participation
        ]
        rec.actions += [
            dataclasses.replace(a, instrument=inst(a.instrument), citations=cite(a.citations, k))
            for a in base.actions
        ]
        rec.statements += [
            dataclasses.replace(
                s,
                id=f"{s.id}-x{k}",
                event=f"{s.event}-x{k}" if s.event else None,
                citations=cite(s.citations, k),
            )
            for s in base.statements
        ]
        rec.claims += [dataclasses.replace(c, citations=cite(c.citations, k)) for c in base.claims]
        rec.obligations += [
            dataclasses.replace(
                o,
                instrument=inst(o.instrument),
                event=f"{o.event}-x{k}" if o.event else None,
                citations=cite(o.citations, k),
            )
            for o in base.obligations
        ]
        rec.reports += [
            dataclasses.replace(r, instrument=inst(r.instrument), citations=cite(r.citations, k))
            for r in base.reports
        ]
        rec.coverage += [
            dataclasses.replace(
                c,
                instrument=inst(c.instrument),
                through_event=f"{c.through_event}-x{k}" if c.through_event else None,
                next_meeting=f"{c.next_meeting}-x{k}" if c.next_meeting else None,
            )
            for c in base.coverage
        ]
    return rec


def one_scale(times: int, requests: int) -> dict[str, float]:
    """Run in its own process: build, start up, ask; the figures as a dict."""
    from fastapi.testclient import TestClient

    from treatywatch import query
    from treatywatch.api.app import create_app
    from treatywatch.store.build import _write, rows_for
    from treatywatch.store.db import engine
    from treatywatch.store.read import _cache

    record = multiplied(times)
    db = str(Path(tempfile.mkdtemp(prefix="tw-scale-")) / "scale.sqlite")
    t0 = time.perf_counter()
    rows = rows_for(record)
    # Candidates, as ingest leaves them: ten per statement, of one document per event.
    rows["document"] = [
        {"sha256": f"{i:064x}", "path": f"doc{i}", "title": None, "date": None, "chars": 1,
         "text": "x", "ingested": "2026-12-01"}
        for i in range(len(record.events))
    ]  # fmt: skip
    rows["candidate"] = [
        {"id": i + 1, "document": f"{i % len(record.events):064x}", "kind": "statement",
         "payload": "{}", "span_start": 0, "span_end": 1, "status": "pending"}
        for i in range(10 * len(record.statements))
    ]  # fmt: skip
    _write(engine(db), rows, f"scale-{times}")
    _write_extra(db, rows)
    build_s = time.perf_counter() - t0

    _cache.clear()
    t0 = time.perf_counter()
    ctx = query.open_context(db)
    ctx.rules.status("CCM", dt.date(2015, 1, 1))
    startup_s = time.perf_counter() - t0

    client = TestClient(create_app(db))
    client.get("/api/v1/states")
    rng = random.Random(15)
    lat = []
    for _ in range(requests):
        day = dt.date(1998, 1, 1) + dt.timedelta(days=rng.randrange(10_000))
        t = time.perf_counter()
        assert client.get(f"/api/v1/states?as_of={day}").status_code == 200
        lat.append(time.perf_counter() - t)
    lat.sort()
    return {
        "facts": float(sum(len(v) for v in rows.values())),
        "build_s": build_s,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "startup_s": startup_s,
        "p50_ms": statistics.median(lat) * 1000,
        "p99_ms": lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000,
    }


def _write_extra(db: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    from sqlalchemy import insert

    from treatywatch.store import schema as s
    from treatywatch.store.db import engine

    with engine(db).begin() as conn:
        conn.execute(insert(s.document), rows["document"])
        conn.execute(insert(s.candidate), rows["candidate"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one_scale(args.one, args.requests)))
        return
    results: dict[int, dict[str, float]] = {}
    cols = ("facts", "build_s", "peak_mb", "startup_s", "p50_ms", "p99_ms")
    print(
        f"{'scale':>6} " + " ".join(f"{c:>12}" for c in cols) + "   (ratio to x1 per unit of scale)"
    )
    for times in args.scales:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(times), "--requests", str(args.requests)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[times] = json.loads(out.strip().splitlines()[-1])
        r = results[times]
        line = f"{times:>6} " + " ".join(f"{r[c]:12.2f}" for c in cols)
        if 1 in results and times != 1:
            base = results[1]
            line += "   " + " ".join(f"{c}={r[c] / base[c] / times:.2f}" for c in cols[1:])
        print(line)


if __name__ == "__main__":
    main()
