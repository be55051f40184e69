"""RAG against target and trend, with both polarities; scorecards."""

from __future__ import annotations

import pytest

from diogel.performance import (
    Direction,
    MeasureValue,
    Method,
    Polarity,
    Target,
    load_framework,
    rag_status,
    scorecard,
    target_value,
    trend,
)
from diogel.programme import Rag

LOWER, HIGHER = Polarity.LOWER_IS_BETTER, Polarity.HIGHER_IS_BETTER


@pytest.mark.parametrize(
    ("value", "target", "polarity", "expected"),
    [
        (9.0, 10.0, LOWER, Rag.GREEN),
        (10.0, 10.0, LOWER, Rag.GREEN),
        (10.5, 10.0, LOWER, Rag.AMBER),
        (10.6, 10.0, LOWER, Rag.RED),
        (11.0, 10.0, HIGHER, Rag.GREEN),
        (10.0, 10.0, HIGHER, Rag.GREEN),
        (9.5, 10.0, HIGHER, Rag.AMBER),
        (9.4, 10.0, HIGHER, Rag.RED),
        (0.0, 0.0, LOWER, Rag.GREEN),
        (1.0, 0.0, LOWER, Rag.RED),
        (-30.0, -32.7, HIGHER, Rag.GREEN),
        (5.0, 10.0, Polarity.NEUTRAL, None),
        (None, 10.0, LOWER, None),
        (5.0, None, LOWER, None),
    ],
)
def test_rag_status(
    value: float | None, target: float | None, polarity: Polarity, expected: Rag | None
) -> None:
    assert rag_status(value, target, polarity, tolerance=0.05) == expected


def test_tolerance_widens_amber() -> None:
    assert rag_status(11.5, 10.0, LOWER, tolerance=0.2) is Rag.AMBER
    assert rag_status(11.5, 10.0, LOWER, tolerance=0.0) is Rag.RED


@pytest.mark.parametrize(
    ("current", "earlier", "polarity", "direction"),
    [
        (8.0, 10.0, LOWER, Direction.IMPROVING),
        (12.0, 10.0, LOWER, Direction.WORSENING),
        (12.0, 10.0, HIGHER, Direction.IMPROVING),
        (8.0, 10.0, HIGHER, Direction.WORSENING),
        (10.05, 10.0, HIGHER, Direction.STABLE),
        (3.0, 0.0, LOWER, Direction.WORSENING),
        (12.0, 10.0, Polarity.NEUTRAL, Direction.UP),
    ],
)
def test_trend(current: float, earlier: float, polarity: Polarity, direction: Direction) -> None:
    found = trend(current, earlier, polarity)
    assert found is not None
    assert found.direction is direction


def test_trend_needs_both_values() -> None:
    assert trend(None, 3.0, LOWER) is None
    assert trend(3.0, None, LOWER) is None


def test_targets() -> None:
    assert target_value(Target("fixed", value=7.0), 100.0) == 7.0
    assert target_value(Target("none worse", change=0.0, baseline="year-before"), 12.0) == 12.0
    assert target_value(Target("none worse", change=0.0, baseline="year-before"), None) is None


def _value(measure: str, period: str, value: float | None, **kw: object) -> MeasureValue:
    return MeasureValue(measure, "W06000022", "Newport", period, value, Method.HUB, **kw)  # type: ignore[arg-type]


def test_scorecard_judges_the_latest_month_against_a_year_before() -> None:
    framework = load_framework()
    values = [
        _value("asb-incidents-local-authority", "2020-12", 500.0),
        _value("asb-incidents-local-authority", "2021-11", 430.0),
        _value("asb-incidents-local-authority", "2021-12", 520.0),
        _value("violence-rate-local-authority", "2020-12", 3.0),
        _value("violence-rate-local-authority", "2021-11", 3.1),
        _value("violence-rate-local-authority", "2021-12", 2.9),
        _value("ed-assaults-health-board", "2021-12", None, suppressed=True),
        _value("top-places-share-local-authority", "2021", 0.4),
    ]
    rows = {r.measure.code: r for r in scorecard(framework, values, "W06000022")}
    asb = rows["asb-incidents-local-authority"]
    assert (asb.period, asb.value, asb.target) == ("2021-12", 520.0, 500.0)
    assert asb.rag is Rag.AMBER  # 4% over a lower-is-better target, inside 5%
    assert asb.trend is not None
    assert asb.trend.direction is Direction.WORSENING
    violence = rows["violence-rate-local-authority"]
    assert violence.rag is Rag.GREEN
    assert violence.trend is not None
    assert violence.trend.direction is Direction.IMPROVING
    ed = rows["ed-assaults-health-board"]
    assert ed.suppressed
    assert ed.rag is None
    assert rows["top-places-share-local-authority"].rag is None  # neutral
    assert rows["ace-time-trained"].period is None  # nothing for Newport
    body = asb.as_dict()
    assert body["rag"] == "amber"
    assert body["recommendations"] == ["wao-r5"]
