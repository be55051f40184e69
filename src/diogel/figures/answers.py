"""The typed answers of the figures layer: what the CLI prints, the API returns
(its OpenAPI schemas are these models) and the pages, reports and scorecards show.

Every count carries its state: ``value`` (a published count, 0 included),
``no_data`` (a body covering the area sent nothing for a month of the period; never
a zero) or ``withheld`` (disclosure control). A count is ``null`` unless its state
is ``value``, and so is everything derived from it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

State = Literal["value", "no_data", "withheld"]


class Answer(BaseModel):
    """Base of every answer: JSON as the API and ``--json`` print it."""

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    def as_json(self) -> dict[str, Any]:
        """The answer as plain JSON-ready data (``from``/``to`` keys, nulls for none)."""
        return self.model_dump(by_alias=True, mode="json")


class ImportUsed(Answer):
    """An import whose records an answer counted."""

    import_id: int
    source: str
    supplier: str
    period_start: str
    period_end: str


class AreaTotal(Answer):
    code: str
    name_en: str
    name_cy: str
    population: int | None
    has_data: bool = Field(description="False when some month of the period has no data.")
    state: State
    count: int | None
    rate_per_1000: float | None


class TotalsAnswer(Answer):
    level: str
    within: str | None
    category: str | None
    source: str | None
    month_from: str = Field(alias="from")
    month_to: str = Field(alias="to")
    suppressed: bool = Field(description="True when disclosure control applies.")
    total: int | None = Field(description="The count of the area the areas are within.")
    total_state: State
    total_population: int | None = Field(description="Residents of the areas shown.")
    total_rate_per_1000: float | None
    areas: list[AreaTotal]
    imports: list[ImportUsed]


class YearOnYear(Answer):
    current: int
    previous: int
    ratio: float | None
    ci95: tuple[float | None, float | None]
    p_value: float


class TrendMonth(Answer):
    month: str
    state: State
    count: int | None
    rate_per_1000: float | None
    has_data: bool
    rolling_12: int | None
    expected: float | None
    exceeds: Literal["above", "below"] | None


class AreaTrend(Answer):
    code: str
    name: str | None
    population: int | None
    has_data: bool = Field(description="False when some month of the period has no data.")
    months: list[TrendMonth]
    year_on_year: YearOnYear | None


class TrendAnswer(Answer):
    level: str
    category: str | None
    month_from: str = Field(alias="from")
    month_to: str = Field(alias="to")
    suppressed: bool
    areas: list[AreaTrend]
    imports: list[ImportUsed]


class HotspotArea(Answer):
    code: str
    count: int
    value: float
    z: float | None
    p: float | None
    p_adjusted: float | None
    class_: str = Field(alias="class")


class HotspotAnswer(Answer):
    level: str
    category: str | None
    weights: str
    correction: str
    tested: bool = Field(description="False when no test ran; then there are no hotspots to say.")
    not_tested_because: str | None
    islands: list[str]
    left_out: list[str] = Field(description="Areas of the query with no data, not tested.")
    groups: int = Field(description="Separate contiguous groups of covered areas, tested apart.")
    areas: list[HotspotArea]
    imports: list[ImportUsed]
