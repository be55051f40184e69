"""Concurrent requests, as waitress's threads make them, all get answers.

Found by ``make bench-api``: threads opening the DuckDB file at the same moment
raced in DuckDB's cache of open files and some requests failed with 500.
"""

from __future__ import annotations

import concurrent.futures as cf
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_threads_at_once_all_get_answers(demo_warehouse: Path) -> None:
    url = "/api/v1/totals?level=lsoa11&within=W06000022&source=police_uk_street"

    def one(_: int) -> int:
        return Client().get(url).status_code

    with cf.ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(one, range(64)))
    assert statuses == [200] * 64
