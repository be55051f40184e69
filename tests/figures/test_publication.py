"""The protected base holds across outputs: whatever sums of base cells are published
(areas and unions of areas, any category or all, any window of months), no withheld
small count follows from them.

The oracle is linear algebra written here, independent of the suppression code: a
withheld cell is recoverable exactly when its unit vector lies in the span of the
published figures' vectors (the rank does not grow when it is added).
"""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from diogel.disclosure.rules import DisclosureRule
from diogel.figures.cells import Cell, combine
from diogel.figures.publication import MonthGrid, ProtectedSource, protect_grid
from diogel.geography import Level

RULE = DisclosureRule()


@st.composite
def bases(draw: st.DrawFn) -> np.ndarray:
    months = draw(st.integers(1, 4))
    areas = draw(st.integers(2, 4))
    categories = draw(st.integers(1, 2))
    values = st.integers(0, 9)  # mostly small: the hard case
    return np.array(
        draw(
            st.lists(
                values,
                min_size=months * areas * categories,
                max_size=months * areas * categories,
            )
        )
    ).reshape(months, areas, categories)


def protected(counts: np.ndarray, rule: DisclosureRule = RULE) -> ProtectedSource:
    months, areas, categories = counts.shape
    codes = tuple(f"A{i}" for i in range(areas))
    names = tuple(f"c{j}" for j in range(categories))
    grids = {
        f"2021-{m + 1:02d}": MonthGrid(
            f"2021-{m + 1:02d}", codes, names, counts[m], protect_grid(counts[m], rule)
        )
        for m in range(months)
    }
    return ProtectedSource("test", rule, Level.HEALTH_BOARD, grids)


def published_figures(
    counts: np.ndarray, rule: DisclosureRule = RULE
) -> list[tuple[np.ndarray, int]]:
    """Every figure the cells of a protected base allow: (vector over base cells, value)."""
    months, areas, categories = counts.shape
    source = protected(counts, rule)
    labels = list(source.grids)
    row_sets: list[list[int]] = [[-1]] + [
        list(rows) for k in range(1, areas + 1) for rows in itertools.combinations(range(areas), k)
    ]
    out = []
    for rows in row_sets:
        for category in [None, *range(categories)]:
            name = None if category is None else f"c{category}"
            for first in range(months):
                for last in range(first, months):
                    cells = []
                    for m in range(first, last + 1):
                        value, hidden = source.value(rows, name, labels[m])
                        cells.append(Cell(None, "withheld") if hidden else Cell(value, "value"))
                    figure = combine(cells)
                    if not figure.published:
                        continue
                    vector = np.zeros(counts.shape)
                    members = range(areas) if rows == [-1] else rows
                    columns = range(categories) if category is None else [category]
                    for m in range(first, last + 1):
                        for r in members:
                            for c in columns:
                                vector[m, r, c] = 1
                    out.append((vector.ravel(), int(figure.value or 0)))
    return out


def recoverable(counts: np.ndarray, rule: DisclosureRule = RULE) -> list[int]:
    """Base cells holding a small count that the published sums give away."""
    figures = published_figures(counts, rule)
    truth = counts.ravel()
    for vector, value in figures:
        assert vector @ truth == value  # every published figure is the true sum
    if not figures:
        return []
    published = np.array([v for v, _ in figures])
    rank = np.linalg.matrix_rank(published)
    found = []
    for index in np.flatnonzero((truth >= rule.low) & (truth <= rule.high)):
        unit = np.zeros(truth.size)
        unit[index] = 1
        if np.linalg.matrix_rank(np.vstack([published, unit])) == rank:
            found.append(int(index))
    return found


@settings(max_examples=150, deadline=None)
@given(bases())
def test_no_withheld_small_count_follows_from_every_published_sum(counts: np.ndarray) -> None:
    assert recoverable(counts) == []


def test_the_property_fails_without_secondary_suppression() -> None:
    """Two areas, one month: 3 withheld beside 10 and a Wales total of 13 gives it away
    when only small counts are withheld; the property must see that."""
    counts = np.array([[[3], [10]]])
    assert recoverable(counts, DisclosureRule(secondary=False)) == [0]
    assert recoverable(counts) == []


def test_the_oracle_catches_a_window_differenced_into_a_month() -> None:
    """Published T(Aug–Oct) and T(Aug–Sep) give October: the rank check must say so."""
    aug_oct = np.array([1, 1, 1])
    aug_sep = np.array([1, 1, 0])
    published = np.vstack([aug_oct, aug_sep])
    october = np.array([0, 0, 1])
    assert np.linalg.matrix_rank(np.vstack([published, october])) == np.linalg.matrix_rank(
        published
    )
