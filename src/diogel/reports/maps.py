"""Static SVG maps of rates by area, with Gi* hotspots outlined.

PDFs need a map without tiles or JavaScript: this draws the simplified,
cached boundaries as SVG paths, shaded by quintile of the rate, with
significant hotspots outlined. The HTML report upgrades it to Leaflet with
the same GeoJSON and values.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

import numpy as np

from diogel.reports.i18n import ReportLocale, _

#: Light to dark: sequential and legible in greyscale.
SHADES = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
HOT_OUTLINE = "#d4351c"


def quintile_breaks(values: list[float]) -> list[float]:
    """Upper bounds of five classes (quintiles of the values, made distinct)."""
    if not values:
        return []
    breaks = [float(np.quantile(values, q)) for q in (0.2, 0.4, 0.6, 0.8, 1.0)]
    return sorted(set(breaks))


def shade_for(value: float, breaks: list[float]) -> str:
    for i, upper in enumerate(breaks):
        if value <= upper:
            return SHADES[min(i + len(SHADES) - len(breaks), len(SHADES) - 1)]
    return SHADES[-1]


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def choropleth_svg(
    features: list[dict[str, Any]],
    values: dict[str, float],
    hot: set[str],
    locale: ReportLocale,
    title: str,
    width: int = 620,
) -> str:
    """An SVG map: ``features`` (GeoJSON, WGS84) shaded by ``values``, ``hot`` outlined."""
    rings = [(f["properties"]["code"], _rings(f["geometry"])) for f in features]
    points = [pt for _, rs in rings for ring in rs for pt in ring]
    if not points:
        return ""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    # An equirectangular projection scaled at the map's mid-latitude: Welsh areas
    # are small enough that the distortion is below a line's width.
    k = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = (max(lons) - min(lons)) * k or 1e-9
    span_y = (max(lats) - min(lats)) or 1e-9
    map_height = max(200, min(760, round(width * span_y / span_x)))
    scale = min(width / span_x, map_height / span_y)
    x0, y0 = min(lons), max(lats)

    def path(ring: list[list[float]]) -> str:
        coords = [f"{(lon - x0) * k * scale:.1f},{(y0 - lat) * scale:.1f}" for lon, lat in ring]
        return "M" + "L".join(coords) + "Z"

    breaks = quintile_breaks(list(values.values()))
    shapes, outlines = [], []
    for code, rs in rings:
        d = "".join(path(r) for r in rs)
        shade = shade_for(values.get(code, 0.0), breaks)
        shapes.append(
            f'<path d="{d}" fill="{shade}" stroke="#ffffff" stroke-width="0.3">'
            f"<title>{escape(code)}</title></path>"
        )
        if code in hot:
            outlines.append(
                f'<path d="{d}" fill="none" stroke="{HOT_OUTLINE}" stroke-width="1.6"/>'
            )
    legend = _legend(breaks, locale, map_height + 12, bool(hot))
    height = map_height + 12 + 24 * 2 + 8
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif" '
        f'font-size="11"><title>{escape(title)}</title>'
        f"<g>{''.join(shapes)}</g><g>{''.join(outlines)}</g>{legend}</svg>"
    )


def _legend(breaks: list[float], locale: ReportLocale, top: int, show_hot: bool) -> str:
    parts, x, low = [], 0.0, 0.0
    offset = len(SHADES) - len(breaks)
    for i, upper in enumerate(breaks):
        label = f"{locale.number(low, 1)}–{locale.number(upper, 1)}"
        parts.append(
            f'<rect x="{x:.0f}" y="{top}" width="14" height="14" fill="{SHADES[i + offset]}" '
            f'stroke="#505a5f" stroke-width="0.5"/>'
            f'<text x="{x + 18:.0f}" y="{top + 11}">{escape(label)}</text>'
        )
        x += 22 + 7 * len(label)
        low = upper
    second = top + 24
    rate_label = escape(locale.gettext(_("Rate per 1,000 residents")))
    parts.append(f'<text x="0" y="{second + 11}">{rate_label}</text>')
    if show_hot:
        hot_label = escape(locale.gettext(_("Significant hotspot (Gi*, adjusted p below 0.10)")))
        parts.append(
            f'<rect x="220" y="{second}" width="14" height="14" fill="none" '
            f'stroke="{HOT_OUTLINE}" stroke-width="2"/>'
            f'<text x="240" y="{second + 11}">{hot_label}</text>'
        )
    return "<g>" + "".join(parts) + "</g>"
