"""Counts, rates, rolling totals, year-on-year change and exceedance over time.

All functions take a long frame with columns ``area``, ``month`` (first day of the
month, as a date) and ``count``; :func:`diogel.figures.base.monthly_counts` builds
one from the warehouse with every month present (zero where nothing was recorded).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats


def month_range(first: str, last: str) -> list[dt.date]:
    """Every month from ``first`` to ``last`` (YYYY-MM), inclusive."""
    start = dt.date.fromisoformat(f"{first}-01")
    end = dt.date.fromisoformat(f"{last}-01")
    if end < start:
        raise ValueError(f"{last} is before {first}")
    months, month = [], start
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def add_rates(frame: pd.DataFrame, population: dict[str, int], per: int = 1000) -> pd.DataFrame:
    """Add ``population`` and ``rate`` (per ``per`` residents) columns."""
    out = frame.copy()
    out["population"] = out["area"].map(population)
    out["rate"] = out["count"] / out["population"] * per
    return out


def rolling_12_months(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``rolling_12`` (the 12 months to and including each month; NaN before).

    With a boolean ``usable`` column, a month whose 12 months include one that is
    not usable (no data, or withheld) has no rolling total, and the others keep
    theirs: one missing month blanks only the totals it is part of.
    """
    out = frame.sort_values(["area", "month"]).copy()
    counts = out["count"].astype(float)
    if "usable" in out:
        counts = counts.where(out["usable"].astype(bool))
    out["rolling_12"] = counts.groupby(out["area"]).transform(
        lambda s: s.rolling(12, min_periods=12).sum()
    )
    return out


@dataclass(frozen=True)
class Change:
    """A period's count against the same period a year before, with its uncertainty."""

    area: str
    current: int
    previous: int
    ratio: float
    ratio_low: float
    ratio_high: float
    p_value: float

    @property
    def percent_change(self) -> float:
        return (self.ratio - 1) * 100


def rate_ratio(
    current: int, previous: int, confidence: float = 0.95
) -> tuple[float, float, float, float]:
    """Ratio of two Poisson counts over equal exposure, exact CI and two-sided p.

    Conditioning on the total, ``current`` is binomial with ``p = r / (1 + r)``
    (r the ratio of rates); the Clopper-Pearson interval for p maps to one for r,
    and the exact binomial test of p = 1/2 tests "no change".

    Examples
    --------
    >>> [round(v, 4) for v in rate_ratio(130, 100)]
    [1.3, 0.994, 1.7045, 0.0556]
    """
    n = current + previous
    if n == 0:
        return float("nan"), float("nan"), float("nan"), 1.0
    test = stats.binomtest(current, n, 0.5)
    low_p, high_p = test.proportion_ci(confidence, method="exact")
    to_ratio = lambda p: p / (1 - p) if p < 1 else float("inf")  # noqa: E731
    ratio = current / previous if previous else float("inf")
    return ratio, to_ratio(low_p), to_ratio(high_p), float(test.pvalue)


def year_on_year(frame: pd.DataFrame, last: str, months: int = 12) -> list[Change]:
    """Each area's ``months`` to ``last`` against the same months a year earlier."""
    window = {m.strftime("%Y-%m") for m in month_range(shift_month(last, 1 - months), last)}
    before = {shift_month(m, -12) for m in window}
    changes = []
    for area, group in frame.groupby("area"):
        have = set(group["month"])
        if not before <= have:
            raise ValueError(f"{area}: the months a year before {last} are not all present")
        current = int(group.loc[group["month"].isin(window), "count"].sum())
        previous = int(group.loc[group["month"].isin(before), "count"].sum())
        ratio, low, high, p = rate_ratio(current, previous)
        changes.append(Change(str(area), current, previous, ratio, low, high, p))
    return changes


def exceedance(frame: pd.DataFrame, limit: float = 0.998) -> pd.DataFrame:
    """Flag months outside each area's expected range.

    Expected count: the mean of the same calendar month in earlier years when at
    least three earlier years are present (a seasonal baseline), otherwise the
    mean of the preceding 12 months. Limits: the central ``limit`` range of a
    Poisson distribution with that mean (99.8% by default, about ±3 standard
    deviations). Months without a full baseline are not flagged.

    With a boolean ``usable`` column, a baseline month that is not usable (no data,
    or withheld by disclosure control) leaves its month without an expected count:
    a mean of hidden months would publish their sum.
    """
    out = frame.sort_values(["area", "month"]).copy()
    usable = out["usable"].to_numpy(dtype=bool) if "usable" in out else None
    expected = np.full(len(out), np.nan)
    positions = {key: i for i, key in enumerate(zip(out["area"], out["month"], strict=True))}
    for (area, month), i in positions.items():
        year, mm = int(month[:4]), month[5:]
        seasonal = [
            j
            for y in range(year - 5, year)
            if (j := positions.get((area, f"{y}-{mm}"))) is not None
        ]
        if len(seasonal) >= 3:
            if usable is None or usable[seasonal].all():
                expected[i] = out["count"].to_numpy()[seasonal].mean()
            continue
        previous = [
            positions.get((area, m.strftime("%Y-%m")))
            for m in month_range(shift_month(month, -12), shift_month(month, -1))
        ]
        if all(j is not None for j in previous):
            found = [j for j in previous if j is not None]
            if usable is None or usable[found].all():
                expected[i] = out["count"].to_numpy()[found].mean()
    tail = (1 - limit) / 2
    out["expected"] = expected
    out["lower"] = np.where(np.isnan(expected), np.nan, stats.poisson.ppf(tail, expected))
    out["upper"] = np.where(np.isnan(expected), np.nan, stats.poisson.ppf(1 - tail, expected))
    unflagged = np.isnan(expected) if usable is None else np.isnan(expected) | ~usable
    out["exceeds"] = np.where(
        unflagged,
        "",
        np.where(
            out["count"] > out["upper"], "above", np.where(out["count"] < out["lower"], "below", "")
        ),
    )
    return out


def shift_month(month: str, by: int) -> str:
    """``YYYY-MM`` moved by ``by`` months (negative: earlier).

    Examples
    --------
    >>> shift_month("2021-12", -35)
    '2019-01'
    >>> shift_month("0336-01", -12)
    '0335-01'
    """
    index = int(month[:4]) * 12 + int(month[5:]) - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"  # years before 1000 keep four digits
