"""The world map of coverage: a server-side SVG choropleth.

The outlines come from the SVG that the ``pygal_maps_world`` package ships (one ``<g>`` per
country, classed with its ISO alpha-2 code). Each country becomes a link to its page, shaded by
how many stories it has; no script and no inline style (the CSP forbids both), only classes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources

from defusedxml import ElementTree
from django.utils.html import escape

__all__ = ["SHADES", "outlines", "render", "shade"]

SHADES = 5
_SVG_NS = "{http://www.w3.org/2000/svg}"


@cache
def outlines() -> tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The map's viewBox and, per country code (upper-case), its path data."""
    raw = resources.files("pygal_maps_world").joinpath("worldmap.svg").read_bytes()
    root = ElementTree.fromstring(raw)
    view_box = root.get("viewBox", "0 0 2475 1388")
    shapes: list[tuple[str, tuple[str, ...]]] = []
    for group in root.iter(f"{_SVG_NS}g"):
        classes = (group.get("class") or "").split()
        if "country" not in classes or not classes:
            continue
        code = classes[0].upper()
        paths = tuple(p.get("d", "") for p in group.iter(f"{_SVG_NS}path") if p.get("d"))
        if len(code) == 2 and paths:
            shapes.append((code, paths))
    return view_box, tuple(shapes)


def shade(count: int, most: int) -> int:
    """0 for no stories, else 1..SHADES on a log scale relative to the busiest country."""
    if count <= 0 or most <= 0:
        return 0
    if most == 1:
        return SHADES
    level = math.log1p(count) / math.log1p(most)
    return max(1, min(SHADES, math.ceil(level * SHADES)))


def render(counts: Mapping[str, int], url_for: Callable[[str], str], name_for: Callable[[str], str]) -> str:
    """The map as an SVG element (a string of safe markup) for these story counts per country."""
    view_box, shapes = outlines()
    most = max(counts.values(), default=0)
    parts = [
        f'<svg class="worldmap" viewBox="{escape(view_box)}" role="group" '
        'aria-label="World map: countries shaded by number of stories">'
    ]
    for code, paths in shapes:
        n = counts.get(code, 0)
        label = escape(f"{name_for(code)}: {n} stor{'y' if n == 1 else 'ies'}")
        d = "".join(f'<path d="{escape(p)}"/>' for p in paths)
        parts.append(
            f'<a href="{escape(url_for(code))}" aria-label="{label}">'
            f'<g class="country shade-{shade(n, most)}"><title>{label}</title>{d}</g></a>'
        )
    parts.append("</svg>")
    return "".join(parts)
