"""The world map: shading and the SVG drawn from the installed map asset."""

from __future__ import annotations

from dateline.web import worldmap


def test_shade_scale() -> None:
    assert worldmap.shade(0, 100) == 0
    assert worldmap.shade(1, 1) == worldmap.SHADES
    assert worldmap.shade(100, 100) == worldmap.SHADES
    assert 1 <= worldmap.shade(1, 100) < worldmap.shade(30, 100) <= worldmap.SHADES


def test_render_links_every_country_and_escapes_names() -> None:
    svg = worldmap.render({"FR": 3}, lambda code: f"/country/{code.lower()}/", lambda code: f"<{code}>")
    view_box, shapes = worldmap.outlines()
    assert len(shapes) > 150 and {"FR", "US", "RU", "BR"} <= {code for code, _ in shapes}
    assert svg.count("<a href=") == len(shapes)
    assert '<a href="/country/fr/" aria-label="&lt;FR&gt;: 3 stories">' in svg
    assert "<FR>" not in svg and "style=" not in svg
