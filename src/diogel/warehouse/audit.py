"""The warehouse's old audit log, read once more to carry it into the one trail.

Until the one trail (:mod:`diogel.audit`), the command line recorded who saw
record-level data (``diogel imports show``) and who purged it (``diogel imports
purge``) in the warehouse's ``audit_log`` table, hash-chained like the site's
(``audit_head`` holding the newest hash and the number of entries). Nothing writes
it any more: :func:`adopt_warehouse_log` (``diogel audit adopt-warehouse-log``)
verifies it and appends its entries to the trail, and the table stays as it was,
as evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import duckdb

from diogel.audit import AuditLog, AuditRecord
from diogel.governance.chain import GENESIS, ChainBreak, chain_hash, verify_chain
from diogel.warehouse.store import Warehouse

#: The action of the entry that closes an adoption (and marks it done).
ADOPTED = "adopt_warehouse_log"


def _fields(
    seen_at: dt.datetime, who: str, action: str, target: str, detail: str | None
) -> dict[str, Any]:
    """What an entry's hash covers."""
    return {
        "seen_at": seen_at.isoformat(),
        "who": who,
        "action": action,
        "target": target,
        "detail": detail or "",
    }


def _head(con: duckdb.DuckDBPyConnection) -> tuple[str, int]:
    row = con.execute("select last_hash, entries from audit_head").fetchone()
    return (str(row[0]), int(row[1])) if row else (GENESIS, 0)


def _set_head(con: duckdb.DuckDBPyConnection, last_hash: str, entries: int) -> None:
    # Only the version 2 -> 3 upgrade writes the old log now (chain_existing_entries).
    con.execute("delete from audit_head")
    con.execute("insert into audit_head values (?, ?)", [last_hash, entries])


def chain_existing_entries(con: duckdb.DuckDBPyConnection) -> None:
    """Chain the entries a version 2 warehouse wrote before the log was chained,
    in the order they were written (time, then position in the table)."""
    rows = con.execute(
        "select rowid, seen_at, who, action, target, detail from audit_log "
        "where entry_hash is null order by seen_at, rowid"
    ).fetchall()
    previous, entries = _head(con)
    for rowid, seen_at, who, action, target, detail in rows:
        entry_id = int(con.execute("select nextval('audit_ids')").fetchone()[0])  # type: ignore[index]
        entry_hash = chain_hash(previous, _fields(seen_at, who, action, target, detail))
        con.execute(
            "update audit_log set entry_id = ?, previous_hash = ?, entry_hash = ? where rowid = ?",
            [entry_id, previous, entry_hash, rowid],
        )
        previous, entries = entry_hash, entries + 1
    _set_head(con, previous, entries)


def verify_audit(warehouse: Warehouse) -> tuple[ChainBreak | None, int]:
    """Check the warehouse's audit log; returns the first break (or None) and the
    number of entries checked."""
    if not warehouse.catalogue_path.exists():
        return None, 0
    with warehouse.connect() as con:
        rows = con.execute(
            "select entry_id, previous_hash, entry_hash, seen_at, who, action, target, detail "
            "from audit_log order by entry_id nulls last"
        ).fetchall()
        last_hash, entries = _head(con)
    found = verify_chain(
        (r[0], r[1] or "", r[2] or "", _fields(r[3], r[4], r[5], r[6], r[7])) for r in rows
    )
    if found is not None:
        return found, len(rows)
    if entries != len(rows) or last_hash != (rows[-1][2] if rows else GENESIS):
        return ChainBreak(len(rows), None, "entries missing from the end of the log"), len(rows)
    return None, len(rows)


def audit_entries(warehouse: Warehouse) -> list[dict[str, Any]]:
    """Every entry, oldest first."""
    if not warehouse.catalogue_path.exists():
        return []
    names = ("entry_id", "seen_at", "who", "action", "target", "detail")
    with warehouse.connect() as con:
        rows = con.execute(f"select {', '.join(names)} from audit_log order by entry_id").fetchall()
    return [dict(zip(names, r, strict=True)) for r in rows]


@dataclass(frozen=True)
class Adoption:
    """What :func:`adopt_warehouse_log` did."""

    adopted: int  # entries appended to the trail (0 when already adopted or empty)
    already: bool  # this log (its last hash) was adopted before
    broken: ChainBreak | None  # the old chain's first break, if any


def adopt_warehouse_log(warehouse: Warehouse, trail: AuditLog, actor: str) -> Adoption:
    """Append the warehouse's old audit log to ``trail``, oldest first, then one
    ``adopt_warehouse_log`` entry naming the old log's last hash.

    Each carried entry keeps who, what and the detail; its ``at`` is when it entered
    the trail (the trail's times only go forward), and its detail ends with the old
    entry's number and time. The old chain is verified first: when it is broken the
    closing entry says where, and every entry from the break on says it is not
    verified. Running it again for the same log does nothing (the closing entry
    names the log's last hash). The entries and the closing one are appended in one
    unit of work: all or none.
    """
    found, _ = verify_audit(warehouse)
    old = audit_entries(warehouse)
    if not old:
        return Adoption(0, False, found)
    with warehouse.connect() as con:
        last_hash, _ = _head(con)
    mark = f"warehouse log {last_hash}"
    if any(e.record.target == mark for e in trail.recent(10_000, ADOPTED)):
        return Adoption(0, True, found)
    broken_from = len(old) if found is None else found.position
    with trail.atomic():
        for position, row in enumerate(old):
            seen = row["seen_at"]
            note = f" [warehouse audit log entry {row['entry_id']}, {seen:%Y-%m-%d %H:%M:%S} UTC"
            if position >= broken_from:
                note += "; not verified: its chain was broken here or before"
            note += "]"
            trail.append(
                AuditRecord(
                    actor=str(row["who"]),
                    action=str(row["action"]),
                    target=str(row["target"]),
                    detail=(row["detail"] or "") + note,
                    channel="cli",
                )
            )
        state = "intact" if found is None else f"broken ({found.reason})"
        trail.append(
            AuditRecord(
                actor=actor,
                action=ADOPTED,
                target=mark,
                detail=f"{len(old)} entries carried from {warehouse.catalogue_path}; "
                f"old chain {state}",
                channel="cli",
            )
        )
    return Adoption(len(old), False, found)
