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


@dataclass(frozen=True, slots=True)
class Bar:
    """One column of a share chart: counts stacked bottom up, as shares of ``total``."""

    label: str  # under the column (a year)
    parts: Sequence[tuple[str, str, int]]  # (CSS key ``bar-<key>``, label, count)
    total: int  # the 100 %; 0 draws an empty dashed column (nothing due yet)
    note: str = ""  # added to the column's <title>


@dataclass(frozen=True, slots=True)
class Mark:
    """A figure a source states, drawn as a dot over the column it speaks of."""

    label: str  # the column's label
    percent: float
    text: str  # its <title>: who says it, and where


SH, SBOTTOM = 330.0, 58.0


def share_chart(
    bars: Sequence[Bar],
    title: str,
    marks: Sequence[Mark] = (),
    mark_label: str = "Stated by a source",
    link: str | None = None,
) -> Markup:
    """An SVG chart of shares per column (e.g. annual reports received, overdue and unknown
    per year covered), 0-100 %, with the figures sources state as dots over the columns.

    With ``link`` (a format string taking a column's label), each column links to the view
    behind it. The legend sits under the axis so that it never hides a column.
    """
    if not bars:
        return Markup('<p class="empty">Nothing to chart yet.</p>')
    pw, ph = W - LEFT - RIGHT, SH - TOP - SBOTTOM
    slot = pw / len(bars)
    bw = max(2.0, min(28.0, slot * 0.72))

    def y(share: float) -> float:
        return TOP + ph * (1 - share)

    out = [
        f'<svg class="chart share" viewBox="0 0 {W:.0f} {SH:.0f}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for i in range(6):
        share = i / 5
        out.append(
            f'<line class="grid" x1="{LEFT}" x2="{W - RIGHT}" y1="{y(share):.1f}" '
            f'y2="{y(share):.1f}"/><text class="tick" x="{LEFT - 6}" y="{y(share) + 4:.1f}" '
            f'text-anchor="end">{i * 20}%</text>'
        )
    every = max(1, -(-len(bars) // 10))
    where: dict[str, float] = {}
    for i, bar in enumerate(bars):
        cx = LEFT + slot * (i + 0.5)
        where[bar.label] = cx
        x0 = cx - bw / 2
        parts = ", ".join(f"{text} {n}" for _, text, n in bar.parts)
        tip = f"{bar.label}: {parts}" + (f" of {bar.total}" if bar.total else "")
        if bar.note:
            tip += f"; {bar.note}"
        col = [f"<g><title>{escape(tip)}</title>"]
        if bar.total <= 0:
            col.append(
                f'<rect class="bar-empty" x="{x0:.1f}" y="{y(1):.1f}" width="{bw:.1f}" '
                f'height="{ph:.1f}"/>'
            )
        else:
            base = 0.0
            for key, _, n in bar.parts:
                if n <= 0:
                    continue
                share = min(1.0, n / bar.total)
                top = min(1.0, base + share)
                col.append(
                    f'<rect class="bar bar-{escape(key)}" x="{x0:.1f}" y="{y(top):.1f}" '
                    f'width="{bw:.1f}" height="{y(base) - y(top):.1f}"/>'
                )
                base = top
        col.append("</g>")
        group = "".join(col)
        if link:
            group = f'<a href="{escape(link.format(bar.label))}">{group}</a>'
        out.append(group)
        if i % every == 0:
            out.append(
                f'<text class="tick" x="{cx:.1f}" y="{SH - SBOTTOM + 16}" '
                f'text-anchor="middle">{escape(bar.label)}</text>'
            )
    for m in marks:
        mx = where.get(m.label)
        if mx is None:
            continue
        share = max(0.0, min(1.0, m.percent / 100))
        out.append(
            f'<circle class="mark" cx="{mx:.1f}" cy="{y(share):.1f}" r="4.5">'
            f"<title>{escape(m.text)}</title></circle>"
        )
    keys: dict[str, str] = {}
    for bar in bars:
        for key, text, _ in bar.parts:
            keys.setdefault(key, text)
    legend = [(f"bar bar-{escape(k)}", t) for k, t in keys.items()]
    if marks:
        legend.append(("mark", mark_label))
    lx, ly = LEFT, SH - 14
    for cls, text in legend:
        if cls == "mark":
            out.append(f'<circle class="mark" cx="{lx + 6}" cy="{ly - 4}" r="4.5"/>')
        else:
            out.append(f'<rect class="{cls}" x="{lx}" y="{ly - 10}" width="12" height="12"/>')
        out.append(f'<text class="legend" x="{lx + 18}" y="{ly}">{escape(text)}</text>')
        lx += 26 + 7.5 * len(text)
    out.append("</svg>")
    return Markup("".join(out))
