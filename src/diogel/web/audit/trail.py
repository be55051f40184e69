"""The site's audit trail: :class:`SiteAuditTrail` keeps the core's
:class:`~diogel.audit.AuditLog` in the site's database; :func:`record` is what views
call.

Appending takes the chain head's row lock (``select_for_update``) before reading the
newest hash, so two writers (threads, processes, the site and the command line) never
chain to the same predecessor: the second waits for the first to commit and chains
to its entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from functools import cached_property
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from diogel.audit import AuditEntry, AuditRecord, Checkpoint, Head, hashed_fields
from diogel.audit.seal import Sealer, load_or_create_seal_key
from diogel.governance.chain import chain_hash
from diogel.web.audit.models import ChainHead, Entry
from diogel.web.audit.models import Checkpoint as CheckpointRow

#: The parts of the path under which requests are API calls (channel ``api``).
API_PREFIX = "/api/"


class AuditTrailError(RuntimeError):
    """The trail cannot take an entry (its head is missing while entries exist)."""


def _without_nul(record: AuditRecord) -> AuditRecord:
    """A NUL cannot be stored by PostgreSQL; written out, the entry still says what came."""
    changed = {
        name: value.replace("\x00", "\\x00")
        for name, value in vars(record).items()
        if isinstance(value, str) and "\x00" in value
    }
    return replace(record, **changed) if changed else record


def _utc_naive(at: dt.datetime) -> dt.datetime:
    return at.astimezone(dt.UTC).replace(tzinfo=None) if at.tzinfo else at


def entry_of(row: Entry) -> AuditEntry:
    """The core's view of a stored entry (what verification hashes)."""
    return AuditEntry(
        entry_id=int(row.entry_id),
        at=_utc_naive(row.at),
        record=AuditRecord(
            actor=row.actor,
            action=row.action,
            target=row.target,
            detail=row.detail,
            organisation=row.organisation,
            purpose=row.purpose,
            agreement=row.agreement,
            channel=row.channel,
        ),
        previous_hash=row.previous_hash,
        entry_hash=row.entry_hash,
    )


