"""The audit chain detects an edited, removed, inserted or reordered entry."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from diogel.governance import chain_hash, verify_chain
from diogel.governance.chain import GENESIS


def build(fields: list[dict[str, Any]]) -> list[tuple[int, str, str, dict[str, Any]]]:
    entries, previous = [], GENESIS
    for i, f in enumerate(fields):
        h = chain_hash(previous, f)
        entries.append((i, previous, h, f))
        previous = h
    return entries


FIELDS = [
    {"who": f"user{i}", "what": f"import {i}", "when": f"2026-12-01T10:0{i}"} for i in range(5)
]


def test_an_intact_chain_verifies() -> None:
    assert verify_chain(build(FIELDS)) is None


def test_an_edited_entry_is_found() -> None:
    entries = build(FIELDS)
    i, previous, stored, fields = entries[2]
    entries[2] = (i, previous, stored, {**fields, "what": "import 99"})
    found = verify_chain(entries)
    assert found is not None
    assert found.entry_id == 2
    assert "changed" in found.reason


def test_removed_and_reordered_entries_are_found() -> None:
    entries = build(FIELDS)
    removed = verify_chain(entries[:1] + entries[2:])
    assert removed is not None
    assert removed.entry_id == 2
    swapped = verify_chain([entries[0], entries[2], entries[1], *entries[3:]])
    assert swapped is not None
    assert swapped.position == 1


@given(
    st.lists(st.dictionaries(st.text(max_size=5), st.text(max_size=5)), min_size=1, max_size=6),
    st.data(),
)
def test_any_single_edit_is_detected(fields: list[dict[str, str]], data: st.DataObject) -> None:
    entries = build(fields)
    target = data.draw(st.integers(0, len(entries) - 1))
    i, previous, stored, original = entries[target]
    changed = {**original, "tampered": "yes"}
    entries[target] = (i, previous, stored, changed)
    found = verify_chain(entries)
    assert found is not None
    assert found.position == target
