"""The audit log is hash-chained: every record-level view leaves exactly one entry,
and an edited, removed or truncated entry is detected."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.imports.models import AuditEvent, append, verify_audit_log

pytestmark = pytest.mark.django_db


def test_each_record_level_view_leaves_one_chained_entry(
    client_for: Callable[[Role], Client], sample_import: int
) -> None:
    analyst = client_for(Role.ANALYST)
    for _ in range(3):
        assert analyst.get(f"/en/imports/{sample_import}/").status_code == 200
    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.action for e in events] == ["view_import_report"] * 3
    assert events[0].organisation  # the analyst's organisation is recorded
    assert events[1].previous_hash == events[0].entry_hash
    assert verify_audit_log() is None
    call_command("verify_audit")


def test_an_edited_entry_is_detected(demo_accounts: dict[Role, User]) -> None:
    user = demo_accounts[Role.ANALYST]
    first = append(user, "view", "import 1")
    append(user, "view", "import 2")
    # Someone with database access changes what was seen.
    AuditEvent.objects.filter(pk=first.pk).update(target="import 7")
    found = verify_audit_log()
    assert found is not None
    assert found.entry_id == first.pk
    with pytest.raises(CommandError, match="changed after it was written"):
        call_command("verify_audit")


def test_removed_entries_are_detected(demo_accounts: dict[Role, User]) -> None:
    user = demo_accounts[Role.ANALYST]
    events = [append(user, "export", f"import {i}") for i in range(3)]
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    found = verify_audit_log()
    assert found is not None
    assert found.entry_id == events[2].pk
    AuditEvent.objects.filter(pk=events[2].pk).delete()  # now the chain is intact but short
    found = verify_audit_log()
    assert found is not None
    assert "missing from the end" in found.reason
