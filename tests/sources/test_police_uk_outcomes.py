from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diogel.figures.base import count_incidents
from diogel.geography import Geography
from diogel.sources.base import BadFileError
from diogel.sources.police_uk_outcomes import COLUMNS, parse_outcomes_file
from diogel.warehouse import Warehouse
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


cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=70)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=1000).map(lambda b: b),
        st.lists(st.lists(cells, min_size=10, max_size=10), min_size=1, max_size=8).map(
            lambda rows: "\n".join(
                [HEADER, *(",".join(c.replace(",", " ") for c in r) for r in rows)]
            ).encode()
        ),
    )
)
def test_malformed_outcome_files_never_crash(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "2021-03-gwent-outcomes.csv"
        path.write_bytes(content)
        try:
            parsed = parse_outcomes_file(path, ["W01001440"])
        except BadFileError as exc:
            assert str(exc).startswith("2021-03-gwent-outcomes.csv: ")  # noqa: PT017
            return
    assert parsed.rows_read == len(parsed.rows) + len(parsed.rejected_lines)
