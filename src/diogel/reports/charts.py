"""Vega-Lite specifications for report figures, and their offline SVG rendering.

A chart is data: :func:`chart_spec` turns a figure's table into a Vega-Lite
spec in the report's language; the HTML report embeds the spec (interactive
where the Vega bundle is loaded) and every output carries the SVG that
:func:`to_svg` renders with vl-convert, with no browser and no network.
"""

from __future__ import annotations

from typing import Any

from diogel.reports.document import Figure
from diogel.reports.i18n import ReportLocale, _

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = "DejaVu Sans"
#: Colours that stay distinct in greyscale and for the common colour-vision deficiencies.
INK, ACCENT, WARNING, BAND = "#0b0c0c", "#1d70b8", "#d4351c", "#dbe3ea"
HEAT = "blues"

_CONFIG: dict[str, Any] = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 11, "titleFontSize": 12, "grid": True, "gridColor": "#eeeeee"},
    "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom", "labelLimit": 0},
}


def chart_spec(figure: Figure, locale: ReportLocale) -> dict[str, Any]:
    """The Vega-Lite spec for ``figure`` (not maps: see :mod:`diogel.reports.maps`)."""
    builder = _BUILDERS.get(figure.kind)
    if builder is None:
        raise ValueError(f"no chart for figure kind {figure.kind!r}")
    spec = builder(figure, locale)
    return {"$schema": SCHEMA, "config": _CONFIG, **spec}


def to_svg(spec: dict[str, Any], locale: ReportLocale) -> str:
    """Render ``spec`` to SVG offline, with the locale's month and number formats."""
    import vl_convert

    svg: str = vl_convert.vegalite_to_svg(
        spec,
        format_locale=locale.d3_format_locale(),
        time_format_locale=locale.d3_time_format_locale(),
    )
    return svg


def _month_date(month: str) -> str:
    return f"{month}-01"


def _trend(figure: Figure, locale: ReportLocale) -> dict[str, Any]:
    t = locale.gettext
    count_title = t(_("Crimes recorded"))
    values = [
        {
            "month": _month_date(r["month"]),
            "label": locale.month(r["month"]),
            "count": r["count"],
            "lower": r["lower"],
            "upper": r["upper"],
            "expected": r["expected"],
            "flag": t(_("Above expected range"))
            if r["flag"] == "above"
            else t(_("Below expected range"))
            if r["flag"] == "below"
            else None,
        }
        for r in figure.table.rows
    ]
    x = {
        "field": "month",
        "type": "temporal",
        "title": None,
        "axis": {
            "format": "%b %Y",
            "labelAngle": -45,
            "tickCount": {"interval": "month", "step": 3},
        },
    }
    tooltip = [
        {"field": "label", "title": t(_("Month"))},
        {"field": "count", "title": count_title, "format": ","},
        {"field": "lower", "title": t(_("Expected from")), "format": ",.0f"},
        {"field": "upper", "title": t(_("Expected to")), "format": ",.0f"},
    ]
    return {
        "width": 620,
        "height": 240,
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "area", "color": BAND},
                "encoding": {
                    "x": x,
                    "y": {"field": "lower", "type": "quantitative"},
                    "y2": {"field": "upper"},
                },
            },
            {
                "mark": {"type": "line", "color": ACCENT, "strokeWidth": 2, "point": True},
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "count",
                        "type": "quantitative",
                        "title": count_title,
                        "scale": {"zero": True},
                    },
                    "tooltip": tooltip,
                },
            },
            {
                "transform": [{"filter": "datum.flag != null"}],
                "mark": {"type": "point", "shape": "triangle-up", "size": 120, "filled": True},
                "encoding": {
                    "x": x,
                    "y": {"field": "count", "type": "quantitative"},
                    "color": {
                        "field": "flag",
                        "type": "nominal",
                        "title": None,
                        "scale": {
                            "domain": [t(_("Above expected range")), t(_("Below expected range"))],
                            "range": [WARNING, INK],
                        },
                    },
                    "tooltip": tooltip,
                },
            },
        ],
    }


