"""What a dashboard, an API call or a command asks of the warehouse."""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from diogel.figures.base import AREA_COLUMNS, CountQueryError, check_filters, count_incidents
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse

# ASCII digits matched whole: ``\d`` takes other scripts' digits and ``$`` a trailing
# newline, which the date functions downstream refuse with a crash.
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])", re.ASCII)

#: The earliest year a request from the site or the API may ask about: police.uk data
#: starts in 2010 and nothing Diogel holds is older. The latest is next year.
FIRST_YEAR = 2000


class FigureError(ValueError):
    """A question Diogel cannot answer as asked; the message says why, for people."""


class MonthProblem(enum.Enum):
    """Which rule a run of months breaks (a page says it in its own language)."""

    NOT_A_MONTH = "not a month"
    REVERSED = "reversed"
    YEARS = "years"
    TOO_LONG = "too long"


class MonthRangeError(FigureError):
    """A run of months a request may not ask for; ``problem`` says which rule it breaks."""

    def __init__(self, problem: MonthProblem, message: str) -> None:
        super().__init__(message)
        self.problem = problem


def is_month(text: str) -> bool:
    """Whether ``text`` is a month as ``YYYY-MM`` (ASCII digits, month 01 to 12).

    Examples
    --------
    >>> is_month("2021-12"), is_month("2021-13"), is_month("2021-1"), is_month("2021-12\\n")
    (True, False, False, False)
    """
    return _MONTH.fullmatch(text) is not None


def _shown(text: str) -> str:
    """``text`` quoted for a message, cut short: a request may send megabytes."""
    return repr(text if len(text) <= 20 else text[:20] + "…")


def check_month_range(
    month_from: str, month_to: str, *, max_months: int, today: dt.date | None = None
) -> int:
    """The number of months from ``month_from`` to ``month_to`` (both counted), when a
    request may ask for them: real months, the first no later than the last, years from
    :data:`FIRST_YEAR` to next year, and at most ``max_months`` of them. Bounding every
    request before it reaches the warehouse keeps its cost (areas × months) to what one
    request may reasonably take.

    Raises
    ------
    MonthRangeError
        Saying which rule the months break, and how to ask instead.

    Examples
    --------
    >>> check_month_range("2021-01", "2021-12", max_months=120, today=dt.date(2026, 1, 1))
    12
    >>> check_month_range("1900-01", "2999-12", max_months=120, today=dt.date(2026, 1, 1))
    Traceback (most recent call last):
    ...
    diogel.figures.query.MonthRangeError: ask for months from 2000-01 to 2027-12
    """
    for month in (month_from, month_to):
        if not is_month(month):
            raise MonthRangeError(
                MonthProblem.NOT_A_MONTH, f"{_shown(month)} is not a month (YYYY-MM)"
            )
    if month_from > month_to:
        raise MonthRangeError(
            MonthProblem.REVERSED,
            f"the first month ({month_from}) is after the last ({month_to})",
        )
    last_year = (today or dt.date.today()).year + 1
    if int(month_from[:4]) < FIRST_YEAR or int(month_to[:4]) > last_year:
        raise MonthRangeError(
            MonthProblem.YEARS, f"ask for months from {FIRST_YEAR}-01 to {last_year}-12"
        )
    count = _index(month_to) - _index(month_from) + 1
    if count > max_months:
        unit = "month" if max_months == 1 else "months"
        raise MonthRangeError(
            MonthProblem.TOO_LONG,
            f"ask for at most {max_months} {unit} at a time ({count} asked for)",
        )
    return count


def _index(month: str) -> int:
    """Months since the start of year 0 (of a month :func:`is_month` accepts)."""
    return int(month[:4]) * 12 + int(month[5:]) - 1


@dataclass(frozen=True)
class FigureQuery:
    """Areas at ``level`` (inside ``within``, if given), one category and source, months.

    Examples
    --------
    >>> FigureQuery(Level.LOCAL_AUTHORITY, None, "violence", None, "2021-01", "2021-12").months
    ('2021-01', '2021-12')
    >>> FigureQuery(Level.LOCAL_AUTHORITY, None, None, None, "2021-12", "2021-01")
    Traceback (most recent call last):
    ...
    diogel.figures.query.FigureError: the first month (2021-12) is after the last (2021-01)
    """

    level: Level
    within: Area | None
    category: str | None
    source: str | None
    month_from: str
    month_to: str

    def __post_init__(self) -> None:
        for month in (self.month_from, self.month_to):
            if not is_month(month):
                raise FigureError(f"{_shown(month)} is not a month (YYYY-MM)")
        if self.month_from > self.month_to:
            raise FigureError(
                f"the first month ({self.month_from}) is after the last ({self.month_to})"
            )
        if self.level not in AREA_COLUMNS:
            raise FigureError(f"cannot analyse by {self.level.value}")
        if self.within is not None and not (
            self.within.level in AREA_COLUMNS or self.within.level is Level.WALES
        ):
            raise FigureError(f"cannot analyse within a {self.within.level.value} area")

    @property
    def months(self) -> tuple[str, str]:
        return self.month_from, self.month_to

    @property
    def filter_area(self) -> Area | None:
        """The area to filter records by: none for Wales, since every area counted is
        Welsh anyway and records placed only by their health board have no local
        authority (the warehouse's own Wales filter)."""
        if self.within is None or self.within.level is Level.WALES:
            return None
        return self.within

    @property
    def column(self) -> str:
        """The incidents column holding each record's area at ``level``."""
        return AREA_COLUMNS[self.level]

    def check(self, warehouse: Warehouse) -> None:
        """Refuse a source or category no figure can be given for, naming those that can
        (an unknown source is never answered with an empty table)."""
        try:
            check_filters(warehouse, self.source, self.category, *self.months)
        except CountQueryError as exc:
            raise FigureError(str(exc)) from exc

    def areas(self, geo: Geography) -> list[Area]:
        """The areas the answer covers, in code order."""
        return sorted(geo.hierarchy.areas_at(self.level, self.within), key=lambda a: a.code)


def sources_in(warehouse: Warehouse, source: str | None, level: Level | None = None) -> set[str]:
    """The sources a query reads: the one named, or every source in the warehouse that
    places records at ``level`` (emergency-department attendances, known only by
    hospital, are not part of an "all sources" count of small areas)."""
    if source:
        return {source}
    column = AREA_COLUMNS.get(level) if level is not None else None
    by = ["source", column] if column else ["source"]
    return {
        str(r.keys["source"])
        for r in count_incidents(warehouse, by)
        if column is None or r.keys[column] is not None
    }
