"""The warehouse's audit log is hash-chained: tampering is detected; v2 warehouses upgrade."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from diogel.warehouse import Warehouse
from diogel.warehouse.audit import audit_entries, verify_audit
from diogel.warehouse.queries import record_cli_view
from diogel.warehouse.schema import SCHEMA_VERSION

V2_DDL = (Path(__file__).parent / "schema_v2.sql").read_text(encoding="utf-8")


def logged(tmp_path: Path, n: int = 4) -> Warehouse:
    warehouse = Warehouse(tmp_path / "w")
    for i in range(n):
        record_cli_view(warehouse, "analyst", "view_import_report", f"import {i}", f"{i} shown")
    return warehouse


def test_an_untouched_log_verifies(tmp_path: Path) -> None:
    warehouse = logged(tmp_path)
    assert verify_audit(warehouse) == (None, 4)
    assert [e["target"] for e in audit_entries(warehouse)] == [f"import {i}" for i in range(4)]


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        ("update audit_log set detail = 'nothing shown' where entry_id = 2", "changed"),
        ("update audit_log set who = 'someone' where entry_id = 1", "changed"),
        ("delete from audit_log where entry_id = 2", "previous hash"),
        ("delete from audit_log where entry_id = 4", "missing from the end"),
        (
            "insert into audit_log select seen_at, who, action, target, detail, 9, "
            "previous_hash, entry_hash from audit_log where entry_id = 2",
            "previous hash",
        ),
    ],
)
def test_tampering_is_detected(tmp_path: Path, tamper: str, reason: str) -> None:
    warehouse = logged(tmp_path)
    with duckdb.connect(str(warehouse.catalogue_path)) as con:
        con.execute(tamper)
    found, _ = verify_audit(warehouse)
    assert found is not None
    assert reason in found.reason


def test_a_version_2_warehouse_is_upgraded_in_place(tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "w")
    warehouse.directory.mkdir()
    with duckdb.connect(str(warehouse.catalogue_path)) as con:
        con.execute(V2_DDL)
        con.execute("insert into schema_info values (2)")
        con.execute(
            "insert into imports values (1, 'istv', 'ED', 'f.csv', 'x', '2021-03-01', "
            "'2021-03-31', 1, 1, 0, 'me', '2021-04-01', null, null, 'current', null)"
        )
        con.execute(
            "insert into incidents (import_id, line, source, supplier, category, month, "
            "location_basis) values (1, 2, 'istv', 'ED', 'violence', '2021-03-01', 'none')"
        )
        for i in range(3):
            con.execute(
                "insert into audit_log values (?, 'cli', 'view_import_report', 'import 1', '')",
                [f"2021-04-0{i + 1} 10:00:00"],
            )
    with warehouse.connect() as con:
        version = con.execute("select version from schema_info").fetchone()
        columns = {
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns "
                "where table_name = 'current_incidents'"
            ).fetchall()
        }
        current = con.execute("select count(*) from current_incidents").fetchone()
    assert version == (SCHEMA_VERSION,)
    assert "person_pseudonym" in columns
    assert current == (1,)
    # The old entries are chained in the order written, and new ones follow them.
    record_cli_view(warehouse, "cli", "view_import_report", "import 1")
    assert verify_audit(warehouse) == (None, 4)
    assert [e["entry_id"] for e in audit_entries(warehouse)] == [1, 2, 3, 4]


def test_opening_a_current_warehouse_writes_nothing(tmp_path: Path) -> None:
    warehouse = logged(tmp_path, 1)
    before = warehouse.catalogue_path.stat().st_mtime_ns, warehouse.catalogue_path.read_bytes()
    with warehouse.connect() as con:
        con.execute("select count(*) from imports").fetchone()
    after = warehouse.catalogue_path.stat().st_mtime_ns, warehouse.catalogue_path.read_bytes()
    assert before == after
