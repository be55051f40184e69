"""The suite runs on the database DATABASE_URL names; prove which one it is using."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from diogel.health import check_database


def expected_vendor() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"


@pytest.mark.django_db
def test_connection_is_the_configured_backend() -> None:
    assert connection.vendor == expected_vendor()


@pytest.mark.skipif(expected_vendor() != "postgresql", reason="suite is running on SQLite")
def test_core_check_reaches_the_postgres_server() -> None:
    result = check_database(os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres")
    assert result.ok, result.detail
