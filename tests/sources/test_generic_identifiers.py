"""Personal identifiers in a generic mapping are pseudonymised at ingest (SYNTHETIC data)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diogel.governance.pseudonymise import load_or_create_key, nhs_number, pseudonym
from diogel.sources.base import BadFileError, ParsedFile
from diogel.sources.generic import (
    WITHHELD,
    MappingError,
    load_mapping,
    parse_generic_file,
    shipped_mappings,
)
from diogel.sources.synthetic.youth_justice import synthetic_nhs_number

LSOAS = {"W01001870", "W01001440"}
HEADER = "Offence Ref,Offence Date,Offence Type,LSOA,NHS No,Forename,Surname,DOB"
MAPPING = load_mapping(shipped_mappings()["youth_justice_synthetic"])
NHS_1 = synthetic_nhs_number(1)  # SYNTHETIC: the 999 range is never issued
NHS_2 = synthetic_nhs_number(2)


def parse(tmp_path: Path, rows: list[str], agreement: str | None = "dda-yj") -> ParsedFile:
    path = tmp_path / "SYNTHETIC-yj.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return parse_generic_file(
        path, MAPPING, LSOAS, "SYNTHETIC YJS", agreement=agreement, keys_dir=tmp_path / "keys"
    )


def test_identifiers_become_keyed_pseudonyms(tmp_path: Path) -> None:
    spaced = f"{NHS_1[:3]} {NHS_1[3:6]} {NHS_1[6:]}"
    parsed = parse(
        tmp_path,
        [
            f"R1,06/03/2021,Robbery,W01001870,{spaced},Aled,Synthetic-Evans,14/07/2005",
            f"R2,07/03/2021,Robbery,W01001870,{NHS_1},Aled,Synthetic-Evans,14/07/2005",
            "R3,08/03/2021,Drugs,W01001440,,Siân,Synthetic-O'Neill,03/02/2006",
            "R4,09/03/2021,Drugs,W01001440,,SIAN,synthetic-oneill,03/02/2006",
            "R5,09/03/2021,Drugs,W01001440,,,,",
        ],
    )
    rows = parsed.rows
    key = load_or_create_key(tmp_path / "keys", "dda-yj")
    people = list(rows["person_pseudonym"])
    assert people[0] == people[1] == pseudonym(key, NHS_1, "nhs")
    assert people[2] == people[3] != people[0]
    assert people[4] is None  # no identifier given: kept, unlinked
    assert "Forename" not in rows
    assert "NHS No" not in rows
    assert parsed.pseudonymised_under == "dda-yj"


def test_bad_identifiers_are_quarantined_without_their_value(tmp_path: Path) -> None:
    wrong = NHS_1[:9] + str((int(NHS_1[9]) + 1) % 10)
    parsed = parse(
        tmp_path,
        [
            f"R1,06/03/2021,Robbery,W01001870,{wrong},Aled,Synthetic-Evans,14/07/2005",
            "R2,06/03/2021,Robbery,W01001870,,Aled,Synthetic-Evans,31/02/2005",
            "R3,06/03/2021,Robbery,W01001870,,,,14/07/2005",
            f"R4,06/03/2021,Robbery,W01001870,{NHS_2},Aled,Synthetic-Evans,14/07/2005",
        ],
    )
    rejections = {r.line: r for r in parsed.rejections}
    assert "check digit" in rejections[2].reason
    assert rejections[2].column == "NHS No"
    assert "date of birth" in rejections[3].reason
    assert rejections[3].column == "DOB"
    assert "name is empty" in rejections[4].reason
    assert {r.value for r in rejections.values()} == {WITHHELD}
    assert list(parsed.rows["reference"]) == ["R4"]


def test_a_mapping_with_identifiers_needs_an_agreement(tmp_path: Path) -> None:
    with pytest.raises(BadFileError, match="must name the data-sharing agreement"):
        parse(tmp_path, ["R1,06/03/2021,Robbery,W01001870,,,,"], agreement=None)


BASE = """source = "yj"
[columns]
occurred_date = "Date"
source_type = "Type"
reference = "Ref"
[formats]
occurred_date = "%d/%m/%Y"
birth_date = "%d/%m/%Y"
"""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[identifiers]\nnhs = "NHS"\n', "unknown key(s) in [identifiers]: nhs"),
        ('[identifiers]\nname = ["A", "B"]\n', "name and birth_date go together"),
        ('[identifiers]\nbirth_date = "DOB"\n', "name and birth_date go together"),
        ("[identifiers]\nname = [1]\n", "[identifiers] name must be a column name"),
        ('[identifiers]\nnhs_number = ""\n', "[identifiers] nhs_number must be one column"),
        ('[identifiers]\nnhs_number = "Ref"\n', "[columns] reference = 'Ref' is a personal"),
        ('identifiers = "NHS"\n', "[identifiers] must be a table"),
    ],
)
def test_bad_identifier_declarations_name_file_and_key(
    tmp_path: Path, extra: str, message: str
) -> None:
    path = tmp_path / "bad.toml"
    text = BASE + extra if extra.startswith("[") else extra + BASE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError, match=re.escape(message)) as caught:
        load_mapping(path)
    assert str(path) in str(caught.value)


def test_birth_date_needs_a_format(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        BASE.replace('birth_date = "%d/%m/%Y"\n', "")
        + '[identifiers]\nname = "Name"\nbirth_date = "DOB"\n',
        encoding="utf-8",
    )
    with pytest.raises(MappingError, match=r"\[formats\] needs a birth_date format"):
        load_mapping(path)


separators = st.lists(st.sampled_from(["", " ", "-", "  "]), min_size=11, max_size=11)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(serial=st.integers(0, 999_999), seps=separators)
def test_any_spacing_of_an_nhs_number_gives_the_same_pseudonym(
    tmp_path: Path, serial: int, seps: list[str]
) -> None:
    number = synthetic_nhs_number(serial)
    written = "".join(s + d for s, d in zip(seps, number, strict=False)) + seps[10]
    parsed = parse(tmp_path, [f"R1,06/03/2021,Robbery,W01001870,{written.strip() or number},,,"])
    key = load_or_create_key(tmp_path / "keys", "dda-yj")
    assert nhs_number(written) == number
    assert list(parsed.rows["person_pseudonym"]) == [pseudonym(key, number, "nhs")]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    digits=st.text(alphabet="0123456789", min_size=10, max_size=10),
)
def test_no_invalid_nhs_number_is_ever_pseudonymised(tmp_path: Path, digits: str) -> None:
    rows = [f"R1,06/03/2021,Robbery,W01001870,{digits},,,", "R2,06/03/2021,Robbery,W01001870,,,,"]
    parsed = parse(tmp_path, rows)
    try:
        valid = nhs_number(digits)
    except ValueError:
        assert list(parsed.rows["reference"]) == ["R2"]
        assert parsed.rejections[0].value == WITHHELD
    else:
        assert valid == digits
        assert len(parsed.rows) == 2


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(["Siân O'Neill", "Aled ap Rhys", "Gwenllian Jones-Price"]),
    case=st.sampled_from([str.upper, str.lower, str.title, lambda s: s]),
    pad=st.sampled_from(["", " ", "  "]),
)
def test_names_in_any_case_and_spacing_link(
    tmp_path: Path, name: str, case: object, pad: str
) -> None:
    forename, surname = name.split(" ", 1)
    variant = case(forename) + pad, pad + case(surname)  # type: ignore[operator]
    rows = [
        f'R1,06/03/2021,Robbery,W01001870,,"{forename}","{surname}",03/02/2006',
        f'R2,06/03/2021,Robbery,W01001870,,"{variant[0]}","{variant[1]}",03/02/2006',
    ]
    people = list(parse(tmp_path, rows).rows["person_pseudonym"])
    assert people[0] is not None
    assert people[0] == people[1]
