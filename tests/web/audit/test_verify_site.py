"""Verifying the site's trail: renaming people breaks nothing, tampering in the
database is found (in full, and from the checkpoint for what follows it), and the
audit page only re-hashes what was written since it was last opened."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from diogel.audit import AuditRecord
from diogel.audit.verify import verify
from diogel.governance.chain import chain_hash
from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.audit.models import ChainHead, Checkpoint, Entry
from diogel.web.audit.trail import record_as, site_trail

pytestmark = pytest.mark.django_db


def test_renaming_a_person_does_not_break_the_chain(
    client_for: Callable[[Role], Client], demo_accounts: dict[Role, User], sample_import: int
) -> None:
    # Through pages and the management command only, so the same test runs against
    # the code before the one trail (where it failed: the hash covered the username
    # read from the account at verification time).
    assert client_for(Role.ANALYST).get(f"/en/imports/{sample_import}/").status_code == 200
    analyst = demo_accounts[Role.ANALYST]
    analyst.username = "renamed-analyst"
    analyst.save()
    page = client_for(Role.DATA_CONTROLLER).get("/en/imports/audit/").content.decode()
    assert 'data-testid="chain-intact"' in page
    call_command("verify_audit")


def _entries(n: int) -> None:
    trail = site_trail()
    for i in range(n):
        trail.append(AuditRecord(f"user{i % 2}", "view records", f"page {i}", channel="site"))


def _edit(entry_id: int) -> None:
    Entry.objects.filter(entry_id=entry_id).update(target="nothing to see")


def _delete(entry_id: int) -> None:
    Entry.objects.filter(entry_id=entry_id).delete()


def _insert(entry_id: int) -> None:
    """A copy of the entry before, slotted in after the later entries moved up one."""
    for row in Entry.objects.filter(entry_id__gte=entry_id).order_by("-entry_id"):
        Entry.objects.filter(entry_id=row.entry_id).update(entry_id=row.entry_id + 1)
    copy = Entry.objects.get(entry_id=entry_id - 1)
    copy.entry_id, copy.target = entry_id, "a page nobody saw"
    copy.save(force_insert=True)


def _reorder(entry_id: int) -> None:
    """Swap the contents of two neighbours (ids stay in sequence)."""
    a, b = Entry.objects.get(entry_id=entry_id), Entry.objects.get(entry_id=entry_id + 1)
    a.entry_id, b.entry_id = 0, entry_id
    Entry.objects.filter(entry_id=entry_id).delete()
    Entry.objects.filter(entry_id=entry_id + 1).delete()
    b.save(force_insert=True)
    a.entry_id = entry_id + 1
    a.save(force_insert=True)


def _truncate(entry_id: int) -> None:
    Entry.objects.filter(entry_id__gte=entry_id).delete()


def _truncate_and_move_the_head(entry_id: int) -> None:
    _truncate(entry_id)
    last = Entry.objects.get(entry_id=entry_id - 1)
    ChainHead.objects.filter(pk=1).update(entries=entry_id - 1, last_hash=last.entry_hash)


TAMPERING: dict[str, Callable[[int], None]] = {
    "edit": _edit,
    "delete": _delete,
    "insert": _insert,
    "reorder": _reorder,
    "truncate": _truncate,
    "truncate and move the head": _truncate_and_move_the_head,
}


@pytest.mark.parametrize("kind", TAMPERING)
def test_tampering_after_the_checkpoint_is_found_both_ways(kind: str) -> None:
    _entries(6)
    assert verify(site_trail()).new_checkpoint is not None  # sealed at entry 6
    _entries(4)  # entries 7..10
    TAMPERING[kind](8)
    assert not verify(site_trail(), full=True, checkpoint=False).intact
    assert not verify(site_trail(), checkpoint=False).intact
    with pytest.raises(CommandError):
        call_command("verify_audit")


@pytest.mark.parametrize("kind", ["edit", "delete", "reorder"])
def test_tampering_before_the_checkpoint_is_found_in_full(kind: str) -> None:
    _entries(6)
    verify(site_trail())
    TAMPERING[kind](3)
    assert not verify(site_trail(), full=True, checkpoint=False).intact


def test_a_forged_checkpoint_is_refused() -> None:
    _entries(5)
    _edit(4)
    # Planted after the edit to hide it: the hash copied, the seal made up.
    Checkpoint.objects.create(
        entry_id=5,
        entry_hash=Entry.objects.get(entry_id=5).entry_hash,
        entries=5,
        seal="f" * 64,
        made_at="2026-01-01T00:00:00Z",
    )
    found = verify(site_trail(), checkpoint=False)
    assert [c.entry_id for c in found.rejected] == [5]
    assert found.started_after == 0
    assert not found.intact


def test_the_audit_page_hashes_only_entries_after_the_checkpoint(
    client_for: Callable[[Role], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    import diogel.audit.verify as module

    calls: list[str] = []

    def counting(previous: str, fields: dict[str, object]) -> str:
        calls.append(previous)
        return chain_hash(previous, fields)

    monkeypatch.setattr(module, "chain_hash", counting)
    controller = client_for(Role.DATA_CONTROLLER)
    _entries(30)
    assert 'data-testid="chain-intact"' in controller.get("/en/imports/audit/").content.decode()
    assert len(calls) == 30  # the first view checks them all, then seals a checkpoint
    assert Checkpoint.objects.get().entry_id == 30
    calls.clear()
    _entries(3)
    html = controller.get("/en/imports/audit/").content.decode()
    assert 'data-testid="chain-intact"' in html
    assert len(calls) == 3
    assert Checkpoint.objects.order_by("-pk").first().entry_id == 33  # type: ignore[union-attr]
    calls.clear()
    controller.get("/en/imports/audit/")
    assert calls == []  # nothing new, nothing hashed


def test_the_audit_page_shows_a_break_after_the_checkpoint(
    client_for: Callable[[Role], Client],
) -> None:
    controller = client_for(Role.DATA_CONTROLLER)
    _entries(3)
    controller.get("/en/imports/audit/")
    _entries(2)
    _edit(5)
    html = controller.get("/cy/imports/audit/").content.decode()
    assert 'data-testid="chain-broken"' in html


def test_the_channel_of_api_requests_is_api(demo_accounts: dict[Role, User]) -> None:
    from django.test import RequestFactory

    from diogel.web.audit.trail import record

    request = RequestFactory().get("/api/v1/records")
    request.user = demo_accounts[Role.ANALYST]
    assert record(request, "api_records", "records of istv").record.channel == "api"
    request = RequestFactory().get("/en/imports/1/")
    request.user = demo_accounts[Role.ANALYST]
    assert record(request, "view_import_report", "import 1").record.channel == "site"


def test_removing_an_account_keeps_its_entries_verifiable(
    demo_accounts: dict[Role, User],
) -> None:
    user = User.objects.create(username="leaver")
    record_as(user, "view records", "istv W06000020")
    user.delete()
    row = Entry.objects.get()
    assert (row.actor, row.user) == ("leaver", None)
    assert verify(site_trail(), full=True).intact
