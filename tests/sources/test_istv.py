"""ISTV adapter (CSV and XML) and the SYNTHETIC generator."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diogel.sources.base import BadFileError
from diogel.sources.istv import (
    ASSAULT_FIELDS,
    CSV_COLUMNS,
    HEADER_FIELDS,
    XML_ELEMENTS,
    parse_istv_file,
)
from diogel.sources.istv_codes import load_code_lists
from diogel.sources.synthetic.istv import generate_month, load_sites, write_months

HEADER = {
    "REPORTING_PERIOD_START_DATE": "2021-03-01",
    "REPORTING_PERIOD_END_DATE": "2021-03-31",
    "SITE_CODE_OF_TREATMENT": "SYN-UHW",
}


def assault(**values: str) -> dict[str, str]:
    base = {
        "ARRIVAL_DATE_TIME": "2021-03-06 01:10",
        "ASSAULT_DATE_TIME": "2021-03-06 00:30",
        "ASSAULT_METHOD": "S1",
        "ASSAULT_METHOD_OTHER_DESCRIPTION": "",
        "ASSAULT_LOCATION_TYPE": "L2",
        "ASSAULT_LOCATION_DESCRIPTION": "SYNTHETIC: bar",
    }
    base.update(values)
    return base


def write_csv(tmp_path: Path, rows: list[dict[str, str]], header: dict[str, str] = HEADER) -> Path:
    path = tmp_path / "istv.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for r in rows:
            writer.writerow({**header, **r})
    return path


def write_xml(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    parts = ["<ISTVSubmission><SubmissionHeader>"]
    parts += [f"<{XML_ELEMENTS[f]}>{HEADER[f]}</{XML_ELEMENTS[f]}>" for f in HEADER_FIELDS]
    parts.append("</SubmissionHeader>")
    for r in rows:
        parts.append("<Assault>")
        parts += [f"<{XML_ELEMENTS[f]}>{escape(r[f])}</{XML_ELEMENTS[f]}>" for f in ASSAULT_FIELDS]
        parts.append("</Assault>")
    parts.append("</ISTVSubmission>")
    path = tmp_path / "istv.xml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def test_csv_and_xml_give_the_same_records(tmp_path: Path) -> None:
    rows = [assault(), assault(ASSAULT_METHOD="S2", ASSAULT_LOCATION_TYPE="L1")]
    from_csv = parse_istv_file(write_csv(tmp_path, rows))
    from_xml = parse_istv_file(write_xml(tmp_path, rows))
    columns = ["category", "subcategory", "source_type", "month", "occurred_date", "occurred_time"]
    assert from_csv.rows[columns].equals(from_xml.rows[columns])
    assert list(from_csv.rows["subcategory"]) == ["body", "knife_or_sharp"]
    assert from_csv.supplier == from_xml.supplier == "SYN-UHW"
    assert from_csv.detail is not None
    assert list(from_csv.detail["assault_location_type"]) == ["L2", "L1"]


@pytest.mark.parametrize(
    ("values", "column", "reason"),
    [
        ({"ASSAULT_DATE_TIME": ""}, "ASSAULT_DATE_TIME", "mandatory"),
        ({"ASSAULT_METHOD": "ZZ"}, "ASSAULT_METHOD", "code list"),
        ({"ASSAULT_LOCATION_TYPE": "Q"}, "ASSAULT_LOCATION_TYPE", "code list"),
        ({"ASSAULT_METHOD_OTHER_DESCRIPTION": "x" * 26}, "ASSAULT_METHOD_OTHER_DESCRIPTION", "25"),
        ({"ARRIVAL_DATE_TIME": "2021-04-02 01:00"}, "ARRIVAL_DATE_TIME", "outside the reporting"),
        ({"ASSAULT_DATE_TIME": "2021-03-06 03:00"}, "ASSAULT_DATE_TIME", "after the arrival"),
        ({"ARRIVAL_DATE_TIME": "soon"}, "ARRIVAL_DATE_TIME", "not a valid date"),
    ],
)
def test_bad_assaults_are_rejected_with_reasons(
    tmp_path: Path, values: dict[str, str], column: str, reason: str
) -> None:
    parsed = parse_istv_file(write_csv(tmp_path, [assault(), assault(**values)]))
    assert parsed.rows_read == 2
    assert len(parsed.rows) == 1
    assert any(r.line == 3 and r.column == column and reason in r.reason for r in parsed.rejections)


def test_missing_arrival_is_kept_and_flagged(tmp_path: Path) -> None:
    parsed = parse_istv_file(write_csv(tmp_path, [assault(ARRIVAL_DATE_TIME="")]))
    assert parsed.rows["flags"].iloc[0] == "arrival_missing,no_location"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ({**HEADER, "REPORTING_PERIOD_START_DATE": "March"}, "must be dates"),
        ({**HEADER, "REPORTING_PERIOD_END_DATE": "2021-02-01"}, "before it starts"),
        ({**HEADER, "REPORTING_PERIOD_END_DATE": "2021-12-31"}, "longer than a quarter"),
        ({**HEADER, "SITE_CODE_OF_TREATMENT": ""}, "SITE_CODE_OF_TREATMENT"),
    ],
)
def test_bad_headers_fail_the_file(tmp_path: Path, header: dict[str, str], message: str) -> None:
    with pytest.raises(BadFileError, match=message):
        parse_istv_file(write_csv(tmp_path, [assault()], header))


def test_header_must_not_change_between_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [assault()])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("2021-03-01,2021-03-31,SYN-MORR,2021-03-06 01:10,2021-03-06 00:30,S1,,L2,x\n")
    with pytest.raises(BadFileError, match="SITE_CODE_OF_TREATMENT must be the same"):
        parse_istv_file(path)


def test_xml_with_entities_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        '"&lol;&lol;&lol;&lol;">]><ISTVSubmission>&lol2;</ISTVSubmission>',
        encoding="utf-8",
    )
    with pytest.raises(BadFileError, match="not allowed XML"):
        parse_istv_file(path)


def check(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"istv{suffix}"
        path.write_bytes(content)
        try:
            parsed = parse_istv_file(path)
        except BadFileError as exc:
            message = str(exc)
        else:
            message = ""
    if message:
        assert message.startswith(f"istv{suffix}: ")
        return
    assert parsed.rows_read == len(parsed.rows) + len(parsed.rejected_lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=1500), st.sampled_from([".csv", ".xml"]))
def test_random_bytes_never_crash(content: bytes, suffix: str) -> None:
    check(content, suffix)


text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries({f: text for f in ASSAULT_FIELDS}), min_size=1, max_size=8))
def test_arbitrary_field_values_never_crash(rows: list[dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        check(write_csv(Path(tmp), rows).read_bytes(), ".csv")
        check(write_xml(Path(tmp), rows).read_bytes(), ".xml")


def test_synthetic_generator_is_deterministic_and_labelled(tmp_path: Path) -> None:
    first = write_months(tmp_path / "a", dt.date(2021, 1, 1), 2, seed=7)
    second = write_months(tmp_path / "b", dt.date(2021, 1, 1), 2, seed=7)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert all(p.name.startswith("SYNTHETIC-") for p in first)
    parsed = parse_istv_file(first[0])
    assert parsed.rejections == []
    assert parsed.rows["location_text"].str.startswith("SYNTHETIC: ").all()


def test_synthetic_volumes_and_weekend_night_peak() -> None:
    codes = load_code_lists()
    assert codes.synthetic
    rows = [
        r
        for site in load_sites()
        for m in range(1, 13)
        for r in generate_month(site, dt.date(2021, m, 1), seed=3, codes=codes)
    ]
    assert 3000 <= len(rows) <= 5000, "Wales sees a few thousand ED assault attendances a year"
    times = [dt.datetime.fromisoformat(r["ASSAULT_DATE_TIME"]) for r in rows]
    weekend_night = sum(1 for t in times if t.weekday() in (4, 5) and (t.hour >= 21))
    weekday_morning = sum(1 for t in times if t.weekday() in (1, 2) and 6 <= t.hour < 9)
    assert weekend_night > 5 * weekday_morning
    methods = {r["ASSAULT_METHOD"] for r in rows}
    assert methods <= set(codes.assault_method)
