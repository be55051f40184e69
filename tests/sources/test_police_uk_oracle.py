"""The DuckDB police.uk street parser against the row-by-row Python oracle.

``police_uk_oracle`` is the parser as it was before validation moved into DuckDB.
On the real Gwent files and on generated messy files (SYNTHETIC: bad months and
coordinates, unknown LSOAs, blank fields, quotes, BOM, CRLF, bare CR, blank lines,
extra and missing columns and fields, hostile sizes), both must accept the same rows
with the same values, reject the same values for the same reasons, and refuse a file
with the same message.
"""

from __future__ import annotations

import csv
import io
import math
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diogel.sources.base import BadFileError, ParsedFile
from diogel.sources.categories import POLICE_UK_CRIME_TYPES
from diogel.sources.csvfile import parser_connection, query_csv
from diogel.sources.police_uk import COLUMNS, parse_street_file
from tests.helpers import GWENT
from tests.sources.police_uk_oracle import oracle_parse_street_file

LSOAS = ["W01001440", "W01001441", "W01001958"]


def outcome(parse: Any, path: Path, *args: Any, **kwargs: Any) -> tuple[str, Any]:
    """What a parser makes of a file: its error (type and message) or its result."""
    try:
        return "parsed", parse(path, *args, **kwargs)
    except BadFileError as exc:
        return type(exc).__name__, str(exc)


def cell(value: Any) -> Any:
    """A frame cell compared across parsers: every kind of missing value is None."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def assert_same(ours: tuple[str, Any], oracle: tuple[str, Any]) -> None:
    assert ours[0] == oracle[0], (ours, oracle)
    if ours[0] != "parsed":
        assert ours[1] == oracle[1]
        return
    new: ParsedFile = ours[1]
    old: ParsedFile = oracle[1]
    for field in (
        "source",
        "supplier",
        "period_start",
        "period_end",
        "rows_read",
        "reporting_area",
        "supplier_mismatch",
        "target",
    ):
        assert getattr(new, field) == getattr(old, field), field
    assert new.rejections == old.rejections
    assert list(new.rows.columns) == list(old.rows.columns)
    assert len(new.rows) == len(old.rows)
    for column in old.rows.columns:
        got = [cell(v) for v in new.rows[column].tolist()]
        want = [cell(v) for v in old.rows[column].tolist()]
        assert got == want, column


# --- the real files -------------------------------------------------------------------


@pytest.mark.parametrize("month", ["2020-01", "2020-07", "2021-12"])
def test_real_gwent_files_agree_with_the_oracle(shared_data: Path, month: str) -> None:
    path = shared_data / GWENT / f"{month}-gwent-street.csv"
    codes = pd.read_csv(shared_data / "geography" / "wales_lsoa11_lookup.csv", dtype=str)
    known = codes.iloc[:, 0]
    assert known.str.startswith("W01").all()
    ours = outcome(parse_street_file, path, known)
    assert_same(ours, outcome(oracle_parse_street_file, path, known))
    assert ours[1].rows_read > 4000
    # And with a quarter of the LSOAs unknown, so that rows are rejected too.
    fewer = known.iloc[::4]
    ours = outcome(parse_street_file, path, fewer)
    assert_same(ours, outcome(oracle_parse_street_file, path, fewer))
    assert len(ours[1].rejections) > 1000


# --- generated files (SYNTHETIC) ------------------------------------------------------

HEX = "0123456789abcdef"


def mostly(common: st.SearchStrategy[str], rare: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``common`` four times in five."""
    return st.one_of(common, common, common, common, rare)


