"""Which imports have outlived their agreement's retention period.

An import made under an agreement may keep its record-level rows until
:meth:`Agreement.retention_ends` (import date + the agreement's retention days).
An agreement without a retention period, or an import made under no agreement
(open data), is never due. Revoking or expiring an agreement does not by itself
end retention (:mod:`diogel.governance.agreements` defines retention from the
import date only); a data controller purges such data deliberately.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from diogel.governance.agreements import Agreement


@dataclass(frozen=True)
class RetentionDue:
    import_id: int
    agreement: str
    imported: dt.date
    retention_ends: dt.date


@dataclass(frozen=True)
class ImportHeld:
    """What the retention rule needs to know of an import."""

    import_id: int
    agreement: str | None
    imported: dt.date
    status: str


def due_for_purge(
    imports: Iterable[ImportHeld], agreements: Mapping[str, Agreement], today: dt.date
) -> tuple[list[RetentionDue], list[ImportHeld]]:
    """The imports whose retention ended before ``today``, and those naming an
    agreement the register does not hold (kept, for a person to look at).

    Examples
    --------
    >>> from diogel.governance.agreements import AgreementKind, AgreementStatus, DataLevel
    >>> dda = Agreement("DDA-1", AgreementKind.DISCLOSURE, AgreementStatus.ACTIVE,
    ...                 frozenset(), frozenset({"istv"}), frozenset(), DataLevel.AGGREGATE,
    ...                 dt.date(2024, 1, 1), retention_days=30)
    >>> held = [ImportHeld(1, "DDA-1", dt.date(2024, 2, 1), "current")]
    >>> [d.import_id for d in due_for_purge(held, {"DDA-1": dda}, dt.date(2024, 3, 3))[0]]
    [1]
    >>> due_for_purge(held, {"DDA-1": dda}, dt.date(2024, 3, 2))[0]
    []
    """
    due: list[RetentionDue] = []
    unknown: list[ImportHeld] = []
    for item in imports:
        if item.status == "purged" or not item.agreement:
            continue
        agreement = agreements.get(item.agreement)
        if agreement is None:
            unknown.append(item)
            continue
        ends = agreement.retention_ends(item.imported)
        # retention_ends is the last day the data may be kept.
        if ends is not None and today > ends:
            due.append(RetentionDue(item.import_id, item.agreement, item.imported, ends))
    return due, unknown
