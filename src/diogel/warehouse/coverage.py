"""Which months each reporting body has reported: "reported zero" against "no file".

Every import writes ``import_coverage`` rows (see :mod:`diogel.warehouse.imports`):
one per reporting body it reports for (a police force's area, an emergency
department's health board; NULL when the file names none) and month of its
period, rows or none. A month with coverage and no incidents is a reported zero
(a nil return, or a month with nothing of that kind); a month without coverage has
no file in the warehouse, and a zero there is not a figure.

Only current imports count: a superseded import's months are covered by the
import that replaced it (the same period), a purged import's records are gone and
its coverage rows are kept as provenance but no longer count, as its incidents
no longer do.
"""

from __future__ import annotations

import datetime as dt
import re

from diogel.warehouse.store import Warehouse

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _first_day(value: str) -> dt.date:
    if not _MONTH.match(value):
        raise ValueError(f"{value!r} is not a month (YYYY-MM)")
    return dt.date.fromisoformat(f"{value}-01")


def reported_months(
    warehouse: Warehouse, source: str, first: str | None = None, last: str | None = None
) -> dict[str | None, set[str]]:
    """Months (YYYY-MM) reported by each reporting area for ``source``, current imports only.

    ``first`` and ``last`` (YYYY-MM, inclusive, optional) bound the months. The key
    ``None`` holds months reported by imports whose file names no reporting body.
    An empty answer means nothing of ``source`` is imported for those months.

    Raises
    ------
    ValueError
        When ``first`` or ``last`` is not a month written YYYY-MM.
    """
    where = ["source = ?"]
    params: list[object] = [source]
    if first is not None:
        where.append("month >= ?")
        params.append(_first_day(first))
    if last is not None:
        where.append("month <= ?")
        params.append(_first_day(last))
    if not warehouse.catalogue_path.exists():
        return {}
    with warehouse.connect() as con:
        rows = con.execute(
            "select distinct reporting_area, strftime(month, '%Y-%m') from current_coverage "
            f"where {' and '.join(where)}",
            params,
        ).fetchall()
    found: dict[str | None, set[str]] = {}
    for area, month in rows:
        found.setdefault(area, set()).add(str(month))
    return found
