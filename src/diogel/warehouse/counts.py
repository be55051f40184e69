"""Counting current incidents by any combination of dimensions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from diogel.geography import Area, Level
from diogel.warehouse.store import Warehouse

#: Dimension name -> SQL expression over ``current_incidents``.
DIMENSIONS: dict[str, str] = {
    "month": "month",  # grouped as a date, shown as YYYY-MM
    "source": "source",
    "supplier": "supplier",
    "category": "category",
    "subcategory": "subcategory",
    "crime_type": "source_type",
    "reporting_area": "reporting_area",
    "police_force_area": "police_force_area",
    "local_authority": "local_authority",
    "health_board": "health_board",
    "csp": "csp",
    "psb": "psb",
    "region": "region",
    "msoa11": "msoa11",
    "lsoa11": "lsoa11",
}

#: Area level -> column holding the area code for each incident.
AREA_COLUMNS: dict[Level, str] = {
    Level.LSOA11: "lsoa11",
    Level.MSOA11: "msoa11",
    Level.LOCAL_AUTHORITY: "local_authority",
    Level.HEALTH_BOARD: "health_board",
    Level.POLICE_FORCE_AREA: "police_force_area",
    Level.PSB: "psb",
    Level.CSP: "csp",
    Level.REGION: "region",
}


class CountQueryError(ValueError):
    """A count request that cannot be answered (unknown dimension, bad month...)."""


@dataclass(frozen=True)
class CountRow:
    keys: dict[str, str | None]
    count: int


def _month(value: str, end: bool) -> dt.date:
    try:
        day = dt.date.fromisoformat(f"{value}-01")
    except ValueError as exc:
        raise CountQueryError(f"{value!r} is not a month (YYYY-MM)") from exc
    if end:
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return day


def record_filters(
    source: str | None, category: str | None, month_from: str | None, month_to: str | None
) -> tuple[list[str], list[object]]:
    """SQL conditions and parameters for the usual filters on ``current_incidents``."""
    where: list[str] = ["true"]
    params: list[object] = []
    if source:
        where.append("source = ?")
        params.append(source)
    if category:
        where.append("category = ?")
        params.append(category)
    if month_from:
        where.append("month >= ?")
        params.append(_month(month_from, end=False))
    if month_to:
        where.append("month < ?")
        params.append(_month(month_to, end=True))
    return where, params


def count_incidents(
    warehouse: Warehouse,
    by: list[str],
    source: str | None = None,
    month_from: str | None = None,
    month_to: str | None = None,
    area: Area | None = None,
    category: str | None = None,
) -> list[CountRow]:
    """Counts of current incidents grouped by ``by`` (see :data:`DIMENSIONS`).

    Rows with no area at a dimension's level count under ``None`` (for police
    data: no location, or located outside Wales, yet in the force's totals).
    """
    unknown = [d for d in by if d not in DIMENSIONS]
    if unknown:
        raise CountQueryError(
            f"unknown dimension(s) {', '.join(unknown)}; choose from {', '.join(DIMENSIONS)}"
        )
    where, params = record_filters(source, category, month_from, month_to)
    if area is not None:
        if area.level is Level.WALES:
            where.append("local_authority is not null")
        elif area.level in AREA_COLUMNS:
            where.append(f"{AREA_COLUMNS[area.level]} = ?")
            params.append(area.code)
        else:
            raise CountQueryError(f"cannot count by a {area.level.value} area")
    # Months formatted by DuckDB: formatting them row by row in Python cost more than
    # the query on large groupings. YYYY-MM text sorts as the dates do.
    select = [
        f"strftime({DIMENSIONS[d]}, '%Y-%m') as {d}" if d == "month" else f"{DIMENSIONS[d]} as {d}"
        for d in by
    ]
    group = f"group by {', '.join(str(i + 1) for i in range(len(by)))}" if by else ""
    order = f"order by {', '.join(str(i + 1) for i in range(len(by)))}" if by else ""
    sql = (
        f"select {', '.join([*select, 'count(*) as n'])} from current_incidents "
        f"where {' and '.join(where)} {group} {order}"
    )
    if not warehouse.catalogue_path.exists():
        return []
    with warehouse.connect() as con:
        rows = con.execute(sql, params).fetchall()
    return [CountRow(dict(zip(by, r[:-1], strict=True)), int(r[-1])) for r in rows]
