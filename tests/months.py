"""Counting calendar months independently of the code under test."""

from __future__ import annotations

import datetime as dt


def count_months(first: str, last: str) -> int:
    """The months from ``first`` to ``last`` (YYYY-MM), both counted, by walking the
    calendar a month at a time."""
    day = dt.date.fromisoformat(first + "-01")
    end = dt.date.fromisoformat(last + "-01")
    count = 0
    while day <= end:
        count += 1
        day = (day + dt.timedelta(days=31)).replace(day=1)
    return count
