from __future__ import annotations

import sqlite3
from pathlib import Path

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
