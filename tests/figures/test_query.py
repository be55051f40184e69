"""The bounds on a run of months a site or API request may ask for."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diogel.figures import FigureError, FigureQuery
from diogel.figures.query import FIRST_YEAR, MonthProblem, MonthRangeError, check_month_range
from diogel.geography import Level
from tests.months import count_months

TODAY = dt.date(2026, 12, 7)


def month(day: dt.date) -> str:
    return day.strftime("%Y-%m")


@given(
    st.dates(dt.date(FIRST_YEAR, 1, 1), dt.date(TODAY.year + 1, 12, 31)),
    st.integers(min_value=0, max_value=200),
)
def test_a_real_range_in_the_window_is_counted_or_refused_as_too_long(
    start: dt.date, extra: int
) -> None:
    first = month(start)
    last_day = start
    for _ in range(extra):
        last_day = (last_day.replace(day=1) + dt.timedelta(days=31)).replace(day=1)
    last = month(last_day)
    expected = count_months(first, last)
    if last_day.year > TODAY.year + 1:
        with pytest.raises(MonthRangeError) as refused:
            check_month_range(first, last, max_months=120, today=TODAY)
        assert refused.value.problem is MonthProblem.YEARS
    elif expected > 120:
        with pytest.raises(MonthRangeError, match="at most 120 months") as refused:
            check_month_range(first, last, max_months=120, today=TODAY)
        assert refused.value.problem is MonthProblem.TOO_LONG
    else:
        assert check_month_range(first, last, max_months=120, today=TODAY) == expected


@pytest.mark.parametrize(
    ("first", "last", "problem", "says"),
    [
        ("1900-01", "2999-12", MonthProblem.YEARS, "from 2000-01 to 2027-12"),
        ("1999-12", "2000-01", MonthProblem.YEARS, "from 2000-01 to 2027-12"),
        ("2027-12", "2028-01", MonthProblem.YEARS, "from 2000-01 to 2027-12"),
        ("2010-01", "2020-01", MonthProblem.TOO_LONG, "at most 120 months"),
        ("2021-06", "2021-01", MonthProblem.REVERSED, "after the last"),
        ("2020-13", "2021-01", MonthProblem.NOT_A_MONTH, "'2020-13' is not a month"),
        ("2020-1", "2021-01", MonthProblem.NOT_A_MONTH, "is not a month"),
        ("abc", "2021-01", MonthProblem.NOT_A_MONTH, "is not a month"),
        ("", "2021-01", MonthProblem.NOT_A_MONTH, "is not a month"),
        ("2021-01", "2021-01\n", MonthProblem.NOT_A_MONTH, "is not a month"),
        ("2021-01", "2021-0\x001", MonthProblem.NOT_A_MONTH, "is not a month"),
        # Other scripts' digits are digits to Python's ``\d`` and ``int`` but not months.
        ("\uff12\uff10\uff12\uff11-01", "2021-02", MonthProblem.NOT_A_MONTH, "is not a month"),
    ],
)
def test_months_out_of_bounds_are_refused_saying_why(
    first: str, last: str, problem: MonthProblem, says: str
) -> None:
    with pytest.raises(MonthRangeError, match=re.escape(says)) as refused:
        check_month_range(first, last, max_months=120, today=TODAY)
    assert refused.value.problem is problem
    assert isinstance(refused.value, FigureError)


def test_the_longest_range_allowed_is_the_maximum() -> None:
    assert check_month_range("2011-01", "2020-12", max_months=120, today=TODAY) == 120
    assert check_month_range("2021-05", "2021-05", max_months=1, today=TODAY) == 1
    with pytest.raises(MonthRangeError, match="at most 1 month"):
        check_month_range("2021-05", "2021-06", max_months=1, today=TODAY)


def test_a_long_string_is_not_echoed_whole() -> None:
    with pytest.raises(MonthRangeError) as refused:
        check_month_range("9" * 100_000, "2021-01", max_months=120, today=TODAY)
    assert len(str(refused.value)) < 200


@pytest.mark.parametrize("bad", ["\uff12\uff10\uff12\uff11-01", "2021-01\n", "0000-01x"])
def test_a_figure_query_takes_only_ascii_months(bad: str) -> None:
    with pytest.raises(FigureError, match="is not a month"):
        FigureQuery(Level.LOCAL_AUTHORITY, None, None, None, "2020-01", bad)
