"""Charts as server-side SVG: they show with JavaScript off, offline, and print as they look.

A chart is a step line per series (counts change on the day an instrument is deposited or takes
effect, and stay flat in between), with year ticks, a legend, and one ``<title>`` per change
point so a pointer or a screen reader can read the exact figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

W, H = 720.0, 300.0
LEFT, RIGHT, TOP, BOTTOM = 44.0, 12.0, 14.0, 30.0


@dataclass(frozen=True, slots=True)
class Line:
    key: str  # CSS class suffix: ``line-<key>``
    label: str
    points: Sequence[tuple[dt.date, int]]  # (date, value), in date order


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    for step in (10, 20, 25, 50, 100, 200, 250, 500):
        if value <= step * 5:
            return -(-value // step) * step
    return value


def step_chart(
    lines: Sequence[Line], title: str, end: dt.date | None = None, link: str | None = None
) -> Markup:
    """An SVG step chart of whole-number series over time (e.g. parties and signatories).

    With ``link`` (a format string taking an ISO date), each change point links to the
    page listing the states, as of that day, that make up the figure.
    """
    points = [p for line in lines for p in line.points]
    if not points:
        return Markup('<p class="empty">No dated facts to chart yet.</p>')
    start = min(d for d, _ in points)
    stop = max(end or dt.date.today(), max(d for d, _ in points))
    span = max((stop - start).days, 1)
    top = _nice_max(max(v for _, v in points))
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(d: dt.date) -> float:
        return LEFT + pw * (d - start).days / span

    def y(v: int) -> float:
        return TOP + ph * (1 - v / top)

    out = [
        f'<svg class="chart" viewBox="0 0 {W:.0f} {H:.0f}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i in range(6):  # horizontal grid and value labels
        v = top * i // 5
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{W - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>'
        )
    years = range(start.year + 1, stop.year + 1)
    every = max(1, len(years) // 8)
    for year in years:
        if (year - start.year) % every:
            continue
        xx = x(dt.date(year, 1, 1))
        out.append(
            f'<line class="grid" x1="{xx:.1f}" x2="{xx:.1f}" y1="{TOP}" y2="{H - BOTTOM}"/>'
            f'<text class="tick" x="{xx:.1f}" y="{H - BOTTOM + 16}" '
            f'text-anchor="middle">{year}</text>'
        )
    for line in lines:
        if not line.points:
            continue
        d0, v0 = line.points[0]
        path = [f"M{x(d0):.1f},{y(0):.1f}V{y(v0):.1f}"]
        for d, v in line.points[1:]:
            path.append(f"H{x(d):.1f}V{y(v):.1f}")
        path.append(f"H{x(stop):.1f}")
        out.append(f'<path class="line line-{escape(line.key)}" d="{"".join(path)}"/>')
        for d, v in line.points:
            dot = (
                f'<circle class="pt line-{escape(line.key)}" cx="{x(d):.1f}" cy="{y(v):.1f}" '
                f'r="3"><title>{escape(line.label)}: {v} on {d.isoformat()}</title></circle>'
            )
            if link:
                dot = f'<a href="{escape(link.format(d.isoformat()))}">{dot}</a>'
            out.append(dot)
    for i, line in enumerate(lines):  # legend, top left
        lx, ly = LEFT + 10 + i * 150, TOP + 10
        out.append(
            f'<rect class="key line-{escape(line.key)}" x="{lx}" y="{ly - 8}" width="14" '
            f'height="4"/><text class="legend" x="{lx + 20}" y="{ly}">{escape(line.label)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))
