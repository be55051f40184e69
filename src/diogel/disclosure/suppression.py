"""Primary and secondary cell suppression for 1-D and 2-D tables with margins.

A table is a grid of non-negative counts with its row totals, column totals and
grand total (a 1-D table is one row). Publishing it also publishes the linear
relations between cells: each row adds to its total, each column to its. So:

1. **Primary**: every cell (or total) in the rule's range (default 1 to 4) is
   suppressed.
2. **Secondary**: more cells are suppressed until no suppressed value can be
   worked out from what is published. A suppressed cell is exposed exactly when
   its unit vector lies in the row space of the table's linear relations
   restricted to the suppressed cells; each exposed cell gets a partner
   suppressed (the smallest published cell sharing a row or column with it,
   preferring cells that already share lines with other suppressed cells).
3. A group of suppressed primary cells whose line total would reveal them (e.g.
   two suppressed cells summing to 2, so both are 1) gets another partner.

Zeros are published (they are not small counts of people), and may be chosen
as partners.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import null_space

from diogel.disclosure.rules import DisclosureRule

_TOL = 1e-9


@dataclass(frozen=True)
class ProtectedTable:
    """A table ready to publish: ``published`` is NaN where a value is withheld.

    For a 2-D body the arrays have one more row and column: the last column holds
    row totals, the last row column totals, the corner the grand total. For a 1-D
    body they are one row: the cells, then the total.
    """

    full: np.ndarray
    published: np.ndarray
    primary: np.ndarray
    secondary: np.ndarray
    rule: DisclosureRule
    lines: list[Line]

    @property
    def suppressed(self) -> np.ndarray:
        return self.primary | self.secondary

    def display(self) -> list[list[str]]:
        """Published values as text, the rule's symbol where withheld."""
        return [
            [self.rule.symbol if np.isnan(v) else f"{int(v):,}" for v in row]
            for row in self.published
        ]


Cell = tuple[int, int]
Line = tuple[list[Cell], Cell]  # the cells of a line, and the cell holding their total


def with_margins(body: np.ndarray) -> np.ndarray:
    """A 2-D body with row totals, column totals and grand total appended;
    a 1-D body (one row) with its total appended."""
    body = np.atleast_2d(np.asarray(body, dtype=float))
    if body.shape[0] == 1:
        return np.append(body[0], body.sum())[None, :]
    full = np.zeros((body.shape[0] + 1, body.shape[1] + 1))
    full[:-1, :-1] = body
    full[:-1, -1] = body.sum(axis=1)
    full[-1, :-1] = body.sum(axis=0)
    full[-1, -1] = body.sum()
    return full


def lines_of(shape: tuple[int, int], one_dimensional: bool) -> list[Line]:
    """Every additive relation of the full table: cells of a line add to its total."""
    rows, cols = shape
    if one_dimensional:
        return [([(0, c) for c in range(cols - 1)], (0, cols - 1))]
    lines: list[Line] = [([(r, c) for c in range(cols - 1)], (r, cols - 1)) for r in range(rows)]
    lines += [([(r, c) for r in range(rows - 1)], (rows - 1, c)) for c in range(cols)]
    return lines


def relation_matrix(shape: tuple[int, int], lines: list[Line]) -> np.ndarray:
    """One row per line: +1 on its cells, -1 on its total (cells in row-major order)."""
    matrix = np.zeros((len(lines), shape[0] * shape[1]))
    for k, (members, total) in enumerate(lines):
        for r, c in members:
            matrix[k, r * shape[1] + c] = 1
        matrix[k, total[0] * shape[1] + total[1]] = -1
    return matrix


def exposed_cells(relations: np.ndarray, suppressed: np.ndarray) -> np.ndarray:
    """Suppressed cells whose values follow from the published ones (linear algebra).

    With ``A`` the relations restricted to suppressed cells, the suppressed values
    are determined up to the null space of ``A``; a cell is exposed when every
    null-space vector is zero there.
    """
    mask = suppressed.ravel()
    exposed = np.zeros(mask.size, dtype=bool)
    if not mask.any():
        return exposed.reshape(suppressed.shape)
    free = null_space(relations[:, mask])
    determined = (
        np.all(np.abs(free) < _TOL, axis=1) if free.size else np.ones(int(mask.sum()), dtype=bool)
    )
    exposed[np.flatnonzero(mask)[determined]] = True
    return exposed.reshape(suppressed.shape)


