"""Fixtures for the web tests: demo organisations and one signed-in client per role."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from diogel.web.accounts.demo import DEMO_PEOPLE, create_demo_accounts
from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role


@pytest.fixture
def demo_accounts(db: None) -> dict[Role, User]:
    create_demo_accounts()
    return {role: User.objects.get(username=person[0]) for role, person in DEMO_PEOPLE.items()}


@pytest.fixture
def client_for(demo_accounts: dict[Role, User]) -> Callable[[Role], Client]:
    """A test client signed in as the demo account for a role (anonymous for PUBLIC)."""

    def make(role: Role) -> Client:
        client = Client()
        if role is not Role.PUBLIC:
            client.force_login(demo_accounts[role])
        return client

    return make
