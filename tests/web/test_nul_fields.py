"""A NUL in any field is refused with 400 before a view (or PostgreSQL) sees it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from diogel.web.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_query_or_a_form_is_refused(client_for: Callable[[Role], Client]) -> None:
    client = client_for(Role.BOARD_SECRETARIAT)
    assert client.get("/en/boards/matrix/", {"region": "W1\x00"}).status_code == 400
    response = client.post("/en/boards/tracker/", {"tracker-quarter": "2021\x00"})
    assert response.status_code == 400
    assert client.get("/en/boards/matrix/", {"region": "W15000003"}).status_code == 200
