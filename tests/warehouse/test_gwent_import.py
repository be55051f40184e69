"""All 24 real Gwent files: nothing lost, nothing double-counted, traps respected."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from diogel.figures.base import count_incidents
from diogel.geography import Geography
from diogel.warehouse import Warehouse
from diogel.warehouse.queries import list_imports
from tests.helpers import GWENT, ingest


@pytest.fixture(scope="module")
def raw(shared_data: Path) -> pd.DataFrame:
    """The raw files read independently with pandas, nothing dropped."""
    files = sorted((shared_data / GWENT).glob("*.csv"))
    return pd.concat(
        (pd.read_csv(f, dtype=str, keep_default_na=False) for f in files), ignore_index=True
    )


def test_rows_read_equal_accepted_plus_rejected(
    gwent_warehouse: Warehouse, raw: pd.DataFrame
) -> None:
    imports = list_imports(gwent_warehouse)
    assert len(imports) == 24
    for i in imports:
        assert i["rows_read"] == i["rows_accepted"] + i["rows_rejected"], i["file_name"]
    assert sum(i["rows_read"] for i in imports) == len(raw) == 128_382


def test_counts_by_month_and_crime_type_equal_pandas(
    gwent_warehouse: Warehouse, raw: pd.DataFrame
) -> None:
    ours = {
        (r.keys["month"], r.keys["crime_type"]): r.count
        for r in count_incidents(gwent_warehouse, ["month", "crime_type"])
    }
    expected = raw.groupby(["Month", "Crime type"]).size().reset_index(name="n")
    assert ours == {
        (str(m), str(t)): int(n)
        for m, t, n in expected[["Month", "Crime type", "n"]].itertuples(index=False)
    }


def test_identical_asb_rows_are_kept_as_separate_incidents(
    gwent_warehouse: Warehouse, raw: pd.DataFrame
) -> None:
    duplicated = raw[raw.duplicated(keep=False)]
    assert len(duplicated) > 0, "the real files contain identical rows"
    total = sum(r.count for r in count_incidents(gwent_warehouse, []))
    assert total == len(raw)


def test_rows_without_location_and_english_lsoas_count_at_force_level(
    gwent_warehouse: Warehouse, raw: pd.DataFrame
) -> None:
    no_location = int((raw["LSOA code"] == "").sum())
    english = int(raw["LSOA code"].str.startswith("E01").sum())
    assert (no_location, english) == (446, 339)
    with gwent_warehouse.connect() as con:
        flags = dict(
            con.execute("select flags, count(*) from current_incidents group by 1").fetchall()
        )
    assert flags["no_location"] == no_location
    assert flags["outside_wales"] == english
    by_force = {
        r.keys["reporting_area"]: r.count
        for r in count_incidents(gwent_warehouse, ["reporting_area"])
    }
    assert by_force == {"W15000003": len(raw)}, "every Gwent record is in Gwent's total"
    by_area = {
        r.keys["police_force_area"]: r.count
        for r in count_incidents(gwent_warehouse, ["police_force_area"])
    }
    assert by_area[None] == no_location + english
    assert sum(by_area.values()) == len(raw)
    by_la = {
        r.keys["local_authority"]: r.count
        for r in count_incidents(gwent_warehouse, ["local_authority"])
    }
    assert by_la[None] == no_location + english


def test_local_authority_counts_follow_the_files_lsoa(
    gwent_warehouse: Warehouse, raw: pd.DataFrame, geo: Geography
) -> None:
    la_of = geo.hierarchy.lsoa11.set_index("code")["local_authority"]
    expected = raw["LSOA code"].map(la_of).value_counts()
    ours = {
        r.keys["local_authority"]: r.count
        for r in count_incidents(gwent_warehouse, ["local_authority"])
        if r.keys["local_authority"]
    }
    assert ours == expected.to_dict()


def test_area_filter(gwent_warehouse: Warehouse, raw: pd.DataFrame, geo: Geography) -> None:
    torfaen = geo.hierarchy.area("W06000020")
    la_of = geo.hierarchy.lsoa11.set_index("code")["local_authority"]
    expected = raw[(raw["LSOA code"].map(la_of) == "W06000020") & (raw["Month"] >= "2021-01")]
    rows = count_incidents(gwent_warehouse, [], month_from="2021-01", area=torfaen)
    assert rows[0].count == len(expected)


def test_every_record_traces_to_its_file_and_line(
    gwent_warehouse: Warehouse, shared_data: Path
) -> None:
    with gwent_warehouse.connect() as con:
        row = con.execute(
            "select m.file_name, i.line, i.reference, i.source_type from current_incidents i "
            "join imports m using (import_id) where i.reference is not null "
            "order by i.import_id, i.line limit 1 offset 1000"
        ).fetchone()
    assert row is not None
    file_name, line, reference, crime_type = row
    text = (shared_data / GWENT / file_name).read_text(encoding="utf-8").splitlines()
    assert text[line - 1].startswith(reference)
    assert crime_type in text[line - 1]


def test_reimporting_every_file_adds_nothing(
    gwent_warehouse: Warehouse, geo: Geography, shared_data: Path
) -> None:
    before = sum(r.count for r in count_incidents(gwent_warehouse, []))
    for path in sorted((shared_data / GWENT).glob("*.csv")):
        assert ingest(gwent_warehouse, geo, path).status == "already_imported"
    assert sum(r.count for r in count_incidents(gwent_warehouse, [])) == before
    assert len(list_imports(gwent_warehouse)) == 24


def test_a_newer_file_supersedes_its_month(
    shared_data: Path, geo: Geography, tmp_path: Path
) -> None:
    warehouse = Warehouse(tmp_path / "wh")
    original = shared_data / GWENT / "2021-06-gwent-street.csv"
    other = shared_data / GWENT / "2021-07-gwent-street.csv"
    first = ingest(warehouse, geo, original)
    ingest(warehouse, geo, other)
    # police.uk republishes a month: here, the same month with its last 100 rows withdrawn.
    lines = original.read_text(encoding="utf-8").splitlines(keepends=True)
    republished = tmp_path / "republished" / original.name
    republished.parent.mkdir()
    republished.write_text("".join(lines[:-100]), encoding="utf-8")
    second = ingest(warehouse, geo, republished)
    assert second.superseded == (first.import_id,)
    months = {r.keys["month"]: r.count for r in count_incidents(warehouse, ["month"])}
    assert months["2021-06"] == len(lines) - 1 - 100
    assert months["2021-07"] == len(other.read_text(encoding="utf-8").splitlines()) - 1
    history = {i["import_id"]: i["status"] for i in list_imports(warehouse)}
    assert history[first.import_id] == "superseded"
    assert history[second.import_id] == "current"
    # The old file is not lost: its rows are still in the warehouse, just not counted.
    with warehouse.connect() as con:
        kept = con.execute(
            "select count(*) from incidents where import_id = ?", [first.import_id]
        ).fetchone()
    assert kept == (len(lines) - 1,)


def test_a_copy_under_another_name_is_still_the_same_file(
    shared_data: Path, geo: Geography, tmp_path: Path
) -> None:
    warehouse = Warehouse(tmp_path / "wh")
    original = shared_data / GWENT / "2020-05-gwent-street.csv"
    ingest(warehouse, geo, original)
    copy = tmp_path / "2020-05-gwent-street.csv"
    shutil.copyfile(original, copy)
    assert ingest(warehouse, geo, copy).status == "already_imported"
