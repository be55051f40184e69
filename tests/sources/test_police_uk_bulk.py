"""police.uk files read together (``read_street_files``) agree with each file read alone
(``parse_street_file``): the same period, supplier, counts and rejections, and the same
harmonised rows, for every file the bulk reading decides (the others are read alone)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diogel.sources.base import HARMONISED_COLUMNS, ParsedFile
from diogel.sources.police_uk import parse_street_file, read_street_files
from tests.sources.test_police_uk_oracle import LSOAS, assert_same, cell, outcome, street_files


def bulk_rows(con: duckdb.DuckDBPyConnection, rows_sql: str, index: int) -> dict[str, list]:
    table = con.execute(
        f"select * from {rows_sql} where file_index = ? order by line", [index]
    ).to_arrow_table()
    return {c: [cell(v) for v in table.column(c).to_pylist()] for c in HARMONISED_COLUMNS}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(street_files(plain=True), street_files()), min_size=1, max_size=4),
    st.sampled_from([(None, None), ("Gwent Police", None), ("South Wales Police", "merged")]),
)
def test_files_read_together_agree_with_each_read_alone(
    files: list[tuple[bytes, str]], supplier: tuple[str | None, str | None]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for k, (data, name) in enumerate(files):
            (Path(tmp) / str(k)).mkdir()
            path = Path(tmp) / str(k) / name
            path.write_bytes(data)
            paths.append((path, name))
        con = duckdb.connect()
        read = read_street_files(paths, LSOAS, supplier[0], supplier[1], con)
        for name, table in read.tables.items():
            con.register(name, table)
        kwargs = {"supplier": supplier[0], "supplier_mismatch_reason": supplier[1]}
        for index, ((path, name), parsed) in enumerate(zip(paths, read.parsed, strict=True)):
            if parsed is None:
                continue  # read alone: parse_street_file's outcome by construction
            alone = outcome(parse_street_file, path, LSOAS, name=name, **kwargs)
            assert alone[0] == "parsed", alone
            expected: ParsedFile = alone[1]
            assert read.accepted[index] == len(expected.rows)
            rows = bulk_rows(con, read.rows_sql, index)
            # The same metadata and rejections; the rows compared column by column.
            assert_same(("parsed", _with_rows(parsed, expected)), alone)
            for column in HARMONISED_COLUMNS:
                want = [cell(v) for v in expected.rows[column].tolist()]
                assert rows[column] == want, column


def _with_rows(parsed: ParsedFile, expected: ParsedFile) -> ParsedFile:
    """``parsed`` with the rows of ``expected`` (compared separately, from DuckDB)."""
    return ParsedFile(
        source=parsed.source,
        supplier=parsed.supplier,
        period_start=parsed.period_start,
        period_end=parsed.period_end,
        rows_read=parsed.rows_read,
        rows=expected.rows,
        rejections=parsed.rejections,
        reporting_area=parsed.reporting_area,
        supplier_mismatch=parsed.supplier_mismatch,
    )


def test_plain_files_are_read_together(tmp_path: Path) -> None:
    """The bulk reading decides a good plain file itself (it is not all fallbacks)."""
    header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
    header += "LSOA code,LSOA name,Crime type,Last outcome category,Context"
    rows = [
        f"{i:064x},2021-03,Gwent Police,Gwent Police,-3.1,51.7,On or near X,"
        f"{LSOAS[i % 2]},x,Burglary,,"
        for i in range(5)
    ]
    path = tmp_path / "2021-03-gwent-street.csv"
    path.write_text("\n".join([header, *rows, rows[0].replace("W01", "W09")]) + "\n")
    read = read_street_files([(path, path.name)], LSOAS, con=duckdb.connect())
    [parsed] = read.parsed
    assert parsed is not None
    assert parsed.rows_read == 6
    assert read.accepted == [5]
    assert [(r.line, r.column) for r in parsed.rejections] == [(7, "LSOA code")]
