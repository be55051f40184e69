from __future__ import annotations

from pathlib import Path

from diogel.geography import Geography
from diogel.sources.police_uk_outcomes import COLUMNS, parse_outcomes_file
from diogel.warehouse import Warehouse
from diogel.warehouse.counts import count_incidents
from diogel.warehouse.imports import import_parsed

HEADER = ",".join(COLUMNS)


def row(
    crime_id: str = "c" * 64,
    month: str = "2021-03",
    outcome: str = "Offender fined",
    lsoa: str = "W01001440",
) -> str:
    return (
        f"{crime_id},{month},Gwent Police,Gwent Police,-3.19,51.79,On or near X,{lsoa},x,{outcome}"
    )


def test_outcomes_go_to_their_own_table_not_to_incidents(tmp_path: Path, shared_data: Path) -> None:
    path = tmp_path / "2021-03-gwent-outcomes.csv"
    path.write_text(
        "\n".join(
            [HEADER, row(), row(crime_id="nope"), row(month="2021-02"), row(lsoa="W01999999")]
        )
        + "\n",
        encoding="utf-8",
    )
    geo = Geography.load(shared_data, cache_dir=tmp_path / "cache")
    parsed = parse_outcomes_file(path, geo.hierarchy.lsoa11["code"])
    assert parsed.rows_read == 4
    assert {(r.line, r.column) for r in parsed.rejections} == {
        (3, "Crime ID"),
        (4, "Month"),
        (5, "LSOA code"),
    }
    warehouse = Warehouse(tmp_path / "wh")
    result = import_parsed(warehouse, parsed, path, geo, "test")
    assert result.rows_accepted == 1
    assert [r.count for r in count_incidents(warehouse, [])] == [0]
    with warehouse.connect() as con:
        stored = con.execute("select crime_id, outcome_type from crime_outcomes").fetchall()
    assert stored == [("c" * 64, "Offender fined")]
