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


POLICE_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
    "LSOA name,Crime type,Last outcome category,Context"
)


@pytest.fixture
def sample_import(tmp_path_factory: pytest.TempPathFactory) -> int:
    """A small police.uk file imported into the test warehouse; returns its import id."""
    from django.conf import settings

    from diogel.sources.police_uk import parse_street_file
    from diogel.warehouse import Warehouse
    from diogel.warehouse.imports import import_parsed
    from diogel.web.areas.loader import geography

    path = tmp_path_factory.mktemp("upload") / "2021-03-gwent-street.csv"
    path.write_text(
        POLICE_HEADER
        + "\n"
        + "a" * 64
        + ",2021-03,Gwent Police,Gwent Police,-3.19,51.79,On or near X,W01001440,"
        "x,Burglary,Under investigation,\n"
        + ",2021-03,Gwent Police,Gwent Police,-3.19,51.79,On or near X,W01001440,"
        "x,Piracy,,\n",
        encoding="utf-8",
    )
    geo = geography()
    parsed = parse_street_file(path, geo.hierarchy.lsoa11["code"])
    result = import_parsed(Warehouse(settings.DIOGEL.warehouse_dir), parsed, path, geo, "test")
    return result.import_id
