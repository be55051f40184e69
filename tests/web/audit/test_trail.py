"""The site's audit trail: one chain in the site's database, appended under the
head's lock, hashing the username as written (so renaming an account breaks nothing)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from diogel.audit import AuditRecord, hashed_fields
from diogel.governance.chain import GENESIS, chain_hash
from diogel.services import Services
from diogel.web.accounts.models import User
from diogel.web.audit.models import ChainHead, Entry
from diogel.web.audit.trail import record_as, site_trail
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.django_db


def _rehash(row: Entry, previous: str) -> str:
    """The entry's hash computed here from its stored columns (independently of the trail)."""
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
    return chain_hash(previous, fields)


def test_entries_are_numbered_and_chained_in_order() -> None:
    trail = site_trail()
    for i in range(3):
        trail.append(AuditRecord("cli-user", "view_import_report", f"import {i}", channel="cli"))
    rows = list(Entry.objects.order_by("entry_id"))
    assert [r.entry_id for r in rows] == [1, 2, 3]
    previous = GENESIS
    for row in rows:
        assert row.previous_hash == previous
        assert row.entry_hash == _rehash(row, previous)
        previous = row.entry_hash
    head = ChainHead.objects.get(pk=1)
    assert (head.entries, head.last_hash) == (3, previous)
    assert head.seal  # sealed with the key outside the database


def test_the_returned_entry_is_what_was_stored() -> None:
    entry = site_trail().append(AuditRecord("a", "import", "import 1", detail="x\x00y"))
    row = Entry.objects.get(entry_id=entry.entry_id)
    assert row.detail == entry.record.detail == "x\\x00y"  # NUL written out, not dropped
    assert entry.entry_hash == chain_hash(GENESIS, hashed_fields(entry.at, entry.record))


def test_record_as_keeps_the_username_and_organisation_as_written() -> None:
    user = User.objects.create(username="analyst-before")
    record_as(user, "view records", "istv W06000020", "3 of 3 records")
    user.username = "analyst-after"
    user.save()
    row = Entry.objects.get()
    assert row.actor == "analyst-before"
    assert row.user == user
    assert row.entry_hash == _rehash(row, GENESIS)


def test_site_services_provides_the_site_trail() -> None:
    from diogel.web.services import site_services

    services = site_services()
    assert isinstance(services, Services)
    services.audit.append(AuditRecord("cli-user", "purge", "import 4", channel="cli"))
    assert Entry.objects.get().channel == "cli"


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("sqlite:///{tmp}/empty.sqlite3", "not set up"),
        ("postgresql://postgres@127.0.0.1:1/nowhere", "cannot be reached"),
    ],
)
def test_site_services_refuses_a_database_not_ready(tmp_path: Path, url: str, said: str) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": url.format(tmp=tmp_path),
        "DIOGEL_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "diogel.web.settings.test",
        "PYTHONPATH": str(REPO_ROOT / "src"),
    }
    code = (
        "from diogel.services import ServicesUnavailableError, load_services\n"
        "try:\n    load_services()\n"
        "except ServicesUnavailableError as exc:\n    print('refused:', exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert "refused:" in done.stdout
    assert said in done.stdout
    assert "diogel manage migrate" in done.stdout
