"""What a dashboard, an API call or a command asks of the warehouse."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diogel.figures.base import AREA_COLUMNS, CountQueryError, check_filters, count_incidents
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class FigureError(ValueError):
    """A question Diogel cannot answer as asked; the message says why, for people."""


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
            if not _MONTH.match(month):
                raise FigureError(f"{month!r} is not a month (YYYY-MM)")
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
