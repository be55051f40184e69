"""The rules that decide what a new file replaces, as pure functions.

For one source and supplier, the imports that count are the *current* ones. A new
file is compared with those whose period overlaps its own (periods are inclusive
date ranges):

- it **replaces** them all when its period contains every overlapping import's
  whole period (a republished month replaces its month; a quarterly file replaces
  the three monthly files inside it, so nothing is counted twice);
- it is **refused** when it only partly overlaps one (a monthly file inside a
  current quarterly file, or periods that straddle): replacing the whole would lose
  the rest of that import's period, and keeping both would count the overlap twice.
  The explanation names the imports and their periods.

Two further checks ask the person importing to confirm:

- a replacement whose accepted rows are fewer than a threshold of the rows it
  replaces (:func:`shrinks`: "13 rows would replace 4,546");
- a file whose data rows are one block repeated k ≥ 2 times (:func:`repeated_rows`).
  Identical rows alone are not repetition (police.uk anti-social behaviour reports
  can be identical in every column), so a block must hold at least two different
  rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from diogel.warehouse.imports import CurrentImport


@dataclass(frozen=True)
class SupersessionPlan:
    """What a new file does to the current imports overlapping its period."""

    #: Imports the new file replaces (their whole period is inside its own).
    replaces: tuple[CurrentImport, ...] = ()
    #: Imports it only partly overlaps: the file is refused while any is current.
    conflicts: tuple[CurrentImport, ...] = ()

    @property
    def refused(self) -> bool:
        return bool(self.conflicts)

    @property
    def replaced_rows(self) -> int:
        return sum(c.rows_accepted for c in self.replaces)


def overlaps(start: dt.date, end: dt.date, other_start: dt.date, other_end: dt.date) -> bool:
    """Whether two inclusive periods share at least one day.

    >>> overlaps(dt.date(2021, 1, 1), dt.date(2021, 3, 31),
    ...          dt.date(2021, 3, 31), dt.date(2021, 4, 30))
    True
    """
    return start <= other_end and other_start <= end


def plan_supersession(
    start: dt.date, end: dt.date, current: Sequence[CurrentImport]
) -> SupersessionPlan:
    """Which of ``current`` a new file for ``start``..``end`` replaces, or conflicts with.

    ``current`` are the current imports of the same source and supplier (any
    period: those not overlapping are left alone).

    Examples
    --------
    >>> month = lambda m: CurrentImport(m, f"m{m}", dt.date(2021, m, 1),
    ...                                 dt.date(2021, m, 28), 10)
    >>> plan = plan_supersession(dt.date(2021, 1, 1), dt.date(2021, 3, 31),
    ...                          [month(1), month(2), month(3), month(4)])
    >>> [c.import_id for c in plan.replaces], plan.refused
    ([1, 2, 3], False)
    >>> plan_supersession(dt.date(2021, 2, 1), dt.date(2021, 2, 28),
    ...                   [CurrentImport(9, "q1", dt.date(2021, 1, 1),
    ...                                  dt.date(2021, 3, 31), 30)]).refused
    True
    """
    overlapping = [c for c in current if overlaps(start, end, c.period_start, c.period_end)]
    conflicts = tuple(
        c for c in overlapping if not (start <= c.period_start and c.period_end <= end)
    )
    if conflicts:
        return SupersessionPlan(replaces=(), conflicts=conflicts)
    return SupersessionPlan(replaces=tuple(overlapping))


def shrinks(new_rows: int, replaced_rows: int, threshold: float) -> bool:
    """Whether ``new_rows`` replacing ``replaced_rows`` shrinks the period beyond
    ``threshold`` (a fraction: 0.5 flags a replacement with under half the rows).

    Replacing nothing, or a nil return, never shrinks.

    >>> shrinks(13, 4546, 0.5), shrinks(4500, 4546, 0.5), shrinks(0, 0, 0.5)
    (True, False, False)
    """
    return replaced_rows > 0 and new_rows < threshold * replaced_rows


def _periods(values: np.ndarray, sizes: list[int]) -> list[int]:
    """The block sizes among ``sizes`` with which ``values`` repeats."""
    return [size for size in sizes if np.array_equal(values[size:], values[:-size])]


def repeated_block(keys: Sequence[Hashable] | np.ndarray) -> int:
    """How many times the sequence is one block repeated (1 when it is not).

    The answer is the largest k ≥ 2 such that ``keys`` is a block of ``len(keys) / k``
    items written k times, where the block holds at least two different items
    (a run of identical items is not flagged: identical records can be real).

    >>> repeated_block(["a", "b", "c"] * 60)
    60
    >>> repeated_block(["a", "b", "a", "c"]), repeated_block(["a"] * 5), repeated_block([])
    (1, 1, 1)
    """
    return repeated_rows(pd.DataFrame({"key": pd.Series(list(keys), dtype=object)}))


def repeated_rows(rows: pd.DataFrame) -> int:
    """How many times a file's records are one block repeated (1 when they are not),
    comparing every column but the file line (see :func:`repeated_block`).

    A table repeats with a block of s rows exactly when each of its columns does, so
    the columns are compared one at a time, as codes, and the search stops at the
    first column that does not repeat: most files cost one column.
    """
    content = rows.drop(columns=[c for c in ("line",) if c in rows.columns])
    n = len(content)
    # Block sizes that could tile the file twice or more, smallest first.
    sizes = [size for size in range(1, n // 2 + 1) if n % size == 0]
    varied = False
    for column in content.columns:
        if not sizes:
            return 1
        values = np.asarray(pd.factorize(content[column].to_numpy(dtype=object))[0])
        varied = varied or bool(len(values) and (values != values[0]).any())
        sizes = _periods(values, sizes)
    # All rows identical is not repetition: identical records can be real.
    if not sizes or not varied:
        return 1
    return n // sizes[0]
