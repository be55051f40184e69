"""import_parsed over a connection the caller holds open (a batch of imports).

SYNTHETIC police.uk files: one connection for several imports writes what separate
connections write, and is left open for the next.
"""

from __future__ import annotations

from pathlib import Path

from diogel.geography import Geography
from diogel.sources.police_uk import COLUMNS, parse_street_file
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed

ROW = {
    "Crime ID": "b" * 64,
    "Reported by": "Gwent Police",
    "Falls within": "Gwent Police",
    "Longitude": "-3.0",
    "Latitude": "51.6",
    "Location": "SYNTHETIC: on or near a street",
    "LSOA code": "W01001440",
    "LSOA name": "SYNTHETIC",
    "Crime type": "Burglary",
    "Last outcome category": "",
    "Context": "",
}


def synthetic_month(folder: Path, month: str, rows: int) -> Path:
    path = folder / f"{month}-gwent-street.csv"
    lines = [",".join(COLUMNS)]
    for i in range(rows):
        row = {**ROW, "Month": month, "LSOA code": "W01001440" if i % 3 else "W01999999"}
        lines.append(",".join(row[c] for c in COLUMNS))
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def table(warehouse: Warehouse, sql: str) -> list[tuple[object, ...]]:
    with warehouse.connect(read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_batch_over_one_connection_writes_what_separate_imports_write(
    tmp_path: Path, geo: Geography
) -> None:
    files = [synthetic_month(tmp_path, f"2021-0{m}", 4 + m) for m in (1, 2, 3)]
    codes = geo.hierarchy.lsoa11["code"]
    alone, batch = Warehouse(tmp_path / "alone"), Warehouse(tmp_path / "batch")
    for path in files:
        import_parsed(alone, parse_street_file(path, codes), path, geo, "test")
    with batch.connect() as con:
        results = [
            import_parsed(batch, parse_street_file(path, codes), path, geo, "test", con=con)
            for path in files
        ]
        # Still open, and it sees what it wrote.
        assert con.execute("select count(*) from imports").fetchone() == (3,)
    assert [r.status for r in results] == ["imported"] * 3
    assert [(r.rows_accepted, r.rows_rejected) for r in results] == [(3, 2), (4, 2), (4, 3)]
    incidents = (
        "select * exclude (import_id) from incidents order by month, line"  # same ids or not
    )
    assert table(batch, incidents) == table(alone, incidents)
    quarantine = "select line, column_name, value, reason from quarantine order by all"
    assert table(batch, quarantine) == table(alone, quarantine)
    assert len(table(batch, quarantine)) == 7
