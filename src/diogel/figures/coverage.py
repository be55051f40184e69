"""Which months each area has data for: a missing file is "no data", never zero.

Records are sent by a reporting body (a police force, a health board's
emergency departments). An area has data for a month when every body of the
source that covers any part of it sent that month; otherwise a count for the
area would silently leave part of it out.
"""

from __future__ import annotations

from collections import defaultdict

import duckdb

from diogel.figures.base import AREA_COLUMNS, record_filters
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse
from diogel.warehouse.coverage import reported_months


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM), inclusive.

    Examples
    --------
    >>> months_between("2020-11", "2021-02")
    ['2020-11', '2020-12', '2021-01', '2021-02']
    """
    year, month = int(first[:4]), int(first[5:])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def covered_months(
    geo: Geography,
    warehouse: Warehouse,
    sources: set[str],
    areas: list[Area],
    first: str,
    last: str,
    level: Level | None = None,
) -> dict[str, set[str]]:
    """For each area, the months in ``first``…``last`` every reporting body covering it sent.

    With ``level``, a body counts as sending a month only if some of its records
    that month are placed in an area at that level: a source that does not locate
    its records (emergency department attendances are known by hospital, not by
    where the assault happened) has no data for small areas, not zeros. A source
    whose records name no reporting body is taken to cover every area in the
    months it has placed records for.
    """
    return coverage(geo, warehouse, sources, areas, first, last, level)[0]


def coverage(
    geo: Geography,
    warehouse: Warehouse,
    sources: set[str],
    areas: list[Area],
    first: str,
    last: str,
    level: Level | None = None,
) -> tuple[dict[str, set[str]], dict[str, frozenset[str]]]:
    """:func:`covered_months`, and for each area the reporting bodies covering it."""
    wanted = months_between(first, last)
    result: dict[str, set[str]] = {a.code: set(wanted) for a in areas}
    bodies_of: dict[str, set[str]] = {a.code: set() for a in areas}
    for source in sorted(sources):
        sent = _sent_months(geo, warehouse, source, first, last, level)
        bodies = {code: months for code, months in sent.items() if code}
        unplaced = sent.get(None, set())
        by_level: dict[Level, dict[str, set[str]]] = defaultdict(dict)
        for code, months in bodies.items():
            try:
                body = geo.hierarchy.area(code)
            except KeyError:
                continue  # a body outside Wales (e.g. a cross-border site)
            by_level[body.level][code] = months
        for area in areas:
            if not by_level:
                result[area.code] &= unplaced
                continue
            for body_level, months_of in by_level.items():
                for code in _overlapping(geo, body_level, area):
                    result[area.code] &= months_of.get(code, set())
                    bodies_of[area.code].add(code)
    return result, {code: frozenset(b) for code, b in bodies_of.items()}


def _sent_months(
    geo: Geography,
    warehouse: Warehouse,
    source: str,
    first: str,
    last: str,
    placed: Level | None,
) -> dict[str | None, set[str]]:
    """Months each reporting body reported ``source`` for: every month of a current
    import's period (a nil return, a file with a header and no rows, included: a
    reported zero), as the imports' coverage records them, and any month holding its
    records. With ``placed`` (a level), nothing is reported at that level by a source
    that never places its records there (emergency departments by LSOA), except by a
    body that is itself an area of that level (a health board's nil return)."""
    if not warehouse.catalogue_path.exists():
        return {}
    column = AREA_COLUMNS.get(placed) if placed is not None else None
    recorded = _recorded_months(warehouse, source, first, last, column)
    try:
        reported = reported_months(warehouse, source, first, last)
    except duckdb.Error:
        return recorded  # a warehouse from before coverage was recorded
    everywhere = column is None or _places_at(warehouse, source, column)
    for body, months in reported.items():
        if everywhere or (body is not None and _is_at(geo, body, placed)):
            recorded.setdefault(body, set()).update(months)
    return recorded


def _is_at(geo: Geography, code: str, level: Level | None) -> bool:
    try:
        return geo.hierarchy.area(code).level is level
    except KeyError:
        return False


def _recorded_months(
    warehouse: Warehouse, source: str, first: str, last: str, placed: str | None
) -> dict[str | None, set[str]]:
    where, params = record_filters(source, None, first, last)
    having = f"having count({placed}) > 0" if placed else ""
    sql = (
        "select reporting_area, strftime(month, '%Y-%m') from current_incidents "
        f"where {' and '.join(where)} group by 1, 2 {having}"
    )
    with warehouse.connect() as con:
        rows = con.execute(sql, params).fetchall()
    sent: dict[str | None, set[str]] = defaultdict(set)
    for body, month in rows:
        sent[body].add(str(month))
    return sent


def _places_at(warehouse: Warehouse, source: str, column: str) -> bool:
    """Whether ``source`` places any of its records in an area of ``column``'s level."""
    with warehouse.connect() as con:
        row = con.execute(
            f"select count(*) from (select 1 from current_incidents where source = ? "
            f"and {column} is not null limit 1)",
            [source],
        ).fetchone()
    return bool(row and row[0])


def _overlapping(geo: Geography, level: Level, area: Area) -> set[str]:
    if area.level is Level.WALES:
        return {a.code for a in geo.hierarchy.areas_at(level)}
    if area.level is level:
        return {area.code}
    if level in area.parents:
        return {area.parents[level]}  # wholly inside one: no need to search
    return geo.hierarchy.overlapping(level, area)
