"""The mapping-driven adapter, with the two shipped worked mappings."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diogel.sources.base import BadFileError
from diogel.sources.generic import MappingError, load_mapping, parse_generic_file, shipped_mappings

LSOAS = {"W01001870", "W01001440"}
AMBULANCE_HEADER = "Incident Number,Call Date Time,Chief Complaint,Easting,Northing,Locality"
FIRE_HEADER = "IncidentNumber,IncidentDate,IncidentTime,IncidentType,Motive,LSOA,PropertyType"


def write(tmp_path: Path, header: str, rows: list[str], name: str = "extract.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_shipped_mappings_load() -> None:
    assert set(shipped_mappings()) >= {"ambulance_callouts", "fire_incidents"}
    for path in shipped_mappings().values():
        load_mapping(path)


def test_ambulance_extract_with_british_national_grid(tmp_path: Path) -> None:
    mapping = load_mapping(shipped_mappings()["ambulance_callouts"])
    path = write(
        tmp_path,
        AMBULANCE_HEADER,
        [
            "AMB-1,06/03/2021 00:41,Assault/Sexual Assault,318412,176130,Cardiff",
            "AMB-2,06/03/2021 02:10,ASSAULT,318500,176200,Cardiff",  # value map
            "AMB-3,07/03/2021 14:00,Falls,,,Somewhere",
            "AMB-4,31/02/2021 14:00,Falls,318412,176130,Bad date",
            "AMB-5,07/03/2021 14:00,Falls,9999999,176130,Off the grid",
        ],
    )
    parsed = parse_generic_file(path, mapping, LSOAS, "Welsh Ambulance Services NHS Trust")
    assert parsed.rows_read == 5
    assert list(parsed.rows["reference"]) == ["AMB-1", "AMB-2", "AMB-3"]
    assert list(parsed.rows["category"]) == ["violence", "violence", "medical"]
    assert list(parsed.rows["subcategory"]) == ["assault", "assault", "fall"]
    # Easting 318412, northing 176130 is central Cardiff.
    assert parsed.rows["longitude"].iloc[0] == pytest.approx(-3.178, abs=0.01)
    assert parsed.rows["latitude"].iloc[0] == pytest.approx(51.48, abs=0.01)
    assert parsed.rows["flags"].iloc[2] == "no_location"
    reasons = {(r.line, r.column): r.reason for r in parsed.rejections}
    assert "not a date and time" in reasons[(5, "Call Date Time")]
    assert "British National Grid" in reasons[(6, "Easting")]
    assert str(parsed.period_start) == "2021-03-01"
    assert parsed.reporting_area == "W92000004"


def test_fire_extract_with_lsoa_codes_and_combined_type(tmp_path: Path) -> None:
    mapping = load_mapping(shipped_mappings()["fire_incidents"])
    path = write(
        tmp_path,
        FIRE_HEADER,
        [
            "F1,06/03/2021,23:15,Secondary fire,Deliberate,W01001870,Refuse",
            "F2,07/03/2021,,Primary fire,Accidental,W01001440,Dwelling",
            "F3,08/03/2021,09:00,Special service,,W01999999,Road",
            "F4,08/03/2021,9 o'clock,Secondary fire,Deliberate,W01001870,Grass",
        ],
    )
    parsed = parse_generic_file(path, mapping, LSOAS, "South Wales Fire and Rescue Service")
    assert list(parsed.rows["subcategory"]) == [
        "deliberate_secondary_fire",
        "accidental_primary_fire",
    ]
    assert list(parsed.rows["category"]) == ["criminal_damage_arson", "fire"]
    assert list(parsed.rows["lsoa11"]) == ["W01001870", "W01001440"]
    assert parsed.rows["occurred_time"].iloc[1] is None
    columns = {r.line: r.column for r in parsed.rejections}
    assert columns == {4: "LSOA", 5: "IncidentTime"}


def test_declared_period_rejects_other_months(tmp_path: Path) -> None:
    mapping = load_mapping(shipped_mappings()["fire_incidents"])
    path = write(
        tmp_path,
        FIRE_HEADER,
        [
            "F1,06/03/2021,23:15,Secondary fire,Deliberate,W01001870,Refuse",
            "F2,06/04/2021,23:15,Secondary fire,Deliberate,W01001870,Refuse",
        ],
    )
    parsed = parse_generic_file(path, mapping, LSOAS, "SWFRS", period="2021-03")
    assert [r.reason for r in parsed.rejections] == ["outside the declared period 2021-03"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("source = 'Bad Name'\n[columns]\nsource_type='a'\noccurred='b'", "short lower-case"),
        ("source = 'x1'\n", "[columns] table is required"),
        ("source = 'x1'\n[columns]\noccurred='b'\n[formats]\noccurred='%Y'", "needs source_type"),
        ("source = 'x1'\n[columns]\nsource_type='a'\noccurred='b'", "needs a occurred format"),
        (
            "source = 'x1'\n[columns]\nsource_type='a'\noccurred='b'\neasting='e'\n"
            "[formats]\noccurred='%Y'",
            "both easting and northing",
        ),
        (
            "source = 'x1'\n[columns]\nsource_type='a'\noccurred='b'\n[formats]\noccurred='%Y'\n"
            "[categories]\nx = { category = 'nonsense' }",
            "needs a category",
        ),
        ("source = 'x1'\n[columns]\ncolour='a'", "unknown field"),
        ("source = ", "not valid TOML"),
    ],
)
def test_bad_mappings_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "m.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingError, match=re.escape(message)):
        load_mapping(path)


def test_missing_columns_fail_the_file(tmp_path: Path) -> None:
    mapping = load_mapping(shipped_mappings()["ambulance_callouts"])
    path = write(tmp_path, "Incident Number,When", ["A,06/03/2021 00:41"])
    with pytest.raises(BadFileError, match="missing column"):
        parse_generic_file(path, mapping, LSOAS, "WAST")


cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(cells, min_size=6, max_size=6), min_size=1, max_size=10),
    st.sampled_from(["ambulance_callouts", "fire_incidents"]),
)
def test_arbitrary_cells_never_crash(rows: list[list[str]], which: str) -> None:
    import csv
    import io

    mapping = load_mapping(shipped_mappings()[which])
    header = (AMBULANCE_HEADER if which == "ambulance_callouts" else FIRE_HEADER).split(",")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for r in rows:
        writer.writerow([*r, ""][: len(header)])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        try:
            parsed = parse_generic_file(path, mapping, LSOAS, "X")
        except BadFileError as exc:
            message = str(exc)
        else:
            message = ""
    if message:
        assert message.startswith("x.csv: ")
        return
    assert parsed.rows_read == len(parsed.rows) + len(parsed.rejected_lines)
    assert np.isfinite(parsed.rows["longitude"].fillna(0)).all()


def test_a_header_only_file_is_a_nil_return_for_its_declared_month(tmp_path: Path) -> None:
    mapping = load_mapping(Path("fire_incidents.toml"))
    path = tmp_path / "fire.csv"
    path.write_text(",".join(mapping.required_columns) + "\n", encoding="utf-8")
    with pytest.raises(BadFileError, match="nil return"):
        parse_generic_file(path, mapping, set(), "MWWFRS")
    parsed = parse_generic_file(path, mapping, set(), "MWWFRS", "2021-02")
    assert (str(parsed.period_start), str(parsed.period_end)) == ("2021-02-01", "2021-02-28")
    assert (parsed.rows_read, len(parsed.rows), parsed.rejections) == (0, 0, [])
    with pytest.raises(BadFileError, match="not a month"):
        parse_generic_file(path, mapping, set(), "MWWFRS", "Feb")
