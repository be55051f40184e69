"""Disclosure control that holds across outputs: one protected base, every figure from it.

Protecting each table on its own does not protect a series of tables. Two
overlapping windows differ by one month; a region and the areas inside it differ
by one area; a trend's expected count is a mean of months. An attacker who
collects enough outputs solves for the withheld cells exactly. So, for a source
that needs disclosure control, Diogel publishes nothing that is not built from
one protected base:

1. **The base.** For each calendar month, the source's counts by *base area*
   (its publication level: health boards for emergency departments, local
   authorities for other protected sources) and category form one 2-D table
   with its margins: each area's all-category count, each category's count for
   Wales, and the Wales count. That table is protected by primary and secondary
   suppression (:func:`diogel.disclosure.protect_table`) so that no withheld
   cell follows from the published ones. The table and its pattern of withheld
   cells depend only on that month's data, never on the question asked: every
   output sees the same pattern.
2. **Everything else is a sum of base cells.** A coarser area's month (a region,
   a police force area made of whole base areas), a window of months and every
   figure derived from them (rates, rolling twelve months, expected counts,
   year-on-year change, ratios) is published only when every base value it adds
   up is published, or when it is a published margin. A figure made only of
   published values tells an attacker nothing the published values did not.
3. **Below the base level nothing is published** for the source, and an area
   that is not a union of whole base areas is not published either: its count
   would be a difference between published figures and hidden ones.

Open sources (police.uk) are public record by record and are not protected.
See ``docs/methods.md`` for what this guarantees and what it does not.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from diogel.disclosure.rules import DisclosureRule, RuleBook, load_rule_book
from diogel.disclosure.suppression import protect_table
from diogel.figures.base import AREA_COLUMNS, record_filters
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse


@dataclass(frozen=True)
class MonthGrid:
    """One month of a protected source: base areas × categories with margins.

    ``withheld`` has one more row (category totals for Wales) and one more
    column (each area's all-category count) than ``counts``.
    """

    month: str
    areas: tuple[str, ...]
    categories: tuple[str, ...]
    counts: np.ndarray
    withheld: np.ndarray
    rounding: int | None = None

    def cell(self, rows: list[int], category: str | None) -> tuple[int, bool]:
        """The sum of ``rows`` (indices of base areas; ``[-1]`` for the Wales margin)
        in ``category`` (``None``: all categories), and whether any part is withheld."""
        column = -1 if category is None else self._column(category)
        if column is None:
            return 0, False  # the source records nothing of this category
        full = _with_margins(self.counts)
        if self.rounding:
            # Each published base cell rounded to the rule's base; sums are of those.
            full = (np.round(full / self.rounding) * self.rounding).astype(np.int64)
        value = int(sum(full[r, column] for r in rows))
        hidden = bool(any(self.withheld[r, column] for r in rows))
        return value, hidden

    def _column(self, category: str) -> int | None:
        try:
            return self.categories.index(category)
        except ValueError:
            return None


def _with_margins(counts: np.ndarray) -> np.ndarray:
    full = np.zeros((counts.shape[0] + 1, counts.shape[1] + 1), dtype=np.int64)
    full[:-1, :-1] = counts
    full[:-1, -1] = counts.sum(axis=1)
    full[-1, :-1] = counts.sum(axis=0)
    full[-1, -1] = counts.sum()
    return full


def protect_grid(counts: np.ndarray, rule: DisclosureRule) -> np.ndarray:
    """The withheld mask (with margins) of one month's base table.

    A table of one category is protected as rows with their total; a table of
    several categories as a 2-D table with row, column and grand totals.

    Examples
    --------
    >>> from diogel.disclosure.rules import DisclosureRule
    >>> protect_grid(np.array([[12], [3], [40], [7]]), DisclosureRule()).ravel().tolist()
    [False, False, True, True, False, False, True, True, False, False]
    """
    rows, columns = counts.shape
    if rows == 0:
        return np.zeros((1, columns + 1), dtype=bool)
    if columns == 1:
        # One category: the areas and Wales; the all-category margin is the same cells.
        protected = protect_table(counts[:, 0], rule).suppressed[0]
        mask = np.zeros((rows + 1, 2), dtype=bool)
        mask[:, 0] = protected
        mask[:, 1] = protected
        return mask
    if rows == 1:
        protected = protect_table(counts[0], rule).suppressed[0]
        mask = np.zeros((2, columns + 1), dtype=bool)
        mask[0] = protected
        mask[1] = protected
        return mask
    return protect_table(counts, rule).suppressed


@dataclass(frozen=True)
class ProtectedSource:
    """A protected source's base over some months, read once from the warehouse."""

    source: str
    rule: DisclosureRule
    level: Level
    grids: dict[str, MonthGrid]

    def rows_for(self, geo: Geography, area: Area) -> list[int] | None:
        """The base rows adding up to ``area``; ``[-1]`` for Wales; None when the area
        is below the base level or not a union of whole base areas."""
        return _rows_for(geo, self.level, area, next(iter(self.grids.values())).areas)

    def value(self, rows: list[int] | None, category: str | None, month: str) -> tuple[int, bool]:
        """The count of ``rows`` in ``month`` and whether disclosure control withholds it."""
        grid = self.grids.get(month)
        if grid is None or rows is None:
            return 0, rows is None
        return grid.cell(rows, category)


def _rows_for(
    geo: Geography, level: Level, area: Area, base_areas: tuple[str, ...]
) -> list[int] | None:
    if area.level is Level.WALES:
        return [-1]
    if area.level is level:
        return [base_areas.index(area.code)] if area.code in base_areas else None
    if area.level in (Level.LSOA11, Level.LSOA21, Level.MSOA11):
        return None  # below any base level
    inside = geo.hierarchy.overlapping(level, area)
    for code in inside:
        # Whole base areas only: a base area that reaches outside ``area`` would make
        # the area's count a difference of a published and a hidden figure.
        candidate = geo.hierarchy.area(code, level)
        if geo.hierarchy.overlapping(area.level, candidate) != {area.code}:
            return None
    return sorted(base_areas.index(code) for code in inside if code in base_areas)


def protected_source(
    geo: Geography, warehouse: Warehouse, source: str, first: str, last: str
) -> ProtectedSource:
    """The protected base of ``source`` for every month from ``first`` to ``last``."""
    from diogel.figures.coverage import months_between

    book = rule_book()
    agreements = _agreements(warehouse, _stamp(warehouse), source)
    rule = book.rule(source, agreements)
    level = book.base_level(source, agreements)
    areas = tuple(sorted(a.code for a in geo.hierarchy.areas_at(level)))
    categories = _categories(warehouse, source)
    grids = {}
    for month in months_between(first, last):
        counts = _month_counts(warehouse, _stamp(warehouse), source, level, month)
        table = np.zeros((len(areas), len(categories)), dtype=np.int64)
        for (code, category), n in counts.items():
            if code in areas and category in categories:
                table[areas.index(code), categories.index(category)] = n
        grids[month] = MonthGrid(
            month,
            areas,
            categories,
            table,
            _protected_mask(table.tobytes(), table.shape, rule),
            rule.rounding,
        )
    return ProtectedSource(source, rule, level, grids)


def rule_book() -> RuleBook:
    """The rules file the settings name (read again when it changes), or the defaults."""
    from diogel.settings import load_settings

    path = load_settings().disclosure_rules_file
    stamp = os.stat(path).st_mtime if path is not None and path.exists() else 0.0
    return _rule_book(path, stamp)


@lru_cache(maxsize=8)
def _rule_book(path: Path | None, stamp: float) -> RuleBook:
    return load_rule_book(path)


@lru_cache(maxsize=256)
def _agreements(warehouse: Warehouse, stamp: tuple[str, float, int], source: str) -> frozenset[str]:
    """The agreements the source's current imports came under: each one's rule applies."""
    if not warehouse.catalogue_path.exists():
        return frozenset()
    with warehouse.connect() as con:
        rows = con.execute(
            "select distinct agreement from imports where source = ? and status = 'current' "
            "and agreement is not null",
            [source],
        ).fetchall()
    return frozenset(str(r[0]) for r in rows if r[0])


def _stamp(warehouse: Warehouse) -> tuple[str, float, int]:
    """What identifies the warehouse's contents: its file and when it last changed."""
    path = warehouse.catalogue_path
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return (str(path), 0.0, 0)
    return (str(path), stat.st_mtime, stat.st_size)


def _categories(warehouse: Warehouse, source: str) -> tuple[str, ...]:
    """Every category the source records, in any month: the columns of its base."""
    return _categories_cached(warehouse, _stamp(warehouse), source)


@lru_cache(maxsize=64)
def _categories_cached(
    warehouse: Warehouse, stamp: tuple[str, float, int], source: str
) -> tuple[str, ...]:
    if not warehouse.catalogue_path.exists():
        return ()
    with warehouse.connect() as con:
        rows = con.execute(
            "select distinct category from current_incidents where source = ? order by 1",
            [source],
        ).fetchall()
    return tuple(str(r[0]) for r in rows) or ("none",)


@lru_cache(maxsize=4096)
def _month_counts(
    warehouse: Warehouse, stamp: tuple[str, float, int], source: str, level: Level, month: str
) -> dict[tuple[str, str], int]:
    """One month's counts by base area and category (cached while the file is unchanged)."""
    if not warehouse.catalogue_path.exists():
        return {}
    column = AREA_COLUMNS[level]
    where, params = record_filters(source, None, month, month)
    sql = (
        f"select {column}, category, count(*) from current_incidents "
        f"where {' and '.join(where)} and {column} is not null group by 1, 2"
    )
    with warehouse.connect() as con:
        rows = con.execute(sql, params).fetchall()
    return {(str(code), str(category)): int(n) for code, category, n in rows}


@lru_cache(maxsize=4096)
def _protected_mask(data: bytes, shape: tuple[int, ...], rule: DisclosureRule) -> np.ndarray:
    counts = np.frombuffer(data, dtype=np.int64).reshape(shape)
    mask = protect_grid(counts, rule)
    mask.setflags(write=False)
    return mask
