"""Questions the figures layer cannot answer are refused, naming what it can answer."""

from __future__ import annotations

import pytest

from diogel.figures import FigureError, FigureQuery, area_totals, hotspot_result, trend_result
from diogel.geography import Geography, Level
from diogel.warehouse import Warehouse


@pytest.mark.parametrize("answer", [area_totals, trend_result, hotspot_result])
@pytest.mark.parametrize(
    ("source", "category", "says"),
    [
        ("police-uk", None, "its source is police_uk_street"),
        ("no-such-source", None, "choose from police_uk_street"),
        (None, "violent", "unknown category 'violent'; choose from violence"),
    ],
)
def test_unknown_sources_and_categories_are_refused(
    geo: Geography,
    gwent_warehouse: Warehouse,
    answer: object,
    source: str | None,
    category: str | None,
    says: str,
) -> None:
    query = FigureQuery(Level.LOCAL_AUTHORITY, None, category, source, "2021-01", "2021-03")
    with pytest.raises(FigureError, match=says):
        answer(geo, gwent_warehouse, query)  # type: ignore[operator]


def test_grid_hotspots_refuse_a_protected_source(
    geo: Geography, gwent_warehouse: Warehouse
) -> None:
    from diogel.figures import grid_hotspot_result

    query = FigureQuery(Level.LOCAL_AUTHORITY, None, None, "istv", "2021-01", "2021-03")
    with pytest.raises(FigureError, match="open sources only"):
        grid_hotspot_result(geo, gwent_warehouse, query, 500.0)
