"""The one access policy: what an organisation may see of a source, for a purpose.

Pages, the API, exports and reports all ask this module; none decides for itself.
Open data (police.uk) is public at every level. For anything else:

- **Aggregates** (:func:`decide_access`, :func:`aggregates_allowed`): the highest
  level a Data Disclosure Agreement in force on the day grants the organisation
  for the source and purpose. An agreement that names no disclosing party grants
  at most aggregates: it discloses nobody's records.
- **Records** (:func:`record_scope`, :func:`covers`): never "the source" as a
  whole, only the rows each disclosing party supplied under an agreement in force
  that names the organisation as a receiving party, the source, the stated
  purpose and a record level. A row is shown only when its import's
  ``(agreement, provider)`` pair is in the scope; rows imported under no
  agreement, under one not in force, or from a provider the agreement does not
  name are never shown at record level. Quarantined values of an import are
  record-level data under the same rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

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

    An agreement that names no disclosing party grants at most aggregates: record
    level means the rows its disclosing parties supplied under it
    (:func:`record_scope`), and it names none. Which rows a record-level grant
    covers is :func:`record_scope`'s answer, never this one's: a record-level
    decision here only says that some rows may be shown.

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
        level = agreement.level
        if level.record_level and not agreement.disclosing_parties:
            level = DataLevel.AGGREGATE  # no disclosing party: nobody's records
        if best is None or level > best.level:
            best = AccessDecision(level, agreement.reference, "agreement in force")
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


@dataclass(frozen=True, order=True)
class RecordGrant:
    """Rows of one provider imported under one agreement, at that agreement's level."""

    agreement: str  # the agreement's reference (``imports.agreement``)
    provider: str  # the disclosing organisation's slug (``imports.provider``)
    level: DataLevel


@dataclass(frozen=True)
class RecordScope:
    """Which rows of ``source`` an organisation may see at record level, for ``purpose``.

    ``open`` scopes (published open data) cover every row at personal level. Any
    other scope covers exactly the rows of imports whose ``(agreement, provider)``
    pair has a grant, each at its grant's level; an empty scope covers nothing.
    """

    source: str
    purpose: str | None
    grants: frozenset[RecordGrant] = field(default=frozenset())
    open: bool = False
    reason: str = ""

    @property
    def level(self) -> DataLevel:
        """The highest level of any grant (the columns a page may carry; rows under a
        lower grant leave the higher level's columns blank)."""
        if self.open:
            return DataLevel.PERSONAL
        return max((g.level for g in self.grants), default=DataLevel.NONE)

    @property
    def record_level(self) -> bool:
        """Does the scope cover any rows at all?"""
        return self.level.record_level

    @property
    def agreements(self) -> tuple[str, ...]:
        """The references of the agreements that grant it, in order."""
        return tuple(sorted({g.agreement for g in self.grants}))

    def level_for(self, agreement: str | None, provider: str | None) -> DataLevel:
        """The level at which rows of ``provider`` imported under ``agreement`` are shown
        (:data:`DataLevel.NONE` when they are not)."""
        if self.open:
            return DataLevel.PERSONAL
        return max(
            (g.level for g in self.grants if (g.agreement, g.provider) == (agreement, provider)),
            default=DataLevel.NONE,
        )


def record_scope(
    agreements: Iterable[Agreement],
    organisation: str | None,
    source: str,
    purpose: str | None,
    day: dt.date,
) -> RecordScope:
    """The rows of ``source`` that ``organisation`` may see at record level for ``purpose``.

    Each Data Disclosure Agreement in force on ``day`` that names ``organisation``
    among its receiving parties (``parties``), ``source`` among its sources,
    ``purpose`` among its purposes and a record level grants, for each of its
    disclosing parties, the rows that party supplied under it. Nothing else is
    granted: no stated purpose, no organisation, a protocol, an agreement revoked,
    expired, draft or not yet started, or one at aggregate level grants no rows.
    Open sources are covered whole, for anyone.

    Parameters
    ----------
    agreements
        Every agreement in the register, as the policy sees them.
    organisation
        The viewer's organisation (slug), or None for someone outside every partner.
    source
        The warehouse source asked for, e.g. ``istv``.
    purpose
        The purpose the viewer states (and the audit records); None or empty grants
        nothing but open data.
    day
        The day the access happens: agreements are judged as in force on it.

    Returns
    -------
    RecordScope
        The grants; pass it to :func:`covers` or to the records query.

    Examples
    --------
    >>> from diogel.governance.agreements import AgreementKind, AgreementStatus
    >>> dda = Agreement("DDA-ED", AgreementKind.DISCLOSURE, AgreementStatus.ACTIVE,
    ...                 frozenset({"torfaen-cbc"}), frozenset({"istv"}),
    ...                 frozenset({"violence-prevention"}), DataLevel.PSEUDONYMISED,
    ...                 dt.date(2025, 1, 1), dt.date(2027, 12, 31),
    ...                 disclosing_parties=frozenset({"aneurin-bevan-uhb"}))
    >>> day = dt.date(2026, 6, 1)
    >>> scope = record_scope([dda], "torfaen-cbc", "istv", "violence-prevention", day)
    >>> covers(scope, "DDA-ED", "aneurin-bevan-uhb"), covers(scope, "DDA-ED", "cardiff-uhb")
    (True, False)
    >>> covers(scope, None, None)  # imported under no agreement
    False
    >>> record_scope([dda], "newport-cc", "istv", "violence-prevention", day).record_level
    False
    >>> record_scope([dda], "torfaen-cbc", "istv", "research", day).record_level
    False
    >>> record_scope([], None, "police_uk_street", None, day).open
    True
    """
    if source in OPEN_SOURCES:
        return RecordScope(source, purpose, open=True, reason="open data")
    if not organisation:
        return RecordScope(source, purpose, reason="not a partner organisation")
    if not purpose:
        return RecordScope(source, purpose, reason="no purpose stated")
    grants = frozenset(
        RecordGrant(agreement.reference, provider, agreement.level)
        for agreement in agreements
        if agreement.kind is AgreementKind.DISCLOSURE
        and agreement.level.record_level
        and agreement.status_on(day) is AgreementStatus.ACTIVE
        and organisation in agreement.parties
        and source in agreement.sources
        and purpose in agreement.purposes
        for provider in agreement.disclosing_parties
    )
    if not grants:
        return RecordScope(
            source,
            purpose,
            reason="no record-level agreement in force names your organisation, "
            "this source, this purpose and a disclosing party",
        )
    return RecordScope(source, purpose, grants, reason="agreement in force")


def covers(scope: RecordScope, agreement: str | None, provider: str | None) -> bool:
    """May rows of ``provider`` imported under ``agreement`` be shown under ``scope``?

    Examples
    --------
    >>> scope = RecordScope("istv", "violence-prevention",
    ...                     frozenset({RecordGrant("DDA-ED", "aneurin-bevan-uhb",
    ...                                            DataLevel.PERSONAL)}))
    >>> covers(scope, "DDA-ED", "aneurin-bevan-uhb"), covers(scope, "DDA-ED", None)
    (True, False)
    >>> covers(RecordScope("police_uk_street", None, open=True), None, None)
    True
    """
    return scope.level_for(agreement, provider).record_level
