"""The world map as server-side SVG: country outlines from npm's ``world-atlas`` package.

The geometry is Natural Earth 1:50m as TopoJSON, installed by ``npm ci`` (package.json at the
repository root) so the map never depends on a CDN or a download at run time. It is decoded,
projected and simplified once per process; each page then only picks a colour per country.
Where the package is missing the map is simply absent and the status table still says it all.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

WIDTH = 960.0
HEIGHT = 470.0
#: Points closer than this (in SVG pixels) to the previous kept point are dropped: 50m
#: detail is far finer than a 960 px map can show, and this keeps the page small.
MIN_STEP = 1.4
_ANTARCTICA = "010"
#: Features world-atlas ships without an ISO numeric id, by the name it gives them.
_UNNUMBERED = {"Kosovo": "XKX"}
#: States too small for the 50m outlines, drawn as dots at their capitals (lon, lat).
DOTS: dict[str, tuple[float, float]] = {
    "LIE": (9.52, 47.14),
    "VAT": (12.45, 41.90),
    "SMR": (12.45, 43.94),
    "MCO": (7.42, 43.74),
    "NRU": (166.93, -0.52),
    "TUV": (179.19, -8.52),
    "COK": (-159.78, -21.23),
    "NIU": (-169.87, -19.05),
}


def atlas_file() -> Path | None:
    """countries-50m.json from ``$TREATYWATCH_NODE_MODULES``, the checkout's node_modules, or
    the copy an installed wheel carries."""
    candidates = []
    env = os.environ.get("TREATYWATCH_NODE_MODULES")
    if env:
        candidates.append(Path(env))
    here = Path(__file__).resolve()
    candidates += [p / "node_modules" for p in here.parents]
    candidates.append(Path.cwd() / "node_modules")
    candidates.append(here.parents[1] / "_bundled")
    for base in candidates:
        path = base / "world-atlas" / "countries-50m.json"
        if path.is_file():
            return path
    return None


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth I projection (Šavrič et al.), scaled to the SVG box."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    # x spans about ±2.735 and y about ±1.42 at the edges of the world (y cut at -60°).
    scale = WIDTH / (2 * 2.7353)
    return WIDTH / 2 + x * scale, 0.43 * HEIGHT - y * scale


def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(_project(x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices: Iterable[int], arcs: list[list[tuple[float, float]]], step: float) -> str:
    points: list[tuple[float, float]] = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    kept: list[tuple[float, float]] = []
    for p in points:
        if not kept or abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= step:
            kept.append(p)
    if len(kept) < 3:
        return ""
    # Relative moves with one decimal: about half the bytes of absolute coordinates.
    parts = [f"M{kept[0][0]:.1f},{kept[0][1]:.1f}l"]
    px, py = round(kept[0][0], 1), round(kept[0][1], 1)
    steps = []
    for x, y in kept[1:]:
        rx, ry = round(x, 1), round(y, 1)
        steps.append(f"{rx - px:.1f},{ry - py:.1f}".replace("-0.0", "0.0").replace(".0", ""))
        px, py = rx, ry
    return parts[0] + " ".join(steps) + "z"


@cache
def shapes() -> dict[str, tuple[str, str]]:
    """ISO3 code -> (country name as Natural Earth gives it, SVG path data)."""
    import pycountry

    path = atlas_file()
    if path is None:
        return {}
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    out: dict[str, tuple[str, str]] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        num = geom.get("id")
        name = geom.get("properties", {}).get("name", "")
        if num == _ANTARCTICA:
            continue
        iso3 = _UNNUMBERED.get(name)
        if num is not None:
            country = pycountry.countries.get(numeric=str(num))
            iso3 = country.alpha_3 if country else None
        if iso3 is None:
            continue
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        d = "".join(_ring(ring, arcs, MIN_STEP) for poly in polygons for ring in poly)
        if not d:  # a small island state: keep its outline whole rather than lose it
            d = "".join(_ring(ring, arcs, 0.0) for poly in polygons for ring in poly)
        if d:
            prev = out.get(iso3)
            out[iso3] = (name, (prev[1] if prev else "") + d)
    return out


def view_box() -> str:
    """The box from 84°N to 57°S: y depends on latitude only in this projection, and no
    outline lies beyond (Antarctica is left out)."""
    top, bottom = _project(0, 84.0)[1], _project(0, -57.0)[1]
    return f"0 {top:.0f} {WIDTH:.0f} {bottom - top:.0f}"


def render(
    statuses: dict[str, str],
    labels: dict[str, str],
    link: str = "/states/{}",
    title: str = "World map of states coloured by status",
) -> str:
    """The map as an SVG element: one linked shape per state, coloured by its status class.

    ``statuses`` maps ISO3 to a status slug (CSS class ``st-<slug>``); ``labels`` maps ISO3
    to the tooltip text. Shapes of places that are not states in the registry stay grey.
    """
    from markupsafe import escape

    parts = [
        f'<svg class="map" viewBox="{view_box()}" role="img" '
        'aria-labelledby="map-title" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="map-title">{escape(title)}</title>',
    ]
    for iso3, (name, d) in shapes().items():
        status = statuses.get(iso3)
        if status is None:
            parts.append(f'<path class="st-other" d="{d}"><title>{escape(name)}</title></path>')
            continue
        parts.append(
            f'<a href="{escape(link.format(iso3))}"><path class="st-{escape(status)}" '
            f'data-iso3="{iso3}" d="{d}"><title>{escape(labels.get(iso3, name))}</title>'
            "</path></a>"
        )
    if shapes():
        for iso3, (lon, lat) in DOTS.items():
            if iso3 in statuses:
                x, y = _project(lon, lat)
                parts.append(
                    f'<a href="{escape(link.format(iso3))}"><circle class="st-'
                    f'{escape(statuses[iso3])}" data-iso3="{iso3}" cx="{x:.1f}" cy="{y:.1f}" '
                    f'r="2.5"><title>{escape(labels.get(iso3, iso3))}</title></circle></a>'
                )
    parts.append("</svg>")
    return "".join(parts)
