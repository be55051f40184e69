"""The performance framework's records: measures, targets, values.

Every measure and every value entered by hand cites its source, as the programme
and landscape records do. A hub measure's values are never stored in the
framework: :mod:`~diogel.performance.compute` computes them from the warehouse
each time they are asked for.

Periods are ``YYYY-MM`` (monthly), ``YYYY-Qn`` (quarterly) or ``YYYY`` (annual).

Examples
--------
>>> hub = HubQuery(Statistic.COUNT, "police_uk_street", "asb", Level.LOCAL_AUTHORITY)
>>> hub.describe()
'count of asb records from police_uk_street by local_authority'
"""

from __future__ import annotations

from dataclasses import dataclass

from diogel.geography import Level
from diogel.landscape.model import Document, Source
from diogel.performance.vocab import (
    Frequency,
    MeasureLevel,
    MeasureType,
    Method,
    Polarity,
    Statistic,
)

__all__ = [
    "Document",
    "Framework",
    "HubQuery",
    "Measure",
    "MeasureValue",
    "RecordedValue",
    "Source",
    "Target",
]


@dataclass(frozen=True)
class HubQuery:
    """What a hub measure computes: a statistic of one source (and category) by area."""

    statistic: Statistic
    source: str
    category: str | None
    level: Level

    def describe(self) -> str:
        what = f"{self.category} records" if self.category else "records"
        return f"{self.statistic.value} of {what} from {self.source} by {self.level.value}"


@dataclass(frozen=True)
class Target:
    """A fixed ``value``, or a ``change`` on a baseline (``"year-before"``: the same
    period a year earlier; ``change = 0`` means no worse than then). Within
    ``tolerance`` (a fraction of the target) on the wrong side is amber. ``basis``
    says who set the target and why; ``sources`` cite it where a document does."""

    basis: str
    value: float | None = None
    change: float | None = None
    baseline: str | None = None
    tolerance: float = 0.05
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Measure:
    """One measure of the framework and what it evidences in the programme."""

    code: str
    name_en: str
    name_cy: str | None
    level: MeasureLevel
    type: MeasureType
    unit: str
    polarity: Polarity
    frequency: Frequency
    method: Method
    sources: tuple[Source, ...]
    definition: str = ""
    hub: HubQuery | None = None
    owner: str | None = None
    target: Target | None = None
    public: bool = True
    objectives: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordedValue:
    """A value of a manual or survey measure, entered by a named owner, with its source."""

    measure: str
    area: str
    period: str
    value: float
    entered_by: str
    sources: tuple[Source, ...]
    note: str = ""


@dataclass(frozen=True)
class MeasureValue:
    """A measure's value for one area and period, computed or recorded.

    ``value`` is None when there is no data for the whole area and period
    (``has_data`` false) or when disclosure control withholds it (``suppressed``).
    ``count`` is the number of records behind a hub value.
    """

    measure: str
    area: str
    area_name: str | None
    period: str
    value: float | None
    method: Method
    count: int | None = None
    has_data: bool = True
    suppressed: bool = False
    entered_by: str | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "measure": self.measure,
            "area": self.area,
            "area_name": self.area_name,
            "period": self.period,
            "value": self.value,
            "count": self.count,
            "has_data": self.has_data,
            "suppressed": self.suppressed,
            "method": self.method.value,
            "entered_by": self.entered_by,
        }


@dataclass(frozen=True)
class Framework:
    """Measures and recorded values, as :func:`diogel.performance.load_framework` validates."""

    documents: tuple[Document, ...]
    measures: tuple[Measure, ...]
    values: tuple[RecordedValue, ...]

    def measure(self, code: str) -> Measure:
        for m in self.measures:
            if m.code == code:
                return m
        raise KeyError(f"no measure {code!r}")

    def evidencing(self, code: str) -> list[Measure]:
        """Measures that evidence an objective or recommendation ``code``."""
        return [m for m in self.measures if code in m.objectives or code in m.recommendations]

    def recorded(self, measure: str) -> list[RecordedValue]:
        return [v for v in self.values if v.measure == measure]
