"""Data-sharing governance: agreements, the access policy derived from them, and
the tamper-evident audit chain. Pure logic, no Django: the web site stores
agreements and audit entries and asks this package for every decision."""

from diogel.governance.access import (
    AccessDecision,
    RecordGrant,
    RecordScope,
    aggregates_allowed,
    covers,
    decide_access,
    record_scope,
)
from diogel.governance.agreements import Agreement, AgreementStatus, DataLevel
from diogel.governance.chain import ChainBreak, chain_hash, verify_chain

__all__ = [
    "AccessDecision",
    "Agreement",
    "AgreementStatus",
    "ChainBreak",
    "DataLevel",
    "RecordGrant",
    "RecordScope",
    "aggregates_allowed",
    "chain_hash",
    "covers",
    "decide_access",
    "record_scope",
    "verify_chain",
]
