"""A tamper-evident chain for the audit log.

Each entry's hash covers its own fields and the previous entry's hash, so
editing, deleting or reordering any entry breaks every hash after it;
:func:`verify_chain` finds the first entry that does not match.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def chain_hash(previous: str, fields: Mapping[str, Any]) -> str:
    """SHA-256 of the previous hash and the entry's fields (canonical JSON).

    Examples
    --------
    >>> h = chain_hash(GENESIS, {"who": "analyst", "what": "import 3"})
    >>> len(h), h == chain_hash(GENESIS, {"what": "import 3", "who": "analyst"})
    (64, True)
    """
    body = json.dumps(dict(fields), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{previous}\n{body}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    position: int  # 0-based index in the order checked
    entry_id: Any
    reason: str


def verify_chain(entries: Iterable[tuple[Any, str, str, Mapping[str, Any]]]) -> ChainBreak | None:
    """Check (id, previous_hash, entry_hash, fields) in chain order; None when intact."""
    expected_previous = GENESIS
    for position, (entry_id, previous, stored, fields) in enumerate(entries):
        if previous != expected_previous:
            return ChainBreak(position, entry_id, "previous hash does not match: an entry "
                              "before it was removed, added or reordered")  # fmt: skip
        if chain_hash(previous, fields) != stored:
            return ChainBreak(position, entry_id, "entry changed after it was written")
        expected_previous = stored
    return None
