"""Carry the site's old audit log (``imports.AuditEvent``) into the one trail.

The old chain is verified first, as the old code verified it (its hash covered the
account's username read at verification time). Its entries are then written into
the trail in their order, with their original times and the usernames their
accounts have now (the old log stored no username; this is the last moment it can
be read), and chained afresh. Entries the trail already holds (written between
this app's first migration and this one) are kept and chained after them in time
order. A final entry says what was carried and whether the old chain was intact;
when it was not, every entry from the break on says so in its detail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import migrations

from diogel.audit import AuditRecord, hashed_fields
from diogel.audit.seal import Sealer, load_or_create_seal_key
from diogel.governance.chain import GENESIS, ChainBreak, chain_hash, verify_chain

#: Who the summary entry is written as: the migration, run from the command line.
MIGRATION_ACTOR = "diogel-migrate"


def _old_fields(event: Any) -> dict[str, Any]:
    """What the old log's hash covered (``imports.AuditEvent.chained_fields``)."""
    return {
        "when": event.when.astimezone(dt.UTC).isoformat(),
        "user": event.user.username,
        "organisation": event.organisation,
        "action": event.action,
        "target": event.target,
        "detail": event.detail,
        "purpose": event.purpose,
        "agreement": event.agreement,
    }


def verify_old_log(events: list[Any], head: Any) -> ChainBreak | None:
    """Check the old chain as ``imports.models.verify_audit_log`` did."""
    found = verify_chain((e.pk, e.previous_hash, e.entry_hash, _old_fields(e)) for e in events)
    if found is not None:
        return found
    last = events[-1].entry_hash if events else GENESIS
    if head is not None and (head.entries != len(events) or head.last_hash != last):
        return ChainBreak(len(events), None, "entries missing from the end of the log")
    return None


def _channel(event: Any) -> str:
    """Where an old entry came from: the API's actions say so; retention purges ran
    from the command line (``diogel manage purge_expired``); the rest are pages."""
    if event.action.startswith("api_"):
        return "api"
    if event.action == "purge" and event.purpose == "retention":
        return "cli"
    return "site"


def carry_old_entries(apps: Any, schema_editor: Any) -> None:
    """Write the old log's entries into the trail (see the module docstring)."""
    from django.conf import settings
    from django.utils import timezone

    event_model = apps.get_model("imports", "AuditEvent")
    old_head_model = apps.get_model("imports", "AuditChainHead")
    entry_model = apps.get_model("audit", "Entry")
    head_model = apps.get_model("audit", "ChainHead")
    checkpoint_model = apps.get_model("audit", "Checkpoint")

    events = list(event_model.objects.order_by("pk").select_related("user"))
    if not events:
        return
    broken = verify_old_log(events, old_head_model.objects.filter(pk=1).first())
    broken_from = len(events) if broken is None else broken.position
    note = (
        ""
        if broken is None
        else f" [carried from the old audit log, whose chain was broken at "
        f"{'its end' if broken.entry_id is None else f'its entry {broken.entry_id}'} "
        f"({broken.reason}): not verified]"
    )
    # (time, source order, record, user id): old entries first at equal times.
    merged: list[tuple[dt.datetime, int, AuditRecord, Any]] = [
        (
            e.when,
            i,
            AuditRecord(
                actor=e.user.username,
                action=e.action,
                target=e.target,
                detail=e.detail + (note if i >= broken_from else ""),
                organisation=e.organisation,
                purpose=e.purpose,
                agreement=e.agreement,
                channel=_channel(e),
            ),
            e.user_id,
        )
        for i, e in enumerate(events)
    ]
    existing = list(entry_model.objects.order_by("entry_id"))
    merged += [
        (
            row.at,
            len(events) + i,
            AuditRecord(
                actor=row.actor,
                action=row.action,
                target=row.target,
                detail=row.detail,
                organisation=row.organisation,
                purpose=row.purpose,
                agreement=row.agreement,
                channel=row.channel,
            ),
            row.user_id,
        )
        for i, row in enumerate(existing)
    ]
    merged.sort(key=lambda m: (m[0], m[1]))
    summary = AuditRecord(
        actor=MIGRATION_ACTOR,
        action="carry_old_audit_log",
        target="imports.AuditEvent",
        detail=f"{len(events)} entries carried in their order with their times; old chain "
        + ("intact" if broken is None else f"broken: {broken.reason}")
        + (f"; {len(existing)} entries already in the trail re-chained" if existing else ""),
        channel="cli",
    )
    merged.append((timezone.now(), len(merged), summary, None))

    # The trail is rebuilt once, here: its checkpoints sealed the old order.
    entry_model.objects.all().delete()
    checkpoint_model.objects.all().delete()
    previous = GENESIS
    rows = []
    for entry_id, (at, _, record, user_id) in enumerate(merged, start=1):
        entry_hash = chain_hash(
            previous, hashed_fields(at.astimezone(dt.UTC).replace(tzinfo=None), record)
        )
        rows.append(
            entry_model(
                entry_id=entry_id,
                at=at,
                user_id=user_id,
                previous_hash=previous,
                entry_hash=entry_hash,
                **vars(record),
            )
        )
        previous = entry_hash
    entry_model.objects.bulk_create(rows, batch_size=2000)
    sealer = Sealer(load_or_create_seal_key(settings.DIOGEL.pseudonym_keys_dir))
    count = len(rows)
    head_model.objects.update_or_create(
        pk=1,
        defaults={
            "last_hash": previous,
            "entries": count,
            "seal": sealer.seal("head", count, previous, count),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("imports", "0002_audit_chain"),
    ]

    operations = [
        migrations.RunPython(carry_old_entries, migrations.RunPython.noop),
    ]
