"""Retention purges: deleting an import's record-level rows, keeping its provenance.

When an agreement's retention ends (:mod:`diogel.governance.retention`), or a data
controller decides, the import's incidents, detail, quarantined values and outcomes
are deleted in one warehouse transaction, each purge with an entry in the one audit
trail (:mod:`diogel.audit`). The ``imports`` row stays, with its counts and file
hash, marked ``purged``: a report can still say where its numbers came from, and
nothing counts the import any more (only ``current`` imports are counted).

The trail lives in the site's database and the rows in the warehouse: no transaction
spans both. So the entries are committed first, while the warehouse transaction is
still open, and the warehouse second (see :func:`purge_imports`): a purge is never
done without its entry. The price is the other way round: if the warehouse then
fails to commit, an entry says a purge happened that did not, and a ``purge_failed``
entry after it says so (the import is still ``current`` in the warehouse).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from diogel.audit import AuditEntry, AuditRecord, AuditTrail
from diogel.warehouse.store import Warehouse

#: The tables holding record-level rows of an import.
RECORD_TABLES = ("incidents", "incident_detail", "quarantine", "crime_outcomes")


class PurgeError(ValueError):
    """An import that cannot be purged (unknown)."""


@dataclass(frozen=True)
class PurgeResult:
    import_id: int
    status: str  # purged | already_purged
    agreement: str | None
    rows_removed: dict[str, int]

    @property
    def total_removed(self) -> int:
        return sum(self.rows_removed.values())

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "total_removed": self.total_removed}


def purge_imports(
    warehouse: Warehouse,
    import_ids: Iterable[int],
    who: str,
    reason: str,
    trail: AuditTrail,
    *,
    channel: str = "cli",
    purpose: str = "",
    organisation: str = "",
) -> list[PurgeResult]:
    """Delete the record-level rows of ``import_ids`` and mark them purged.

    All the imports are purged in one warehouse transaction, each with one entry in
    ``trail`` (what, rows removed per table, agreement, reason) as ``who``; on any
    error nothing is purged. An import already purged is reported and left alone
    (no entry).

    Raises
    ------
    PurgeError
        When an import does not exist (nothing is purged, nothing recorded).
    """
    ids = list(dict.fromkeys(int(i) for i in import_ids))
    results: list[PurgeResult] = []
    recorded: list[AuditEntry] = []
    with warehouse.connect() as con:
        con.execute("begin transaction")
        try:
            for import_id in ids:
                row = con.execute(
                    "select status, agreement from imports where import_id = ?", [import_id]
                ).fetchone()
                if row is None:
                    raise PurgeError(f"no import {import_id}")
                status, agreement = row
                if status == "purged":
                    results.append(PurgeResult(import_id, "already_purged", agreement, {}))
                    continue
                removed: dict[str, int] = {}
                for table in RECORD_TABLES:
                    counted = con.execute(
                        f"select count(*) from {table} where import_id = ?", [import_id]
                    ).fetchone()
                    removed[table] = int(counted[0]) if counted else 0
                    con.execute(f"delete from {table} where import_id = ?", [import_id])
                con.execute(
                    "update imports set status = 'purged', purged_at = ? where import_id = ?",
                    [dt.datetime.now(dt.UTC).replace(tzinfo=None), import_id],
                )
                results.append(PurgeResult(import_id, "purged", agreement, removed))
            # Record first, commit second: each entry is committed in the trail before
            # the warehouse commits, so no purge is ever done unrecorded. An error
            # while recording rolls the warehouse back (nothing purged).
            for result in results:
                if result.status == "purged":
                    recorded.append(
                        trail.append(
                            _purge_record(result, who, reason, channel, purpose, organisation)
                        )
                    )
            con.execute("commit")
        except BaseException as exc:
            with contextlib.suppress(Exception):  # the commit itself may have failed
                con.execute("rollback")
            _recorded_but_not_done(trail, recorded, exc, channel, organisation)
            raise
    return results


def _purge_record(
    result: PurgeResult, who: str, reason: str, channel: str, purpose: str, organisation: str
) -> AuditRecord:
    shown = ", ".join(f"{t}={n}" for t, n in result.rows_removed.items())
    return AuditRecord(
        actor=who,
        action="purge",
        target=f"import {result.import_id}",
        detail=f"rows removed: {shown}; reason: {reason}",
        organisation=organisation,
        purpose=purpose,
        agreement=result.agreement or "",
        channel=channel,
    )


def _recorded_but_not_done(
    trail: AuditTrail,
    recorded: list[AuditEntry],
    exc: BaseException,
    channel: str,
    organisation: str,
) -> None:
    """After the warehouse did not commit: say so after each purge entry already
    committed (best effort: the import still shows ``current`` in the warehouse)."""
    for entry in recorded:
        with contextlib.suppress(Exception):
            trail.append(
                AuditRecord(
                    actor=entry.record.actor,
                    action="purge_failed",
                    target=entry.record.target,
                    detail=f"the purge recorded in entry {entry.entry_id} was not done: "
                    f"the warehouse did not commit ({type(exc).__name__}: {exc}); "
                    "nothing was purged",
                    organisation=organisation,
                    purpose=entry.record.purpose,
                    agreement=entry.record.agreement,
                    channel=channel,
                )
            )
