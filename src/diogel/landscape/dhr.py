"""Domestic Homicide Review timescales: which steps of a review are overdue.

No personal data: a review is known by its case reference and dates. The
timescales follow the Home Office's multi-agency statutory guidance for the
conduct of Domestic Homicide Reviews (2016): the community safety partnership
decides whether to hold a review within one month of being notified, and the
review is completed, its report sent to the Home Office quality assurance
panel, within six months of that decision. They are settings of this module,
not law, so a partnership working to revised guidance can change them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

#: Months from notification to the decision whether to hold a review.
DECISION_MONTHS = 1
#: Months from the decision to submitting the report to the Home Office panel.
SUBMISSION_MONTHS = 6


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved on by ``months``, on the last day of a shorter month.

    Examples
    --------
    >>> add_months(dt.date(2021, 1, 31), 1)
    datetime.date(2021, 2, 28)
    >>> add_months(dt.date(2021, 8, 15), 6)
    datetime.date(2022, 2, 15)
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class ReviewDates:
    """The milestones of one review; None until reached."""

    notified: dt.date
    decided: dt.date | None = None
    commissioned: dt.date | None = None
    panel_meetings: tuple[dt.date, ...] = field(default=())
    submitted: dt.date | None = None  # to the Home Office quality assurance panel
    published: dt.date | None = None
    not_held: bool = False  # the partnership decided no review was needed


@dataclass(frozen=True)
class Overdue:
    step: str  # "decision" | "submission"
    due: dt.date
    days_late: int


def due_dates(review: ReviewDates) -> dict[str, dt.date]:
    """When each step is due under the guidance's timescales."""
    due = {"decision": add_months(review.notified, DECISION_MONTHS)}
    if review.decided is not None and not review.not_held:
        due["submission"] = add_months(review.decided, SUBMISSION_MONTHS)
    return due


def overdue(review: ReviewDates, today: dt.date) -> list[Overdue]:
    """The steps not taken by their due date (a step taken late is not flagged again).

    Examples
    --------
    >>> r = ReviewDates(notified=dt.date(2021, 1, 10), decided=dt.date(2021, 2, 1))
    >>> [(o.step, o.due.isoformat(), o.days_late) for o in overdue(r, dt.date(2021, 9, 1))]
    [('submission', '2021-08-01', 31)]
    """
    late = []
    for step, due in due_dates(review).items():
        done = review.decided if step == "decision" else review.submitted
        if done is None and today > due:
            late.append(Overdue(step, due, (today - due).days))
    return late


def stage(review: ReviewDates) -> str:
    """Where the review has got to, for lists and agendas."""
    if review.not_held:
        return "not held"
    if review.published:
        return "published"
    if review.submitted:
        return "with the Home Office"
    if review.commissioned or review.decided:
        return "under way"
    return "awaiting decision"
