"""Seals: HMAC-SHA256 over a point of the audit chain, with a key kept outside the
database.

The chain (:mod:`diogel.governance.chain`) is a plain SHA-256 chain: anyone who can
write to the database can rewrite every entry after a change and recompute every
hash. A seal is what they cannot recompute: the head of the trail and each
:class:`Checkpoint` carry an HMAC of (where, hash, count) under a key that lives in
a file beside the pseudonymisation keys, never in the database. So a rewritten
chain with a rewritten head or checkpoint is found by full verification, and a
forged checkpoint is refused as a starting point.

Why a key file and not Django's ``SECRET_KEY``: the command line verifies without
Django; development settings use a fixed, public secret key; and rotating the
secret key (routine after a leak) would break every seal written before.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

#: Bytes of key material.
KEY_BYTES = 32
#: Where the key lives under the keys directory: a sub-directory, so no agreement's
#: pseudonym key (``<reference>.key``) can ever share its name.
KEY_PATH = Path("audit") / "seal.key"


class SealKeyError(RuntimeError):
    """The seal key cannot be read (unreadable, or too short)."""


@dataclass(frozen=True)
class Sealer:
    """Makes and checks seals with one key.

    Examples
    --------
    >>> sealer = Sealer(b"k" * 32)
    >>> seal = sealer.seal("checkpoint", 3, "ab" * 32, 3)
    >>> sealer.valid(seal, "checkpoint", 3, "ab" * 32, 3)
    True
    >>> sealer.valid(seal, "checkpoint", 4, "ab" * 32, 4)
    False
    >>> Sealer(b"x" * 32).valid(seal, "checkpoint", 3, "ab" * 32, 3)
    False
    """

    key: bytes

    def seal(self, kind: str, entry_id: int, entry_hash: str, entries: int) -> str:
        """The HMAC-SHA256 (hex) of one point of the chain.

        ``kind`` (``head`` or ``checkpoint``) is part of the message, so a head's seal
        cannot be passed off as a checkpoint's.
        """
        message = f"diogel-audit:{kind}:{int(entry_id)}:{entry_hash}:{int(entries)}"
        return hmac.new(self.key, message.encode(), hashlib.sha256).hexdigest()

    def valid(self, seal: str, kind: str, entry_id: int, entry_hash: str, entries: int) -> bool:
        """Whether ``seal`` was made with this key for exactly this point."""
        return hmac.compare_digest(seal or "", self.seal(kind, entry_id, entry_hash, entries))


def load_or_create_seal_key(keys_dir: Path) -> bytes:
    """The seal key under ``keys_dir`` (``audit/seal.key``), created (mode 0600) on
    first use.

    Two processes starting at once agree on one key: each writes its own candidate
    and links it into place, and the link fails for all but the first (a link never
    replaces an existing file), so the others read the winner's key.

    Raises
    ------
    SealKeyError
        When the file holds something that is not a key of at least ``KEY_BYTES``.
    """
    path = keys_dir / KEY_PATH
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        candidate = path.with_name(f".seal.{os.getpid()}.{secrets.token_hex(4)}.part")
        descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(secrets.token_bytes(KEY_BYTES).hex())
        try:
            os.link(candidate, path)
        except FileExistsError:
            pass  # another process made the key first: use theirs
        finally:
            with contextlib.suppress(FileNotFoundError):
                candidate.unlink()
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError) as exc:
        raise SealKeyError(f"{path} does not hold a usable audit seal key: {exc}") from exc
    if len(key) < KEY_BYTES:
        raise SealKeyError(f"{path} holds an audit seal key that is too short")
    return key
