"""Monthly trend per area with rates, rolling totals, year-on-year change and exceedance."""

from __future__ import annotations

from typing import Any

import numpy as np

from diogel.analysis.trends import (
    add_rates,
    exceedance,
    monthly_counts,
    rolling_12_months,
    year_on_year,
)
from diogel.disclosure import protect_table
from diogel.disclosure.rules import rule_for_sources
from diogel.figures.coverage import covered_months
from diogel.figures.query import FigureError, FigureQuery, sources_in
from diogel.geography import Geography
from diogel.warehouse import Warehouse
from diogel.warehouse.counts import CountQueryError


def trend_result(geo: Geography, warehouse: Warehouse, query: FigureQuery) -> dict[str, Any]:
    """Each area's months: count, rate per 1,000, rolling 12, expected and exceedance.

    Counts of sources that need disclosure control are suppressed per area (a
    suppressed month is ``None``) and the derived figures that would reveal them
    (rolling totals, year-on-year) are withheld. A month some reporting body of
    the area sent no data for has no count (``has_data`` false), and an area
    missing any month has no derived figures. ``diogel analyse trends --json``
    prints exactly this.
    """
    areas = query.areas(geo)
    try:
        frame = monthly_counts(
            warehouse,
            query.level,
            [a.code for a in areas],
            query.month_from,
            query.month_to,
            query.category,
            query.source,
            query.filter_area,
        )
    except (ValueError, CountQueryError) as exc:
        raise FigureError(str(exc)) from exc
    population = {a.code: a.population for a in areas if a.population}
    frame = exceedance(rolling_12_months(add_rates(frame, population)))
    try:
        changes = {c.area: c for c in year_on_year(frame, query.month_to)}
    except ValueError:
        changes = {}  # fewer than 24 months: no year-on-year comparison
    sources = sources_in(warehouse, query.source)
    rule = rule_for_sources(sources)
    covered = covered_months(geo, warehouse, sources, areas, *query.months, query.level)
    names = {a.code: a.name_en for a in areas}
    result: list[dict[str, Any]] = []
    for code, group in frame.groupby("area"):
        counts = group["count"].to_numpy()
        protected = protect_table(counts, rule) if rule.suppress else None
        has = covered.get(str(code), set())
        whole = len(has) == len(counts)  # derived figures need every month
        months: list[dict[str, Any]] = []
        records: list[dict[str, Any]] = group.to_dict("records")  # type: ignore[assignment]
        for i, row in enumerate(records):
            missing = row["month"] not in has
            hidden = missing or (protected is not None and bool(protected.suppressed[0, i]))
            rate, rolling, expected = (float(row[k]) for k in ("rate", "rolling_12", "expected"))
            months.append(
                {
                    "month": row["month"],
                    "count": None if hidden else int(row["count"]),
                    "rate_per_1000": None if hidden or np.isnan(rate) else rate,
                    "has_data": not missing,
                    "rolling_12": None
                    if np.isnan(rolling) or protected is not None or not whole
                    else int(rolling),
                    "expected": None if np.isnan(expected) or not whole else expected,
                    "exceeds": (row["exceeds"] or None) if whole else None,
                }
            )
        change = changes.get(str(code))
        result.append(
            {
                "code": code,
                "name": names.get(str(code)),
                "population": population.get(str(code)),
                "has_data": whole,
                "months": months,
                "year_on_year": None
                if change is None or protected is not None or not whole
                else {
                    "current": change.current,
                    "previous": change.previous,
                    "ratio": change.ratio,
                    "ci95": [change.ratio_low, change.ratio_high],
                    "p_value": change.p_value,
                },
            }
        )
    return {
        "level": query.level.value,
        "category": query.category,
        "from": query.month_from,
        "to": query.month_to,
        "suppressed": rule.suppress,
        "areas": result,
    }