# Text that keeps a file plain (no quotes, commas or line breaks) and text that does not.
plain_texts = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=["Cs", "Cc"], exclude_characters='",\u2028'
    ),
    max_size=12,
)
any_texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00"),
    max_size=12,
)
texts = mostly(plain_texts, any_texts)
numbers = st.one_of(
    st.floats(-6, -2, allow_nan=False).map(lambda f: f"{f:.6f}"),
    st.floats(51, 54, allow_nan=False).map(lambda f: f"{f:.6f}"),
    st.floats(-200, 200, allow_nan=False).map(lambda f: f"{f:.6f}"),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**22), 10**22).map(str),
    st.decimals(-200, 200, places=7, allow_nan=False).map(lambda d: f"+{d}".replace("+-", "-")),
    st.sampled_from(
        [
            "",
            "-3.19",
            "51.79",
            " -3.19 ",
            "\t1.5\x0b",
            "1e3",
            "1E-3",
            ".5",
            "5.",
            "-0",
            "1_000",
            "0x10",
            "nan",
            "NaN",
            "inf",
            "-Infinity",
            " inf",
            "inf ",
            "+-1",
            "1e",
            "west",
            "\xa01.5",
            "١٢",
            "180",
            "-180.000001",
            "90.0",
            "1e400",
        ]
    ),
    texts,
)
# A good value for each column, and anything that may go wrong in it.
GOOD_ASB = {"Crime ID": "", "Crime type": "Anti-social behaviour"}
good = {
    "Crime ID": st.text(alphabet=HEX, min_size=64, max_size=64),
    "Month": st.just("2021-03"),
    "Reported by": st.just("Gwent Police"),
    "Falls within": st.just("Gwent Police"),
    "Longitude": st.floats(-5, -2.5, allow_nan=False).map(lambda f: f"{f:.6f}"),
    "Latitude": st.floats(51, 54, allow_nan=False).map(lambda f: f"{f:.6f}"),
    "Location": texts,
    "LSOA code": st.sampled_from([*LSOAS, "E01014399"]),
    "LSOA name": texts,
    "Crime type": st.sampled_from([t for t in POLICE_UK_CRIME_TYPES if t not in GOOD_ASB.values()]),
    "Last outcome category": st.sampled_from(["", "Under investigation"]),
    "Context": texts,
}
bad = {
    "Crime ID": st.one_of(
        st.just(""), st.text(alphabet=HEX + "ABCDEFxyz ", min_size=60, max_size=66), texts
    ),
    "Month": st.sampled_from(["2021-04", "2021-3", "", " 2021-03", "٢٠٢١-٠٣", "2021-03\n"]) | texts,
    "Reported by": st.sampled_from(["gwent  police", "", "Dyfed-Powys Police"]),
    "Falls within": st.sampled_from(["", "North Wales Police", "British Transport Police"]),
    "Longitude": numbers,
    "Latitude": numbers,
    "Location": any_texts,
    "LSOA code": st.sampled_from(["", "W01999999", "Cardiff", "w01001440", "W01001440 "]) | texts,
    "LSOA name": any_texts,
    "Crime type": st.sampled_from(["Piracy", "", "burglary", "Anti-social behaviour"]),
    "Last outcome category": any_texts,
    "Context": any_texts,
}


def street_row(draw: st.DrawFn, columns: list[str]) -> list[str]:
    """A good row with, now and then, one to three of its values gone wrong."""
    row = {c: draw(good[c]) for c in COLUMNS}
    if rarely(draw, 3):
        row.update(GOOD_ASB)
    if rarely(draw, 8):
        row.update({"Longitude": "", "Latitude": "", "LSOA code": "", "Location": "No Location"})
    # A force other than the file's refuses the whole file: rarely.
    columns_to_spoil = [c for c in COLUMNS if c not in ("Reported by", "Falls within")]
    if rarely(draw, 40):
        columns_to_spoil += ["Reported by", "Falls within"]
    for column in draw(st.lists(st.sampled_from(columns_to_spoil), max_size=3)):
        row[column] = draw(bad[column])
    return [row[c.strip()] if c.strip() in row else draw(texts) for c in columns]


def rarely(draw: st.DrawFn, one_in: int) -> bool:
    return draw(st.integers(0, one_in - 1)) == 0


PLAIN = str.maketrans({c: " " for c in '",\r\n\x00\x01'})


