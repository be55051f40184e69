"""The warehouse's old audit log: nothing writes it any more; it is verified (tampering
detected), carried into the one trail once, and v2 warehouses still upgrade."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from diogel.audit import MemoryAuditTrail
from diogel.audit.verify import verify
from diogel.governance.chain import GENESIS, chain_hash
from diogel.warehouse import Warehouse
from diogel.warehouse.audit import ADOPTED, adopt_warehouse_log, audit_entries, verify_audit
from diogel.warehouse.schema import SCHEMA_VERSION

V2_DDL = (Path(__file__).parent / "schema_v2.sql").read_text(encoding="utf-8")


def logged(tmp_path: Path, n: int = 4) -> Warehouse:
    """A warehouse whose old log holds ``n`` SYNTHETIC entries, chained as the old
    command line chained them (computed here, not by the code under test)."""
    warehouse = Warehouse(tmp_path / "w")
    previous = GENESIS
    with warehouse.connect() as con:
        for i in range(n):
            seen = dt.datetime(2025, 1, 1, 10, i)
            fields = {
                "seen_at": seen.isoformat(),
                "who": "analyst",
                "action": "view_import_report",
                "target": f"import {i}",
                "detail": f"{i} shown",
            }
            entry_hash = chain_hash(previous, fields)
            con.execute(
                "insert into audit_log values (?, ?, ?, ?, ?, ?, ?, ?)",
                [seen, "analyst", "view_import_report", f"import {i}", f"{i} shown", i + 1,
                 previous, entry_hash],
            )  # fmt: skip
            previous = entry_hash
        con.execute("delete from audit_head")
        con.execute("insert into audit_head values (?, ?)", [previous, n])
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
    # The old entries are chained in the order written.
    assert verify_audit(warehouse) == (None, 3)
    assert [e["entry_id"] for e in audit_entries(warehouse)] == [1, 2, 3]


def test_opening_a_current_warehouse_writes_nothing(tmp_path: Path) -> None:
    warehouse = logged(tmp_path, 1)
    before = warehouse.catalogue_path.stat().st_mtime_ns, warehouse.catalogue_path.read_bytes()
    with warehouse.connect() as con:
        con.execute("select count(*) from imports").fetchone()
    after = warehouse.catalogue_path.stat().st_mtime_ns, warehouse.catalogue_path.read_bytes()
    assert before == after


def test_the_old_log_is_carried_into_the_trail_once(tmp_path: Path) -> None:
    warehouse = logged(tmp_path)
    trail = MemoryAuditTrail()
    done = adopt_warehouse_log(warehouse, trail, actor="operator")
    assert (done.adopted, done.already, done.broken) == (4, False, None)
    records = [e.record for e in trail.entries]
    assert [r.target for r in records[:4]] == [f"import {i}" for i in range(4)]
    assert {(r.actor, r.channel) for r in records[:4]} == {("analyst", "cli")}
    assert records[0].detail == "0 shown [warehouse audit log entry 1, 2025-01-01 10:00:00 UTC]"
    assert (records[4].action, records[4].actor) == (ADOPTED, "operator")
    assert verify(trail, full=True).intact
    again = adopt_warehouse_log(warehouse, trail, actor="operator")
    assert (again.adopted, again.already) == (0, True)
    assert len(trail.entries) == 5
    assert len(audit_entries(warehouse)) == 4  # the old table is left as evidence


def test_a_broken_old_log_is_carried_and_says_so(tmp_path: Path) -> None:
    warehouse = logged(tmp_path)
    with duckdb.connect(str(warehouse.catalogue_path)) as con:
        con.execute("update audit_log set detail = 'nothing shown' where entry_id = 3")
    trail = MemoryAuditTrail()
    done = adopt_warehouse_log(warehouse, trail, actor="operator")
    assert done.broken is not None
    details = [e.record.detail for e in trail.entries]
    assert ["not verified" in d for d in details[:4]] == [False, False, True, True]
    assert "old chain broken" in details[4]
