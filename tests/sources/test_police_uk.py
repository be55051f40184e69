"""The police.uk street adapter on small generated files, good and bad."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diogel.sources.base import BadFileError, ParsedFile, SupplierMismatchError
from diogel.sources.police_uk import COLUMNS, check_supplier, parse_street_file

LSOAS = ["W01001440", "W01001441"]
HEADER = ",".join(COLUMNS)
ID = "a" * 64


def row(**values: str) -> str:
    base = {
        "Crime ID": ID,
        "Month": "2021-03",
        "Reported by": "Gwent Police",
        "Falls within": "Gwent Police",
        "Longitude": "-3.19",
        "Latitude": "51.79",
        "Location": "On or near Heol Gwyn",
        "LSOA code": "W01001440",
        "LSOA name": "x",
        "Crime type": "Burglary",
        "Last outcome category": "Under investigation",
        "Context": "",
    }
    base.update(values)
    return ",".join(base[c] for c in COLUMNS)


def write(tmp_path: Path, lines: list[str], name: str = "2021-03-gwent-street.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_good_rows_are_harmonised(tmp_path: Path) -> None:
    asb = row(
        **{"Crime ID": "", "Crime type": "Anti-social behaviour", "Last outcome category": ""}
    )
    parsed = parse_street_file(write(tmp_path, [row(), asb, asb]), LSOAS)
    assert parsed.rows_read == 3
    assert list(parsed.rows["category"]) == ["burglary", "asb", "asb"]
    assert list(parsed.rows["line"]) == [2, 3, 4], "identical ASB rows stay two records"
    assert parsed.supplier == "Gwent Police"
    assert parsed.reporting_area == "W15000003"
    assert str(parsed.period_start) == "2021-03-01"
    assert str(parsed.period_end) == "2021-03-31"


@pytest.mark.parametrize(
    ("values", "column", "reason"),
    [
        ({"Crime type": "Piracy"}, "Crime type", "not a police.uk crime type"),
        ({"Month": "2021-04"}, "Month", "not the file's period"),
        ({"Crime ID": "xyz"}, "Crime ID", "64 hexadecimal"),
        ({"Crime ID": ""}, "Crime ID", "must have a Crime ID"),
        ({"Longitude": "west"}, "Longitude", "not a number"),
        ({"Latitude": ""}, "Longitude", "both be given"),
        ({"LSOA code": "W01999999"}, "LSOA code", "not a known Welsh LSOA"),
        ({"LSOA code": "Cardiff"}, "LSOA code", "not an LSOA code"),
    ],
)
def test_bad_rows_are_rejected_with_line_column_and_reason(
    tmp_path: Path, values: dict[str, str], column: str, reason: str
) -> None:
    parsed = parse_street_file(write(tmp_path, [row(), row(**values), row()]), LSOAS)
    assert parsed.rows_read == 3
    assert list(parsed.rows["line"]) == [2, 4]
    assert len(parsed.rejections) >= 1
    first = parsed.rejections[0]
    assert (first.line, first.column) == (3, column)
    assert reason in first.reason


def test_english_and_missing_locations_are_kept_and_flagged(tmp_path: Path) -> None:
    english = row(**{"LSOA code": "E01014399", "Longitude": "-2.6", "Latitude": "51.5"})
    nowhere = row(**{"LSOA code": "", "Longitude": "", "Latitude": "", "Location": "No Location"})
    parsed = parse_street_file(write(tmp_path, [english, nowhere]), LSOAS)
    assert list(parsed.rows["flags"]) == ["outside_wales", "no_location"]
    assert parsed.rows["lsoa11"].isna().all()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (HEADER.encode() + b"\n", "no rows"),
        (b"Crime ID,Month\n1,2021-03\n", "missing column"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not a CSV"),
        ((HEADER + "\n" + row(Location="Caf\xe9")).encode("latin-1"), "line 2 is not UTF-8"),
        ((HEADER + "\n" + row() + ",extra").encode(), "line 2 has 13 fields"),
    ],
)
def test_whole_file_faults_give_one_clear_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "2021-03-gwent-street.csv"
    path.write_bytes(content)
    with pytest.raises(BadFileError, match=message) as info:
        parse_street_file(path, LSOAS)
    assert "2021-03-gwent-street.csv" in str(info.value)


def test_a_file_for_another_month_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, [row(Month="2021-04")])
    with pytest.raises(BadFileError, match=r"file name says 2021-03 .* wrong period"):
        parse_street_file(path, LSOAS)


def check_outcome(content: bytes) -> None:
    """Any bytes: either a clear BadFileError, or a parse that accounts for every row."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2021-03-gwent-street.csv"
        path.write_bytes(content)
        try:
            parsed = parse_street_file(path, LSOAS)
        except BadFileError as exc:
            message = str(exc)
        else:
            message = ""
    if message:
        assert message.startswith("2021-03-gwent-street.csv: ")
        return
    assert isinstance(parsed, ParsedFile)
    assert parsed.rows_read == len(parsed.rows) + len(parsed.rejected_lines)
    assert set(parsed.rows["line"]).isdisjoint(parsed.rejected_lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash(content: bytes) -> None:
    check_outcome(content)


cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(cells, min_size=12, max_size=12), min_size=1, max_size=20),
    st.sampled_from([",", ',"', '"', "\r\n", "\n"]),
)
def test_mangled_rows_never_crash(rows: list[list[str]], glue: str) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for cells_ in rows:
        writer.writerow(cells_)
    text = buffer.getvalue()
    # Also a deliberately broken variant: stray quotes and separators.
    check_outcome(text.encode())
    check_outcome((text[: len(text) // 2] + glue + text[len(text) // 2 :]).encode())


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                row(),
                row(**{"Crime ID": "", "Crime type": "Anti-social behaviour"}),
                row(**{"Crime type": "Nope"}),
                row(Month="2020-01"),
                row(Longitude="x"),
            ]
        ),
        min_size=1,
        max_size=30,
    )
)
def test_rows_are_accepted_or_rejected_never_lost(lines: list[str]) -> None:
    content = "\n".join([HEADER, *lines, row()]).encode()
    check_outcome(content)


