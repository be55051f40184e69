"""Getis-Ord Gi* hotspots, with analytic z-scores and multiple-testing corrections.

For binary weights with each area in its own neighbourhood (Ord and Getis 1995),
with ``W_i`` the number of areas in area i's neighbourhood (itself included),
``n`` areas, mean ``x̄`` and variance ``s² = mean(x²) − x̄²``::

    G*_i = Σ_j w_ij x_j / Σ_j x_j
    E[G*_i] = W_i / n
    Var[G*_i] = W_i (n − W_i) / (n − 1) / n² · s² / x̄²
    z_i = (G*_i − E[G*_i]) / sqrt(Var[G*_i])

These are the moments PySAL esda uses for ``G_Local(star=True, transform="B")``.
Two-sided p-values from the normal distribution are adjusted for testing every
area (Benjamini–Hochberg by default, or Holm), and areas are classed hot or cold
at 90%, 95% and 99% confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import stats

from diogel.analysis.multiple_testing import benjamini_hochberg, holm
from diogel.analysis.weights import Weights

Correction = Literal["fdr_bh", "holm", "none"]
LEVELS = ((0.01, 3), (0.05, 2), (0.10, 1))


@dataclass(frozen=True)
class GiStar:
    """Gi* for every area, in the order of the weights' ids."""

    ids: tuple[str, ...]
    values: np.ndarray
    g: np.ndarray
    z: np.ndarray
    p: np.ndarray
    p_adjusted: np.ndarray
    correction: Correction
    hot_cold: np.ndarray  # +3/+2/+1 hot at 99/95/90%, negative for cold, 0 neither

    def records(self) -> list[dict[str, object]]:
        return [
            {
                "code": code,
                "count": float(v),
                "z": float(z),
                "p": float(p),
                "p_adjusted": float(pa),
                "class": CLASS_NAMES[int(c)],
            }
            for code, v, z, p, pa, c in zip(
                self.ids, self.values, self.z, self.p, self.p_adjusted, self.hot_cold, strict=True
            )
        ]


CLASS_NAMES = {
    3: "hot_99",
    2: "hot_95",
    1: "hot_90",
    0: "not_significant",
    -1: "cold_90",
    -2: "cold_95",
    -3: "cold_99",
}


def gi_star(values: np.ndarray, weights: Weights, correction: Correction = "fdr_bh") -> GiStar:
    """Gi* z-scores for ``values`` (counts or rates) over ``weights``.

    Examples
    --------
    >>> from diogel.analysis.weights import grid_queen
    >>> rng = np.random.default_rng(0)
    >>> counts = rng.poisson(5, 100).astype(float)
    >>> counts[44:47] = 40
    >>> result = gi_star(counts, grid_queen(10, 10))
    >>> int(result.hot_cold[45]), round(float(result.z[45]), 2)
    (3, 5.13)
    """
    x = np.asarray(values, dtype=float)
    if x.shape != (weights.n,):
        raise ValueError(f"{x.size} values for {weights.n} areas")
    if not np.isfinite(x).all():
        raise ValueError("values must be finite numbers")
    n = x.size
    matrix = weights.with_self()
    total = x.sum()
    if total == 0 or n < 3:
        raise ValueError("Gi* needs at least three areas and a non-zero total")
    g = (matrix @ x) / total
    w_i = np.asarray(matrix.sum(axis=1)).ravel()
    mean = x.mean()
    variance = (x**2).mean() - mean**2
    expected = w_i / n
    var_g = w_i * (n - w_i) / (n - 1) / n**2 * variance / mean**2
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(var_g > 0, (g - expected) / np.sqrt(var_g), 0.0)
    p = 2 * stats.norm.sf(np.abs(z))
    if correction == "fdr_bh":
        adjusted = benjamini_hochberg(p)
    elif correction == "holm":
        adjusted = holm(p)
    else:
        adjusted = p.copy()
    classes = np.zeros(n, dtype=np.int64)
    for alpha, level in LEVELS[::-1]:
        classes[(adjusted <= alpha) & (z > 0)] = level
        classes[(adjusted <= alpha) & (z < 0)] = -level
    return GiStar(weights.ids, x, g, z, p, adjusted, correction, classes)
