"""Hub measures computed from the warehouse, per area and period.

Nothing is cached: each call reads the current incidents, so importing another
month (or a file superseding one) changes the next answer. Every statistic is
the one the command line prints:

- ``count`` and ``rate-per-1000``: :func:`diogel.figures.area_totals`, as the
  dashboards and ``diogel counts`` (an area missing a month of its period has no
  value, never a zero);
- ``count-by-reporting-body``: records by the body that sent them, as ``diogel
  analyse hidden-harm`` counts emergency-department assaults by health board (the
  source's figures at its publication level);
- ``top-5pc-places-share``: :func:`diogel.analysis.places.concentration`, as
  ``diogel analyse repeat-locations``.

Sources that are not open data are disclosure-controlled
(:func:`diogel.disclosure.rules.rule_for_sources`): a withheld value is None with
``suppressed`` set.
"""

from __future__ import annotations

from collections.abc import Callable

from diogel.disclosure.rules import OPEN_SOURCES, base_level_for
from diogel.figures import FigureQuery, area_totals
from diogel.figures.base import AREA_COLUMNS
from diogel.figures.coverage import covered_months, months_between
from diogel.figures.query import FigureError
from diogel.geography import Area, Geography, Level
from diogel.performance.model import Framework, HubQuery, Measure, MeasureValue
from diogel.performance.periods import Period, periods
from diogel.performance.vocab import Method, Statistic
from diogel.warehouse import Warehouse


class MeasureError(ValueError):
    """A measure that cannot be computed as asked; the message says why."""


def compute_measure(
    measure: Measure,
    geo: Geography,
    warehouse: Warehouse,
    first: str,
    last: str,
    within: Area | None = None,
) -> list[MeasureValue]:
    """A hub measure's value for each area (inside ``within``) and whole period.

    Raises
    ------
    MeasureError
        If the measure is not a hub measure, or the query cannot be answered.
    """
    if measure.method is not Method.HUB or measure.hub is None:
        raise MeasureError(f"measure {measure.code!r} is not computed from the hub")
    hub = measure.hub
    spans = periods(first, last, measure.frequency)
    try:
        if hub.statistic in (Statistic.COUNT, Statistic.RATE_PER_1000):
            return _totals(measure, hub, geo, warehouse, spans, within)
        if hub.statistic is Statistic.COUNT_BY_REPORTING_BODY:
            return _by_body(measure, hub, geo, warehouse, spans, within)
        return _top_places(measure, hub, geo, warehouse, spans, within)
    except FigureError as exc:
        raise MeasureError(f"measure {measure.code!r}: {exc}") from exc


def compute_measures(
    framework: Framework,
    geo: Geography,
    warehouse: Warehouse,
    first: str,
    last: str,
    within: Area | None = None,
    codes: list[str] | None = None,
) -> list[MeasureValue]:
    """Every measure's values over ``first``..``last``: hub measures computed now,
    manual and survey measures as recorded (those recorded for an area inside
    ``within`` or for ``within`` itself, any period)."""
    out: list[MeasureValue] = []
    inside = _area_filter(geo, within)
    for measure in framework.measures:
        if codes is not None and measure.code not in codes:
            continue
        if measure.method is Method.HUB:
            out += compute_measure(measure, geo, warehouse, first, last, within)
            continue
        for v in framework.recorded(measure.code):
            if inside(v.area):
                out.append(
                    MeasureValue(
                        measure.code,
                        v.area,
                        _name(geo, v.area),
                        v.period,
                        v.value,
                        measure.method,
                        entered_by=v.entered_by,
                    )
                )
    return out


def _area_filter(geo: Geography, within: Area | None) -> Callable[[str], bool]:
    if within is None or within.level is Level.WALES:
        return lambda _code: True

    def inside(code: str) -> bool:
        if code == within.code:
            return True
        try:
            area = geo.hierarchy.area(code)
        except KeyError:
            return False
        return area.parents.get(within.level) == within.code

    return inside


def _name(geo: Geography, code: str) -> str | None:
    try:
        return geo.hierarchy.area(code).name_en
    except KeyError:
        return None


def _totals(
    measure: Measure,
    hub: HubQuery,
    geo: Geography,
    warehouse: Warehouse,
    spans: list[Period],
    within: Area | None,
) -> list[MeasureValue]:
    out = []
    for span in spans:
        query = FigureQuery(hub.level, within, hub.category, hub.source, span.first, span.last)
        body = area_totals(geo, warehouse, query).as_json()
        for row in body["areas"]:
            count = row["count"]
            value = row["rate_per_1000"] if hub.statistic is Statistic.RATE_PER_1000 else count
            out.append(
                MeasureValue(
                    measure.code,
                    row["code"],
                    row["name_en"],
                    span.label,
                    None if value is None else float(value),
                    Method.HUB,
                    count=count,
                    has_data=row["has_data"],
                    suppressed=row["state"] == "withheld",
                )
            )
    return out


def _by_body(
    measure: Measure,
    hub: HubQuery,
    geo: Geography,
    warehouse: Warehouse,
    spans: list[Period],
    within: Area | None,
) -> list[MeasureValue]:
    """Records by the body that sent them: for a source published by its reporting
    bodies (emergency departments by health board) these are its figures at that
    level, from the one protected base."""
    if hub.source is None or base_level_for(hub.source) is not hub.level:
        raise MeasureError(
            f"measure {measure.code!r}: counts by reporting body are published only for a "
            "source whose publication level is its reporting bodies' level"
        )
    return _totals(measure, hub, geo, warehouse, spans, within)


def _top_places(
    measure: Measure,
    hub: HubQuery,
    geo: Geography,
    warehouse: Warehouse,
    spans: list[Period],
    within: Area | None,
) -> list[MeasureValue]:
    """The top 5% of places' share of incidents per area and period, as ``diogel analyse
    repeat-locations`` gives it (:func:`diogel.figures.places.repeat_places`); an area
    missing a month of the period has no value."""
    from diogel.figures.places import repeat_places

    if hub.level not in AREA_COLUMNS:
        raise MeasureError(f"cannot compute places by {hub.level.value}")
    if hub.source not in OPEN_SOURCES:
        raise MeasureError(f"measure {measure.code!r}: places are published for open sources only")
    areas = sorted(geo.hierarchy.areas_at(hub.level, within), key=lambda a: a.code)
    out = []
    for span in spans:
        covered = covered_months(
            geo, warehouse, {hub.source}, areas, span.first, span.last, hub.level
        )
        wanted = set(months_between(span.first, span.last))
        for area in areas:
            summary = None
            if covered[area.code] == wanted:
                summary = repeat_places(
                    warehouse, hub.source, area, hub.category, span.first, span.last, 1
                ).concentration
            out.append(
                MeasureValue(
                    measure.code,
                    area.code,
                    area.name_en,
                    span.label,
                    None if summary is None else summary.top_5pc_share,
                    Method.HUB,
                    count=None if summary is None else summary.incidents,
                    has_data=summary is not None,
                )
            )
    return out
