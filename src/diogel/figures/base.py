"""Counting current incidents: the only SQL over the incident tables that published
figures are built from (``tests/test_architecture.py`` keeps it so)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from diogel.geography import Area, Level
from diogel.sources.categories import CATEGORIES
from diogel.sources.registry import INGEST_COMMANDS, NOT_INCIDENTS, shipped_sources
from diogel.warehouse.store import Warehouse

if TYPE_CHECKING:
    import pandas as pd

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


# ASCII digits matched whole (``\d`` takes other scripts' digits, ``$`` a final newline).
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])", re.ASCII)


def _month(value: str, end: bool) -> dt.date:
    if not _MONTH.fullmatch(value):
        raise CountQueryError(f"{value[:20]!r} is not a month (YYYY-MM, e.g. 2021-03)")
    try:
        day = dt.date.fromisoformat(f"{value}-01")
        if end:
            day = (day + dt.timedelta(days=32)).replace(day=1)
    except (ValueError, OverflowError) as exc:  # year 0000, or past 9999-12
        raise CountQueryError(f"{value!r} is outside the calendar") from exc
    return day


def known_sources(warehouse: Warehouse) -> dict[str, str]:
    """Every source the warehouse can hold: source code -> what it is.

    The adapters' and shipped mappings' sources, and any other source already
    imported (through a partner's own mapping).
    """
    known = shipped_sources()
    if warehouse.catalogue_path.exists():
        with warehouse.connect() as con:
            for source, mapping in con.execute(
                "select source, max(mapping) from imports group by source order by source"
            ).fetchall():
                if source not in known:
                    known[source] = f"imported through mapping {mapping or '(unknown)'}"
    return known


def current_sources(warehouse: Warehouse) -> set[str]:
    """Sources with at least one current import (their records are counted)."""
    if not warehouse.catalogue_path.exists():
        return set()
    with warehouse.connect() as con:
        rows = con.execute("select distinct source from imports where status = 'current'")
        return {str(r[0]) for r in rows.fetchall()}


def check_filters(
    warehouse: Warehouse,
    source: str | None = None,
    category: str | None = None,
    month_from: str | None = None,
    month_to: str | None = None,
) -> None:
    """Refuse filters no count can answer, naming the values that would do.

    A known source with nothing imported is not refused: its count is a true zero
    of what the warehouse holds (callers should say that there is no data for it).

    Raises
    ------
    CountQueryError
        For an unknown source or category, a source whose records are not incidents,
        a month not written YYYY-MM, or a first month after the last.
    """
    if source is not None:
        known = known_sources(warehouse)
        if source in NOT_INCIDENTS:
            raise CountQueryError(
                f"{source} records are not incidents (they are kept in "
                f"{NOT_INCIDENTS[source]}) and are not counted here; incident sources: "
                f"{', '.join(s for s in known if s not in NOT_INCIDENTS)}"
            )
        if source not in known:
            hint = (
                f" ({source!r} is the ingest command; its source is {INGEST_COMMANDS[source]})"
                if source in INGEST_COMMANDS
                else ""
            )
            raise CountQueryError(
                f"unknown source {source!r}{hint}; choose from "
                f"{', '.join(s for s in known if s not in NOT_INCIDENTS)}"
            )
    if category is not None and category not in CATEGORIES:
        raise CountQueryError(f"unknown category {category!r}; choose from {', '.join(CATEGORIES)}")
    first = _month(month_from, end=False) if month_from else None
    last = _month(month_to, end=False) if month_to else None
    if first is not None and last is not None and first > last:
        raise CountQueryError(f"--from {month_from} is after --to {month_to}")


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


def monthly_counts(
    warehouse: Warehouse,
    level: Level,
    areas: list[str],
    first: str,
    last: str,
    category: str | None = None,
    source: str | None = None,
    within: Area | None = None,
) -> pd.DataFrame:
    """Counts per area and month, every (area, month) present, zero-filled."""
    import pandas as pd

    from diogel.analysis.trends import month_range

    dimension = AREA_COLUMNS[level]
    rows = count_incidents(warehouse, [dimension, "month"], source, first, last, within, category)
    frame = pd.DataFrame(
        [{"area": r.keys[dimension], "month": r.keys["month"], "count": r.count} for r in rows],
        columns=["area", "month", "count"],
    )
    summed = frame.groupby(["area", "month"])["count"].sum()
    grid = pd.MultiIndex.from_product(
        [areas, [m.strftime("%Y-%m") for m in month_range(first, last)]], names=["area", "month"]
    )
    return summed.reindex(grid, fill_value=0).astype("int64").reset_index()


def imports_with_rows(
    warehouse: Warehouse,
    sources: set[str],
    category: str | None,
    month_from: str,
    month_to: str,
    area: Area | None,
) -> list[dict[str, object]]:
    """The current imports with records counted by a question: of ``sources``, in
    the months, in ``area`` (any, for Wales or none). Another force's republication
    that has no row in the area is not one of them."""
    if not warehouse.catalogue_path.exists() or not sources:
        return []
    where, params = record_filters(None, category, month_from, month_to)
    where.append(f"i.source in ({', '.join('?' for _ in sources)})")
    params.extend(sorted(sources))
    if area is not None and area.level is not Level.WALES and area.level in AREA_COLUMNS:
        where.append(f"i.{AREA_COLUMNS[area.level]} = ?")
        params.append(area.code)
    sql = (
        "select m.import_id, m.source, m.supplier, strftime(m.period_start, '%Y-%m-%d'), "
        "strftime(m.period_end, '%Y-%m-%d') from imports m where m.import_id in "
        f"(select distinct i.import_id from current_incidents i where {' and '.join(where)}) "
        "order by m.source, m.period_start, m.supplier, m.import_id"
    )
    with warehouse.connect() as con:
        rows = con.execute(sql, params).fetchall()
    keys = ("import_id", "source", "supplier", "period_start", "period_end")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def incident_frame(
    warehouse: Warehouse,
    columns: list[str],
    source: str | None = None,
    category: str | None = None,
    month_from: str | None = None,
    month_to: str | None = None,
    area_column: str | None = None,
    area_code: str | None = None,
) -> pd.DataFrame:
    """Current incidents (selected columns) as a pandas frame, filtered.

    Record-level: callers showing the rows to people must audit the view.
    """
    import pandas as pd

    from diogel.warehouse.imports import INCIDENT_COLUMNS

    # Any column of the incidents table (the list the importer writes).
    allowed = set(INCIDENT_COLUMNS)
    unknown = sorted(set(columns) - allowed)
    if unknown:
        raise ValueError(f"unknown column(s) {unknown}")
    where, params = record_filters(source, category, month_from, month_to)
    if area_column and area_code:
        if area_column not in allowed:
            raise ValueError(f"cannot filter on {area_column}")
        where.append(f"{area_column} = ?")
        params.append(area_code)
    if not warehouse.catalogue_path.exists():
        return pd.DataFrame(columns=columns)
    with warehouse.connect() as con:
        return con.execute(
            f"select {', '.join(columns)} from current_incidents where {' and '.join(where)}",
            params,
        ).fetchdf()
