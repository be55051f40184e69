"""RAG status against target and trend, read with each measure's polarity; scorecards.

Examples
--------
>>> rag_status(9.0, 10.0, Polarity.LOWER_IS_BETTER)
<Rag.GREEN: 'green'>
>>> rag_status(10.3, 10.0, Polarity.LOWER_IS_BETTER)
<Rag.AMBER: 'amber'>
>>> rag_status(9.0, 10.0, Polarity.HIGHER_IS_BETTER)
<Rag.RED: 'red'>
>>> trend(12.0, 10.0, Polarity.LOWER_IS_BETTER).direction
<Direction.WORSENING: 'worsening'>
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from diogel.performance.model import Framework, Measure, MeasureValue, Target
from diogel.performance.periods import previous, year_before
from diogel.performance.vocab import Direction, Polarity
from diogel.programme.vocab import Rag

#: A change smaller than this fraction of the earlier value counts as stable.
STABLE_WITHIN = 0.01


def target_value(target: Target, baseline: float | None) -> float | None:
    """The number a value is judged against: the fixed value, or the baseline moved by
    ``change`` (None when the baseline is not known).

    Examples
    --------
    >>> target_value(Target("a tenth fewer", change=-0.1, baseline="year-before"), 50.0)
    45.0
    """
    if target.value is not None:
        return target.value
    if baseline is None or target.change is None:
        return None
    return baseline * (1 + target.change)


def rag_status(
    value: float | None, target: float | None, polarity: Polarity, tolerance: float = 0.05
) -> Rag | None:
    """Green on the right side of ``target`` (or on it), amber within ``tolerance``
    (a fraction of the target) on the wrong side, red beyond; None for neutral
    measures or when the value or target is unknown."""
    if value is None or target is None or polarity is Polarity.NEUTRAL:
        return None
    band = abs(target) * tolerance
    gap = value - target if polarity is Polarity.HIGHER_IS_BETTER else target - value
    if gap >= 0:
        return Rag.GREEN
    return Rag.AMBER if -gap <= band else Rag.RED


@dataclass(frozen=True)
class Trend:
    direction: Direction
    change: float | None  # relative change on the earlier value; None if it was zero


def trend(current: float | None, earlier: float | None, polarity: Polarity) -> Trend | None:
    """How ``current`` moved from ``earlier``, improving or worsening by ``polarity``.

    Examples
    --------
    >>> trend(100.0, 100.5, Polarity.HIGHER_IS_BETTER).direction
    <Direction.STABLE: 'stable'>
    >>> trend(5.0, 10.0, Polarity.NEUTRAL)
    Trend(direction=<Direction.DOWN: 'down'>, change=-0.5)
    """
    if current is None or earlier is None:
        return None
    change = None if earlier == 0 else current / earlier - 1
    if current == earlier or (change is not None and abs(change) < STABLE_WITHIN):
        return Trend(Direction.STABLE, change)
    better = polarity.better(current, earlier)
    if better is None:
        return Trend(Direction.UP if current > earlier else Direction.DOWN, change)
    return Trend(Direction.IMPROVING if better else Direction.WORSENING, change)


@dataclass(frozen=True)
class ScorecardRow:
    """A measure's latest value for an area with its target, RAG and trend."""

    measure: Measure
    area: str
    area_name: str | None
    period: str | None
    value: float | None
    target: float | None
    rag: Rag | None
    trend: Trend | None
    suppressed: bool
    has_data: bool

    def as_dict(self) -> dict[str, Any]:
        m = self.measure
        return {
            "measure": m.code,
            "name_en": m.name_en,
            "level": m.level.value,
            "type": m.type.value,
            "unit": m.unit,
            "polarity": m.polarity.value,
            "method": m.method.value,
            "area": self.area,
            "area_name": self.area_name,
            "period": self.period,
            "value": self.value,
            "target": self.target,
            "rag": None if self.rag is None else self.rag.value,
            "trend": None if self.trend is None else self.trend.direction.value,
            "change": None if self.trend is None else self.trend.change,
            "suppressed": self.suppressed,
            "has_data": self.has_data,
            "objectives": list(m.objectives),
            "recommendations": list(m.recommendations),
        }


def scorecard(framework: Framework, values: list[MeasureValue], area: str) -> list[ScorecardRow]:
    """One row per measure for ``area``: its latest period (withheld or without data
    shown as such, not skipped), judged against its target (a year-before baseline
    taken from ``values``) and against the period before for the trend."""
    by_measure: dict[str, dict[str, MeasureValue]] = defaultdict(dict)
    for v in values:
        if v.area == area:
            by_measure[v.measure][v.period] = v
    rows = []
    for measure in framework.measures:
        series = by_measure.get(measure.code, {})
        latest = max(series) if series else None
        current = series.get(latest) if latest else None
        value = current.value if current else None
        target = None
        if measure.target is not None and latest is not None:
            base = series.get(year_before(latest))
            target = target_value(measure.target, base.value if base else None)
        earlier = series.get(previous(latest)) if latest else None
        rows.append(
            ScorecardRow(
                measure,
                area,
                current.area_name if current else None,
                latest,
                value,
                target,
                rag_status(
                    value,
                    target,
                    measure.polarity,
                    measure.target.tolerance if measure.target else 0.05,
                ),
                trend(value, earlier.value if earlier else None, measure.polarity),
                bool(current and current.suppressed),
                bool(current and current.has_data),
            )
        )
    return rows
