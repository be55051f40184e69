"""Getis-Ord Gi* hotspots of a query's areas, or of grid cells over its points."""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from diogel.analysis.hotspots import CLASS_NAMES, gi_star
from diogel.analysis.weights import queen
from diogel.figures.query import FigureError, FigureQuery
from diogel.geography import Geography, Level
from diogel.warehouse import Warehouse
from diogel.warehouse.counts import AREA_COLUMNS, count_incidents

Correction = Literal["fdr_bh", "holm", "none"]
CORRECTIONS: tuple[Correction, ...] = ("fdr_bh", "holm", "none")


_WEIGHTS: dict[tuple[int, Level, tuple[str, ...]], Any] = {}


def _queen_weights(geo: Geography, level: Level, codes: tuple[str, ...]) -> Any:
    """Queen contiguity of ``codes``, built once per geography and set of areas: the
    boundaries never change while a process runs, and building them costs more than
    the test itself."""
    key = (id(geo), level, codes)
    if key not in _WEIGHTS:
        if len(_WEIGHTS) > 256:
            _WEIGHTS.clear()
        polygons = geo.boundaries.polygons(level)
        _WEIGHTS[key] = queen(list(codes), [polygons[c] for c in codes])
    return _WEIGHTS[key]


def area_counts(geo: Geography, warehouse: Warehouse, query: FigureQuery) -> dict[str, int]:
    """Incidents in each of the query's areas over its months (zero where none)."""
    counts = dict.fromkeys((a.code for a in query.areas(geo)), 0)
    rows = count_incidents(
        warehouse,
        [query.column, "category"],
        query.source,
        query.month_from,
        query.month_to,
        query.filter_area,
    )
    for r in rows:
        code = r.keys[query.column]
        if (query.category is None or r.keys["category"] == query.category) and code in counts:
            counts[str(code)] += r.count
    return counts


def hotspot_result(
    geo: Geography,
    warehouse: Warehouse,
    query: FigureQuery,
    rate: bool = False,
    correction: Correction = "fdr_bh",
) -> dict[str, Any]:
    """Gi* over queen-contiguous areas (self included), with adjusted p and classes.

    ``diogel analyse hotspots --json`` prints exactly this.
    """
    if correction not in CORRECTIONS:
        raise FigureError("correction must be fdr_bh, holm or none")
    areas = query.areas(geo)
    counts = area_counts(geo, warehouse, query)
    codes = sorted(counts)
    weights = _queen_weights(geo, query.level, tuple(codes))
    values = np.array([counts[c] for c in codes], dtype=float)
    if rate:
        pop = {a.code: a.population or 0 for a in areas}
        values = np.array([counts[c] / pop[c] * 1000 if pop[c] else 0.0 for c in codes])
    try:
        result = gi_star(values, weights, correction=correction)
    except ValueError as exc:
        raise FigureError(str(exc)) from exc
    records = result.records()
    for rec in records:
        rec["count"] = counts[str(rec["code"])]
    return {
        "level": query.level.value,
        "category": query.category,
        "weights": "queen, binary, self included",
        "correction": correction,
        "islands": list(weights.islands),
        "areas": records,
    }


def grid_hotspot_result(
    geo: Geography,
    warehouse: Warehouse,
    query: FigureQuery,
    cell: float,
    correction: Correction = "fdr_bh",
) -> dict[str, Any]:
    """Gi* over square cells of ``cell`` metres (British National Grid) of the points.

    ``diogel analyse hotspots --grid CELL --json`` prints exactly this.
    """
    import shapely

    from diogel.analysis.grid import GridTooLargeError, grid_counts, to_bng
    from diogel.analysis.weights import grid_queen
    from diogel.geography.boundaries import to_british_national_grid
    from diogel.warehouse.queries import incident_frame

    if correction not in CORRECTIONS:
        raise FigureError("correction must be fdr_bh, holm or none")
    within = query.within
    column = AREA_COLUMNS.get(within.level) if within else None
    frame = incident_frame(
        warehouse,
        ["longitude", "latitude"],
        query.source,
        query.category,
        query.month_from,
        query.month_to,
        column,
        within.code if within else None,
    ).dropna()
    if frame.empty:
        raise FigureError("no incidents with points match")
    x, y = to_bng(frame["longitude"].to_numpy(), frame["latitude"].to_numpy())
    bounds: tuple[float, float, float, float] | None = None
    if within is not None and within.level is not Level.WALES:
        outline = geo.boundaries.polygons(within.level)[within.code]
        west, south, east, north = shapely.bounds(to_british_national_grid(np.array([outline])))[0]
        bounds = (float(west), float(south), float(east), float(north))
    try:
        cells = grid_counts(x, y, cell, bounds)
    except GridTooLargeError as exc:
        raise FigureError(str(exc)) from exc
    result = gi_star(
        cells.counts.ravel().astype(float),
        grid_queen(cells.rows, cells.columns),
        correction=correction,
    )
    cx, cy = cells.centres()
    hot = [
        {
            "row": int(i // cells.columns),
            "column": int(i % cells.columns),
            "x": float(cx[i % cells.columns]),
            "y": float(cy[i // cells.columns]),
            "count": int(cells.counts.ravel()[i]),
            "z": float(result.z[i]),
            "p_adjusted": float(result.p_adjusted[i]),
            "class": CLASS_NAMES[int(result.hot_cold[i])],
        }
        for i in np.flatnonzero(result.hot_cold != 0)
    ]
    return {
        "cell_m": cell,
        "rows": cells.rows,
        "columns": cells.columns,
        "points_outside_grid": cells.outside,
        "correction": correction,
        "significant_cells": hot,
    }
