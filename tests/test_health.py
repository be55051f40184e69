from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from diogel.health import check_database, check_reference_data, check_warehouse


def test_sqlite_database_that_exists_answers(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    sqlite3.connect(path).close()
    result = check_database(f"sqlite:///{path}")
    assert result.ok, result.detail


def test_missing_sqlite_file_is_reported_not_created(tmp_path: Path) -> None:
    path = tmp_path / "absent.sqlite3"
    result = check_database(f"sqlite:///{path}")
    assert not result.ok
    assert "does not exist" in result.detail
    assert not path.exists()


def test_unreachable_postgres_fails_without_leaking_the_password() -> None:
    result = check_database("postgresql://user:hunter2@127.0.0.1:1/nowhere")
    assert not result.ok
    assert "hunter2" not in result.detail


def test_warehouse_is_created_and_answers(tmp_path: Path) -> None:
    result = check_warehouse(tmp_path / "warehouse")
    assert result.ok, result.detail
    assert (tmp_path / "warehouse" / "catalogue.duckdb").exists()


def test_warehouse_in_an_unwritable_place_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert not check_warehouse(blocker / "warehouse").ok


def test_reference_data_missing_names_the_fix(tmp_path: Path) -> None:
    result = check_reference_data(tmp_path)
    assert not result.ok
    assert "diogel data install" in result.detail


def test_a_corrupt_warehouse_is_reported_at_once_with_duckdbs_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diogel.warehouse import store

    def no_sleep(seconds: float) -> None:
        raise AssertionError(f"waited {seconds} s for a lock that is not there")

    monkeypatch.setattr(store.Warehouse, "LOCK_WAIT_SECONDS", 3600.0)
    monkeypatch.setattr(store.time, "sleep", no_sleep)
    catalogue = tmp_path / "warehouse" / "catalogue.duckdb"
    catalogue.parent.mkdir()
    catalogue.write_bytes(b"not a database, and nothing like a lock either" * 100)
    result = check_warehouse(tmp_path / "warehouse")
    assert not result.ok
    assert "cannot be read" in result.detail
    assert "not a valid DuckDB database file" in result.detail


def test_a_warehouse_held_by_another_process_is_reported_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    from diogel.warehouse import store

    monkeypatch.setattr(store.Warehouse, "LOCK_WAIT_SECONDS", 0.2)
    catalogue = tmp_path / "warehouse" / "catalogue.duckdb"
    catalogue.parent.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " sys.stdin.read()",
            str(catalogue),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        result = check_warehouse(tmp_path / "warehouse")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)
    assert not result.ok
    assert "in use by another process" in result.detail
