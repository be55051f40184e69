"""Each area's total over a query's months: the figures behind a choropleth map."""

from __future__ import annotations

from diogel.figures.answers import AreaTotal, ImportUsed, TotalsAnswer
from diogel.figures.base import imports_with_rows
from diogel.figures.cells import Cell, CellGrid, area_month_cells, combine, query_cells
from diogel.figures.query import FigureQuery
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse


def area_totals(geo: Geography, warehouse: Warehouse, query: FigureQuery) -> TotalsAnswer:
    """Count and rate per 1,000 residents of each area, with the count of the area
    they are within (Wales when none is named).

    An area some of whose reporting bodies sent no data for a month of the period
    has no count (state ``no_data``), never a zero. A protected source's counts
    come from its protected base (:mod:`diogel.figures.publication`): an area's
    total over the months is published only when every month of it is, so two
    overlapping windows never give away a withheld month.
    """
    areas, sources, grid = query_cells(geo, warehouse, query)
    rows = [_row(area, grid.window(area.code)) for area in areas]
    total = _container_total(geo, warehouse, query, sources, areas, grid)
    populations = [a.population for a in areas]
    population = sum(p for p in populations if p) if all(populations) else None
    return TotalsAnswer(
        level=query.level.value,
        within=query.within.code if query.within else None,
        category=query.category,
        source=query.source,
        month_from=query.month_from,
        month_to=query.month_to,
        suppressed=grid.protected,
        total=total.value,
        total_state=total.state,
        total_population=population,
        total_rate_per_1000=total.value / population * 1000
        if total.value is not None and population
        else None,
        areas=rows,
        imports=imports_used(warehouse, query, sources),
    )


def _row(area: Area, cell: Cell) -> AreaTotal:
    rate = (
        cell.value / area.population * 1000 if cell.value is not None and area.population else None
    )
    return AreaTotal(
        code=area.code,
        name_en=area.name_en,
        name_cy=area.name_cy,
        population=area.population,
        has_data=cell.state != "no_data",
        state=cell.state,
        count=cell.value,
        rate_per_1000=rate,
    )


def _container_total(
    geo: Geography,
    warehouse: Warehouse,
    query: FigureQuery,
    sources: set[str],
    areas: list[Area],
    grid: CellGrid,
) -> Cell:
    """The total of the areas shown: for open data their sum; for protected data the
    count of the area they are within, as its own published cell (never a sum that
    would include withheld areas)."""
    if not grid.protected:
        return combine([grid.window(a.code) for a in areas])
    container = query.within or geo.hierarchy.area("W92000004", Level.WALES)
    # The container must also have data for every month wherever an area lacks it.
    if any(grid.window(a.code).state == "no_data" for a in areas):
        return combine([grid.window(a.code) for a in areas])
    outer = area_month_cells(
        geo,
        warehouse,
        sources,
        query.category,
        [container],
        *query.months,
        container.level if container.level is not Level.WALES else query.level,
        query.filter_area,
    )
    return outer.window(container.code)


def imports_used(warehouse: Warehouse, query: FigureQuery, sources: set[str]) -> list[ImportUsed]:
    """The imports with records in the query's area and months."""
    return [
        ImportUsed.model_validate(row)
        for row in imports_with_rows(
            warehouse, sources, query.category, *query.months, query.filter_area
        )
    ]
