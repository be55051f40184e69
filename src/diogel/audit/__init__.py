"""The one audit trail: every action (views, exports, imports, agreement changes,
publications), from the site and the command line, as one schema in one
hash-chained log.

The core owns the schema (:class:`AuditRecord`, :class:`AuditEntry`), the chain
(:mod:`diogel.governance.chain`) and verification; where the entries are stored is a
:class:`AuditTrail` (the site's database, through ``diogel.web.audit``; in memory for
library use and tests). The command line gets the site's trail through
:func:`diogel.services.load_services`.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from diogel.audit.seal import Sealer
from diogel.governance.chain import GENESIS, chain_hash


@dataclass(frozen=True)
class AuditRecord:
    """What happened, as the caller states it (the trail adds time and hashes).

    ``actor`` is the username at the time of the action: stored as written, so
    renaming a person later changes neither the entry nor its hash.
    """

    actor: str
    action: str
    target: str
    detail: str = ""
    organisation: str = ""
    purpose: str = ""
    agreement: str = ""
    channel: str = "site"  # site | api | cli


@dataclass(frozen=True)
class AuditEntry:
    """One stored entry: the record, when, and its place in the chain."""

    entry_id: int
    at: dt.datetime  # UTC, naive
    record: AuditRecord
    previous_hash: str
    entry_hash: str

    def hashed_fields(self) -> dict[str, Any]:
        return hashed_fields(self.at, self.record)


def hashed_fields(at: dt.datetime, record: AuditRecord) -> dict[str, Any]:
    """What an entry's hash covers: every field of the record and its time."""
    return {
        "at": at.replace(tzinfo=None).isoformat(),
        "actor": record.actor,
        "action": record.action,
        "target": record.target,
        "detail": record.detail,
        "organisation": record.organisation,
        "purpose": record.purpose,
        "agreement": record.agreement,
        "channel": record.channel,
    }


@dataclass(frozen=True)
class Head:
    """The newest point of the chain as the trail keeps it: how many entries, the last
    one's hash, and the seal over both (:mod:`diogel.audit.seal`). An entry cut off the
    end leaves the head pointing past the last entry left."""

    entries: int
    last_hash: str
    seal: str = ""


@dataclass(frozen=True)
class Checkpoint:
    """A point of the chain found intact, sealed: verification can start after it.

    ``entry_id`` is the last entry checked (entries are numbered 1, 2, ... in chain
    order, so it is also how many entries there were), ``entry_hash`` its hash.
    """

    entry_id: int
    entry_hash: str
    entries: int
    seal: str
    made_at: dt.datetime | None = None


class AuditTrail(Protocol):
    """Where entries are appended."""

    def append(self, record: AuditRecord) -> AuditEntry: ...


@runtime_checkable
class AuditLog(AuditTrail, Protocol):
    """A trail that can be read back and verified (:mod:`diogel.audit.verify`).

    Entries are numbered 1, 2, ... in chain order with no gaps.
    """

    def head(self) -> Head | None:
        """The head, or None when the trail has never been written."""
        ...

    def entries_after(self, after: int = 0, upto: int | None = None) -> Iterator[AuditEntry]:
        """Entries with ``after < entry_id <= upto``, in chain order."""
        ...

    def entry(self, entry_id: int) -> AuditEntry | None: ...

    def recent(self, limit: int, action: str = "") -> list[AuditEntry]:
        """The newest ``limit`` entries (of one action, if given), newest first."""
        ...

    def checkpoints(self) -> list[Checkpoint]:
        """Every checkpoint, newest first."""
        ...

    def add_checkpoint(self, checkpoint: Checkpoint) -> None: ...

    def atomic(self) -> AbstractContextManager[None]:
        """A unit of work: entries appended inside are kept only if the block ends
        without an error (so an action and its entry can stand or fall together)."""
        ...

    @property
    def sealer(self) -> Sealer:
        """Seals the head and checkpoints with the trail's key (kept outside the store)."""
        ...


@dataclass
class MemoryAuditTrail:
    """An audit trail held in memory: for library use and tests of the core.

    Examples
    --------
    >>> trail = MemoryAuditTrail()
    >>> entry = trail.append(AuditRecord("analyst", "import", "import 1"))
    >>> entry.entry_id, entry.previous_hash == GENESIS
    (1, True)
    >>> trail.head().entries
    1
    """

    entries: list[AuditEntry] = field(default_factory=list)
    saved_checkpoints: list[Checkpoint] = field(default_factory=list)
    sealer: Sealer = field(default_factory=lambda: Sealer(secrets.token_bytes(32)))
    stored_head: Head | None = None

    def append(self, record: AuditRecord) -> AuditEntry:
        previous = self.stored_head.last_hash if self.stored_head else GENESIS
        entry_id = (self.stored_head.entries if self.stored_head else 0) + 1
        at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        entry = AuditEntry(
            entry_id,
            at,
            record,
            previous,
            chain_hash(previous, hashed_fields(at, record)),
        )
        self.entries.append(entry)
        self.stored_head = Head(
            entry_id,
            entry.entry_hash,
            self.sealer.seal("head", entry_id, entry.entry_hash, entry_id),
        )
        return entry

    def head(self) -> Head | None:
        return self.stored_head

    def entries_after(self, after: int = 0, upto: int | None = None) -> Iterator[AuditEntry]:
        chosen = (
            e for e in self.entries if e.entry_id > after and (upto is None or e.entry_id <= upto)
        )
        return iter(sorted(chosen, key=lambda e: e.entry_id))

    def entry(self, entry_id: int) -> AuditEntry | None:
        return next((e for e in self.entries if e.entry_id == entry_id), None)

    def recent(self, limit: int, action: str = "") -> list[AuditEntry]:
        chosen = [e for e in self.entries if not action or e.record.action == action]
        return sorted(chosen, key=lambda e: e.entry_id, reverse=True)[:limit]

    def checkpoints(self) -> list[Checkpoint]:
        return list(reversed(self.saved_checkpoints))

    def add_checkpoint(self, checkpoint: Checkpoint) -> None:
        self.saved_checkpoints.append(checkpoint)

    @contextmanager
    def atomic(self) -> Iterator[None]:
        kept = (list(self.entries), self.stored_head)
        try:
            yield
        except BaseException:
            self.entries[:], self.stored_head = kept
            raise


__all__ = [
    "AuditEntry",
    "AuditLog",
    "AuditRecord",
    "AuditTrail",
    "Checkpoint",
    "Head",
    "MemoryAuditTrail",
    "hashed_fields",
]
