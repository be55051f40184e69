"""``audit.0002`` carries the old ``imports.AuditEvent`` log into the one trail: in
order, with the original times and the people's usernames, verified first."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from diogel.audit.verify import verify
from diogel.governance.chain import GENESIS, chain_hash
from diogel.web.audit.models import Entry
from diogel.web.audit.trail import site_trail

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("audit", "0001_initial"), ("imports", "0002_audit_chain")]
carry = importlib.import_module("diogel.web.audit.migrations.0002_carry_old_site_log")

#: SYNTHETIC old entries: (username, action, target, detail, purpose, minutes after 9:00).
OLD = [
    ("analyst1", "view_import_report", "import 3", "2 quarantined values shown", "", 0),
    ("controller1", "api_records", "records of istv", '{"returned": 5}', "violence-prevention", 1),
    ("diogel-retention", "purge", "import 3", "rows removed: incidents=40", "retention", 2),
    ("analyst1", "view records", "istv W06000020", "3 of 3 records", "violence-prevention", 3),
]


@pytest.fixture
def old_apps() -> Any:
    """The database as it was before the one trail, holding the old log (chained here
    as the old code chained it)."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    user_model = apps.get_model("accounts", "User")
    event_model = apps.get_model("imports", "AuditEvent")
    previous = GENESIS
    for username, action, target, detail, purpose, minutes in OLD:
        user, _ = user_model.objects.get_or_create(username=username)
        when = dt.datetime(2026, 3, 2, 9, minutes, 30, 123456, tzinfo=dt.UTC)
        fields = {
            "when": when.isoformat(),
            "user": username,
            "organisation": "gwent-police",
            "action": action,
            "target": target,
            "detail": detail,
            "purpose": purpose,
            "agreement": "",
        }
        entry_hash = chain_hash(previous, fields)
        event_model.objects.create(
            when=when,
            user=user,
            organisation="gwent-police",
            action=action,
            target=target,
            detail=detail,
            purpose=purpose,
            previous_hash=previous,
            entry_hash=entry_hash,
        )
        previous = entry_hash
    apps.get_model("imports", "AuditChainHead").objects.update_or_create(
        pk=1, defaults={"last_hash": previous, "entries": len(OLD)}
    )
    yield apps
    # Back to the newest state for the tests after this one.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _carried(apps: Any) -> list[Any]:
    return list(apps.get_model("audit", "Entry").objects.order_by("entry_id"))


def test_the_old_log_is_carried_in_order_with_its_times_and_people(old_apps: Any) -> None:
    # Someone renamed an account after its entries were written: the old log could
    # only read the name the account has now, and so does the carrying.
    old_apps.get_model("accounts", "User").objects.filter(username="controller1").update(
        username="controller-renamed"
    )
    # Renaming broke the old chain (its hash read the name at verification time).
    carry.carry_old_entries(old_apps, None)
    rows = _carried(old_apps)
    assert [(r.action, r.target) for r in rows[:4]] == [(o[1], o[2]) for o in OLD]
    assert [r.actor for r in rows[:4]] == [
        "analyst1",
        "controller-renamed",
        "diogel-retention",
        "analyst1",
    ]
    assert [r.at for r in rows[:4]] == [
        dt.datetime(2026, 3, 2, 9, m, 30, 123456, tzinfo=dt.UTC) for *_, m in OLD
    ]
    assert [r.channel for r in rows[:4]] == ["site", "api", "cli", "site"]
    assert rows[4].action == "carry_old_audit_log"
    assert "broken" in rows[4].detail
    assert ["not verified" in r.detail for r in rows[:4]] == [False, True, True, True]


def test_an_intact_old_log_is_carried_unmarked_and_the_result_verifies(old_apps: Any) -> None:
    carry.carry_old_entries(old_apps, None)
    rows = _carried(old_apps)
    assert [r.detail for r in rows[:4]] == [o[3] for o in OLD]
    assert "old chain intact" in rows[4].detail
    # Recompute the new chain here, from the stored columns.
    previous = GENESIS
    for row in rows:
        fields = {
            "at": row.at.astimezone(dt.UTC).replace(tzinfo=None).isoformat(),
            "actor": row.actor,
            "action": row.action,
            "target": row.target,
            "detail": row.detail,
            "organisation": row.organisation,
            "purpose": row.purpose,
            "agreement": row.agreement,
            "channel": row.channel,
        }
        assert row.previous_hash == previous
        assert row.entry_hash == chain_hash(previous, fields)
        previous = row.entry_hash
    head = old_apps.get_model("audit", "ChainHead").objects.get(pk=1)
    assert (head.entries, head.last_hash) == (5, previous)


def test_migrating_forward_carries_the_log_and_drops_the_old_tables(old_apps: Any) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert "imports_auditevent" not in connection.introspection.table_names()
    assert Entry.objects.count() == len(OLD) + 1
    assert verify(site_trail(), full=True).intact


def test_entries_already_in_the_trail_are_kept_in_time_order(old_apps: Any) -> None:
    # Written through the one trail before this migration ran (one earlier than the
    # last old entry, one later).
    entry_model = old_apps.get_model("audit", "Entry")
    for entry_id, minute in ((1, 2), (2, 10)):
        entry_model.objects.create(
            entry_id=entry_id,
            at=dt.datetime(2026, 3, 2, 9, minute, 45, tzinfo=dt.UTC),
            actor="importer",
            action="import",
            target=f"import {entry_id + 10}",
            channel="cli",
            previous_hash="x",
            entry_hash="y",
        )
    carry.carry_old_entries(old_apps, None)
    rows = _carried(old_apps)
    assert [r.target for r in rows] == [
        "import 3",
        "records of istv",
        "import 3",
        "import 11",
        "istv W06000020",
        "import 12",
        "imports.AuditEvent",
    ]
    assert [r.entry_id for r in rows] == list(range(1, 8))
