"""Controlled vocabularies of the performance framework.

Values are the words used in ``measures.toml``. RAG statuses are the programme
tracker's (:class:`diogel.programme.Rag`).

Examples
--------
>>> MeasureType("impact").label_cy
'Effaith'
>>> Polarity.LOWER_IS_BETTER.better(3.0, 5.0)
True
>>> Frequency.QUARTERLY.months
3
"""

from __future__ import annotations

from enum import StrEnum


class MeasureLevel(StrEnum):
    """Who the measure is for: all Wales, a region (police force, health board) or local."""

    NATIONAL = "national"
    REGIONAL = "regional"
    LOCAL = "local"

    @property
    def label_en(self) -> str:
        return {"national": "National", "regional": "Regional", "local": "Local"}[self.value]

    @property
    def label_cy(self) -> str:
        return {"national": "Cenedlaethol", "regional": "Rhanbarthol", "local": "Lleol"}[self.value]


class MeasureType(StrEnum):
    """What the measure judges (WAO R5: "inputs, outputs and impact")."""

    INPUT = "input"
    OUTPUT = "output"
    OUTCOME = "outcome"
    IMPACT = "impact"

    @property
    def label_en(self) -> str:
        return _TYPE_LABELS[self][0]

    @property
    def label_cy(self) -> str:
        return _TYPE_LABELS[self][1]


_TYPE_LABELS: dict[MeasureType, tuple[str, str]] = {
    MeasureType.INPUT: ("Input", "Mewnbwn"),
    MeasureType.OUTPUT: ("Output", "Allbwn"),
    MeasureType.OUTCOME: ("Outcome", "Canlyniad"),
    MeasureType.IMPACT: ("Impact", "Effaith"),
}


class Polarity(StrEnum):
    """Which way is better; ``neutral`` measures are tracked without a RAG status."""

    HIGHER_IS_BETTER = "higher-is-better"
    LOWER_IS_BETTER = "lower-is-better"
    NEUTRAL = "neutral"

    def better(self, a: float, b: float) -> bool | None:
        """Whether ``a`` is better than ``b`` (None for neutral measures)."""
        if self is Polarity.NEUTRAL:
            return None
        return a > b if self is Polarity.HIGHER_IS_BETTER else a < b

    @property
    def label_en(self) -> str:
        return _POLARITY_LABELS[self][0]

    @property
    def label_cy(self) -> str:
        return _POLARITY_LABELS[self][1]


_POLARITY_LABELS: dict[Polarity, tuple[str, str]] = {
    Polarity.HIGHER_IS_BETTER: ("Higher is better", "Gorau po uchaf"),
    Polarity.LOWER_IS_BETTER: ("Lower is better", "Gorau po isaf"),
    Polarity.NEUTRAL: ("No better direction", "Dim cyfeiriad gwell"),
}


class Frequency(StrEnum):
    """How often the measure is reported; hub measures are computed per period."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"

    @property
    def months(self) -> int:
        return {"monthly": 1, "quarterly": 3, "annual": 12}[self.value]

    @property
    def label_en(self) -> str:
        return {"monthly": "Monthly", "quarterly": "Quarterly", "annual": "Annual"}[self.value]

    @property
    def label_cy(self) -> str:
        return {"monthly": "Misol", "quarterly": "Chwarterol", "annual": "Blynyddol"}[self.value]


class Method(StrEnum):
    """Where the values come from."""

    #: Computed from the warehouse whenever asked, so a new import updates it.
    HUB = "hub"
    #: Entered by the measure's named owner.
    MANUAL = "manual"
    #: From a survey, entered with its source.
    SURVEY = "survey"

    @property
    def label_en(self) -> str:
        return {"hub": "From the hub", "manual": "Entered by its owner", "survey": "Survey"}[
            self.value
        ]

    @property
    def label_cy(self) -> str:
        return {"hub": "O'r hyb", "manual": "Wedi'i gofnodi gan ei berchennog", "survey": "Arolwg"}[
            self.value
        ]


class Statistic(StrEnum):
    """What a hub measure computes over the warehouse, per area and period."""

    #: Incidents in each area (as ``diogel counts``).
    COUNT = "count"
    #: Incidents per 1,000 residents (as the dashboards and ``diogel analyse trends``).
    RATE_PER_1000 = "rate-per-1000"
    #: Records by the body that sent them (emergency departments by health board, as
    #: ``diogel analyse hidden-harm``).
    COUNT_BY_REPORTING_BODY = "count-by-reporting-body"
    #: Share of incidents at the busiest 5% of places (as ``diogel analyse
    #: repeat-locations``).
    TOP_5PC_PLACES_SHARE = "top-5pc-places-share"


class Direction(StrEnum):
    """A measure's trend, read with its polarity."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    STABLE = "stable"
    #: Moving, for a neutral measure.
    UP = "up"
    DOWN = "down"

    @property
    def label_en(self) -> str:
        return self.value.capitalize()

    @property
    def label_cy(self) -> str:
        return {
            "improving": "Yn gwella",
            "worsening": "Yn gwaethygu",
            "stable": "Sefydlog",
            "up": "I fyny",
            "down": "I lawr",
        }[self.value]
