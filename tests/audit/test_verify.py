"""Verifying the one audit trail, in full and from a sealed checkpoint.

Every tampering here is what someone who can write to the store but does not hold
the seal key could do (SYNTHETIC entries in a :class:`MemoryAuditTrail`).
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diogel.audit import AuditEntry, AuditRecord, Checkpoint, Head, MemoryAuditTrail
from diogel.audit.seal import Sealer, load_or_create_seal_key
from diogel.audit.verify import verify
from diogel.governance.chain import GENESIS, chain_hash

TAMPERINGS = (
    "edit",
    "delete",
    "delete_renumbered",
    "insert",
    "reorder",
    "rewrite_from",
    "truncate",
    "truncate_head_rewritten",
)


def _trail(n: int, checkpoint_at: int) -> MemoryAuditTrail:
    """``n`` SYNTHETIC entries, verified (and so checkpointed) after ``checkpoint_at``."""
    trail = MemoryAuditTrail()
    for i in range(n):
        trail.append(AuditRecord(f"user{i % 3}", "view records", f"page {i}", channel="site"))
        if i + 1 == checkpoint_at:
            assert verify(trail).new_checkpoint is not None
    return trail


def _rehashed(entries: list[AuditEntry], start: int) -> None:
    """Renumber and re-chain ``entries[start:]`` as an attacker would (no key needed)."""
    previous = entries[start - 1].entry_hash if start else GENESIS
    for i in range(start, len(entries)):
        e = dataclasses.replace(entries[i], entry_id=i + 1, previous_hash=previous)
        e = dataclasses.replace(e, entry_hash=chain_hash(previous, e.hashed_fields()))
        entries[i], previous = e, e.entry_hash


def _tamper(trail: MemoryAuditTrail, kind: str, i: int) -> None:
    """Change the trail at position ``i`` (0-based) in the way ``kind`` names."""
    entries = trail.entries
    if kind == "edit":
        e = entries[i]
        entries[i] = dataclasses.replace(e, record=dataclasses.replace(e.record, target="nothing"))
    elif kind == "delete":
        del entries[i]
    elif kind == "delete_renumbered":
        # The gap closed: every later entry renumbered (hashes kept: they need no key,
        # but recomputing them is "rewrite_from").
        del entries[i]
        for j in range(i, len(entries)):
            entries[j] = dataclasses.replace(entries[j], entry_id=j + 1)
        head = trail.stored_head
        assert head is not None
        trail.stored_head = Head(head.entries - 1, entries[-1].entry_hash if entries else GENESIS)
    elif kind == "insert":
        previous = entries[i - 1].entry_hash if i else GENESIS
        at = entries[i].at
        forged = AuditRecord("nobody", "view records", "a page nobody saw")
        fields = dataclasses.replace(entries[i], record=forged).hashed_fields()
        entries.insert(i, AuditEntry(i + 1, at, forged, previous, chain_hash(previous, fields)))
        for j in range(i + 1, len(entries)):
            entries[j] = dataclasses.replace(entries[j], entry_id=j + 1)
    elif kind == "reorder":
        a, b = entries[i], entries[i + 1]
        entries[i] = dataclasses.replace(b, entry_id=a.entry_id)
        entries[i + 1] = dataclasses.replace(a, entry_id=b.entry_id)
    elif kind == "rewrite_from":
        # Edit one entry and recompute every hash after it, and the head (but its seal
        # cannot be recomputed without the key).
        e = entries[i]
        entries[i] = dataclasses.replace(e, record=dataclasses.replace(e.record, target="nothing"))
        _rehashed(entries, i)
        head = trail.stored_head
        assert head is not None
        trail.stored_head = Head(len(entries), entries[-1].entry_hash, head.seal)
    elif kind == "truncate":
        del entries[i:]
    elif kind == "truncate_head_rewritten":
        del entries[i:]
        head = trail.stored_head
        assert head is not None
        last = entries[-1].entry_hash if entries else GENESIS
        trail.stored_head = Head(len(entries), last, head.seal)
    else:  # pragma: no cover
        raise AssertionError(kind)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_tampering_is_found_by_full_and_after_the_checkpoint_by_incremental(
    data: st.DataObject,
) -> None:
    n = data.draw(st.integers(2, 10), label="entries")
    checkpoint_at = data.draw(st.integers(0, n - 1), label="checkpoint after entry")
    kind = data.draw(st.sampled_from(TAMPERINGS), label="tampering")
    last = n - 2 if kind == "reorder" else n - 1
    i = data.draw(st.integers(0, last), label="position")
    trail = _trail(n, checkpoint_at)
    _tamper(trail, kind, i)
    assert not verify(trail, full=True, checkpoint=False).intact
    # Incremental verification promises the entries after the checkpoint (position
    # i is entry i + 1) and the end of the chain.
    if i + 1 > checkpoint_at or kind.startswith("truncate"):
        assert not verify(trail, checkpoint=False).intact


@pytest.mark.parametrize("n", [0, 1, 5])
def test_an_untouched_trail_is_intact_both_ways(n: int) -> None:
    trail = _trail(n, 0)
    assert verify(trail, full=True, checkpoint=False).intact
    assert verify(trail).intact
    assert verify(trail, full=True).intact  # with the checkpoint just made


def test_incremental_verification_hashes_only_the_entries_after_the_checkpoint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import diogel.audit.verify as module

    trail = _trail(20, 15)
    calls: list[str] = []

    def counting(previous: str, fields: dict[str, object]) -> str:
        calls.append(previous)
        return chain_hash(previous, fields)

    monkeypatch.setattr(module, "chain_hash", counting)
    found = verify(trail)
    assert found.intact
    assert (found.started_after, found.checked, len(calls)) == (15, 5, 5)
    assert found.new_checkpoint is not None
    assert found.new_checkpoint.entry_id == 20
    calls.clear()
    again = verify(trail)
    assert (again.checked, len(calls), again.new_checkpoint) == (0, 0, None)
    calls.clear()
    assert verify(trail, full=True, checkpoint=False).checked == len(calls) == 20


def test_a_forged_checkpoint_is_refused_and_reported() -> None:
    trail = _trail(10, 3)
    # Someone edits entry 5 and plants a checkpoint after it to hide the change: they
    # can copy hashes but not make the seal.
    e = trail.entries[4]
    trail.entries[4] = dataclasses.replace(
        e, record=dataclasses.replace(e.record, target="nothing")
    )
    _rehashed(trail.entries, 4)
    forged = Checkpoint(8, trail.entries[7].entry_hash, 8, "0" * 64)
    trail.add_checkpoint(forged)
    found = verify(trail, checkpoint=False)
    assert found.rejected == (forged,)
    assert found.started_after == 3  # the genuine checkpoint, not the forged one
    assert not found.intact
    assert any("forged" in p.reason for p in found.problems)
    assert not verify(trail, full=True, checkpoint=False).intact


def test_a_checkpoint_sealed_with_another_key_is_refused() -> None:
    trail = _trail(6, 0)
    other = Sealer(b"k" * 32)
    last = trail.entries[-1]
    trail.add_checkpoint(
        Checkpoint(6, last.entry_hash, 6, other.seal("checkpoint", 6, last.entry_hash, 6))
    )
    assert not verify(trail, checkpoint=False).intact


def test_rewriting_old_entries_and_their_checkpoint_together_is_found_in_full() -> None:
    trail = _trail(8, 4)
    genuine = trail.saved_checkpoints[0]
    e = trail.entries[1]
    trail.entries[1] = dataclasses.replace(
        e, record=dataclasses.replace(e.record, target="nothing")
    )
    _rehashed(trail.entries, 1)
    # The checkpoint moved to the rewritten chain, keeping its (now wrong) seal.
    trail.saved_checkpoints[0] = dataclasses.replace(
        genuine, entry_hash=trail.entries[3].entry_hash
    )
    head = trail.stored_head
    assert head is not None
    trail.stored_head = Head(8, trail.entries[-1].entry_hash, head.seal)
    assert not verify(trail, full=True, checkpoint=False).intact


def test_a_checkpoint_past_the_end_shows_a_truncation_in_full() -> None:
    trail = _trail(6, 6)
    del trail.entries[4:]
    assert not verify(trail, full=True, checkpoint=False).intact
    assert not verify(trail, checkpoint=False).intact


def test_the_head_seal_covers_the_count() -> None:
    trail = _trail(3, 0)
    head = trail.stored_head
    assert head is not None
    trail.stored_head = dataclasses.replace(head, entries=2)
    assert not verify(trail, full=True, checkpoint=False).intact


def test_the_seal_key_is_made_once_and_reused(tmp_path: object) -> None:
    from pathlib import Path

    keys = Path(str(tmp_path))
    first = load_or_create_seal_key(keys)
    assert first == load_or_create_seal_key(keys)
    assert len(first) == 32
    assert (keys / "audit" / "seal.key").stat().st_mode & 0o077 == 0
