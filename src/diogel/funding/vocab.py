"""Controlled vocabularies of funding: kinds of fund and the status of a commitment.

Values are the words used in the funding TOML file.

Examples
--------
>>> FundKind("pooled-budget").label_cy
'Cyllideb gyfun'
>>> CommitmentStatus.WITHDRAWN.counts, CommitmentStatus.INDICATIVE.counts
(False, True)
"""

from __future__ import annotations

from enum import StrEnum


class FundKind(StrEnum):
    """What kind of money a fund is."""

    #: Awarded for a purpose and a period, usually with conditions.
    GRANT = "grant"
    #: Money several partners put into one budget (WAO R4's "pooled budgets").
    POOLED_BUDGET = "pooled-budget"
    #: A body's own recurring funding of core services.
    CORE_FUNDING = "core-funding"
    #: Money a funder requires a recipient to find alongside its grant.
    MATCH_FUNDING = "match-funding"
    #: Services bought under contract.
    COMMISSIONING = "commissioning"
    OTHER = "other"

    @property
    def label_en(self) -> str:
        return _FUND_KIND_LABELS[self][0]

    @property
    def label_cy(self) -> str:
        return _FUND_KIND_LABELS[self][1]


_FUND_KIND_LABELS: dict[FundKind, tuple[str, str]] = {
    FundKind.GRANT: ("Grant", "Grant"),
    FundKind.POOLED_BUDGET: ("Pooled budget", "Cyllideb gyfun"),
    FundKind.CORE_FUNDING: ("Core funding", "Cyllid craidd"),
    FundKind.MATCH_FUNDING: ("Match funding", "Arian cyfatebol"),
    FundKind.COMMISSIONING: ("Commissioning", "Comisiynu"),
    FundKind.OTHER: ("Other", "Arall"),
}


class CommitmentStatus(StrEnum):
    """How firm a year's commitment or a partner's contribution is."""

    #: Expected but not yet agreed.
    INDICATIVE = "indicative"
    #: Agreed by the funder or partner.
    AGREED = "agreed"
    #: Paid over.
    PAID = "paid"
    #: No longer coming; counted in no total.
    WITHDRAWN = "withdrawn"

    @property
    def counts(self) -> bool:
        """Whether the money counts towards what is committed (all but withdrawn)."""
        return self is not CommitmentStatus.WITHDRAWN

    @property
    def label_en(self) -> str:
        return _STATUS_LABELS[self][0]

    @property
    def label_cy(self) -> str:
        return _STATUS_LABELS[self][1]


_STATUS_LABELS: dict[CommitmentStatus, tuple[str, str]] = {
    CommitmentStatus.INDICATIVE: ("Indicative", "Dangosol"),
    CommitmentStatus.AGREED: ("Agreed", "Wedi'i gytuno"),
    CommitmentStatus.PAID: ("Paid", "Wedi'i dalu"),
    CommitmentStatus.WITHDRAWN: ("Withdrawn", "Wedi'i dynnu'n ôl"),
}
