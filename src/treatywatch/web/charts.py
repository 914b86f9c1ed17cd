"""Charts as server-side SVG: they show with JavaScript off, offline, and print as they look.

Text must stay readable at any width, so a chart is not one picture scaled to fit: the outer
SVG has no viewBox, and its text, placed in percentages across and pixels down, keeps its
size in real pixels; the lines and bars are drawn in a nested SVG that stretches to the width
(``preserveAspectRatio="none"``, with strokes that do not scale). The legend is HTML under the
chart, where it wraps on a phone instead of running off the edge.

A step chart draws a step line per series (counts change on the day an instrument is
deposited or takes effect, and stay flat in between). Each stretch between two changes is a
band whose ``<title>`` gives every figure of that day, so a pointer or a screen reader reads
them without a dot on every change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

#: Height of a step chart in CSS pixels; its width is the container's.
H = 240.0
#: Room above the plot (for the top value label) and under it (for the year labels).
TOP, BOTTOM = 18.0, 26.0
#: The nested plot's own width: x runs from 0 to PLOT, whatever the chart's width.
PLOT = 1000.0
#: Year labels at most on a wide chart; every other one is hidden on a phone (CSS ``.minor``).
MAX_YEAR_LABELS = 9


@dataclass(frozen=True, slots=True)
class Line:
    key: str  # CSS class suffix: ``line-<key>``
    label: str
    points: Sequence[tuple[dt.date, int]]  # (date, value), in date order
    #: Draw only where the value is above zero: a count that is nil for most of the span
    #: (withdrawals) would otherwise lie along the axis for years.
    hide_zero: bool = False


def _nice_max(value: int) -> int:
    if value <= 5:
        return 5
    for step in (10, 20, 25, 50, 100, 200, 250, 500):
        if value <= step * 5:
            return -(-value // step) * step
    return value


def _pct(share: float) -> str:
    return f"{100 * share:.2f}%"


def _text(x: str, y: float, body: str, cls: str = "tick", anchor: str = "start") -> str:
    return f'<text class="{cls}" x="{x}" y="{y:.1f}" text-anchor="{anchor}">{escape(body)}</text>'


def _anchor(share: float) -> str:
    """Labels near either edge are anchored inward, so that none is cut off."""
    return "start" if share < 0.04 else "end" if share > 0.96 else "middle"


def _open_svg(cls: str, height: float, title: str) -> str:
    return (
        f'<svg class="{cls}" height="{height:.0f}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    )


def _open_plot(height: float) -> str:
    return (
        f'<svg class="plot" x="0" y="0" width="100%" height="{height:.0f}" '
        f'viewBox="0 0 {PLOT:.0f} {height:.0f}" preserveAspectRatio="none">'
    )


def _value_grid(values: Sequence[tuple[float, str]]) -> list[str]:
    """Horizontal grid lines with their labels just above them, at the left: (y, label)."""
    out = []
    for yy, text in values:
        out.append(f'<line class="grid" x1="0" x2="100%" y1="{yy:.1f}" y2="{yy:.1f}"/>')
        out.append(_text("0", yy - 3, text, "tick value"))
    return out


def _legend(items: Sequence[tuple[str, str]]) -> str:
    """The legend as an HTML list under the chart: (CSS class of the swatch, text)."""
    lis = "".join(
        f'<li><span class="swatch {escape(cls)}"></span> {escape(text)}</li>' for cls, text in items
    )
    return f'<ul class="legend chart-key">{lis}</ul>'


def _step_path(
    line: Line, x: Callable[[dt.date], float], y: Callable[[int], float], stop: dt.date
) -> str:
    """The line's path in plot coordinates; with ``hide_zero``, only its stretches above 0."""
    parts: list[str] = []
    drawing = False
    for i, (d, v) in enumerate(line.points):
        if line.hide_zero and v <= 0:
            if drawing:
                parts.append(f"H{x(d):.1f}")
            drawing = False
            continue
        if drawing:
            parts.append(f"H{x(d):.1f}V{y(v):.1f}")
            continue
        # The first stretch rises from the axis; one after a nil stretch starts at its level.
        rise = y(0) if i == 0 and not line.hide_zero else y(v)
        parts.append(f"M{x(d):.1f},{rise:.1f}V{y(v):.1f}")
        drawing = True
    if drawing:
        parts.append(f"H{x(stop):.1f}")
    return "".join(parts)


def _value_on(points: Sequence[tuple[dt.date, int]], day: dt.date) -> int | None:
    value = None
    for d, v in points:
        if d > day:
            break
        value = v
    return value