def test_categories_documentation_matches_the_code() -> None:
    from diogel.sources.categories import categories_markdown
    from tests.conftest import REPO_ROOT

    documented = (REPO_ROOT / "docs" / "categories.md").read_text(encoding="utf-8")
    assert documented == categories_markdown(), "regenerate docs/categories.md (make docs)"


def test_the_supplier_must_be_the_force_the_file_names() -> None:
    assert check_supplier("f", None, ["Gwent Police"], ["Gwent Police"]) == ("Gwent Police", None)
    assert check_supplier("f", " gwent  police", ["Gwent Police"], ["Gwent Police"]) == (
        "Gwent Police",
        None,
    )
    with pytest.raises(SupplierMismatchError, match=r"'Dyfed-Powys Police' does not agree"):
        check_supplier("f", "Dyfed-Powys Police", ["North Wales Police"], ["North Wales Police"])
    # "Falls within" too: a Gwent row in North Wales's area is not Gwent's file alone.
    with pytest.raises(SupplierMismatchError, match="Falls within North Wales Police"):
        check_supplier("f", None, ["Gwent Police"], ["North Wales Police"])
    # The British Transport Police record in other forces' areas.
    btp = "British Transport Police"
    assert check_supplier("f", None, [btp], ["Gwent Police", "South Wales Police"]) == (btp, None)
    with pytest.raises(BadFileError, match="several forces"):
        check_supplier("f", None, ["Gwent Police", "South Wales Police"], [])
    with pytest.raises(BadFileError, match="no force"):
        check_supplier("f", None, [""], [""])
    assert check_supplier("f", "Gwent Police", [""], [""]) == ("Gwent Police", None)


def test_a_mismatch_with_a_reason_is_allowed_and_noted(tmp_path: Path) -> None:
    path = write(tmp_path, [row()])
    with pytest.raises(SupplierMismatchError):
        parse_street_file(path, LSOAS, "South Wales Police")
    parsed = parse_street_file(
        path, LSOAS, "south wales police", supplier_mismatch_reason="merged return"
    )
    assert parsed.supplier == "South Wales Police"
    assert parsed.reporting_area == "W15000004"
    assert parsed.supplier_mismatch == (
        "Reported by Gwent Police; Falls within Gwent Police; accepted because: merged return"
    )


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_other_supplier_is_refused(supplier: str) -> None:
    from diogel.sources.base import same_body

    if not supplier.strip() or same_body(supplier, "Gwent Police"):
        return
    with pytest.raises(SupplierMismatchError):
        check_supplier("f", supplier, ["Gwent Police"], ["Gwent Police"])
