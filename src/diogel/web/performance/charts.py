"""A measure's values over time as a Vega-Lite specification (data, drawn in the browser)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from diogel.web.performance.models import MeasureValue

ACCENT = "#1d70b8"
TARGET = "#505a5f"


def values_spec(values: list[MeasureValue], unit: str) -> dict[str, Any]:
    """One line of the area's values by period; periods with no data or withheld
    values are left out of the line (the table beside it says which)."""
    points = [
        {"period": v.period, "value": float(v.value)}
        for v in values
        if v.value is not None and v.has_data and not v.suppressed
    ]
    share = "share" in unit
    return {
        "width": 640,
        "height": 240,
        "data": {"values": points},
        "mark": {"type": "line", "point": True, "strokeWidth": 2, "color": ACCENT},
        "encoding": {
            "x": {
                "field": "period",
                "type": "ordinal",
                "title": _("Period"),
                "axis": {"labelAngle": -45},
            },
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": unit,
                "scale": {"zero": True},
                "axis": {"format": ".0%" if share else ","},
            },
            "tooltip": [
                {"field": "period", "title": _("Period")},
                {"field": "value", "title": unit, "format": ".1%" if share else ",.2f"},
            ],
        },
    }