def _year_labels(start: dt.date, stop: dt.date, share: Callable[[dt.date], float]) -> list[str]:
    years = range(start.year + 1, stop.year + 1)
    every = max(1, -(-len(years) // MAX_YEAR_LABELS))
    out = []
    for n, year in enumerate(y for y in years if (y - start.year - 1) % every == 0):
        s = share(dt.date(year, 1, 1))
        cls = "tick year minor" if n % 2 else "tick year"
        out.append(
            f'<line class="grid" x1="{_pct(s)}" x2="{_pct(s)}" y1="{TOP}" y2="{H - BOTTOM}"/>'
        )
        out.append(_text(_pct(s), H - BOTTOM + 17, str(year), cls, _anchor(s)))
    return out


def step_chart(
    lines: Sequence[Line],
    title: str,
    end: dt.date | None = None,
    link: str | None = None,
    empty: str = "No dated facts to chart yet.",
) -> Markup:
    """An SVG step chart of whole-number series over time (e.g. parties and signatories),
    with its legend as HTML. Lines with no point to draw are left out, legend included.

    With ``link`` (a format string taking an ISO date), each stretch between two changes
    links to the page listing the states, as of its first day, that make up the figures.
    """
    drawn = [ln for ln in lines if any(v > 0 or not ln.hide_zero for _, v in ln.points)]
    points = [p for line in drawn for p in line.points]
    if not points:
        return Markup('<p class="empty">{}</p>').format(empty)
    start = min(d for d, _ in points)
    stop = max(end or dt.date.today(), max(d for d, _ in points))
    span = max((stop - start).days, 1)
    top = _nice_max(max(v for _, v in points))
    ph = H - TOP - BOTTOM

    def share(d: dt.date) -> float:
        return (d - start).days / span

    def x(d: dt.date) -> float:
        return PLOT * share(d)

    def y(v: int) -> float:
        return TOP + ph * (1 - v / top)

    out = [_open_svg("chart", H, title)]
    out += _value_grid([(y(top * i // 5), str(top * i // 5)) for i in range(6)])
    out += _year_labels(start, stop, share)
    out.append(_open_plot(H))
    for line in drawn:
        out.append(
            f'<path class="line line-{escape(line.key)}" vector-effect="non-scaling-stroke" '
            f'd="{_step_path(line, x, y, stop)}"/>'
        )
    days = sorted({d for d, _ in points})
    for i, day in enumerate(days):  # one band per stretch: what a pointer reads
        right = days[i + 1] if i + 1 < len(days) else stop
        figures = []
        for line in drawn:
            value = _value_on(line.points, day)
            if value is not None and not (line.hide_zero and value <= 0):
                figures.append(f"{line.label} {value}")
        wide = max(x(right) - x(day), 1.0)
        tip = f"{day.isoformat()}: {', '.join(figures)}"
        band = (
            f'<rect class="band" x="{x(day):.1f}" y="{TOP}" width="{wide:.1f}" '
            f'height="{ph:.0f}"><title>{escape(tip)}</title></rect>'
        )
        if link:
            band = f'<a href="{escape(link.format(day.isoformat()))}">{band}</a>'
        out.append(band)
    out.append("</svg></svg>")
    legend = []
    for line in drawn:
        last = line.points[-1][1] if line.points else 0
        legend.append((f"line-{line.key}", f"{line.label}: {last}"))
    out.append(_legend(legend))
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


#: Height of a share chart in CSS pixels.
SH = 260.0


def share_chart(
    bars: Sequence[Bar],
    title: str,
    marks: Sequence[Mark] = (),
    mark_label: str = "Stated by a source",
    link: str | None = None,
    of: str = "of",
    empty: str = "Nothing to chart yet.",
) -> Markup:
    """An SVG chart of shares per column (e.g. annual reports received, overdue and unknown
    per year covered), 0-100 %, with the figures sources state as dots over the columns, and
    its legend as HTML.

    With ``link`` (a format string taking a column's label), each column links to the view
    behind it. ``of`` and ``empty`` are the chart's own words, in the page's language.
    """
    if not bars:
        return Markup('<p class="empty">{}</p>').format(empty)
    ph = SH - TOP - BOTTOM
    slot = 1 / len(bars)
    width = PLOT * max(0.002, min(0.06, slot * 0.72))

    def y(share: float) -> float:
        return TOP + ph * (1 - share)

    out = [_open_svg("chart share", SH, title)]
    out += _value_grid([(y(i / 5), f"{i * 20}%") for i in range(6)])
    every = max(1, -(-len(bars) // 10))
    where: dict[str, float] = {}
    for i, bar in enumerate(bars):
        centre = slot * (i + 0.5)
        where[bar.label] = centre
        if i % every == 0:
            cls = "tick year minor" if (i // every) % 2 else "tick year"
            out.append(_text(_pct(centre), SH - BOTTOM + 17, bar.label, cls, _anchor(centre)))
    out.append(_open_plot(SH))
    for bar in bars:
        x0 = PLOT * where[bar.label] - width / 2
        parts = ", ".join(f"{text} {n}" for _, text, n in bar.parts)
        tip = f"{bar.label}: {parts}" + (f" {of} {bar.total}" if bar.total else "")
        if bar.note:
            tip += f"; {bar.note}"
        col = [f"<g><title>{escape(tip)}</title>"]
        if bar.total <= 0:
            col.append(
                f'<rect class="bar-empty" vector-effect="non-scaling-stroke" x="{x0:.1f}" '
                f'y="{y(1):.1f}" width="{width:.1f}" height="{ph:.1f}"/>'
            )
        else:
            base = 0.0
            for key, _, n in bar.parts:
                if n <= 0:
                    continue
                top = min(1.0, base + min(1.0, n / bar.total))
                col.append(
                    f'<rect class="bar bar-{escape(key)}" x="{x0:.1f}" y="{y(top):.1f}" '
                    f'width="{width:.1f}" height="{y(base) - y(top):.1f}"/>'
                )
                base = top
        col.append("</g>")
        group = "".join(col)
        if link:
            group = f'<a href="{escape(link.format(bar.label))}">{group}</a>'
        out.append(group)
    out.append("</svg>")
    for m in marks:  # in the outer SVG, so the dots stay round
        mx = where.get(m.label)
        if mx is None:
            continue
        share = max(0.0, min(1.0, m.percent / 100))
        out.append(
            f'<circle class="mark" cx="{_pct(mx)}" cy="{y(share):.1f}" r="4.5">'
            f"<title>{escape(m.text)}</title></circle>"
        )
    out.append("</svg>")
    keys: dict[str, str] = {}
    for bar in bars:
        for key, text, _ in bar.parts:
            keys.setdefault(key, text)
    legend = [(f"bar-{k}", t) for k, t in keys.items()]
    if marks:
        legend.append(("mark", mark_label))
    out.append(_legend(legend))
    return Markup("".join(out))
