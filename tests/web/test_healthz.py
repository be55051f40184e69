from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from django.test import Client


@pytest.mark.django_db
def test_healthz_reports_database_and_warehouse() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["warehouse"] == {"ok": True}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_when_the_warehouse_is_unusable(
    settings: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from django.conf import settings as django_settings

    blocker = tmp_path / "file"
    blocker.write_text("x")
    broken = dataclasses.replace(django_settings.DIOGEL, warehouse_dir=blocker / "wh")
    monkeypatch.setattr(django_settings, "DIOGEL", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert str(tmp_path) not in response.content.decode(), "no paths on a public endpoint"


def _no_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    from diogel.warehouse import store

    def no_sleep(seconds: float) -> None:
        raise AssertionError(f"waited {seconds} s for a lock that is not there")

    monkeypatch.setattr(store.Warehouse, "LOCK_WAIT_SECONDS", 3600.0)
    monkeypatch.setattr(store.time, "sleep", no_sleep)


def _corrupt_warehouse(tmp_path: Path, settings: Any) -> Path:
    import dataclasses

    directory = tmp_path / "warehouse"
    directory.mkdir()
    (directory / "catalogue.duckdb").write_bytes(b"\x00\x01garbage in a block\xff" * 500)
    settings.DIOGEL = dataclasses.replace(settings.DIOGEL, warehouse_dir=directory)
    return directory


@pytest.mark.django_db
def test_healthz_says_at_once_that_a_corrupt_warehouse_cannot_be_read(
    settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_lock_wait(monkeypatch)
    _corrupt_warehouse(tmp_path, settings)
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["warehouse"]["ok"] is False
    assert "cannot be read" in body["warehouse"]["problem"]
    assert "not a valid DuckDB database file" in body["warehouse"]["problem"]
    assert str(tmp_path) not in response.content.decode(), "no paths on a public endpoint"


@pytest.mark.django_db
def test_an_api_answer_from_a_corrupt_warehouse_is_503_saying_so(
    settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_lock_wait(monkeypatch)
    _corrupt_warehouse(tmp_path, settings)
    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL, api_rate_limit=0, api_anonymous_rate_limit=0
    )
    response = Client().get("/api/v1/totals?level=local_authority")
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert detail.startswith("the warehouse cannot be read: ")
    assert "not a valid DuckDB database file" in detail
    assert str(tmp_path) not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "The warehouse cannot be read"), ("cy", "Nid oes modd darllen y warws")],
)
def test_a_page_from_a_corrupt_warehouse_is_503_saying_so(
    settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, heading: str
) -> None:
    _no_lock_wait(monkeypatch)
    _corrupt_warehouse(tmp_path, settings)
    response = Client().get(f"/{language}/dashboard/")
    assert response.status_code == 503
    assert heading in response.content.decode()
    assert str(tmp_path) not in response.content.decode()


@pytest.mark.django_db
def test_a_warehouse_held_by_another_process_is_busy_after_the_wait(
    settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    from diogel.warehouse import store

    monkeypatch.setattr(store.Warehouse, "LOCK_WAIT_SECONDS", 0.2)
    directory = tmp_path / "warehouse"
    directory.mkdir()
    settings.DIOGEL = dataclasses.replace(settings.DIOGEL, warehouse_dir=directory)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('held', flush=True);"
            " sys.stdin.read()",
            str(directory / "catalogue.duckdb"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        health = Client().get("/healthz")
        page = Client().get("/en/dashboard/")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=60)
    assert health.status_code == 503
    assert health.json()["warehouse"] == {
        "ok": False,
        "problem": "the warehouse is in use by another process",
    }
    assert page.status_code == 503
    assert page["Retry-After"] == "30"
    assert "The warehouse is busy" in page.content.decode()
