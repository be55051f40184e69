"""Estimated cost of crime by area: counts × a cited unit cost, from published counts.

Open sources are costed record type by record type (records placed in the area). A
protected source is costed only through its published figures: its whole count in the
area and period (from the protected base) when one unit cost applies to all its
records (``source/*``, as an emergency-department attendance is costed as violence
with injury); a withheld count withholds the area's cost, which would otherwise give
it away.
"""

from __future__ import annotations

from diogel.analysis.cost import UnitCosts, estimate_costs
from diogel.disclosure.rules import OPEN_SOURCES
from diogel.figures.answers import Answer, State
from diogel.figures.base import AREA_COLUMNS, count_incidents
from diogel.figures.cells import area_month_cells
from diogel.figures.query import FigureError, sources_in
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse


class AreaCost(Answer):
    code: str
    state: State
    cost: float | None


class CostAnswer(Answer):
    unit_costs: str
    price_year: str
    deflator: float
    areas: list[AreaCost]
    records_not_costed: int


def cost_by_area(
    geo: Geography,
    warehouse: Warehouse,
    level: Level,
    within: Area | None,
    first: str,
    last: str,
    costs: UnitCosts,
    deflator: float = 1.0,
) -> CostAnswer:
    """Each area's estimated cost over the months, with the records no cost applies to."""
    if level not in AREA_COLUMNS:
        raise FigureError(f"cannot cost by {level.value}")
    column = AREA_COLUMNS[level]
    areas = sorted(geo.hierarchy.areas_at(level, within), key=lambda a: a.code)
    wanted = {a.code for a in areas}
    narrow = within if within is not None and within.level is not Level.WALES else None
    rows = count_incidents(warehouse, [column, "source", "subcategory"], None, first, last, narrow)
    counted = [
        (str(r.keys[column]), str(r.keys["source"]), r.keys["subcategory"], r.count)
        for r in rows
        if r.keys[column] in wanted and r.keys["source"] in OPEN_SOURCES
    ]
    # A source that places no records at this level (ED attendances by local authority)
    # is not part of this level's costs, as it is not of its counts.
    protected = sorted(sources_in(warehouse, None, level) - OPEN_SOURCES)
    states: dict[str, State] = dict.fromkeys(wanted, "value")
    uncosted = 0
    for source in protected:
        if costs.line_for(source, None) is None or f"{source}/*" not in costs.applies:
            # Costed type by type only: its counts by type are not published.
            uncosted += sum(r.count for r in rows if r.keys["source"] == source)
            continue
        grid = area_month_cells(geo, warehouse, {source}, None, areas, first, last, level, narrow)
        for area in areas:
            cell = grid.window(area.code)
            if cell.published:
                counted.append((area.code, source, None, int(cell.value or 0)))
            elif cell.state == "withheld" or states[area.code] == "value":
                states[area.code] = cell.state
    lines = estimate_costs(counted, costs, deflator)
    totals: dict[str, float] = {}
    for line in lines:
        if line.total is not None:
            totals[line.key] = totals.get(line.key, 0.0) + line.total
    uncosted += sum(line.count for line in lines if line.total is None)
    return CostAnswer(
        unit_costs=costs.title,
        price_year=costs.price_year,
        deflator=deflator,
        areas=[
            AreaCost(
                code=a.code,
                state=states[a.code],
                cost=totals.get(a.code, 0.0) if states[a.code] == "value" else None,
            )
            for a in areas
        ],
        records_not_costed=uncosted,
    )
