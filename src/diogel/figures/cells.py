"""Every area-month a query asks for, as one published cell: a value, "no data" or withheld.

This is the one place where coverage and disclosure control meet. Every answer of
the figures layer (totals, trends, hotspots, series, ratios) is built from these
cells and only from them, so none can show a zero where there is no data or a
figure worked out from a withheld one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from diogel.disclosure.rules import OPEN_SOURCES
from diogel.figures.base import AREA_COLUMNS, count_incidents
from diogel.figures.coverage import coverage, months_between
from diogel.figures.publication import protected_source
from diogel.figures.query import FigureQuery, sources_in
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse

#: ``value``: a published count (0 included); ``no_data``: some body covering the area
#: sent nothing for the month; ``withheld``: disclosure control withholds it.
State = Literal["value", "no_data", "withheld"]


@dataclass(frozen=True)
class Cell:
    """One published figure: ``value`` is None unless ``state`` is ``value``."""

    value: int | None
    state: State

    @property
    def published(self) -> bool:
        return self.state == "value"


NO_DATA = Cell(None, "no_data")
WITHHELD = Cell(None, "withheld")


def combine(cells: list[Cell]) -> Cell:
    """The sum of ``cells``: "no data" if any has none, withheld if any is withheld.

    Examples
    --------
    >>> combine([Cell(3, "value"), Cell(4, "value")])
    Cell(value=7, state='value')
    >>> combine([Cell(3, "value"), WITHHELD, NO_DATA]).state
    'no_data'
    >>> combine([]).value
    0
    """
    if any(c.state == "no_data" for c in cells):
        return NO_DATA
    if any(c.state == "withheld" for c in cells):
        return WITHHELD
    return Cell(sum(c.value or 0 for c in cells), "value")


@dataclass(frozen=True)
class CellGrid:
    """The cells of some areas over some months, and what they were built from."""

    sources: tuple[str, ...]
    protected: bool
    months: tuple[str, ...]
    cells: dict[str, dict[str, Cell]]  # area code -> month -> cell
    #: Each area's reporting bodies (those whose files cover it), from the same coverage.
    bodies: dict[str, frozenset[str]] = field(default_factory=dict)

    def series(self, code: str) -> list[Cell]:
        return [self.cells[code][m] for m in self.months]

    def window(self, code: str) -> Cell:
        return combine(self.series(code))


def area_month_cells(
    geo: Geography,
    warehouse: Warehouse,
    sources: set[str],
    category: str | None,
    areas: list[Area],
    first: str,
    last: str,
    level: Level | None = None,
    within: Area | None = None,
) -> CellGrid:
    """Each area's cell for each month from ``first`` to ``last``.

    ``level`` is the level the question is asked at (for coverage: a source that
    does not place its records at that level has no data there); ``within`` only
    narrows what is read (a query's filter area, never Wales). Open sources are
    counted as recorded; protected ones come from their protected base
    (:mod:`diogel.figures.publication`), the same for every question.
    """
    months = months_between(first, last)
    covered, bodies = coverage(geo, warehouse, sources, areas, first, last, level)
    open_sources = sorted(s for s in sources if s in OPEN_SOURCES)
    protected = [
        protected_source(geo, warehouse, s, first, last)
        for s in sorted(sources)
        if s not in OPEN_SOURCES
    ]
    raw = _open_counts(warehouse, open_sources, category, areas, first, last, within)
    rows = {a.code: [p.rows_for(geo, a) for p in protected] for a in areas}
    cells: dict[str, dict[str, Cell]] = {}
    for area in areas:
        by_month: dict[str, Cell] = {}
        for month in months:
            if month not in covered[area.code]:
                by_month[month] = NO_DATA
                continue
            value = raw.get((area.code, month), 0)
            hidden = False
            for source, area_rows in zip(protected, rows[area.code], strict=True):
                n, withheld = source.value(area_rows, category, month)
                value += n
                hidden = hidden or withheld
            by_month[month] = WITHHELD if hidden else Cell(value, "value")
        cells[area.code] = by_month
    return CellGrid(tuple(sorted(sources)), bool(protected), tuple(months), cells, bodies)


def query_cells(
    geo: Geography, warehouse: Warehouse, query: FigureQuery
) -> tuple[list[Area], set[str], CellGrid]:
    """A query's areas, the sources it reads and their cells, after refusing a question
    no figure can be given for: what totals, trends and hotspots all start from."""
    query.check(warehouse)
    areas = query.areas(geo)
    sources = sources_in(warehouse, query.source, query.level)
    grid = area_month_cells(
        geo,
        warehouse,
        sources,
        query.category,
        areas,
        *query.months,
        query.level,
        query.filter_area,
    )
    return areas, sources, grid


def _open_counts(
    warehouse: Warehouse,
    sources: list[str],
    category: str | None,
    areas: list[Area],
    first: str,
    last: str,
    within: Area | None,
) -> dict[tuple[str, str], int]:
    """Counts of open sources by area and month, read at each level the areas are at."""
    out: dict[tuple[str, str], int] = {}
    if not sources:
        return out
    levels = {a.level for a in areas}
    for level in levels:
        wanted = {a.code for a in areas if a.level is level}
        if level is Level.WALES:
            for source in sources:
                rows = count_incidents(
                    warehouse, ["month"], source, first, last, _wales(areas), category
                )
                for r in rows:
                    key = ("W92000004", str(r.keys["month"]))
                    out[key] = out.get(key, 0) + r.count
            continue
        column = AREA_COLUMNS[level]
        for source in sources:
            for r in count_incidents(
                warehouse, [column, "month"], source, first, last, within, category
            ):
                code = r.keys[column]
                if code in wanted:
                    key = (str(code), str(r.keys["month"]))
                    out[key] = out.get(key, 0) + r.count
    return out


def _wales(areas: list[Area]) -> Area:
    return next(a for a in areas if a.level is Level.WALES)
