"""Monthly trend per area with rates, rolling totals, year-on-year change and exceedance."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from diogel.analysis.trends import (
    add_rates,
    exceedance,
    rate_ratio,
    rolling_12_months,
    shift_month,
)
from diogel.figures.answers import AreaTrend, TrendAnswer, TrendMonth, YearOnYear
from diogel.figures.cells import CellGrid, area_month_cells, query_cells
from diogel.figures.query import FigureQuery
from diogel.figures.totals import imports_used
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse


def trend_result(geo: Geography, warehouse: Warehouse, query: FigureQuery) -> TrendAnswer:
    """Each area's months: count, rate per 1,000, rolling 12, expected and exceedance.

    Every figure is built from published cells only (:mod:`diogel.figures.cells`):
    a month with no data or a withheld count has no count, rate or flag; a rolling
    total, an expected count or a year-on-year change is given only where every
    month it is made of is published. One month with no data at the edge of the
    period therefore blanks only the figures it is part of. ``diogel analyse
    trends --json`` prints exactly this.
    """
    areas, sources, grid = query_cells(geo, warehouse, query)
    return TrendAnswer(
        level=query.level.value,
        category=query.category,
        month_from=query.month_from,
        month_to=query.month_to,
        suppressed=grid.protected,
        areas=[_area_trend(area, grid, query.month_to) for area in areas],
        imports=imports_used(warehouse, query, sources),
    )


def trend_frame(area: Area, grid: CellGrid) -> pd.DataFrame:
    """One area's months with rate, rolling 12, expected range and flags, from its
    published cells (``usable`` false where a month is not published)."""
    cells = grid.series(area.code)
    frame = pd.DataFrame(
        {
            "area": area.code,
            "month": list(grid.months),
            "count": [c.value or 0 for c in cells],
            "usable": [c.published for c in cells],
        }
    )
    population = {area.code: area.population} if area.population else {}
    return exceedance(rolling_12_months(add_rates(frame, population)))


def _area_trend(area: Area, grid: CellGrid, last: str) -> AreaTrend:
    frame = trend_frame(area, grid)
    months = []
    for row in frame.to_dict("records"):
        usable = bool(row["usable"])
        rate, rolling, expected = (float(row[k]) for k in ("rate", "rolling_12", "expected"))
        state = grid.cells[area.code][str(row["month"])].state
        months.append(
            TrendMonth(
                month=str(row["month"]),
                state=state,
                count=int(row["count"]) if usable else None,
                rate_per_1000=rate if usable and not math.isnan(rate) else None,
                has_data=state != "no_data",
                rolling_12=None if math.isnan(rolling) else int(rolling),
                expected=None if math.isnan(expected) else expected,
                exceeds=row["exceeds"] or None,
            )
        )
    return AreaTrend(
        code=area.code,
        name=area.name_en,
        population=area.population,
        has_data=all(m.has_data for m in months),
        months=months,
        year_on_year=year_on_year(frame, last),
    )


def year_on_year(frame: pd.DataFrame, last: str, length: int = 12) -> YearOnYear | None:
    """The ``length`` months to ``last`` against the same months a year before, when
    every one of the 2 × ``length`` months is published."""
    window = [shift_month(last, -k) for k in range(length)]
    before = [shift_month(m, -12) for m in window]
    by_month = frame.set_index("month")
    wanted = window + before
    if not all(m in by_month.index for m in wanted):
        return None
    if not bool(np.all(by_month.loc[wanted, "usable"].to_numpy(dtype=bool))):
        return None
    current = int(by_month.loc[window, "count"].sum())
    previous = int(by_month.loc[before, "count"].sum())
    ratio, low, high, p = rate_ratio(current, previous)
    return YearOnYear(
        current=current,
        previous=previous,
        ratio=_finite(ratio),
        ci95=(_finite(low), _finite(high)),
        p_value=p,
    )


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def area_trend_frames(
    geo: Geography,
    warehouse: Warehouse,
    area: Area,
    categories: tuple[str | None, ...],
    source: str,
    first: str,
    last: str,
) -> dict[str | None, pd.DataFrame]:
    """One area's months for each category, as :func:`trend_frame` builds them: the
    series a report's headline and trend tables format (``usable`` false where a month
    has no data or is withheld; its count is then not a figure)."""
    within = None if area.level is Level.WALES else area
    level = None if area.level is Level.WALES else area.level
    out: dict[str | None, pd.DataFrame] = {}
    for category in categories:
        grid = area_month_cells(
            geo, warehouse, {source}, category, [area], first, last, level, within
        )
        out[category] = trend_frame(area, grid)
    return out