def _partner(
    full: np.ndarray, suppressed: np.ndarray, lines: list[Line], cell: Cell
) -> Cell | None:
    """The published cell to suppress alongside ``cell``.

    Preference: a body cell over a total; one whose other line already holds a
    suppressed cell (so suppressions form closed patterns); then the smallest value.
    """
    mine = [[*members, total] for members, total in lines if cell in members or cell == total]
    candidates = []
    for line in mine:
        for other in line:
            if other == cell or suppressed[other]:
                continue
            shared = sum(
                any(suppressed[x] for x in [*members, total] if x != other)
                for members, total in lines
                if (other in members or other == total) and not (cell in members or cell == total)
            )
            is_total = any(other == total for _, total in lines)
            candidates.append((is_total, -shared, full[other], other))
    return min(candidates)[3] if candidates else None


def _best_anywhere(full: np.ndarray, suppressed: np.ndarray, relations: np.ndarray) -> Cell:
    """When an exposed cell's own lines are all suppressed, the leak runs through
    other lines: suppress the published cell that leaves fewest cells exposed."""
    options = []
    for r, c in np.argwhere(~suppressed):
        trial = suppressed.copy()
        trial[r, c] = True
        options.append((int(exposed_cells(relations, trial).sum()), full[r, c], (int(r), int(c))))
    if not options:
        raise ValueError("every cell is suppressed and some are still exposed")
    return min(options)[2]


def _revealing(
    full: np.ndarray,
    suppressed: np.ndarray,
    primary: np.ndarray,
    lines: list[Line],
    rule: DisclosureRule,
) -> list[Cell]:
    """Primary cells whose line total leaves only one possibility for each of them.

    If a line's total is published and its suppressed cells are all primary (so each
    lies between ``low`` and ``high``), a known sum of ``k·low`` or ``k·high`` fixes them.
    """
    found = []
    for members, total in lines:
        hidden = [c for c in members if suppressed[c]]
        if suppressed[total] or len(hidden) < 2 or not all(primary[c] for c in hidden):
            continue
        known = sum(full[c] for c in hidden)
        if known in (len(hidden) * rule.low, len(hidden) * rule.high):
            found.append(hidden[0])
    return found


def protect_table(
    body: ArrayLike, rule: DisclosureRule, forced: ArrayLike | None = None
) -> ProtectedTable:
    """Suppress (and optionally round) a 1-D or 2-D table of counts with its margins.

    ``forced`` (the shape of the table with its margins) marks cells that must be
    withheld whatever their value, because another output withholds the same
    figure (a day × hour table's total is a month's count that the base table
    withholds); secondary suppression then protects them like primary cells.

    Examples
    --------
    >>> from diogel.disclosure.rules import DisclosureRule
    >>> t = protect_table([12, 3, 40, 7], DisclosureRule())
    >>> t.display()
    [['12', '*', '40', '*', '62']]
    """
    counts = np.atleast_2d(np.asarray(body, dtype=float))
    if counts.size == 0 or (counts < 0).any() or not np.all(np.isfinite(counts)):
        raise ValueError("a table of non-negative counts is needed")
    if not np.allclose(counts, np.round(counts)):
        raise ValueError("disclosure control applies to whole counts")
    full = with_margins(counts)
    lines = lines_of(full.shape, one_dimensional=counts.shape[0] == 1)
    relations = relation_matrix(full.shape, lines)
    primary = np.zeros(full.shape, dtype=bool)
    secondary = np.zeros(full.shape, dtype=bool)
    must = np.zeros(full.shape, dtype=bool)
    if forced is not None:
        must = np.asarray(forced, dtype=bool).reshape(full.shape)
    if rule.suppress:
        primary = (full >= rule.low) & (full <= rule.high)
        if rule.secondary:
            suppressed = primary | must
            for _ in range(full.size):
                extra = [
                    (int(r), int(c)) for r, c in np.argwhere(exposed_cells(relations, suppressed))
                ]
                extra += _revealing(full, suppressed, primary, lines, rule)
                if not extra:
                    break
                partner = next(
                    (p for p in (_partner(full, suppressed, lines, e) for e in extra) if p),
                    None,
                ) or _best_anywhere(full, suppressed, relations)
                suppressed[partner] = True
            secondary = suppressed & ~primary
        else:
            secondary = must & ~primary
    published = full.copy()
    published[primary | secondary] = np.nan
    if rule.rounding:
        base = rule.rounding
        published = np.where(np.isnan(published), np.nan, np.round(published / base) * base)
    return ProtectedTable(full, published, primary, secondary, rule, lines)
