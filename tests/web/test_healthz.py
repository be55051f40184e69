from __future__ import annotations

from pathlib import Path

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
