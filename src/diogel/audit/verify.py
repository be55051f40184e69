"""Verifying the audit trail, in full or from the newest sealed checkpoint.

Full verification re-hashes every entry from the first, checks that entries are
numbered 1, 2, ... without gaps, that every checkpoint's seal is genuine and its
hash is the chain's at that point, and that the head (count, last hash, seal) is
the end of the chain. Incremental verification starts after the newest checkpoint
whose seal is genuine (a forged one is refused and reported) and checks only the
entries after it, then the head; a view of the audit page costs the entries written
since the last view, not the whole log.

What each finds, for a change made by someone who can write to the database but
does not hold the seal key (:mod:`diogel.audit.seal`):

- an entry edited, removed, inserted or moved: both, when it is after the newest
  checkpoint; full verification wherever it is;
- entries cut off the end: both (the head counts more; or the head was rewritten,
  and its seal no longer matches, or a checkpoint lies past the new end);
- the chain rewritten with every hash recomputed: full verification (the
  checkpoints' seals, or the head's, cannot be recomputed without the key);
- a checkpoint forged or altered: both (its seal does not match), and incremental
  verification never starts from it.

Examples
--------
>>> from diogel.audit import AuditRecord, MemoryAuditTrail
>>> trail = MemoryAuditTrail()
>>> for n in range(3):
...     _ = trail.append(AuditRecord("analyst", "view records", f"page {n}"))
>>> first = verify(trail)
>>> first.intact, first.checked, first.new_checkpoint.entry_id
(True, 3, 3)
>>> _ = trail.append(AuditRecord("analyst", "view records", "page 3"))
>>> second = verify(trail)
>>> second.intact, second.started_after, second.checked
(True, 3, 1)
>>> verify(trail, full=True).checked
4
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from diogel.audit import AuditEntry, AuditLog, Checkpoint, Head
from diogel.governance.chain import GENESIS, ChainBreak, chain_hash


@dataclass(frozen=True)
class Verification:
    """What a verification found.

    ``problems`` is empty when the trail is intact; a break in the chain stops the
    walk (every entry after it is suspect), seals and the head are still checked.
    """

    problems: tuple[ChainBreak, ...]
    #: Entries in the trail, as the head counts them.
    entries: int
    #: Entries re-hashed.
    checked: int
    #: The entry verification started after (0: from the first entry).
    started_after: int
    full: bool
    #: Checkpoints refused because their seal does not match.
    rejected: tuple[Checkpoint, ...] = ()
    #: The checkpoint written after an intact verification, if any.
    new_checkpoint: Checkpoint | None = None

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def problem(self) -> ChainBreak | None:
        """The first problem found, or None."""
        return self.problems[0] if self.problems else None


@dataclass
class _Walk:
    """The state of a walk along the chain."""

    expected_id: int
    expected_previous: str
    checked: int = 0
    last_id: int = 0
    last_hash: str = GENESIS
    problems: list[ChainBreak] = field(default_factory=list)
    #: entry_id -> hash, for the points checkpoints are compared with.
    seen: dict[int, str] = field(default_factory=dict)


def _walk(entries: Iterable[AuditEntry], walk: _Walk, watch: set[int]) -> None:
    """Check ``entries`` in order from where ``walk`` stands; stop at the first break."""
    for entry in entries:
        position = entry.entry_id - 1
        if entry.entry_id != walk.expected_id:
            walk.problems.append(
                ChainBreak(
                    walk.expected_id - 1,
                    walk.expected_id,
                    f"entry {walk.expected_id} is missing (removed), or one was inserted "
                    f"before entry {entry.entry_id}",
                )
            )
            return
        if entry.previous_hash != walk.expected_previous:
            walk.problems.append(
                ChainBreak(
                    position,
                    entry.entry_id,
                    "previous hash does not match: an entry before it was removed, added "
                    "or reordered",
                )
            )
            return
        walk.checked += 1
        if chain_hash(entry.previous_hash, entry.hashed_fields()) != entry.entry_hash:
            walk.problems.append(
                ChainBreak(position, entry.entry_id, "entry changed after it was written")
            )
            return
        if entry.entry_id in watch:
            walk.seen[entry.entry_id] = entry.entry_hash
        walk.expected_id += 1
        walk.expected_previous = entry.entry_hash
        walk.last_id, walk.last_hash = entry.entry_id, entry.entry_hash


def _check_end(log: AuditLog, stored: Head | None, walk: _Walk) -> None:
    """The walk must end exactly where the head says the chain ends, and the head's
    seal must be genuine."""
    head = stored if stored is not None else Head(0, GENESIS)
    if stored is None:
        if walk.last_id or next(iter(log.entries_after(0, 1)), None) is not None:
            walk.problems.append(
                ChainBreak(0, None, "entries exist but the trail's head is missing")
            )
        return
    # A head is only ever written with an entry, sealed: an unsealed or empty head was
    # written by someone else.
    if not log.sealer.valid(head.seal, "head", head.entries, head.last_hash, head.entries):
        walk.problems.append(
            ChainBreak(
                head.entries,
                None,
                "the head's seal does not match: the head was rewritten (or the seal key "
                "was replaced)",
            )
        )
    if walk.last_id < head.entries:
        walk.problems.append(
            ChainBreak(walk.last_id, None, "entries missing from the end of the log")
        )
    elif walk.last_id == head.entries and walk.last_hash != head.last_hash:
        walk.problems.append(
            ChainBreak(walk.last_id, None, "the last entry is not the one the head records")
        )
    extra = next(iter(log.entries_after(head.entries, head.entries + 1)), None)
    if extra is not None:
        # Written since the head was read, or added behind the trail's back: only the
        # head as it is now can tell.
        now = log.head()
        if now is None or now.entries < extra.entry_id:
            walk.problems.append(
                ChainBreak(
                    extra.entry_id - 1,
                    extra.entry_id,
                    "an entry after the end the head records (added outside the trail)",
                )
            )


def _seal_valid(log: AuditLog, checkpoint: Checkpoint) -> bool:
    return log.sealer.valid(
        checkpoint.seal,
        "checkpoint",
        checkpoint.entry_id,
        checkpoint.entry_hash,
        checkpoint.entries,
    ) and (checkpoint.entries == checkpoint.entry_id)


def _forged(checkpoint: Checkpoint) -> ChainBreak:
    return ChainBreak(
        checkpoint.entry_id - 1,
        checkpoint.entry_id,
        f"the checkpoint at entry {checkpoint.entry_id} has a seal that does not match: "
        "forged or altered",
    )


def verify(log: AuditLog, *, full: bool = False, checkpoint: bool = True) -> Verification:
    """Verify ``log`` from its newest genuine checkpoint (or in ``full``), and seal a
    new checkpoint at the end when it is intact (unless ``checkpoint`` is False).

    The head is read first, and only the entries it counts are walked: an entry
    appended meanwhile is left to the next verification, not mistaken for tampering.
    """
    stored = log.head()
    # No head: a trail never written, unless entries or checkpoints say otherwise.
    head = stored if stored is not None else Head(0, GENESIS)
    checkpoints = log.checkpoints()
    rejected: list[Checkpoint] = []
    start: Checkpoint | None = None
    if full:
        rejected = [c for c in checkpoints if not _seal_valid(log, c)]
        watch = {c.entry_id for c in checkpoints if _seal_valid(log, c)}
    else:
        for candidate in checkpoints:  # newest first
            if _seal_valid(log, candidate):
                start = candidate
                break
            rejected.append(candidate)
        watch = set()
    walk = _Walk(expected_id=1, expected_previous=GENESIS)
    if start is not None:
        anchor = log.entry(start.entry_id)
        if anchor is None or anchor.entry_hash != start.entry_hash:
            walk.problems.append(
                ChainBreak(
                    start.entry_id - 1,
                    start.entry_id,
                    f"the entry at the checkpoint (entry {start.entry_id}) was changed or removed",
                )
            )
        walk = _Walk(
            expected_id=start.entry_id + 1,
            expected_previous=start.entry_hash,
            last_id=start.entry_id,
            last_hash=start.entry_hash,
            problems=walk.problems,
        )
    if start is not None and start.entry_id > head.entries:
        walk.problems.append(
            ChainBreak(head.entries, None, "entries missing from the end of the log")
        )
    else:
        _walk(log.entries_after(walk.last_id, head.entries), walk, watch)
        if not walk.problems:
            _check_end(log, stored, walk)
    walk.problems.extend(_forged(c) for c in rejected)
    if full:
        for c in checkpoints:
            if c in rejected:
                continue
            if c.entry_id > head.entries:
                walk.problems.append(
                    ChainBreak(
                        head.entries,
                        c.entry_id,
                        f"a checkpoint at entry {c.entry_id} lies past the end: entries "
                        "were removed from the end",
                    )
                )
            elif c.entry_id in walk.seen and walk.seen[c.entry_id] != c.entry_hash:
                walk.problems.append(
                    ChainBreak(
                        c.entry_id - 1,
                        c.entry_id,
                        f"the chain at entry {c.entry_id} is not what its checkpoint sealed: "
                        "entries up to it were rewritten",
                    )
                )
    found = Verification(
        problems=tuple(walk.problems),
        entries=head.entries,
        checked=walk.checked,
        started_after=start.entry_id if start else 0,
        full=full,
        rejected=tuple(rejected),
    )
    if not (checkpoint and found.intact and walk.last_id > found.started_after):
        return found
    made = Checkpoint(
        walk.last_id,
        walk.last_hash,
        walk.last_id,
        log.sealer.seal("checkpoint", walk.last_id, walk.last_hash, walk.last_id),
    )
    if not any(c.entry_id == made.entry_id for c in checkpoints[:1]):
        log.add_checkpoint(made)
    return Verification(
        found.problems,
        found.entries,
        found.checked,
        found.started_after,
        full,
        found.rejected,
        made,
    )


__all__ = ["Verification", "verify"]
