"""A dashboard's state as URL parameters: read, checked and written back.

Everything a dashboard shows follows from its query string, so a view can be
bookmarked or sent to a colleague and shows the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from diogel.analysis.trends import shift_month
from diogel.figures import FigureError, FigureQuery
from diogel.figures.query import FIRST_YEAR, MonthProblem, MonthRangeError, check_month_range
from diogel.geography import Area, Geography, Level
from diogel.sources.categories import CATEGORIES
from diogel.web.insight.labels import FINER, SHOWN_BY

DEFAULT_AREA = "W92000004"  # Wales
DEFAULT_SOURCE = "police_uk_street"
DEFAULT_CATEGORY = "violence"
MEASURES = ("count", "rate")
#: The query parameters that make up a dashboard's state.
STATE_KEYS = ("area", "level", "source", "category", "from", "to", "measure")


@dataclass(frozen=True)
class DashboardState:
    area: Area
    level: Level
    source: str
    category: str  # "" for every category
    month_from: str
    month_to: str
    measure: str
    history_from: str = ""  # earlier months the trend's expected range learns from

    def query(self) -> FigureQuery:
        return FigureQuery(
            self.level,
            self.area,
            self.category or None,
            self.source,
            self.month_from,
            self.month_to,
        )

    def trend_query(self) -> FigureQuery:
        """The picked area's own months (Wales, which has no column, by force), from
        ``history_from`` so the expected range has earlier months to learn from."""
        level = Level.POLICE_FORCE_AREA if self.area.level is Level.WALES else self.area.level
        return replace(self.query(), level=level, month_from=self.history_from or self.month_from)

    def params(self, **changes: str) -> str:
        values = {
            "area": self.area.code,
            "level": self.level.value,
            "source": self.source,
            "category": self.category,
            "from": self.month_from,
            "to": self.month_to,
            "measure": self.measure,
        }
        values.update(changes)
        return urlencode(values)

    def drill(self, area: Area) -> str:
        """The query string for the same view of one of the areas shown."""
        return self.params(area=area.code, level=FINER.get(area.level, area.level).value)


#: Months before the first shown that the trend's expected range may learn from.
HISTORY_MONTHS = 24


def _history_from(month_from: str, months: list[str]) -> str:
    """Up to two years before ``month_from``, but no earlier than the source's data.

    Examples
    --------
    >>> _history_from("2021-01", ["2020-01", "2020-02", "2021-01"])
    '2020-01'
    >>> _history_from("2020-01", ["2020-01"])
    '2020-01'
    """
    if not months or months[0] >= month_from:
        return month_from
    return max(shift_month(month_from, -HISTORY_MONTHS), months[0])


def _months_message(error: MonthRangeError, max_months: int) -> str:
    """What the form says of months a request may not ask for, in the page's language."""
    if error.problem is MonthProblem.YEARS:
        return _("Choose months from %(first)s to %(last)s") % {
            "first": f"{FIRST_YEAR}-01",
            "last": f"{date.today().year + 1}-12",
        }
    if error.problem is MonthProblem.TOO_LONG:
        return _("Choose at most %(most)s months at a time") % {"most": max_months}
    return _enter_months()


def _enter_months() -> str:
    return _(
        "Enter the first and last months as year and month, the first no later "
        "than the last, for example 2021-01 and 2021-12"
    )


def read_state(
    geo: Geography,
    params: QueryDict,
    sources: list[str],
    months: list[str],
    max_months: int,
) -> tuple[DashboardState | None, dict[str, str]]:
    """The state the parameters ask for, or the errors (field → message) they contain.

    The months are checked first of all (:func:`check_month_range`, at most
    ``max_months``), so no state, and no figure, is made of months out of bounds.
    """
    errors: dict[str, str] = {}
    try:
        area = geo.hierarchy.area(params.get("area") or DEFAULT_AREA)
    except KeyError:
        errors["area"] = _("Choose an area from the list")
        area = geo.hierarchy.area(DEFAULT_AREA)
    level_value = params.get("level") or FINER.get(area.level, Level.LOCAL_AUTHORITY).value
    try:
        level = Level(level_value)
        if level not in SHOWN_BY:
            raise ValueError(level_value)
    except ValueError:
        errors["level"] = _("Choose what to show the areas by")
        level = FINER.get(area.level, Level.LOCAL_AUTHORITY)
    source = params.get("source") or (DEFAULT_SOURCE if DEFAULT_SOURCE in sources else "")
    if sources and source not in sources:
        errors["source"] = _("Choose a source of data from the list")
    category = params.get("category", DEFAULT_CATEGORY)
    if category and category not in CATEGORIES:
        errors["category"] = _("Choose a category from the list")
    default_to = months[-1] if months else "2021-12"
    default_from = months[-12] if len(months) >= 12 else (months[0] if months else "2021-01")
    month_from = params.get("from") or default_from
    month_to = params.get("to") or default_to
    try:
        check_month_range(month_from, month_to, max_months=max_months)
    except MonthRangeError as exc:
        errors["from"] = _months_message(exc, max_months)
    measure = params.get("measure") or "count"
    if measure not in MEASURES:
        errors["measure"] = _("Choose counts or rates")
    state = None
    if not errors:
        state = DashboardState(
            area,
            level,
            source,
            category,
            month_from,
            month_to,
            measure,
            _history_from(month_from, months),
        )
        try:
            state.query()
            state.trend_query()
        except FigureError:
            errors["from"] = _enter_months()
            state = None
    return state, errors
