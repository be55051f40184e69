"""Keyed pseudonyms for personal identifiers, made at ingest.

An NHS number, or a name with a date of birth, is replaced by an HMAC-SHA256 of
its normalised form under the agreement's own key. The same person gets the same
pseudonym within an agreement, so records link; without the key nobody can
recompute or reverse it, and the raw identifier never reaches the warehouse.
Keys are files outside the database (one per agreement, in a directory only the
service can read), so a copy of the warehouse alone reveals nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from pathlib import Path

KEY_BYTES = 32
_NHS_DIGITS = re.compile(r"^\d{10}$")


class PseudonymisationError(ValueError):
    """An identifier that cannot be used (e.g. an NHS number failing its check digit)."""


def nhs_number(raw: str) -> str:
    """A valid NHS number as 10 digits (spaces and dashes dropped; modulus 11 checked).

    Examples
    --------
    >>> nhs_number("943 476 5919")
    '9434765919'
    """
    digits = re.sub(r"[\s-]", "", raw)
    if not _NHS_DIGITS.match(digits):
        raise PseudonymisationError("an NHS number has 10 digits")
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    if check == 10 or check != int(digits[9]):
        raise PseudonymisationError("the NHS number's check digit is wrong")
    return digits


def name_and_birth_date(name: str, birth_date: str) -> str:
    """A name (accents, case, spacing and punctuation ignored) with an ISO birth date.

    Examples
    --------
    >>> name_and_birth_date("  Siân  O'Neill ", "2001-02-03")
    'sian oneill|2001-02-03'
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    cleaned = " ".join(re.sub(r"[^a-z ]", "", folded).split())
    if not cleaned or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", birth_date.strip()):
        raise PseudonymisationError("a name and an ISO date of birth (YYYY-MM-DD) are needed")
    return f"{cleaned}|{birth_date.strip()}"


def pseudonym(key: bytes, normalised: str, kind: str) -> str:
    """The keyed pseudonym: ``kind`` separates NHS numbers from name+DOB pseudonyms."""
    if len(key) < KEY_BYTES:
        raise PseudonymisationError(f"a key needs at least {KEY_BYTES} bytes")
    return hmac.new(key, f"{kind}:{normalised}".encode(), hashlib.sha256).hexdigest()


def load_or_create_key(directory: Path, agreement: str) -> bytes:
    """The agreement's key from ``directory``, created (mode 0600) on first use."""
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", agreement):
        raise PseudonymisationError(f"{agreement!r} is not a usable agreement reference")
    path = directory / f"{agreement}.key"
    if path.exists():
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(key) < KEY_BYTES:
            raise PseudonymisationError(f"{path} holds a key that is too short")
        return key
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = secrets.token_bytes(KEY_BYTES)
    partial = path.with_suffix(".part")
    # Created unreadable to others before the key is written into it.
    partial.touch(mode=0o600)
    partial.chmod(0o600)
    partial.write_text(key.hex(), encoding="ascii")
    partial.replace(path)
    return key
