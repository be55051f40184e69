"""The warehouse's own audit log, hash-chained like the web's.

The command line records who saw record-level data (``diogel imports show``) and
who purged it (``diogel imports purge``) in the warehouse's ``audit_log`` table.
Each entry's hash covers its fields and the hash before it
(:mod:`diogel.governance.chain`); ``audit_head`` holds the newest hash and the
number of entries, so :func:`verify_audit` finds an entry edited, removed,
inserted or reordered, or cut off the end. Entries are only ever appended, through
:func:`append_entry`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from diogel.governance.chain import GENESIS, ChainBreak, chain_hash, verify_chain
from diogel.warehouse.store import Warehouse


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
    con.execute("delete from audit_head")
    con.execute("insert into audit_head values (?, ?)", [last_hash, entries])


def append_entry(
    con: duckdb.DuckDBPyConnection, who: str, action: str, target: str, detail: str = ""
) -> str:
    """Append one entry on ``con`` and return its hash.

    Call inside the caller's transaction, so the entry and the chain head (and, for
    a purge, the deletions it records) commit together or not at all.
    """
    previous, entries = _head(con)
    seen_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    entry_hash = chain_hash(previous, _fields(seen_at, who, action, target, detail))
    entry_id = int(con.execute("select nextval('audit_ids')").fetchone()[0])  # type: ignore[index]
    con.execute(
        "insert into audit_log (seen_at, who, action, target, detail, entry_id, "
        "previous_hash, entry_hash) values (?, ?, ?, ?, ?, ?, ?, ?)",
        [seen_at, who, action, target, detail, entry_id, previous, entry_hash],
    )
    _set_head(con, entry_hash, entries + 1)
    return entry_hash


def record_entry(warehouse: Warehouse, who: str, action: str, target: str, detail: str = "") -> str:
    """Append one entry in a transaction of its own."""
    with warehouse.connect() as con:
        con.execute("begin transaction")
        try:
            entry_hash = append_entry(con, who, action, target, detail)
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
    return entry_hash


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
