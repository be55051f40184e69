"""The dashboard's trend chart as a Vega-Lite specification (data, drawn in the browser)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

ACCENT = "#1d70b8"
EXPECTED = "#505a5f"
WARNING = "#d4351c"
PALETTE = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#b58840", "#f499be"]


def trend_spec(trend: dict[str, Any], language: str, measure: str = "count") -> dict[str, Any]:
    """Counts (or rates per 1,000 residents) by month, one line per area, the expected
    level, months above it marked."""
    above = _("Above expected range")
    rates = measure == "rate"

    def scaled(value: float | None, population: int | None) -> float | None:
        if value is None or not rates:
            return value
        return value / population * 1000 if population else None

    values = [
        {
            "month": f"{m['month']}-01",
            "area": series["name"] or series["code"],
            "count": m["rate_per_1000"] if rates else m["count"],
            "expected": scaled(m["expected"], series["population"]),
            "flag": above if m["exceeds"] == "above" else None,
        }
        for series in trend["areas"]
        for m in series["months"]
    ]
    x = {
        "field": "month",
        "type": "temporal",
        "title": None,
        "axis": {"format": "%m/%Y", "labelAngle": -45},
    }
    count_title = _("Rate per 1,000 residents") if rates else _("Number recorded")
    colour = {
        "field": "area",
        "type": "nominal",
        "title": None,
        "scale": {"range": PALETTE},
        "legend": {"orient": "bottom"},
    }
    tooltip = [
        {"field": "area", "title": _("Area")},
        {"field": "month", "type": "temporal", "format": "%m/%Y", "title": _("Month")},
        {"field": "count", "title": count_title, "format": ",.1f" if rates else ","},
        {"field": "expected", "title": _("Expected"), "format": ",.1f" if rates else ",.0f"},
    ]
    return {
        "width": 640,
        "height": 260,
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "line", "strokeDash": [4, 3], "color": EXPECTED},
                "encoding": {
                    "x": x,
                    "y": {"field": "expected", "type": "quantitative"},
                    "detail": {"field": "area"},
                },
            },
            {
                "mark": {"type": "line", "strokeWidth": 2, "point": True},
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "count",
                        "type": "quantitative",
                        "title": count_title,
                        "scale": {"zero": True},
                    },
                    "color": colour,
                    "tooltip": tooltip,
                },
            },
            {
                "transform": [{"filter": "datum.flag != null"}],
                "mark": {
                    "type": "point",
                    "shape": "triangle-up",
                    "size": 140,
                    "filled": True,
                    "color": WARNING,
                },
                "encoding": {
                    "x": x,
                    "y": {"field": "count", "type": "quantitative"},
                    "tooltip": tooltip,
                },
            },
        ],
        "config": {"font": "Arial", "view": {"stroke": None}},
    }
