"""Point (longitude, latitude) to LSOA, vectorised for millions of points.

A coarse grid over Wales answers most points with one array look-up: a grid cell
that touches exactly one LSOA polygon and lies wholly inside it can only hold
points of that LSOA. Points in the remaining cells (those crossed by a
boundary) are tested exactly against the polygons with a shapely STRtree.

A point that touches two polygons (on a shared edge, or where the generalised
polygons overlap) is given the one with the smaller code, so results are
deterministic; a point in no polygon, or with missing coordinates, gets no
LSOA.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

NO_MATCH = -1
_EMPTY = -2  # a grid cell touching no polygon
_MIXED = -1  # a grid cell crossed by a boundary: look closer


@dataclass(frozen=True)
class _Grid:
    west: float
    south: float
    cell: float
    columns: int
    rows: int
    owner: np.ndarray  # (rows, columns): polygon index, _EMPTY or _MIXED
    slot: np.ndarray  # (rows, columns): index into ``fine`` for mixed cells, else -1
    fine: np.ndarray  # (mixed cells, split, split): polygon index, _EMPTY or _MIXED
    split: int


class PointLocator:
    """Assigns points to polygons (LSOAs) by containment.

    Parameters
    ----------
    codes
        Polygon codes, one per polygon.
    polygons
        The polygons, lon/lat, same order as ``codes``.
    cell
        Coarse grid cell size in degrees; cells crossed by a boundary are split
        ``split`` x ``split`` once more before falling back to exact tests.

    Examples
    --------
    >>> import shapely
    >>> squares = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)]
    >>> locator = PointLocator(["B", "A"], squares[::-1], cell=0.25)
    >>> locator.locate([0.5, 1.5, 5.0, 1.0], [0.5, 0.5, 0.5, 0.5]).tolist()
    ['A', 'B', None, 'A']
    """

    def __init__(
        self,
        codes: list[str] | np.ndarray,
        polygons: Sequence[shapely.Geometry] | np.ndarray,
        cell: float = 0.02,
        split: int = 16,
        grid: _Grid | None = None,
    ) -> None:
        order = np.argsort(np.asarray(codes, dtype=object), kind="stable")
        self.codes = np.asarray(codes, dtype=object)[order]
        self.polygons = np.asarray(polygons, dtype=object)[order]
        shapely.prepare(self.polygons)
        self.tree = shapely.STRtree(self.polygons)
        self.grid = grid if grid is not None else self._build_grid(cell, split)

    def save_grid(self, path: Path) -> None:
        """Write the grid index (costly to build) to an ``.npz`` file."""
        g = self.grid
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez_compressed(
            tmp,
            bounds=np.array([g.west, g.south, g.cell]),
            shape=np.array([g.columns, g.rows, g.split]),
            owner=g.owner,
            slot=g.slot,
            fine=g.fine,
        )
        tmp.replace(path)

    @staticmethod
    def load_grid(path: Path) -> _Grid:
        with np.load(path) as data:
            west, south, cell = (float(v) for v in data["bounds"])
            columns, rows, split = (int(v) for v in data["shape"])
            return _Grid(
                west, south, cell, columns, rows, data["owner"], data["slot"], data["fine"], split
            )

    def _classify(self, boxes: np.ndarray) -> np.ndarray:
        """Per box: the one polygon wholly holding it, _EMPTY, or _MIXED."""
        box_idx, poly_idx = self.tree.query(boxes, predicate="intersects")
        touching = np.bincount(box_idx, minlength=boxes.size)
        owner = np.where(touching == 0, _EMPTY, _MIXED).astype(np.int64)
        single = touching[box_idx] == 1
        candidates, their_polygon = box_idx[single], poly_idx[single]
        inside = shapely.contains_properly(self.polygons[their_polygon], boxes[candidates])
        owner[candidates[inside]] = their_polygon[inside]
        return owner

    def _build_grid(self, cell: float, split: int) -> _Grid:
        west, south, east, north = shapely.total_bounds(self.polygons)
        columns = int(np.ceil((east - west) / cell)) + 1
        rows = int(np.ceil((north - south) / cell)) + 1
        col, row = np.meshgrid(np.arange(columns), np.arange(rows))
        x0 = west + col.ravel() * cell
        y0 = south + row.ravel() * cell
        owner = self._classify(shapely.box(x0, y0, x0 + cell, y0 + cell))
        mixed = np.flatnonzero(owner == _MIXED)
        slot = np.full(owner.size, -1, dtype=np.int64)
        slot[mixed] = np.arange(mixed.size)
        fine_cell = cell / split
        sub_col, sub_row = np.meshgrid(np.arange(split), np.arange(split))
        fx = (x0[mixed][:, None] + sub_col.ravel()[None, :] * fine_cell).ravel()
        fy = (y0[mixed][:, None] + sub_row.ravel()[None, :] * fine_cell).ravel()
        fine = self._classify(shapely.box(fx, fy, fx + fine_cell, fy + fine_cell))
        return _Grid(
            west,
            south,
            cell,
            columns,
            rows,
            owner.reshape(rows, columns),
            slot.reshape(rows, columns),
            fine.reshape(mixed.size, split, split),
            split,
        )

    def locate_indices(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Polygon index per point, or ``NO_MATCH``."""
        lon = np.asarray(lon, dtype=float)
        lat = np.asarray(lat, dtype=float)
        result = np.full(lon.shape, _EMPTY, dtype=np.int64)
        g = self.grid
        with np.errstate(invalid="ignore"):
            x = (lon - g.west) / g.cell
            y = (lat - g.south) / g.cell
            on_grid = np.isfinite(x) & np.isfinite(y) & (x >= 0) & (x < g.columns) & (y >= 0)
            on_grid &= y < g.rows
        where = np.flatnonzero(on_grid)
        col = x[where].astype(np.int64)
        row = y[where].astype(np.int64)
        result[where] = g.owner[row, col]
        # Second look, on the finer grid, for points in cells crossed by a boundary.
        mixed = result[where] == _MIXED
        m_where, m_col, m_row = where[mixed], col[mixed], row[mixed]
        sub_col = np.minimum(((x[m_where] - m_col) * g.split).astype(np.int64), g.split - 1)
        sub_row = np.minimum(((y[m_where] - m_row) * g.split).astype(np.int64), g.split - 1)
        result[m_where] = g.fine[g.slot[m_row, m_col], sub_row, sub_col]
        # Exact tests for what is left.
        exact = np.flatnonzero(result == _MIXED)
        if exact.size:
            points = shapely.points(lon[exact], lat[exact])
            point_idx, poly_idx = self.tree.query(points, predicate="intersects")
            # Smallest polygon index (= smallest code) wins where a point touches several.
            best = np.full(exact.size, _EMPTY, dtype=np.int64)
            order = np.lexsort((poly_idx, point_idx))
            point_idx, poly_idx = point_idx[order], poly_idx[order]
            first = np.ones(point_idx.size, dtype=bool)
            first[1:] = point_idx[1:] != point_idx[:-1]
            best[point_idx[first]] = poly_idx[first]
            result[exact] = best
        result[result == _EMPTY] = NO_MATCH
        return result

    def locate(self, lon: np.ndarray | list[float], lat: np.ndarray | list[float]) -> np.ndarray:
        """Code per point (``None`` where no polygon holds it)."""
        indices = self.locate_indices(np.asarray(lon, float), np.asarray(lat, float))
        codes = np.empty(indices.shape, dtype=object)
        hit = indices != NO_MATCH
        codes[hit] = self.codes[indices[hit]]
        return codes
