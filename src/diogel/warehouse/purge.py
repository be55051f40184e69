"""Retention purges: deleting an import's record-level rows, keeping its provenance.

When an agreement's retention ends (:mod:`diogel.governance.retention`), or a data
controller decides, the import's incidents, detail, quarantined values and outcomes
are deleted in one transaction with an entry in the warehouse's chained audit log.
The ``imports`` row stays, with its counts and file hash, marked ``purged``: a report
can still say where its numbers came from, and nothing counts the import any more
(only ``current`` imports are counted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from diogel.warehouse.audit import append_entry
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
    warehouse: Warehouse, import_ids: Iterable[int], who: str, reason: str
) -> list[PurgeResult]:
    """Delete the record-level rows of ``import_ids`` and mark them purged.

    All the imports are purged in one transaction, each with one audit entry
    (what, rows removed per table, agreement, reason); on any error nothing
    changes. An import already purged is reported and left alone.

    Raises
    ------
    PurgeError
        When an import does not exist (nothing is purged).
    """
    ids = list(dict.fromkeys(int(i) for i in import_ids))
    results: list[PurgeResult] = []
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
                shown = ", ".join(f"{t}={n}" for t, n in removed.items())
                append_entry(
                    con,
                    who,
                    "purge",
                    f"import {import_id}",
                    f"rows removed: {shown}; agreement={agreement or ''}; reason: {reason}",
                )
                results.append(PurgeResult(import_id, "purged", agreement, removed))
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    return results
