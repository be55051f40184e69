"""Views of the money: by source, theme, area, objective and year; committed, allocated
and spent; pooled budget shares.

Every sum is of whole pence, so it is exact, and every view of the allocations
partitions them: its rows add up to the same grand total, with a row keyed None
("not given") for allocations that do not say. What is *committed* is what the
grants award and the pooled budgets hold (withdrawn money excluded); *allocated*,
what allocations put to a purpose; *spent*, what spend entries record.

Examples
--------
>>> from diogel.funding import load_funding, pounds
>>> f = load_funding()
>>> [(r.key, pounds(r.committed or 0), pounds(r.allocated)) for r in by_source(f)]
[('pcc-gwent', Decimal('624545.00'), Decimal('624545.00'))]
>>> [(r.key, r.label) for r in by_theme(f)]
[(None, 'not given')]
>>> totals(f) == Totals(62454500, 62454500, 0)
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from diogel.funding.model import Allocation, Funding, financial_year
from diogel.landscape.areas import AreaIndex
from diogel.landscape.vocab import Theme

__all__ = [
    "FundingLine",
    "Share",
    "Totals",
    "ViewRow",
    "by_area",
    "by_objective",
    "by_source",
    "by_theme",
    "by_year",
    "funding_lines",
    "pool_shares",
    "totals",
]

NOT_GIVEN = "not given"


@dataclass(frozen=True)
class ViewRow:
    """One row of a view: pence committed (None where the view cannot attribute
    commitments, as by theme), allocated and spent."""

    key: str | None
    label: str
    committed: int | None
    allocated: int
    spent: int


@dataclass(frozen=True)
class Totals:
    committed: int
    allocated: int
    spent: int


@dataclass(frozen=True)
class FundingLine:
    """A grant or pooled budget: what it holds, has allocated and has had spent."""

    code: str
    kind: str
    name: str
    source: str
    committed: int
    allocated: int
    spent: int

    @property
    def unallocated(self) -> int:
        return self.committed - self.allocated

    @property
    def unspent(self) -> int:
        return self.allocated - self.spent


@dataclass(frozen=True)
class Share:
    """A partner's contribution to a pooled budget and its share of the total
    (a fraction to four places; the pence are exact)."""

    pooled_budget: str
    partner: str
    amount: int
    share: Decimal
    status: str


def _spent_by_allocation(f: Funding) -> dict[str, int]:
    spent: dict[str, int] = defaultdict(int)
    for s in f.spend:
        spent[s.allocation] += s.amount
    return spent


def _rows(
    f: Funding,
    key: Callable[[Allocation], str | None],
    label: Callable[[str], str],
    committed: dict[str | None, int] | None = None,
) -> list[ViewRow]:
    allocated: dict[str | None, int] = defaultdict(int)
    spent: dict[str | None, int] = defaultdict(int)
    by_allocation = _spent_by_allocation(f)
    for a in f.allocations:
        allocated[key(a)] += a.amount
        spent[key(a)] += by_allocation[a.code]
    keys = set(allocated) | set(committed or {})
    ordered = sorted((k for k in keys if k is not None), key=str) + ([None] if None in keys else [])
    return [
        ViewRow(
            k,
            NOT_GIVEN if k is None else label(k),
            None if committed is None else committed.get(k, 0),
            allocated.get(k, 0),
            spent.get(k, 0),
        )
        for k in ordered
    ]


def by_source(f: Funding) -> list[ViewRow]:
    """By where the money comes from: a grant's funder, or the pooled budget itself."""
    committed: dict[str | None, int] = defaultdict(int)
    for g in f.grants:
        committed[f.source_of(g.code)] += g.amount
    for b in f.pooled_budgets:
        committed[b.code] += b.total
    names = {x.code: x.name_en for x in f.funders} | {b.code: b.name_en for b in f.pooled_budgets}
    return _rows(f, lambda a: f.source_of(a.funding), lambda k: names.get(k, k), committed)


def by_theme(f: Funding) -> list[ViewRow]:
    """Allocated and spent by landscape theme."""
    return _rows(f, lambda a: a.theme.value if a.theme else None, lambda k: Theme(k).label_en)


