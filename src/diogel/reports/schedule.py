"""Which monthly reports an import makes due.

A Violence Monitoring Report is due for every configured area when an import
brings data for the newest month the warehouse holds police data for: a new
month has arrived (or, for an ED or partner file, the newest month is now more
complete). Back-filled older months do not trigger reports; the reports they
change say so when checked (:mod:`diogel.reports.provenance`).
"""

from __future__ import annotations

import datetime as dt

from diogel.reports.measures import POLICE, months_with_data
from diogel.warehouse import Warehouse


def months_due(warehouse: Warehouse, period_start: dt.date, period_end: dt.date) -> list[str]:
    """The month(s) whose monthly reports an import over the period makes due."""
    police = months_with_data(warehouse, POLICE)
    if not police:
        return []
    newest = police[-1]
    first, last = period_start.strftime("%Y-%m"), period_end.strftime("%Y-%m")
    return [newest] if first <= newest <= last else []


def reports_due(
    warehouse: Warehouse, areas: tuple[str, ...], period_start: dt.date, period_end: dt.date
) -> list[tuple[str, str]]:
    """(area, month) pairs to generate after an import."""
    return [
        (area, month) for month in months_due(warehouse, period_start, period_end) for area in areas
    ]
