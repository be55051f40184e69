"""Record-level views of an import leave one chained entry each, and
``diogel manage verify_audit`` finds an edited or removed entry."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from diogel.audit.verify import verify
from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.audit.models import Entry
from diogel.web.audit.trail import record_as, site_trail

pytestmark = pytest.mark.django_db


def test_each_record_level_view_leaves_one_chained_entry(
    client_for: Callable[[Role], Client], sample_import: int
) -> None:
    analyst = client_for(Role.ANALYST)
    for _ in range(3):
        assert analyst.get(f"/en/imports/{sample_import}/").status_code == 200
    entries = list(Entry.objects.order_by("entry_id"))
    assert [e.action for e in entries] == ["view_import_report"] * 3
    assert {e.channel for e in entries} == {"site"}
    assert entries[0].organisation  # the analyst's organisation is recorded
    assert entries[1].previous_hash == entries[0].entry_hash
    assert verify(site_trail(), full=True).intact
    call_command("verify_audit")


def test_an_edited_entry_is_detected(demo_accounts: dict[Role, User]) -> None:
    user = demo_accounts[Role.ANALYST]
    first = record_as(user, "view", "import 1")
    record_as(user, "view", "import 2")
    # Someone with database access changes what was seen.
    Entry.objects.filter(entry_id=first.entry_id).update(target="import 7")
    found = verify(site_trail(), full=True).problem
    assert found is not None
    assert found.entry_id == first.entry_id
    with pytest.raises(CommandError, match="changed after it was written"):
        call_command("verify_audit")


def test_removed_entries_are_detected(demo_accounts: dict[Role, User]) -> None:
    user = demo_accounts[Role.ANALYST]
    entries = [record_as(user, "export", f"import {i}") for i in range(3)]
    Entry.objects.filter(entry_id=entries[1].entry_id).delete()
    found = verify(site_trail(), full=True).problem
    assert found is not None
    assert found.entry_id == entries[1].entry_id  # the gap is where it was
    Entry.objects.filter(entry_id=entries[2].entry_id).delete()  # intact but short
    found = verify(site_trail(), full=True).problem
    assert found is not None
    assert "missing from the end" in found.reason
