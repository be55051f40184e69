"""Data controllers read, check and export the audit log; the export is itself logged."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from django.test import Client

from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.audit.models import Entry
from diogel.web.audit.trail import record_as

pytestmark = pytest.mark.django_db


def test_the_log_shows_entries_and_that_the_chain_holds(
    client_for: Callable[[Role], Client], demo_accounts: dict[Role, User]
) -> None:
    record_as(demo_accounts[Role.ANALYST], "view records", "istv W92000004", purpose="p")
    html = client_for(Role.DATA_CONTROLLER).get("/en/imports/audit/").content.decode()
    assert 'data-testid="chain-intact"' in html
    assert "istv W92000004" in html


def test_tampering_shows_on_the_page(
    client_for: Callable[[Role], Client], demo_accounts: dict[Role, User]
) -> None:
    record_as(demo_accounts[Role.ANALYST], "view records", "istv W92000004")
    record_as(demo_accounts[Role.ANALYST], "view records", "istv W11000028")
    Entry.objects.filter(target="istv W92000004").update(target="nothing to see")
    html = client_for(Role.DATA_CONTROLLER).get("/cy/imports/audit/").content.decode()
    assert 'data-testid="chain-broken"' in html


def test_the_export_holds_every_entry_and_is_recorded(
    client_for: Callable[[Role], Client], demo_accounts: dict[Role, User]
) -> None:
    for i in range(3):
        record_as(demo_accounts[Role.ANALYST], "view records", f"target {i}")
    response = client_for(Role.DATA_CONTROLLER).get("/en/imports/audit/?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["target"] for r in rows] == ["target 2", "target 1", "target 0"]
    last = Entry.objects.order_by("-entry_id").first()
    assert last is not None
    assert last.action == "export audit log"
    assert last.detail == "3 entries"