class SiteAuditTrail:
    """The one audit trail, in the site's database (implements
    :class:`diogel.audit.AuditLog`).

    The seal key is read from ``audit/seal.key`` under the pseudonymisation keys
    directory (created on first use), never from the database.
    """

    def __init__(self, sealer: Sealer | None = None) -> None:
        if sealer is not None:
            self.__dict__["sealer"] = sealer

    @cached_property
    def sealer(self) -> Sealer:
        return Sealer(load_or_create_seal_key(settings.DIOGEL.pseudonym_keys_dir))

    # -- writing -------------------------------------------------------------------

    def append(self, record: AuditRecord, user: Any = None) -> AuditEntry:
        """Append ``record`` as the next entry, linked to ``user`` (an account) if given.

        Runs in its own transaction, or inside the caller's (then the entry is kept
        only if the caller's transaction commits: see :meth:`atomic`).
        """
        record = _without_nul(record)
        with transaction.atomic():
            head = self._locked_head()
            at = timezone.now()
            entry_id = int(head.entries) + 1
            entry_hash = chain_hash(head.last_hash, hashed_fields(_utc_naive(at), record))
            Entry.objects.create(
                entry_id=entry_id,
                at=at,
                user=user,
                previous_hash=head.last_hash,
                entry_hash=entry_hash,
                **vars(record),
            )
            previous = head.last_hash
            head.last_hash, head.entries = entry_hash, entry_id
            head.seal = self.sealer.seal("head", entry_id, entry_hash, entry_id)
            head.save(update_fields=["last_hash", "entries", "seal"])
        return AuditEntry(entry_id, _utc_naive(at), record, previous, entry_hash)

    def _locked_head(self) -> ChainHead:
        # Writing to the head first takes SQLite's write lock at once (SQLite ignores
        # select_for_update), so a second writer waits instead of failing mid-append;
        # on PostgreSQL it takes the row lock, as select_for_update below does.
        if not ChainHead.objects.filter(pk=1).update(entries=F("entries")):
            # Create the head first: a second writer racing the first one's creation
            # waits on the key and then finds it (created is False), where checking the
            # entries first would see the first writer's entry and cry tampering.
            _, created = ChainHead.objects.get_or_create(pk=1)
            if created and Entry.objects.exists():
                raise AuditTrailError(
                    "the audit trail's head is missing although entries exist; "
                    "run `diogel audit verify --full`"
                )
        return ChainHead.objects.select_for_update().get(pk=1)

    def atomic(self) -> AbstractContextManager[None]:
        """Entries appended inside are committed when the block ends without error."""
        return transaction.atomic()

    def add_checkpoint(self, checkpoint: Checkpoint) -> None:
        CheckpointRow.objects.create(
            entry_id=checkpoint.entry_id,
            entry_hash=checkpoint.entry_hash,
            entries=checkpoint.entries,
            seal=checkpoint.seal,
            made_at=checkpoint.made_at or timezone.now(),
        )

    # -- reading -------------------------------------------------------------------

    def head(self) -> Head | None:
        row = ChainHead.objects.filter(pk=1).first()
        return None if row is None else Head(int(row.entries), row.last_hash, row.seal)

    def entries_after(self, after: int = 0, upto: int | None = None) -> Iterator[AuditEntry]:
        rows = Entry.objects.filter(entry_id__gt=after).order_by("entry_id")
        if upto is not None:
            rows = rows.filter(entry_id__lte=upto)
        for row in rows.iterator(chunk_size=2000):
            yield entry_of(row)

    def entry(self, entry_id: int) -> AuditEntry | None:
        row = Entry.objects.filter(entry_id=entry_id).first()
        return None if row is None else entry_of(row)

    def recent(self, limit: int, action: str = "") -> list[AuditEntry]:
        rows = Entry.objects.order_by("-entry_id")
        if action:
            rows = rows.filter(action=action)
        return [entry_of(r) for r in rows[:limit]]

    def checkpoints(self) -> list[Checkpoint]:
        return [
            Checkpoint(
                int(c.entry_id),
                c.entry_hash,
                int(c.entries),
                c.seal,
                _utc_naive(c.made_at),
            )
            for c in CheckpointRow.objects.order_by("-pk")
        ]


def site_trail() -> SiteAuditTrail:
    """The site's trail (the seal key is read once per trail)."""
    return _TRAIL


_TRAIL = SiteAuditTrail()


def channel_of(request: HttpRequest) -> str:
    """``api`` for requests to the API, ``site`` for pages."""
    return "api" if request.path_info.startswith(API_PREFIX) else "site"


def record_as(
    user: Any,
    action: str,
    target: str,
    detail: str = "",
    *,
    agreement: str = "",
    purpose: str = "",
    channel: str = "site",
) -> AuditEntry:
    """Append an entry for ``user`` (an account): its username as the actor and its
    organisation's slug, both as they are now."""
    organisation = getattr(getattr(user, "organisation", None), "slug", "") or ""
    return site_trail().append(
        AuditRecord(
            actor=user.get_username(),
            action=action,
            target=target,
            detail=detail,
            organisation=organisation,
            purpose=purpose,
            agreement=agreement,
            channel=channel,
        ),
        user=user,
    )


def record(
    request: HttpRequest,
    action: str,
    target: str,
    detail: str = "",
    agreement: str = "",
    purpose: str = "",
) -> AuditEntry:
    """Add an entry for the signed-in person making ``request`` (channel ``api`` for
    API calls, ``site`` otherwise).

    Raises
    ------
    PermissionError
        When nobody is signed in: only people leave entries.
    """
    user = request.user
    if not isinstance(user, get_user_model()):
        raise PermissionError("only signed-in people leave audit entries")
    return record_as(
        user,
        action,
        target,
        detail,
        agreement=agreement,
        purpose=purpose,
        channel=channel_of(request),
    )
