"""Funding: funders, funds, grants, pooled budgets, allocations, spend, and their views.

The money is data (``data/gwent_example.toml``, the Gwent OPCC's funding of Safer
Gwent as seed 003 gives it, replaceable through ``DIOGEL_FUNDING_FILE``); this
package loads and validates it (:mod:`~diogel.funding.loader`), totals it by
source, theme, area, objective and year (:mod:`~diogel.funding.views`), costs it
per unit of a measure (:mod:`~diogel.funding.cost`) and exports the views as CSV
and XLSX (:mod:`~diogel.funding.export`). Amounts are whole pence.

Examples
--------
>>> funding = load_funding()
>>> grant = funding.grant("pcc-safer-gwent-2017")
>>> pounds(grant.amount), grant.approximate, grant.as_of
(Decimal('624545.00'), True, '2017-12-21')
>>> [pounds(r.allocated) for r in by_area(funding)]
[Decimal('624545.00')]
"""

from __future__ import annotations

from diogel.funding.cost import CostError, CostLine, CostPerUnit, allocation_costs, cost_per_unit
from diogel.funding.loader import FundingError, default_funding_path, load_funding, parse_funding
from diogel.funding.model import (
    Allocation,
    Commitment,
    Contribution,
    Fund,
    Funder,
    Funding,
    Grant,
    PooledBudget,
    Source,
    Spend,
    financial_year,
    pounds,
)
from diogel.funding.views import (
    FundingLine,
    Share,
    Totals,
    ViewRow,
    by_area,
    by_objective,
    by_source,
    by_theme,
    by_year,
    funding_lines,
    pool_shares,
    totals,
)
from diogel.funding.vocab import CommitmentStatus, FundKind

__all__ = [
    "Allocation",
    "Commitment",
    "CommitmentStatus",
    "Contribution",
    "CostError",
    "CostLine",
    "CostPerUnit",
    "Fund",
    "FundKind",
    "Funder",
    "Funding",
    "FundingError",
    "FundingLine",
    "Grant",
    "PooledBudget",
    "Share",
    "Source",
    "Spend",
    "Totals",
    "ViewRow",
    "allocation_costs",
    "by_area",
    "by_objective",
    "by_source",
    "by_theme",
    "by_year",
    "cost_per_unit",
    "default_funding_path",
    "financial_year",
    "funding_lines",
    "load_funding",
    "parse_funding",
    "pool_shares",
    "pounds",
    "totals",
]
