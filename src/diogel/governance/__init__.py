"""Data-sharing governance: agreements, the access policy derived from them, and
the tamper-evident audit chain. Pure logic, no Django: the web site stores
agreements and audit entries and asks this package for every decision."""

from diogel.governance.access import AccessDecision, aggregates_allowed, decide_access
from diogel.governance.agreements import Agreement, AgreementStatus, DataLevel
from diogel.governance.chain import ChainBreak, chain_hash, verify_chain

__all__ = [
    "AccessDecision",
    "Agreement",
    "AgreementStatus",
    "ChainBreak",
    "DataLevel",
    "aggregates_allowed",
    "chain_hash",
    "decide_access",
    "verify_chain",
]
