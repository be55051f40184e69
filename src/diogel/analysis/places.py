"""Repeat locations and how concentrated incidents are in few places.

A "place" is the record's location text within its LSOA (police.uk's snapped
street points, e.g. "On or near Commercial Street"), so that identically named
streets in different areas stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Concentration:
    places: int
    incidents: int
    top_5pc_share: float
    top_10pc_share: float
    gini: float


def top_places(frame: pd.DataFrame, limit: int = 20) -> pd.DataFrame:
    """The places with most incidents: columns ``lsoa11``, ``place``, ``count``."""
    counted = frame.groupby(["lsoa11", "place"], dropna=False).size().rename("count").reset_index()
    return (
        counted.sort_values(["count", "lsoa11", "place"], ascending=[False, True, True])
        .head(limit)
        .reset_index(drop=True)
    )


def gini(counts: np.ndarray) -> float:
    """Gini coefficient of counts over places (0 = even, towards 1 = concentrated).

    Examples
    --------
    >>> gini(np.array([5, 5, 5, 5]))
    0.0
    >>> round(gini(np.array([0, 0, 0, 20])), 3)
    0.75
    """
    x = np.sort(np.asarray(counts, dtype=float))
    n = x.size
    if n == 0 or x.sum() == 0:
        return 0.0
    ranks = np.arange(1, n + 1)
    return float((2 * (ranks * x).sum()) / (n * x.sum()) - (n + 1) / n)


def concentration(frame: pd.DataFrame) -> Concentration:
    """Share of incidents in the top 5% and 10% of places, and the Gini coefficient.

    The top k% is the ceiling of k% of places, busiest first.
    """
    counts = frame.groupby(["lsoa11", "place"], dropna=False).size().to_numpy()
    ordered = np.sort(counts)[::-1]
    total = ordered.sum()
    share = lambda p: float(ordered[: max(1, int(np.ceil(p * ordered.size)))].sum() / total)  # noqa: E731
    return Concentration(int(ordered.size), int(total), share(0.05), share(0.10), gini(counts))
