"""Bounded inputs in the API: months out of bounds or malformed are a 400 or 422 saying
what is wrong, before any figure is computed, and never a server error."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diogel.web.api.api as api_module
from diogel.web.accounts.roles import Role
from tests.web.insight.test_bounds import MALFORMED, MONTHS, allowed

pytestmark = pytest.mark.django_db

NEXT_YEAR = dt.date.today().year + 1
GWENT = "level=local_authority&within=W15000003&source=police_uk_street"
ENDPOINTS = {
    "totals": f"/api/v1/totals?{GWENT}",
    "trends": f"/api/v1/trends?{GWENT}",
    "hotspots": f"/api/v1/hotspots?{GWENT}",
    "records": "/api/v1/records?within=W06000022&source=police_uk_street&purpose=monitoring",
}


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The figures the API computes, by name, as they are asked."""
    calls: list[str] = []
    for name in ("area_totals", "trend_result", "hotspot_result", "record_page"):
        real = getattr(api_module, name)

        def counted(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(api_module, name, counted)
    return calls


@pytest.fixture
def analyst(demo_warehouse: Path, client_for: Callable[[Role], Client]) -> Client:
    """A signed-in caller: records need one (open police.uk records are theirs)."""
    return client_for(Role.ANALYST)


def ask(client: Client, endpoint: str, **params: str) -> Any:
    return client.get(ENDPOINTS[endpoint] + "&" + urlencode(params))


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@pytest.mark.parametrize(
    ("first", "last", "says"),
    [
        ("2090-01", "2099-12", f"ask for months from 2000-01 to {NEXT_YEAR}-12"),
        ("2021-01", f"{NEXT_YEAR + 1}-01", f"ask for months from 2000-01 to {NEXT_YEAR}-12"),
        ("2010-01", "2021-12", "ask for at most 120 months at a time"),
        ("2021-06", "2021-01", "after the last"),
    ],
)
def test_months_out_of_bounds_are_a_400_before_any_figure(
    analyst: Client, computed: list[str], endpoint: str, first: str, last: str, says: str
) -> None:
    response = ask(analyst, endpoint, **{"from": first, "to": last})
    assert response.status_code == 400, response.content
    assert says in response.json()["detail"]
    assert computed == []


def test_the_maximum_is_the_setting(analyst: Client, computed: list[str], settings: Any) -> None:
    settings.DIOGEL = dataclasses.replace(settings.DIOGEL, max_months=12)
    response = ask(analyst, "totals", **{"from": "2021-01", "to": "2022-01"})
    assert response.status_code == 400
    assert "ask for at most 12 months at a time" in response.json()["detail"]
    assert ask(analyst, "totals", **{"from": "2021-01", "to": "2021-12"}).status_code == 200
    assert computed == ["area_totals"]


@pytest.mark.parametrize("value", MALFORMED, ids=lambda v: repr(v[:12]))
@pytest.mark.parametrize("field", ["from", "to"])
@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_a_malformed_month_is_a_422_naming_the_parameter(
    analyst: Client, computed: list[str], value: str, field: str, endpoint: str
) -> None:
    other = {"from": "2021-01", "to": "2021-12"}
    response = ask(analyst, endpoint, **{**other, field: value})
    if "\x00" in value:  # refused by the site's middleware before any view
        assert response.status_code == 400
        assert b"NUL character" in response.content
        return
    assert response.status_code == 422, response.content
    assert f'"{field}"' in json.dumps(response.json()["detail"])
    assert computed == []


def test_no_month_parameters_make_a_server_error(
    analyst: Client, client: Client, computed: list[str]
) -> None:
    month = MONTHS

    @given(
        first=month,
        last=month,
        endpoint=st.sampled_from(list(ENDPOINTS)),
        anonymous=st.booleans(),
    )
    @settings(
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    def check(first: str, last: str, endpoint: str, anonymous: bool) -> None:
        computed.clear()
        caller = client if anonymous else analyst
        response = ask(caller, endpoint, **{"from": first, "to": last})
        asked = (endpoint, first, last, anonymous)
        assert response.status_code < 500, (asked, response.content[:300])
        if anonymous and endpoint == "records":
            return  # 401 before the months are looked at, or 422
        # Sent empty is not absent: no month, so refused as malformed.
        if allowed(first, last):
            assert response.status_code == 200, (asked, response.content[:300])
        else:
            assert response.status_code in (400, 422), asked
            assert computed == [], asked

    check()
