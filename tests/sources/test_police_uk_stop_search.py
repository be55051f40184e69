from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diogel.sources.base import BadFileError
from diogel.sources.police_uk_stop_search import COLUMNS, parse_stop_search_file

HEADER = ",".join(f'"{c}"' if "," in c else c for c in COLUMNS)


def line(
    date: str = "2021-03-05T22:10:00+00:00",
    kind: str = "Person search",
    lat: str = "51.588",
    lon: str = "-2.998",
) -> str:
    return (
        f"{kind},{date},False,,{lat},{lon},Male,18-24,White - English,White,"
        "Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,,"
        "False"
    )


def write(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "2021-03-gwent-stop-and-search.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_stops_become_records_with_detail(tmp_path: Path) -> None:
    parsed = parse_stop_search_file(
        write(tmp_path, [line(), line(kind="Vehicle search", lat="", lon="")]), "Gwent Police"
    )
    assert list(parsed.rows["category"]) == ["stop_and_search", "stop_and_search"]
    assert list(parsed.rows["flags"]) == ["", "no_location"]
    assert parsed.reporting_area == "W15000003"
    assert parsed.detail is not None
    assert parsed.detail["legislation"].iloc[0].startswith("Misuse of Drugs Act")
    assert str(parsed.rows["occurred_time"].iloc[0]) == "22:10:00"


def test_british_summer_time_is_respected(tmp_path: Path) -> None:
    # 23:30 UTC on 31 May is 00:30 on 1 June in Wales.
    path = tmp_path / "2021-06-gwent-stop-and-search.csv"
    path.write_text("\n".join([HEADER, line("2021-05-31T23:30:00+00:00")]) + "\n", encoding="utf-8")
    parsed = parse_stop_search_file(path, "Gwent Police")
    assert str(parsed.rows["occurred_date"].iloc[0]) == "2021-06-01"


def test_bad_rows_and_files(tmp_path: Path) -> None:
    parsed = parse_stop_search_file(
        write(
            tmp_path,
            [
                line(),
                line(date="yesterday"),
                line(kind="Dog search"),
                line(date="2021-04-02T10:00:00+00:00"),
            ],
        ),
        "Gwent Police",
    )
    assert {(r.line, r.column) for r in parsed.rejections} == {
        (3, "Date"),
        (4, "Type"),
        (5, "Date"),
    }
    with pytest.raises(BadFileError, match="every row was rejected"):
        parse_stop_search_file(write(tmp_path, [line(date="x")]), "Gwent Police")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=1500))
def test_random_bytes_never_crash(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2021-03-gwent-stop-and-search.csv"
        path.write_bytes(content)
        try:
            parsed = parse_stop_search_file(path, "Gwent Police")
        except BadFileError as exc:
            assert str(exc).startswith("2021-03-gwent-stop-and-search.csv: ")  # noqa: PT017
            return
    assert parsed.rows_read == len(parsed.rows) + len(parsed.rejected_lines)


cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(cells, min_size=15, max_size=15), min_size=1, max_size=10))
def test_arbitrary_cells_never_crash(rows: list[list[str]]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2021-03-gwent-stop-and-search.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        try:
            parsed = parse_stop_search_file(path, "Gwent Police")
        except BadFileError:
            return
    assert parsed.rows_read == len(parsed.rows) + len(parsed.rejected_lines)
