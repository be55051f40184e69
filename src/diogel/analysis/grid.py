"""Point data on a regular grid in British National Grid metres, for Gi* and density.

A stray point (a wrong coordinate, a record from the other end of the country)
must not turn a town's grid into millions of cells: the grid covers the given
bounds (by default the central 99% of points in each direction, widened by one
cell), points outside are counted and left out, and a grid over
``MAX_CELLS`` is refused with the numbers that explain why.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pyproj import Transformer

MAX_CELLS = 2_000_000
_TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


class GridTooLargeError(ValueError):
    """The requested grid would have too many cells."""


@dataclass(frozen=True)
class Grid:
    west: float
    south: float
    cell: float
    rows: int
    columns: int
    counts: np.ndarray  # (rows, columns), row 0 at the south
    outside: int  # points left out because they fell outside the bounds

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        x = self.west + (np.arange(self.columns) + 0.5) * self.cell
        y = self.south + (np.arange(self.rows) + 0.5) * self.cell
        return x, y


def to_bng(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = _TO_BNG.transform(np.asarray(lon, float), np.asarray(lat, float))
    return np.asarray(x), np.asarray(y)


def grid_counts(
    x: np.ndarray,
    y: np.ndarray,
    cell: float,
    bounds: tuple[float, float, float, float] | None = None,
    max_cells: int = MAX_CELLS,
) -> Grid:
    """Count points (metres) into square cells of side ``cell``.

    Examples
    --------
    >>> g = grid_counts(np.array([5.0, 15, 15, 1e7]), np.array([5.0, 5, 5, 5]), 10,
    ...                 bounds=(0, 0, 20, 10))
    >>> g.counts.tolist(), g.outside
    ([[1, 2]], 1)
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    if cell <= 0:
        raise ValueError("the cell size must be positive")
    if bounds is None:
        if x.size == 0:
            raise ValueError("no points to grid")
        west, east = np.quantile(x, [0.005, 0.995])
        south, north = np.quantile(y, [0.005, 0.995])
        bounds = (west - cell, south - cell, east + cell, north + cell)
    west, south, east, north = bounds
    columns = max(1, int(np.ceil((east - west) / cell)))
    rows = max(1, int(np.ceil((north - south) / cell)))
    if rows * columns > max_cells:
        raise GridTooLargeError(
            f"a {cell:g} m grid over {east - west:,.0f} m x {north - south:,.0f} m would have "
            f"{rows * columns:,} cells (limit {max_cells:,}); use larger cells or a smaller area"
        )
    col = np.floor((x - west) / cell).astype(np.int64)
    row = np.floor((y - south) / cell).astype(np.int64)
    inside = (col >= 0) & (col < columns) & (row >= 0) & (row < rows)
    counts = np.zeros((rows, columns), dtype=np.int64)
    np.add.at(counts, (row[inside], col[inside]), 1)
    return Grid(west, south, cell, rows, columns, counts, int((~inside).sum()))
