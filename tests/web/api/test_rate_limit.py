"""Rate limits: per token, per person, per address; 429 with Retry-After."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.api.auth import RATE_WINDOW, Caller, RateLimitedError, check_rate
from diogel.web.api.models import ApiToken

pytestmark = pytest.mark.django_db
URL = "/api/v1/areas?level=region"


class _StoppedClock:
    """Mid-window, always: a few requests on a busy machine must not straddle two fixed
    windows, which would reset the count between them."""

    @staticmethod
    def time() -> float:
        return 29_000_000 * RATE_WINDOW + RATE_WINDOW / 2


@pytest.fixture(autouse=True)
def _stopped_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    import diogel.web.api.auth

    monkeypatch.setattr(diogel.web.api.auth, "time", _StoppedClock)


def set_limits(settings: Any, signed_in: int, anonymous: int) -> None:
    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL, api_rate_limit=signed_in, api_anonymous_rate_limit=anonymous
    )


def test_anonymous_callers_are_limited_per_address(demo_warehouse: Path, settings: Any) -> None:
    set_limits(settings, 100, 3)
    here, there = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    assert [here.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    refused = here.get(URL)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= RATE_WINDOW
    assert "rate limit" in refused.json()["detail"]
    assert there.get(URL).status_code == 200  # another address has its own count


def test_each_token_has_its_own_count(
    demo_warehouse: Path, settings: Any, demo_accounts: dict[Role, User]
) -> None:
    set_limits(settings, 2, 1)
    _, first = ApiToken.issue(demo_accounts[Role.ANALYST], "one")
    _, second = ApiToken.issue(demo_accounts[Role.ANALYST], "two")
    client = Client()
    statuses = [client.get(URL, HTTP_AUTHORIZATION=f"Bearer {first}").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    other = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {second}")
    assert other.status_code == 200


def test_the_window_resets(demo_accounts: dict[Role, User], settings: Any, limits: None) -> None:
    set_limits(settings, 1, 1)
    caller = Caller(demo_accounts[Role.ANALYST], None, "192.0.2.9")
    start = 1_000_000 * RATE_WINDOW + 10.0  # 10 s into a window
    check_rate(caller, start)
    with pytest.raises(RateLimitedError) as refused:
        check_rate(caller, start + 5)
    assert refused.value.retry_after == RATE_WINDOW - 15
    check_rate(caller, start + RATE_WINDOW)  # the next window counts afresh


def test_zero_means_no_limit(demo_warehouse: Path, settings: Any) -> None:
    set_limits(settings, 0, 0)
    client = Client()
    assert {client.get(URL).status_code for _ in range(20)} == {200}
