"""What every adapter produces, and the faults it may raise."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

#: Columns of the harmonised incident frame every adapter returns (before locations
#: are assigned by the warehouse). ``line`` is the file line the record starts on.
HARMONISED_COLUMNS = (
    "line",
    "category",
    "subcategory",
    "source_type",
    "month",
    "occurred_date",
    "occurred_time",
    "lsoa11",
    "longitude",
    "latitude",
    "location_text",
    "outcome",
    "reference",
    "flags",
)


class BadFileError(ValueError):
    """The whole file cannot be imported; the message says why, once, clearly."""


@dataclass(frozen=True)
class Rejection:
    """One rejected value: where it was and why."""

    line: int
    column: str
    value: str
    reason: str


@dataclass
class ParsedFile:
    """An adapter's reading of one file.

    ``rows`` has :data:`HARMONISED_COLUMNS`; ``detail`` holds source-specific
    columns keyed by ``line`` (or is ``None``).
    """

    source: str
    supplier: str
    period_start: dt.date
    period_end: dt.date
    rows_read: int
    rows: pd.DataFrame
    rejections: list[Rejection] = field(default_factory=list)
    detail: pd.DataFrame | None = None
    #: Area of the organisation that recorded the rows (police force area, health board):
    #: rows with no Welsh location still count in its totals.
    reporting_area: str | None = None
    #: Which warehouse table the rows belong in: ``incidents``, or ``outcomes`` for
    #: police.uk outcome files (events about crimes already counted as incidents).
    target: str = "incidents"

    @property
    def rejected_lines(self) -> set[int]:
        return {r.line for r in self.rejections}
