"""Reporting periods: months, quarters and years over a range of months.

Examples
--------
>>> [p.label for p in periods("2020-11", "2021-12", Frequency.QUARTERLY)]
['2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4']
>>> periods("2021-01", "2021-12", Frequency.ANNUAL)[0]
Period(label='2021', first='2021-01', last='2021-12')
>>> year_before("2021-Q3"), year_before("2021-07"), year_before("2021")
('2020-Q3', '2020-07', '2020')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diogel.figures.coverage import months_between
from diogel.performance.vocab import Frequency

PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$")


@dataclass(frozen=True)
class Period:
    label: str
    first: str
    last: str


def period_of(month: str, frequency: Frequency) -> str:
    """The label of the period of ``frequency`` containing ``month`` (YYYY-MM)."""
    if frequency is Frequency.MONTHLY:
        return month
    if frequency is Frequency.QUARTERLY:
        return f"{month[:4]}-Q{(int(month[5:]) - 1) // 3 + 1}"
    return month[:4]


def periods(first: str, last: str, frequency: Frequency) -> list[Period]:
    """The whole periods of ``frequency`` inside ``first``..``last``, in order.

    A quarter or year only partly inside the range is left out, so that a period's
    value always covers all of it.
    """
    months = months_between(first, last)
    grouped: dict[str, list[str]] = {}
    for month in months:
        grouped.setdefault(period_of(month, frequency), []).append(month)
    return [
        Period(label, ms[0], ms[-1]) for label, ms in grouped.items() if len(ms) == frequency.months
    ]


def year_before(period: str) -> str:
    """The same period a year earlier."""
    return f"{int(period[:4]) - 1:04d}{period[4:]}"


def previous(period: str) -> str:
    """The period just before ``period`` (of the same frequency).

    Examples
    --------
    >>> previous("2021-01"), previous("2021-Q1"), previous("2021")
    ('2020-12', '2020-Q4', '2020')
    """
    year = int(period[:4])
    if len(period) == 4:
        return f"{year - 1:04d}"
    if period[5] == "Q":
        q = int(period[6])
        return f"{year - 1:04d}-Q4" if q == 1 else f"{year:04d}-Q{q - 1}"
    month = int(period[5:])
    return f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"
