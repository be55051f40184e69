"""Corrections for testing many areas at once."""

from __future__ import annotations

import numpy as np


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (false discovery rate).

    Examples
    --------
    >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.20])).round(4).tolist()
    [0.04, 0.0533, 0.0533, 0.2]
    """
    p = np.asarray(p, dtype=float)
    n = p.size
    if n == 0:
        return p.copy()
    order = np.argsort(p)
    scaled = p[order] * n / np.arange(1, n + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(n)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def holm(p: np.ndarray) -> np.ndarray:
    """Holm–Bonferroni adjusted p-values (family-wise error rate).

    Examples
    --------
    >>> holm(np.array([0.01, 0.04, 0.03, 0.20])).round(4).tolist()
    [0.04, 0.09, 0.09, 0.2]
    """
    p = np.asarray(p, dtype=float)
    n = p.size
    if n == 0:
        return p.copy()
    order = np.argsort(p)
    scaled = p[order] * (n - np.arange(n))
    adjusted = np.maximum.accumulate(scaled)
    out = np.empty(n)
    out[order] = np.minimum(adjusted, 1.0)
    return out
