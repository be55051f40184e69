"""Each area's total over a query's months: the figures behind a choropleth map."""

from __future__ import annotations

from typing import Any

import numpy as np

from diogel.disclosure import protect_table
from diogel.disclosure.rules import rule_for_sources
from diogel.figures.coverage import covered_months, months_between
from diogel.figures.hotspots import area_counts
from diogel.figures.query import FigureQuery, sources_in
from diogel.geography import Geography
from diogel.warehouse import Warehouse


def area_totals(geo: Geography, warehouse: Warehouse, query: FigureQuery) -> dict[str, Any]:
    """Count and rate per 1,000 residents of each area, with the total of them all.

    An area some of whose reporting bodies sent no data for a month of the period
    has no count (``has_data`` false), and then neither has the total. Sources that
    need disclosure control are protected as one table with its
    total (primary and secondary suppression): a withheld count is ``None`` and
    so is its rate.
    """
    areas = query.areas(geo)
    counts = area_counts(geo, warehouse, query)
    sources = sources_in(warehouse, query.source)
    rule = rule_for_sources(sources)
    wanted = set(months_between(*query.months))
    months = covered_months(geo, warehouse, sources, areas, *query.months, query.level)
    values = [counts[a.code] for a in areas]
    published: list[float | None]
    total: float | None
    if rule.suppress and values:
        table = protect_table(values, rule).published[0]
        published = [None if np.isnan(v) else float(v) for v in table[:-1]]
        total = None if np.isnan(table[-1]) else float(table[-1])
    else:
        published = [float(v) for v in values]
        total = float(sum(values))
    rows = []
    for area, count in zip(areas, published, strict=True):
        if months[area.code] != wanted:
            count = None  # part of the area or period has no data: not a zero
        rate = count / area.population * 1000 if count is not None and area.population else None
        rows.append(
            {
                "code": area.code,
                "name_en": area.name_en,
                "name_cy": area.name_cy,
                "population": area.population,
                "has_data": months[area.code] == wanted,
                "count": None if count is None else int(count),
                "rate_per_1000": rate,
            }
        )
    return {
        "level": query.level.value,
        "within": query.within.code if query.within else None,
        "category": query.category,
        "source": query.source,
        "from": query.month_from,
        "to": query.month_to,
        "suppressed": rule.suppress,
        "total": None
        if total is None or any(months[a.code] != wanted for a in areas)
        else int(total),
        "areas": rows,
    }
