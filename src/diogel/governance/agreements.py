"""WASPI-style information-sharing agreements as data.

An Information Sharing Protocol (ISP) sets the principles between partners; a
Data Disclosure Agreement (DDA) under it says which organisations may receive
which data items from which source, at which level, for what purpose, on what
legal basis, and for how long.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum


class DataLevel(IntEnum):
    """How much of a source a party may see; each level includes those below it."""

    NONE = 0
    AGGREGATE = 1  # disclosure-controlled counts and rates only
    PSEUDONYMISED = 2  # record-level, identifiers replaced by keyed hashes
    PERSONAL = 3  # record-level with identities (rare: named cases)

    @property
    def record_level(self) -> bool:
        return self >= DataLevel.PSEUDONYMISED


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


class AgreementKind(StrEnum):
    PROTOCOL = "isp"  # Information Sharing Protocol
    DISCLOSURE = "dda"  # Data Disclosure Agreement


@dataclass(frozen=True)
class Agreement:
    """One agreement, as the policy needs to see it.

    Examples
    --------
    >>> a = Agreement("DDA-1", AgreementKind.DISCLOSURE, AgreementStatus.ACTIVE,
    ...               frozenset({"gwent-police", "newport-council"}), frozenset({"istv"}),
    ...               frozenset({"violence-prevention"}), DataLevel.AGGREGATE,
    ...               dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    >>> a.status_on(dt.date(2027, 1, 1))
    <AgreementStatus.EXPIRED: 'expired'>
    """

    reference: str
    kind: AgreementKind
    status: AgreementStatus
    parties: frozenset[str]  # organisation slugs that receive data under it (receiving parties)
    sources: frozenset[str]  # warehouse sources it covers, e.g. istv
    purposes: frozenset[str]
    level: DataLevel
    starts: dt.date
    ends: dt.date | None = None
    retention_days: int | None = None  # record-level data kept this long after import
    legal_basis: tuple[str, ...] = field(default=())
    #: Organisation slugs that disclose data under it: record-level access covers only
    #: what these parties supplied under this agreement while it is in force.
    disclosing_parties: frozenset[str] = field(default=frozenset())

    def status_on(self, day: dt.date) -> AgreementStatus:
        """The status in force on ``day``: an active agreement past its end has expired,
        one not yet started is not yet in force (draft)."""
        if self.status is not AgreementStatus.ACTIVE:
            return self.status
        if day < self.starts:
            return AgreementStatus.DRAFT
        if self.ends is not None and day > self.ends:
            return AgreementStatus.EXPIRED
        return AgreementStatus.ACTIVE

    def retention_ends(self, imported: dt.date) -> dt.date | None:
        """The last day record-level data imported on ``imported`` may be kept."""
        if self.retention_days is None:
            return None
        return imported + dt.timedelta(days=self.retention_days)
