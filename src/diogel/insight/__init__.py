"""Answers to the dashboards', the API's and the command line's questions.

One function per kind of answer, each returning plain data (JSON-ready): the
dashboard shows it, the API returns it and ``diogel analyse … --json`` prints
it, so the three can never disagree.
"""

from diogel.insight.hotspots import area_counts, grid_hotspot_result, hotspot_result
from diogel.insight.query import InsightError, InsightQuery
from diogel.insight.records import record_columns, record_page
from diogel.insight.totals import area_totals
from diogel.insight.trends import trend_result

__all__ = [
    "InsightError",
    "InsightQuery",
    "area_counts",
    "area_totals",
    "grid_hotspot_result",
    "hotspot_result",
    "record_columns",
    "record_page",
    "trend_result",
]