@st.composite
def street_files(draw: st.DrawFn, plain: bool = False) -> tuple[bytes, str]:
    """A messy police.uk-shaped file (SYNTHETIC) and its name.

    ``plain``: no quotes, blank lines or stray line endings (the files DuckDB reads
    itself; every other file is read by Python's csv module first).
    """
    columns = list(COLUMNS)
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))
    if rarely(draw, 15):
        columns.remove(draw(st.sampled_from(columns)))
    if rarely(draw, 8):
        columns += draw(
            st.lists(st.sampled_from(["Extra", "Notes", "Month", "Crime ID"]), max_size=2)
        )
    header = [f" {c} " if rarely(draw, 10) else c for c in columns]
    rows = []
    for _ in range(draw(st.integers(0, 20))):
        row = street_row(draw, columns)
        if rarely(draw, 60):
            row.append(draw(texts))  # an extra field
        elif rarely(draw, 60):
            row.pop()  # a missing field
        rows.append([v.translate(PLAIN) for v in row] if plain else row)
    quote_all = rarely(draw, 5) and not plain
    newline = draw(st.sampled_from(["\n", "\r\n"] if plain else ["\n", "\r\n", "\r\n", "\r"]))
    lines = []
    for row in [header, *rows]:
        one = io.StringIO()
        writer = (
            csv.writer(one, quoting=csv.QUOTE_ALL, lineterminator=newline)
            if quote_all
            else csv.writer(one, quoting=csv.QUOTE_MINIMAL, lineterminator=newline)
        )
        writer.writerow(row)
        lines.append(one.getvalue())
    # Blank lines, whitespace lines, a stray quote or a lone line ending, now and then.
    if rarely(draw, 4) and not plain:
        for _ in range(draw(st.integers(1, 2))):
            lines.insert(
                draw(st.integers(1, len(lines))),
                draw(st.sampled_from([newline, "   " + newline, "\r", '"', "\n", "\r\n", ","])),
            )
    text = "".join(lines)
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    data = text.encode("utf-8")
    if rarely(draw, 5):
        data = b"\xef\xbb\xbf" + data
    if rarely(draw, 20) and not plain:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\x00", b"\xc3", b"\x01"])) + data[at:]
    name = draw(st.sampled_from(["2021-03-gwent-street.csv"] * 3 + ["upload.csv"]))
    return data, name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(street_files(), street_files(plain=True)),
    st.sampled_from(
        [
            (None, None),
            ("Gwent Police", None),
            ("South Wales Police", None),
            ("South Wales Police", "merged return"),
        ]
    ),
)
def test_generated_files_agree_with_the_oracle(
    file: tuple[bytes, str], supplier: tuple[str | None, str | None]
) -> None:
    data, name = file
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        kwargs = {"supplier": supplier[0], "supplier_mismatch_reason": supplier[1]}
        assert_same(
            outcome(parse_street_file, path, LSOAS, **kwargs),
            outcome(oracle_parse_street_file, path, LSOAS, **kwargs),
        )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_any_bytes_after_a_good_header_agree_with_the_oracle(tail: bytes) -> None:
    data = (",".join(COLUMNS) + "\r\n").encode() + tail
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2021-03-gwent-street.csv"
        path.write_bytes(data)
        assert_same(
            outcome(parse_street_file, path, LSOAS),
            outcome(oracle_parse_street_file, path, LSOAS),
        )


def good_row(**changes: str) -> str:
    row = {
        "Crime ID": "a" * 64,
        "Month": "2021-03",
        "Reported by": "Gwent Police",
        "Falls within": "Gwent Police",
        "Longitude": "-3.19",
        "Latitude": "51.79",
        "Location": "On or near Heol Gwyn",
        "LSOA code": "W01001440",
        "LSOA name": "x",
        "Crime type": "Burglary",
        "Last outcome category": "",
        "Context": "",
    }
    row.update(changes)
    return ",".join(row[c] for c in COLUMNS)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # Hostile sizes: a very wide header, a field over the limit, a long line, binary.
        (
            ",".join([*COLUMNS, *(f"c{i}" for i in range(50_000))]) + "\n" + good_row(),
            "the header has 50,012 columns; a file may have at most 1,000",
        ),
        (
            ",".join(COLUMNS) + "\n" + good_row() + "\n" + good_row(Location="x" * 1_000_001),
            "line 3 cannot be parsed as CSV (field larger than field limit (1000000))",
        ),
        (",".join(COLUMNS) + "\n" + good_row(Context="y" * 3_000_000), "field larger"),
        (
            ",".join(COLUMNS) + "\n" + (good_row() + "\n") * 100 + "\x00\x01\x02" * 5000,
            "line 102 has 1 fields",
        ),
        (
            ",".join(COLUMNS) + "\n" + (good_row() + "\n") * 100 + "\udcff\x80" * 5000,
            "line 102 is not UTF-8 text (byte 0xff)",
        ),
        (",".join(COLUMNS) + "\n" + good_row() + "\n" + good_row() + ",", "line 3 has 13 fields"),
    ],
)
def test_hostile_files_get_the_oracles_message(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "2021-03-gwent-street.csv"
    path.write_bytes(content.encode("utf-8", errors="surrogateescape"))
    ours = outcome(parse_street_file, path, LSOAS)
    assert ours[0] == "BadFileError"
    assert message in ours[1]
    assert_same(ours, outcome(oracle_parse_street_file, path, LSOAS))


def test_a_plain_file_is_read_by_duckdb_and_a_quoted_one_by_python(tmp_path: Path) -> None:
    """The fast path is taken for police.uk's own files (no quotes), not around them."""
    plain = tmp_path / "plain.csv"
    plain.write_text(",".join(COLUMNS) + "\r\n" + good_row() + "\r\n", encoding="utf-8")
    quoted = tmp_path / "quoted.csv"
    quoted.write_text(",".join(COLUMNS) + "\n" + good_row(Location='"a, b"') + "\n")
    con = parser_connection()
    sql = 'select line, "Location" from {csv}'
    assert query_csv(con, plain, COLUMNS, sql).plain
    read = query_csv(con, quoted, COLUMNS, sql)
    assert not read.plain
    assert read.result.to_pylist() == [{"line": 2, "Location": "a, b"}]
