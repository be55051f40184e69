"""Funding records: funders, funds, grants, pooled budgets, allocations and spend.

Money is held as a whole number of pence (``int``), never as a float, so every sum
is exact; :func:`pounds` gives the amount as a :class:`~decimal.Decimal` of pounds.
Years are UK public-sector financial years, ``"2017-18"`` (1 April to 31 March).
Every record cites its source (:class:`~diogel.landscape.model.Source`), as the
landscape's and the programme's do.

Money moves down one path: a *funder* runs *funds*; a fund makes *grants* to
recipients (with yearly *commitments* for a multi-year grant, and conditions);
partners put *contributions* into a *pooled budget*; a grant or a pooled budget
makes *allocations* to a project, a programme objective, a theme and an area; and
*spend* is dated against an allocation.

Examples
--------
>>> src = (Source("003_x.txt", "circa £624,545.00"),)
>>> g = Grant("g", "fund", "safer-gwent", 62454500, src)
>>> pounds(g.amount)
Decimal('624545.00')
>>> financial_year("2018-03-31"), financial_year("2018-04"), financial_year("2018")
('2017-18', '2018-19', None)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from diogel.funding.vocab import CommitmentStatus, FundKind
from diogel.landscape.model import Document, Source
from diogel.landscape.vocab import Theme

__all__ = [
    "Allocation",
    "Commitment",
    "Contribution",
    "Document",
    "Fund",
    "Funder",
    "Funding",
    "Grant",
    "PooledBudget",
    "Source",
    "Spend",
    "financial_year",
    "pounds",
]

_PENNY = Decimal("0.01")


def pounds(pence: int) -> Decimal:
    """A whole number of pence as pounds, to the penny.

    >>> pounds(5), pounds(-150)
    (Decimal('0.05'), Decimal('-1.50'))
    """
    return (Decimal(pence) / 100).quantize(_PENNY)


def financial_year(date: str) -> str | None:
    """The financial year (April to March) of a date or month; None for a bare year."""
    parts = date.split("-")
    if len(parts) < 2:
        return None
    year, month = int(parts[0]), int(parts[1])
    start = year if month >= 4 else year - 1
    return f"{start}-{(start + 1) % 100:02d}"


@dataclass(frozen=True)
class Funder:
    """A body that provides money; ``organisation`` is its code in the landscape."""

    code: str
    name_en: str
    name_cy: str | None
    organisation: str | None
    sources: tuple[Source, ...]
    note: str = ""


@dataclass(frozen=True)
class Fund:
    """A funder's stream of money; ``amount`` (pence) is None where it is not known."""

    code: str
    name_en: str
    name_cy: str | None
    funder: str
    kind: FundKind
    sources: tuple[Source, ...]
    amount: int | None = None
    start: str | None = None
    end: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Commitment:
    """One financial year's share of a multi-year grant."""

    year: str
    amount: int
    status: CommitmentStatus
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Grant:
    """An award from a fund to a recipient (a landscape organisation or board).

    ``amount`` is the whole award in pence. ``commitments`` break a multi-year award
    down by year; they never come to more than ``amount``. ``as_of`` dates an amount
    a document gives as it stood then; ``approximate`` marks one it calls "circa".
    """

    code: str
    fund: str
    recipient: str | None
    amount: int
    sources: tuple[Source, ...]
    name_en: str = ""
    start: str | None = None
    end: str | None = None
    as_of: str | None = None
    approximate: bool = False
    commitments: tuple[Commitment, ...] = ()
    conditions: tuple[str, ...] = ()
    note: str = ""

    @property
    def committed_by_year(self) -> int:
        """Pence the yearly commitments account for (withdrawn ones excluded)."""
        return sum(c.amount for c in self.commitments if c.status.counts)


@dataclass(frozen=True)
class Contribution:
    """A partner organisation's money put into a pooled budget."""

    partner: str
    amount: int
    status: CommitmentStatus
    sources: tuple[Source, ...]
    year: str | None = None


@dataclass(frozen=True)
class PooledBudget:
    """A budget several partners contribute to; ``held_by`` is the body holding it."""

    code: str
    name_en: str
    name_cy: str | None
    held_by: str | None
    contributions: tuple[Contribution, ...]
    sources: tuple[Source, ...]
    start: str | None = None
    end: str | None = None
    note: str = ""

    @property
    def total(self) -> int:
        """Pence contributed, withdrawn contributions excluded."""
        return sum(c.amount for c in self.contributions if c.status.counts)


@dataclass(frozen=True)
class Allocation:
    """Money from a grant or a pooled budget (``funding``) put to a purpose.

    ``project`` names the work; ``objective`` is a programme objective code,
    ``theme`` a landscape theme, ``area`` an area code; ``measures`` are performance
    measures of its outputs or outcomes, for cost per unit.
    """

    code: str
    funding: str
    amount: int
    sources: tuple[Source, ...]
    project: str | None = None
    objective: str | None = None
    theme: Theme | None = None
    area: str | None = None
    year: str | None = None
    measures: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Spend:
    """Money spent from an allocation on a (partial ISO) date."""

    allocation: str
    date: str
    amount: int
    sources: tuple[Source, ...]
    description: str = ""


@dataclass(frozen=True)
class Funding:
    """Everything in a funding file, as :func:`diogel.funding.load_funding` validates it."""

    documents: tuple[Document, ...]
    funders: tuple[Funder, ...]
    funds: tuple[Fund, ...]
    grants: tuple[Grant, ...]
    pooled_budgets: tuple[PooledBudget, ...]
    allocations: tuple[Allocation, ...]
    spend: tuple[Spend, ...]

    def funder(self, code: str) -> Funder:
        return _find(self.funders, code, "funder")

    def fund(self, code: str) -> Fund:
        return _find(self.funds, code, "fund")

    def grant(self, code: str) -> Grant:
        return _find(self.grants, code, "grant")

    def pooled_budget(self, code: str) -> PooledBudget:
        return _find(self.pooled_budgets, code, "pooled budget")

    def allocation(self, code: str) -> Allocation:
        return _find(self.allocations, code, "allocation")

    def available(self, funding: str) -> int:
        """Pence a grant awards or a pooled budget holds (KeyError when neither)."""
        for g in self.grants:
            if g.code == funding:
                return g.amount
        return self.pooled_budget(funding).total

    def source_of(self, funding: str) -> str:
        """Where a grant's or a pooled budget's money comes from: the grant's funder,
        or the pooled budget itself (its partners' shares are in
        :func:`diogel.funding.views.pool_shares`)."""
        for g in self.grants:
            if g.code == funding:
                return self.fund(g.fund).funder
        return self.pooled_budget(funding).code

    def allocations_from(self, funding: str) -> list[Allocation]:
        return [a for a in self.allocations if a.funding == funding]

    def spend_on(self, allocation: str) -> list[Spend]:
        return [s for s in self.spend if s.allocation == allocation]


_Coded = TypeVar("_Coded", Funder, Fund, Grant, PooledBudget, Allocation)


def _find(records: tuple[_Coded, ...], code: str, kind: str) -> _Coded:
    for r in records:
        if r.code == code:
            return r
    raise KeyError(f"no {kind} {code!r}")
