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
    warehouse: Warehouse, import_id: int, limit: int = 10_000, *, show_values: bool
) -> dict[str, Any] | None:
    """One import's provenance and (up to ``limit``) quarantined rows.

    Quarantined values are the raw values a file held, rejected before they could
    be pseudonymised or checked (a name, a date of birth, an NHS number typed in
    the wrong column): record-level data. They are read only with ``show_values``,
    which the caller sets only for someone whose record scope covers the import
    (:func:`diogel.governance.covers`); otherwise each value is None and only the
    line, column and reason are read. The answer's ``values_shown`` says which.
    """
    if not warehouse.catalogue_path.exists():
        return None
    value = "value" if show_values else "null"
    with warehouse.connect() as con:
        row = con.execute(
            f"select {', '.join(_IMPORT_FIELDS)} from imports where import_id = ?", [import_id]
        ).fetchone()
        if row is None:
            return None
        quarantine = con.execute(
            f"select line, column_name, {value}, reason from quarantine where import_id = ? "
            "order by line, column_name limit ?",
            [import_id, limit],
        ).fetchall()
    return {
        "import": dict(zip(_IMPORT_FIELDS, row, strict=True)),
        "values_shown": show_values,
        "quarantine": [
            {"line": q[0], "column_name": q[1], "value": q[2], "reason": q[3]} for q in quarantine
        ],
    }
