"""Getis-Ord Gi* hotspots of a query's areas, or of grid cells over its points."""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from diogel.analysis.hotspots import CLASS_NAMES, gi_star
from diogel.analysis.weights import queen
from diogel.disclosure.rules import OPEN_SOURCES
from diogel.figures.answers import HotspotAnswer, HotspotArea
from diogel.figures.base import AREA_COLUMNS
from diogel.figures.cells import Cell, query_cells
from diogel.figures.query import FigureError, FigureQuery
from diogel.figures.totals import imports_used
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse

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


def hotspot_result(
    geo: Geography,
    warehouse: Warehouse,
    query: FigureQuery,
    rate: bool = False,
    correction: Correction = "fdr_bh",
) -> HotspotAnswer:
    """Gi* over queen-contiguous areas (self included), with adjusted p and classes.

    Only areas with data for every month are tested; the others are named in
    ``left_out``, never counted as zero. When some are left out, the covered areas
    of each reporting body (or set of bodies) are tested on their own, so a body's
    hotspots are the same whether it is asked for alone or inside a larger area
    whose other bodies sent nothing. A protected source is tested only when every
    area's count is published (a z-score is a sum of the counts). When no test
    runs, ``tested`` is false and the reason is given: "no hotspots" is said only
    of a test that ran. ``diogel analyse hotspots --json`` prints exactly this.
    """
    if correction not in CORRECTIONS:
        raise FigureError("correction must be fdr_bh, holm or none")
    areas, sources, grid = query_cells(geo, warehouse, query)
    bodies = grid.bodies
    windows = {a.code: grid.window(a.code) for a in areas}
    left_out = sorted(code for code, cell in windows.items() if cell.state == "no_data")
    withheld = sorted(code for code, cell in windows.items() if cell.state == "withheld")
    weights_all = _queen_weights(geo, query.level, tuple(sorted(windows)))
    islands = list(weights_all.islands)
    used = imports_used(warehouse, query, sources)

    def answer(
        reason: str | None, groups: int = 0, records: list[HotspotArea] | None = None
    ) -> HotspotAnswer:
        return HotspotAnswer(
            level=query.level.value,
            category=query.category,
            weights="queen, binary, self included",
            correction=correction,
            tested=reason is None,
            not_tested_because=reason,
            islands=islands,
            left_out=left_out,
            groups=groups,
            areas=records or [],
            imports=used,
        )

    if withheld:
        reason = (
            f"{len(withheld)} of {len(areas)} areas have a count withheld by disclosure "
            "control; hotspots of this source are tested only where every count is published"
        )
        return answer(reason)
    covered = [a for a in areas if a.code not in left_out]
    if not covered:
        return answer("no area of the query has data for every month")
    groups: dict[frozenset[str], list[Area]] = {}
    for a in covered:
        groups.setdefault(bodies[a.code] if left_out else frozenset(), []).append(a)
    records: list[HotspotArea] = []
    for members in groups.values():
        try:
            records += _test(geo, query.level, members, windows, rate, correction)
        except ValueError as exc:
            return answer(str(exc))
    records.sort(key=lambda r: r.code)
    return answer(None, len(groups), records)


def _test(
    geo: Geography,
    level: Level,
    members: list[Area],
    windows: dict[str, Cell],
    rate: bool,
    correction: Correction,
) -> list[HotspotArea]:
    codes = sorted(a.code for a in members)
    weights = _queen_weights(geo, level, tuple(codes))
    counts = {c: int(windows[c].value or 0) for c in codes}
    values = np.array([counts[c] for c in codes], dtype=float)
    if rate:
        pop = {a.code: a.population or 0 for a in members}
        values = np.array([counts[c] / pop[c] * 1000 if pop[c] else 0.0 for c in codes])
    result = gi_star(values, weights, correction=correction)
    return [
        HotspotArea(
            code=code,
            count=counts[code],
            value=float(values[i]),
            z=_finite(result.z[i]),
            p=_finite(result.p[i]),
            p_adjusted=_finite(result.p_adjusted[i]),
            class_=CLASS_NAMES[int(result.hot_cold[i])],
        )
        for i, code in enumerate(codes)
    ]


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


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
    from diogel.figures.base import incident_frame
    from diogel.geography.boundaries import to_british_national_grid

    if correction not in CORRECTIONS:
        raise FigureError("correction must be fdr_bh, holm or none")
    query.check(warehouse)
    if query.source and query.source not in OPEN_SOURCES:
        # Cells of points are below any publication level of a protected source.
        raise FigureError(
            f"grid hotspots are for open sources only; {query.source} is published by area"
        )
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
