"""No raw identifier of a SYNTHETIC youth-justice extract reaches the warehouse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from diogel.geography import Geography
from diogel.sources.generic import load_mapping, parse_generic_file, shipped_mappings
from diogel.sources.synthetic.youth_justice import write_extract
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed

MAPPING = load_mapping(shipped_mappings()["youth_justice_synthetic"])


def needles(path: Path) -> set[str]:
    """Every identifier value in the file, as written and normalised."""
    import csv

    found: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["NHS No"]:
                found |= {row["NHS No"], row["NHS No"].replace(" ", "")}
            found |= {row["Surname"], f"{row['Forename']} {row['Surname']}".lower(), row["DOB"]}
    return {n for n in found if n}


def test_no_raw_identifier_in_any_table_or_column(geo: Geography, tmp_path: Path) -> None:
    path, people = write_extract(tmp_path / "in", dt.date(2021, 3, 1), rows=60)
    warehouse = Warehouse(tmp_path / "warehouse")
    keys = tmp_path / "keys"
    parsed = parse_generic_file(
        path,
        MAPPING,
        set(geo.hierarchy.lsoa11["code"]),
        "SYNTHETIC YJS",
        agreement="dda-yj-synthetic",
        keys_dir=keys,
    )
    assert parsed.rejections  # the generator's faults were quarantined...
    result = import_parsed(warehouse, parsed, path, geo, "test")
    assert result.rows_accepted > 0
    secrets = needles(path)
    assert len(secrets) > 20
    assert any(p.nhs_number in secrets for p in people)
    key_hex = (keys / "dda-yj-synthetic.key").read_text()
    with warehouse.connect() as con:
        columns = con.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = 'main'"
        ).fetchall()
        seen = 0
        for table, column in columns:
            values = con.execute(f'select distinct cast("{column}" as varchar) from "{table}"')
            for (value,) in values.fetchall():
                if value is None:
                    continue
                seen += 1
                lowered = value.lower()
                leaked = [s for s in secrets if s.lower() in lowered]
                assert not leaked, f"{table}.{column} holds {leaked}"
                assert key_hex not in value
        agreement, pseudonymised = con.execute(
            "select m.agreement, count(i.person_pseudonym) from imports m "
            "join incidents i using (import_id) group by m.agreement"
        ).fetchone()  # type: ignore[misc]
        quarantined = con.execute("select distinct value from quarantine").fetchall()
    assert seen > 100
    assert agreement == "dda-yj-synthetic"
    assert pseudonymised > 0
    assert ("(withheld: personal identifier)",) in quarantined
    # The file itself, checkpointed to disk, holds none of them either.
    raw = warehouse.catalogue_path.read_bytes()
    for secret in secrets:
        assert secret.encode() not in raw, secret


def test_an_import_cannot_be_recorded_under_another_agreement(
    geo: Geography, tmp_path: Path
) -> None:
    path, _ = write_extract(tmp_path / "in", dt.date(2021, 3, 1), rows=10, faults=False)
    parsed = parse_generic_file(
        path,
        MAPPING,
        set(geo.hierarchy.lsoa11["code"]),
        "SYNTHETIC YJS",
        agreement="dda-a",
        keys_dir=tmp_path / "keys",
    )
    with pytest.raises(ValueError, match="pseudonymised under dda-a"):
        import_parsed(Warehouse(tmp_path / "w"), parsed, path, geo, "test", agreement="dda-b")
