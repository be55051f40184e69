"""Spatial weights: which areas (or grid cells) neighbour which.

Queen contiguity: two polygons are neighbours when they share at least one
boundary vertex (the rule libpysal's ``Queen`` uses, so results can be compared
with PySAL directly). Weights are binary; Gi* adds each area to its own
neighbourhood (self-weight 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
import shapely


@dataclass(frozen=True)
class Weights:
    """A binary, symmetric neighbour matrix over ``ids`` (no self-neighbours)."""

    ids: tuple[str, ...]
    matrix: sp.csr_matrix

    @property
    def n(self) -> int:
        return len(self.ids)

    def neighbours(self, i: int) -> np.ndarray:
        row = self.matrix.getrow(i)
        return row.indices

    def with_self(self) -> sp.csr_matrix:
        """The matrix with ones on the diagonal (the Gi* neighbourhood)."""
        return (self.matrix + sp.identity(self.n, format="csr", dtype=float)).tocsr()

    @property
    def islands(self) -> tuple[str, ...]:
        degree = np.asarray(self.matrix.sum(axis=1)).ravel()
        return tuple(self.ids[i] for i in np.flatnonzero(degree == 0))


def queen(ids: Sequence[str], polygons: Sequence[shapely.Geometry] | np.ndarray) -> Weights:
    """Queen contiguity between polygons, by shared vertices.

    Examples
    --------
    >>> import shapely
    >>> squares = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(1, 1, 2, 2),
    ...            shapely.box(5, 5, 6, 6)]
    >>> w = queen(["a", "b", "c", "d"], squares)
    >>> w.matrix.toarray().astype(int).tolist()
    [[0, 1, 1, 0], [1, 0, 1, 0], [1, 1, 0, 0], [0, 0, 0, 0]]
    >>> w.islands
    ('d',)
    """
    geoms = np.asarray(polygons, dtype=object)
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    # One row per (vertex, polygon), duplicates removed; then pair polygons per vertex.
    keyed = np.unique(np.column_stack([coords, owner]), axis=0)
    _, vertex_id = np.unique(keyed[:, :2], axis=0, return_inverse=True)
    incidence = sp.csr_matrix(
        (np.ones(len(keyed)), (keyed[:, 2].astype(np.int64), vertex_id.ravel())),
        shape=(len(geoms), int(vertex_id.max()) + 1 if len(keyed) else 0),
    )
    shared = sp.csr_matrix(incidence @ incidence.T, dtype=np.float64)
    shared.setdiag(0)
    shared.eliminate_zeros()
    shared.data[:] = 1.0
    return Weights(tuple(ids), shared)


def grid_queen(rows: int, columns: int) -> Weights:
    """Queen contiguity on a regular grid, cells numbered row by row."""
    n = rows * columns
    index = np.arange(n).reshape(rows, columns)
    pairs = []
    for dr, dc in ((0, 1), (1, -1), (1, 0), (1, 1)):
        a = index[max(0, -dr) : rows - max(0, dr), max(0, -dc) : columns - max(0, dc)]
        b = index[max(0, dr) : rows + min(0, dr) or None, max(0, dc) : columns + min(0, dc) or None]
        pairs.append((a.ravel(), b.ravel()))
    i = np.concatenate([p[0] for p in pairs] + [p[1] for p in pairs])
    j = np.concatenate([p[1] for p in pairs] + [p[0] for p in pairs])
    matrix = sp.csr_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    return Weights(tuple(str(k) for k in range(n)), matrix)
