"""Reusing one open warehouse database within a request or a report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from diogel.warehouse import Warehouse
from diogel.warehouse.store import reuse_connections

#: Another process tries to write to the catalogue and says whether it could.
WRITER = """
import sys, duckdb
try:
    con = duckdb.connect(sys.argv[1])
    con.execute("create or replace table other_process as select 1 as x")
    con.close()
    print("wrote")
except duckdb.IOException as exc:
    print("locked" if "lock" in str(exc).lower() else f"error {exc}")
"""


def _other_process_writes(warehouse: Warehouse) -> str:
    done = subprocess.run(
        [sys.executable, "-c", WRITER, str(warehouse.catalogue_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.strip()


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time the DuckDB file itself is opened, its path."""
    calls: list[str] = []
    real = duckdb.connect

    def counting(database: str = ":memory:", *args: object, **kwargs: object) -> object:
        calls.append(str(database))
        return real(database, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(duckdb, "connect", counting)
    return calls


def test_inside_the_file_is_opened_once(tmp_path: Path, opened: list[str]) -> None:
    warehouse = Warehouse(tmp_path / "w")
    with reuse_connections():
        for n in range(5):
            with warehouse.connect() as con:
                con.execute(f"create table t{n} as select {n} as n")
        with warehouse.connect() as con:
            tables = con.execute("select count(*) from duckdb_tables() where table_name like 't_'")
            assert tables.fetchone() == (5,)
    assert opened == [str(warehouse.catalogue_path)]


def test_outside_each_connect_opens_the_file(tmp_path: Path, opened: list[str]) -> None:
    warehouse = Warehouse(tmp_path / "w")
    for _ in range(3):
        with warehouse.connect() as con:
            con.execute("select 1")
    assert len(opened) == 3


def test_each_warehouse_has_its_own_database(tmp_path: Path, opened: list[str]) -> None:
    first, second = Warehouse(tmp_path / "a"), Warehouse(tmp_path / "b")
    with reuse_connections():
        for _ in range(2):
            for warehouse in (first, second):
                with warehouse.connect() as con:
                    con.execute("create table if not exists mine as select 1 as x")
    assert sorted(opened) == sorted(str(w.catalogue_path) for w in (first, second))


def test_a_transaction_rolled_back_on_one_connection_is_not_seen_by_the_next(
    tmp_path: Path,
) -> None:
    warehouse = Warehouse(tmp_path / "w")
    with reuse_connections():
        with warehouse.connect() as con:
            con.execute("create table t (x integer)")
            con.execute("begin transaction")
            con.execute("insert into t values (1)")
            con.execute("rollback")
        with warehouse.connect() as con:
            con.execute("insert into t values (2)")
        with warehouse.connect() as con:
            assert con.execute("select list(x) from t").fetchone() == ([2],)


def test_nested_uses_share_the_outer_database(tmp_path: Path, opened: list[str]) -> None:
    warehouse = Warehouse(tmp_path / "w")
    with reuse_connections():
        with reuse_connections(), warehouse.connect() as con:
            con.execute("create table t as select 1 as x")
        # The inner block's end did not close it: still the one open database.
        with warehouse.connect() as con:
            assert con.execute("select x from t").fetchone() == (1,)
    assert len(opened) == 1


def test_the_file_is_released_on_leaving(tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "w")
    with reuse_connections():
        with warehouse.connect() as con:
            con.execute("create table t as select 1 as x")
        # Held open for this process's next answer: another process cannot write now...
        assert _other_process_writes(warehouse) == "locked"
    # ...and can once the request or report is done, as between requests before.
    assert _other_process_writes(warehouse) == "wrote"


def test_released_even_when_the_work_fails(tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "w")

    def failing_view() -> None:
        with reuse_connections():
            with warehouse.connect() as con:
                con.execute("create table t as select 1 as x")
            raise RuntimeError("the view failed")

    with pytest.raises(RuntimeError, match="the view failed"):
        failing_view()
    assert _other_process_writes(warehouse) == "wrote"
