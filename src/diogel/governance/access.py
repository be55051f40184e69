"""The one access policy: what an organisation may see of a source, for a purpose.

Pages, the API, exports and reports all call :func:`decide_access`; none decides
for itself. Open data (police.uk) is public at every level; anything else needs
an agreement active on the day that names the organisation, the source and the
purpose, and grants at most that agreement's level. Without one, nothing
record-level is ever shown: at most disclosure-controlled aggregates, and those
only when some active agreement makes the source's aggregates shareable with
the organisation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from diogel.disclosure.rules import OPEN_SOURCES
from diogel.geography.levels import Level
from diogel.governance.agreements import Agreement, AgreementKind, AgreementStatus, DataLevel


@dataclass(frozen=True)
class AccessDecision:
    level: DataLevel
    agreement: str | None  # the agreement that grants it, if any
    reason: str

    @property
    def record_level(self) -> bool:
        return self.level.record_level


def decide_access(
    agreements: Iterable[Agreement],
    organisation: str | None,
    source: str,
    purpose: str | None,
    day: dt.date,
) -> AccessDecision:
    """The highest level any agreement in force grants ``organisation``.

    ``purpose`` None asks for the best grant under any purpose: aggregates need no
    stated purpose, record-level views always state one (and audit it).

    Examples
    --------
    >>> decide_access([], None, "police_uk_street", "monitoring", dt.date(2026, 1, 1)).level
    <DataLevel.PERSONAL: 3>
    >>> decide_access([], "gwent-police", "istv", "monitoring", dt.date(2026, 1, 1)).level
    <DataLevel.NONE: 0>
    """
    if source in OPEN_SOURCES:
        # Published open data: records are already public (anonymised by the publisher).
        return AccessDecision(DataLevel.PERSONAL, None, "open data")
    if not organisation:
        return AccessDecision(DataLevel.NONE, None, "not a partner organisation")
    best: AccessDecision | None = None
    for agreement in agreements:
        if agreement.kind is not AgreementKind.DISCLOSURE:
            continue  # protocols set principles; only disclosure agreements grant data
        if agreement.status_on(day) is not AgreementStatus.ACTIVE:
            continue
        if organisation not in agreement.parties or source not in agreement.sources:
            continue
        if purpose is not None and purpose not in agreement.purposes:
            continue
        if best is None or agreement.level > best.level:
            best = AccessDecision(agreement.level, agreement.reference, "agreement in force")
    return best or AccessDecision(DataLevel.NONE, None, "no agreement in force covers this")


#: Areas whose disclosure-controlled aggregates anyone may see, agreement or not.
OPEN_AGGREGATE_LEVELS: frozenset[Level] = frozenset(
    {
        Level.WALES,
        Level.REGION,
        Level.POLICE_FORCE_AREA,
        Level.HEALTH_BOARD,
        Level.PSB,
        Level.CSP,
        Level.LOCAL_AUTHORITY,
    }
)


def aggregates_allowed(decision: AccessDecision, level: Level) -> bool:
    """May aggregates of the decided source be shown for areas at ``level``?

    Small-area counts of health and other partner data carry more risk of
    identifying someone even after suppression, so areas below a local authority
    need an agreement granting at least aggregates.

    Examples
    --------
    >>> none = AccessDecision(DataLevel.NONE, None, "no agreement")
    >>> aggregates_allowed(none, Level.LOCAL_AUTHORITY), aggregates_allowed(none, Level.LSOA11)
    (True, False)
    """
    return level in OPEN_AGGREGATE_LEVELS or decision.level >= DataLevel.AGGREGATE
