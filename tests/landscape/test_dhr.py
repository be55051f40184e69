"""DHR timescales: due dates, overdue flags and stages (no personal data involved)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from diogel.landscape.dhr import ReviewDates, add_months, due_dates, overdue, stage

D = dt.date


def test_a_decision_not_taken_within_a_month_is_overdue() -> None:
    review = ReviewDates(notified=D(2021, 1, 31))
    assert due_dates(review) == {"decision": D(2021, 2, 28)}
    assert overdue(review, D(2021, 2, 28)) == []
    (late,) = overdue(review, D(2021, 3, 10))
    assert (late.step, late.days_late) == ("decision", 10)


def test_a_late_step_once_taken_is_not_flagged_again() -> None:
    review = ReviewDates(notified=D(2021, 1, 4), decided=D(2021, 3, 1))
    assert [o.step for o in overdue(review, D(2021, 5, 1))] == []
    assert [o.step for o in overdue(review, D(2021, 9, 2))] == ["submission"]
    sent = ReviewDates(notified=D(2021, 1, 4), decided=D(2021, 3, 1), submitted=D(2021, 12, 1))
    assert overdue(sent, D(2022, 6, 1)) == []
    assert stage(sent) == "with the Home Office"


def test_no_review_no_submission_due() -> None:
    review = ReviewDates(notified=D(2021, 1, 4), decided=D(2021, 1, 20), not_held=True)
    assert "submission" not in due_dates(review)
    assert stage(review) == "not held"


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31)), st.integers(0, 120))
def test_adding_months_lands_in_the_right_month_never_past_its_end(day: D, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    assert moved.day == day.day or (moved + dt.timedelta(days=1)).day == 1
