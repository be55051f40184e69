"""What every adapter produces, and the faults it may raise."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

#: Columns of the harmonised incident frame every adapter returns (before locations
#: are assigned by the warehouse). ``line`` is the file line the record starts on.
#: An adapter may add ``person_pseudonym`` (see :mod:`diogel.sources.generic`).
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


class SupplierMismatchError(BadFileError):
    """The supplier named for the import is not the reporting body the file names.

    Refused unless a reason is given (it is then recorded with the import).
    """


def same_body(a: str, b: str) -> bool:
    """Whether two names of an organisation agree, ignoring case and spacing."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


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
    #: The agreement whose key made the rows' ``person_pseudonym`` (generic mappings
    #: with personal identifiers); the import must be recorded under the same one.
    pseudonymised_under: str | None = None
    #: Set when the import was allowed although the file names another reporting body:
    #: what the file names and the reason given (recorded in ``imports``).
    supplier_mismatch: str | None = None

    @property
    def coverage_areas(self) -> tuple[str | None, ...]:
        """The reporting bodies (their areas) the file reports for: one, or None."""
        return (self.reporting_area,)

    @property
    def rejected_lines(self) -> set[int]:
        return {r.line for r in self.rejections}


@dataclass(frozen=True)
class BulkRead:
    """Files an adapter read and checked together, their accepted rows left in DuckDB
    (in the connection they were read in: they are written over that connection).

    ``parsed[i]`` is the reading of the ``i``-th file given, exactly as the adapter's
    one-file parse would make it but with no ``rows`` (an empty frame): they are
    ``accepted[i]`` rows of ``rows_sql``. ``None`` marks a file to be read alone by
    the one-file parse (which refuses it, or reads what the bulk reading does not:
    quoted fields, a period or supplier to refuse, rows to reject for their month,
    rows that may repeat), so its outcome and messages are the one-file parse's.
    """

    parsed: list[ParsedFile | None]
    accepted: list[int]
    #: SQL relation of every accepted row of the files read: ``file_index`` (the
    #: file's place in ``parsed``) and :data:`HARMONISED_COLUMNS`. Each row has its
    #: LSOA or a flag saying why not: none is to be located by its point.
    rows_sql: str = ""
    #: The Arrow tables ``rows_sql`` reads, by the names to register them under.
    tables: Mapping[str, pa.Table] = field(default_factory=dict)
    #: Temporary tables the reading made in its connection (``rows_sql`` reads them):
    #: to drop once the rows are written.
    temporary: tuple[str, ...] = ()


class RowRejections:
    """Rows rejected while checking a table, each with its first reason.

    ``reject(mask, column, reason)`` rejects the rows where ``mask`` holds, naming
    the column and quoting its value; a row already rejected is not reported again.
    """

    def __init__(self, lines: Sequence[int] | np.ndarray, values: Mapping[str, Any]) -> None:
        self.lines = np.asarray(lines)
        self.values = values
        self.bad = np.zeros(len(self.lines), dtype=bool)
        self.items: list[Rejection] = []

    def reject(self, mask: np.ndarray, column: str, reason: str, values: Any = None) -> None:
        shown = self.values[column] if values is None else values
        for i in np.flatnonzero(mask & ~self.bad):
            self.items.append(Rejection(int(self.lines[i]), column, str(shown[i])[:200], reason))
        self.bad |= mask

    @property
    def keep(self) -> np.ndarray:
        return ~self.bad

    def sorted(self) -> list[Rejection]:
        return sorted(self.items, key=lambda r: (r.line, r.column))