def _bars(figure: Figure, locale: ReportLocale) -> dict[str, Any]:
    value_key = figure.options.get("value", "twelve_months")
    label_key = figure.options.get("label", "category")
    label = locale.gettext(figure.table.column(value_key).label)
    values = [
        {
            "category": locale.category(r[label_key])
            if label_key == "category"
            else str(r[label_key]),
            "value": r[value_key],
        }
        for r in figure.table.rows
        if r[value_key] is not None
    ]
    axis_title = (
        None if label_key == "category" else locale.gettext(figure.table.column(label_key).label)
    )
    return {
        "width": 560,
        "height": {"step": 22},
        "data": {"values": values},
        "mark": {"type": "bar", "color": ACCENT},
        "encoding": {
            "y": {
                "field": "category",
                "type": "nominal",
                "sort": "-x" if label_key == "category" else None,
                "title": axis_title,
            },
            "x": {"field": "value", "type": "quantitative", "title": label},
            "tooltip": [
                {"field": "category", "title": locale.gettext(_("Category"))},
                {"field": "value", "title": label, "format": ","},
            ],
        },
    }


def _two_series(figure: Figure, locale: ReportLocale) -> dict[str, Any]:
    t = locale.gettext
    series = {
        "ed": t(_("Emergency department assault attendances")),
        "police": t(_("Police-recorded violence")),
    }
    values = [
        {"month": _month_date(r["month"]), "series": series[key], "value": r[key]}
        for r in figure.table.rows
        for key in ("ed", "police")
        if r[key] is not None
    ]
    return {
        "width": 620,
        "height": 220,
        "data": {"values": values},
        "mark": {"type": "line", "point": True, "strokeWidth": 2},
        "encoding": {
            "x": {
                "field": "month",
                "type": "temporal",
                "title": None,
                "axis": {"format": "%b %Y", "labelAngle": -45},
            },
            "y": {"field": "value", "type": "quantitative", "title": t(_("A month"))},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [series["ed"], series["police"]], "range": [WARNING, ACCENT]},
            },
            "strokeDash": {"field": "series", "type": "nominal", "legend": None},
            "tooltip": [
                {"field": "series", "title": " "},
                {"field": "month", "type": "temporal", "format": "%B %Y", "title": t(_("Month"))},
                {"field": "value", "format": ",", "title": t(_("Count"))},
            ],
        },
    }


def _heatmap(figure: Figure, locale: ReportLocale) -> dict[str, Any]:
    t = locale.gettext
    days = locale.day_names()
    values = [
        {"day": days[d], "hour": f"{h:02d}", "count": row[f"h{h:02d}"]}
        for d, row in enumerate(figure.table.rows)
        for h in range(24)
    ]
    return {
        "width": 600,
        "height": 190,
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "white"},
                "encoding": {
                    "x": {"field": "hour", "type": "ordinal", "title": t(_("Hour of the day"))},
                    "y": {"field": "day", "type": "ordinal", "sort": days, "title": None},
                    "color": {
                        "field": "count",
                        "type": "quantitative",
                        "title": t(_("Attendances")),
                        "scale": {"scheme": HEAT},
                        "legend": {"orient": "right"},
                    },
                    "tooltip": [
                        {"field": "day", "title": t(_("Day"))},
                        {"field": "hour", "title": t(_("Hour of the day"))},
                        {"field": "count", "title": t(_("Attendances"))},
                    ],
                },
            },
            {
                # Withheld cells: a hatched grey square and the [c] marker.
                "transform": [{"filter": "datum.count == null"}],
                "mark": {"type": "text", "text": "c", "fontSize": 9, "color": INK},
                "encoding": {
                    "x": {"field": "hour", "type": "ordinal"},
                    "y": {"field": "day", "type": "ordinal", "sort": days},
                },
            },
        ],
    }


_BUILDERS = {"trend": _trend, "bars": _bars, "two_series": _two_series, "heatmap": _heatmap}