def by_area(f: Funding, areas: AreaIndex | None = None) -> list[ViewRow]:
    """Allocated and spent by area code (named from ``areas``, default the shipped index)."""
    index = areas or AreaIndex.default()
    return _rows(f, lambda a: a.area, index.name)


def by_objective(f: Funding, names: dict[str, str] | None = None) -> list[ViewRow]:
    """Allocated and spent by programme objective (``names``: code → text, for labels)."""
    known = names or {}
    return _rows(f, lambda a: a.objective, lambda k: known.get(k, k))


def by_year(f: Funding) -> list[ViewRow]:
    """By financial year: committed from grants' yearly commitments and dated
    contributions (the rest of a grant under "not given"), allocated by the
    allocation's year, spent by the year of each spend entry's date."""
    committed: dict[str | None, int] = defaultdict(int)
    for g in f.grants:
        for c in g.commitments:
            if c.status.counts:
                committed[c.year] += c.amount
        if g.amount - g.committed_by_year:
            committed[None] += g.amount - g.committed_by_year
    for b in f.pooled_budgets:
        for contribution in b.contributions:
            if contribution.status.counts:
                committed[contribution.year] += contribution.amount
    allocated: dict[str | None, int] = defaultdict(int)
    for a in f.allocations:
        allocated[a.year] += a.amount
    spent: dict[str | None, int] = defaultdict(int)
    for s in f.spend:
        spent[financial_year(s.date)] += s.amount
    keys = set(committed) | set(allocated) | set(spent)
    ordered = sorted(k for k in keys if k is not None) + ([None] if None in keys else [])
    return [
        ViewRow(
            k,
            NOT_GIVEN if k is None else k,
            committed.get(k, 0),
            allocated.get(k, 0),
            spent.get(k, 0),
        )
        for k in ordered
    ]


def funding_lines(f: Funding) -> list[FundingLine]:
    """Committed, allocated and spent for each grant and pooled budget."""
    allocated: dict[str, int] = defaultdict(int)
    spent: dict[str, int] = defaultdict(int)
    by_allocation = _spent_by_allocation(f)
    for a in f.allocations:
        allocated[a.funding] += a.amount
        spent[a.funding] += by_allocation[a.code]
    lines = [
        FundingLine(
            g.code, "grant", g.name_en or g.code, f.source_of(g.code), g.amount,
            allocated[g.code], spent[g.code],
        )
        for g in f.grants
    ]  # fmt: skip
    lines += [
        FundingLine(
            b.code, "pooled-budget", b.name_en, b.code, b.total, allocated[b.code], spent[b.code]
        )
        for b in f.pooled_budgets
    ]
    return lines


def totals(f: Funding) -> Totals:
    """The grand totals every view adds up to."""
    return Totals(
        sum(g.amount for g in f.grants) + sum(b.total for b in f.pooled_budgets),
        sum(a.amount for a in f.allocations),
        sum(s.amount for s in f.spend),
    )


_SHARE = Decimal("0.0001")


def pool_shares(f: Funding) -> list[Share]:
    """Each partner's contribution to each pooled budget, withdrawn ones at share 0.

    >>> from diogel.funding.model import Contribution, PooledBudget
    >>> from diogel.funding.vocab import CommitmentStatus as S
    >>> pool = PooledBudget("p", "Pool", None, None, (
    ...     Contribution("a", 100, S.AGREED, ()), Contribution("b", 200, S.PAID, ())), ())
    >>> f = Funding((), (), (), (), (pool,), (), ())
    >>> [(s.partner, s.share) for s in pool_shares(f)]
    [('a', Decimal('0.3333')), ('b', Decimal('0.6667'))]
    """
    out = []
    for b in f.pooled_budgets:
        total = b.total
        by_partner: dict[tuple[str, str], int] = defaultdict(int)
        for c in b.contributions:
            by_partner[(c.partner, c.status.value)] += c.amount
        for (partner, status), amount in by_partner.items():
            counted = amount if status != "withdrawn" and total else 0
            share = Decimal(counted) / Decimal(total) if total else Decimal(0)
            out.append(
                Share(b.code, partner, amount, share.quantize(_SHARE, ROUND_HALF_EVEN), status)
            )
    return out
