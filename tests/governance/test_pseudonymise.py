"""Pseudonyms link records within an agreement and reveal nothing without its key."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diogel.governance.pseudonymise import (
    PseudonymisationError,
    load_or_create_key,
    name_and_birth_date,
    nhs_number,
    pseudonym,
)

KEY_A, KEY_B = b"a" * 32, b"b" * 32


def valid_nhs(nine: str) -> str | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return None if check == 10 else nine + str(check)


def test_nhs_numbers_are_normalised_and_checked() -> None:
    assert nhs_number("943-476-5919") == "9434765919"
    with pytest.raises(PseudonymisationError, match="check digit"):
        nhs_number("9434765918")
    with pytest.raises(PseudonymisationError, match="10 digits"):
        nhs_number("94347659")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_every_valid_nhs_number_round_trips_with_any_spacing(nine: str) -> None:
    number = valid_nhs(nine)
    if number is None:
        return
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
    assert nhs_number(spaced) == number


@given(st.text(min_size=1, max_size=30))
def test_pseudonyms_link_within_a_key_and_differ_across_keys(text: str) -> None:
    a1, a2 = pseudonym(KEY_A, text, "nhs"), pseudonym(KEY_A, text, "nhs")
    assert a1 == a2
    assert a1 != pseudonym(KEY_B, text, "nhs")
    assert a1 != pseudonym(KEY_A, text, "name_dob")
    assert len(a1) == 64


def test_names_and_dates_of_birth_normalise() -> None:
    assert name_and_birth_date("SIÂN o'neill", "2001-02-03") == name_and_birth_date(
        "Sian  ONeill", "2001-02-03"
    )
    with pytest.raises(PseudonymisationError):
        name_and_birth_date("Sian", "03/02/2001")


def test_keys_live_in_their_own_files(tmp_path: Path) -> None:
    key = load_or_create_key(tmp_path / "keys", "dda-istv-1")
    assert load_or_create_key(tmp_path / "keys", "dda-istv-1") == key
    assert load_or_create_key(tmp_path / "keys", "dda-amb-1") != key
    mode = (tmp_path / "keys" / "dda-istv-1.key").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
    with pytest.raises(PseudonymisationError):
        load_or_create_key(tmp_path / "keys", "../escape")
