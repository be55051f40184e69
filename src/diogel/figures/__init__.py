"""Answers to the dashboards', the API's and the command line's questions.

One function per kind of answer, each returning plain data (JSON-ready): the
dashboard shows it, the API returns it and ``diogel analyse … --json`` prints
it, so the three can never disagree.
"""

from diogel.figures.hotspots import grid_hotspot_result, hotspot_result
from diogel.figures.query import FigureError, FigureQuery
from diogel.figures.records import record_columns, record_page
from diogel.figures.totals import area_totals
from diogel.figures.trends import trend_result

__all__ = [
    "FigureError",
    "FigureQuery",
    "area_totals",
    "grid_hotspot_result",
    "hotspot_result",
    "record_columns",
    "record_page",
    "trend_result",
]
