"""Reading provenance back: imports and their quarantined rows."""

from __future__ import annotations

from typing import Any

from diogel.warehouse.schema import IMPORT_COLUMNS
from diogel.warehouse.store import Warehouse

_IMPORT_FIELDS = IMPORT_COLUMNS


def list_imports(warehouse: Warehouse) -> list[dict[str, Any]]:
    """Every import, newest first."""
    if not warehouse.catalogue_path.exists():
        return []
    with warehouse.connect() as con:
        rows = con.execute(
            f"select {', '.join(_IMPORT_FIELDS)} from imports order by import_id desc"
        ).fetchall()
    return [dict(zip(_IMPORT_FIELDS, r, strict=True)) for r in rows]


def import_detail(
    warehouse: Warehouse, import_id: int, limit: int = 10_000
) -> dict[str, Any] | None:
    """One import's provenance and (up to ``limit``) quarantined values."""
    if not warehouse.catalogue_path.exists():
        return None
    with warehouse.connect() as con:
        row = con.execute(
            f"select {', '.join(_IMPORT_FIELDS)} from imports where import_id = ?", [import_id]
        ).fetchone()
        if row is None:
            return None
        quarantine = con.execute(
            "select line, column_name, value, reason from quarantine where import_id = ? "
            "order by line, column_name limit ?",
            [import_id, limit],
        ).fetchall()
    return {
        "import": dict(zip(_IMPORT_FIELDS, row, strict=True)),
        "quarantine": [
            {"line": q[0], "column_name": q[1], "value": q[2], "reason": q[3]} for q in quarantine
        ],
    }
