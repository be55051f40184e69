"""A kill -9 at any point of an import leaves the warehouse as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from diogel.figures.base import count_incidents
from diogel.warehouse import Warehouse
from diogel.warehouse.queries import list_imports
from tests.helpers import GWENT

INGEST = """
import sys
from pathlib import Path
from diogel.geography import Geography
from diogel.sources.police_uk import parse_street_file
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed
geo = Geography.load(Path(sys.argv[1]), cache_dir=Path(sys.argv[3]))
warehouse = Warehouse(Path(sys.argv[2]))
for name in sys.argv[4:]:
    path = Path(sys.argv[1]) / "police-uk" / "gwent" / name
    parsed = parse_street_file(path, geo.hierarchy.lsoa11["code"])
    print("importing", name, flush=True)
    import_parsed(warehouse, parsed, path, geo, imported_by="kill-test")
    print("imported", name, flush=True)
"""


def snapshot(warehouse: Warehouse) -> tuple[int, int, list[tuple[int, str]]]:
    """Counted incidents, stored incidents, and every import's status."""
    counted = sum(r.count for r in count_incidents(warehouse, []))
    with warehouse.connect() as con:
        stored = con.execute("select count(*) from incidents").fetchone()
    assert stored is not None
    return counted, int(stored[0]), [(i["import_id"], i["status"]) for i in list_imports(warehouse)]


def start(
    shared_data: Path, tmp_path: Path, names: list[str], failpoint: str = ""
) -> subprocess.Popen[str]:
    env = {**os.environ, "DIOGEL_FAILPOINT": failpoint}
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            INGEST,
            str(shared_data),
            str(tmp_path / "wh"),
            str(tmp_path / "cache"),
            *names,
        ],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_kill_inside_the_transaction_leaves_the_warehouse_as_before(
    shared_data: Path, tmp_path: Path
) -> None:
    # A first, completed import so there is something to preserve (and to supersede).
    first = start(shared_data, tmp_path, ["2020-01-gwent-street.csv"])
    assert first.wait(timeout=180) == 0
    warehouse = Warehouse(tmp_path / "wh")
    before = snapshot(warehouse)

    # The second import pauses just before COMMIT, with every row written: kill it there.
    process = start(
        shared_data, tmp_path, ["2020-02-gwent-street.csv"], failpoint="import-before-commit:60"
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith("importing")
    time.sleep(3)  # well inside the 60 s pause
    assert process.poll() is None, "the import should still be running"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert snapshot(warehouse) == before


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.5, 1.5, 3.0])
def test_kill_at_random_moments_is_all_or_nothing(
    shared_data: Path, tmp_path: Path, delay: float
) -> None:
    names = [f"2021-{m:02d}-gwent-street.csv" for m in range(1, 7)]
    process = start(shared_data, tmp_path, names)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    warehouse = Warehouse(tmp_path / "wh")
    if not warehouse.catalogue_path.exists():
        return  # killed before the warehouse was created: nothing to check
    # Whatever committed is whole: every current import's rows are all there.
    lines = {
        n: len((shared_data / GWENT / n).read_text(encoding="utf-8").splitlines()) - 1
        for n in names
    }
    with warehouse.connect() as con:
        per_import = con.execute(
            "select m.file_name, m.rows_accepted, count(i.line) from imports m "
            "left join incidents i using (import_id) group by all"
        ).fetchall()
        orphans = con.execute(
            "select count(*) from incidents where import_id not in (select import_id from imports)"
        ).fetchone()
    for file_name, accepted, stored in per_import:
        assert accepted == stored == lines[file_name]
    assert orphans == (0,)


def test_a_failure_while_writing_rolls_everything_back(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diogel.geography import Geography
    from diogel.sources.police_uk import parse_street_file
    from diogel.warehouse import imports

    geo = Geography.load(shared_data, cache_dir=tmp_path / "cache")
    warehouse = Warehouse(tmp_path / "wh")
    first = shared_data / GWENT / "2020-01-gwent-street.csv"
    imports.import_parsed(
        warehouse, parse_street_file(first, geo.hierarchy.lsoa11["code"]), first, geo, "t"
    )
    before = snapshot(warehouse)

    def explode(name: str) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "_failpoint", explode)
    second = shared_data / GWENT / "2020-02-gwent-street.csv"
    with pytest.raises(RuntimeError, match="disk full"):
        imports.import_parsed(
            warehouse, parse_street_file(second, geo.hierarchy.lsoa11["code"]), second, geo, "t"
        )
    assert snapshot(warehouse) == before


def test_an_older_warehouse_gains_new_tables(tmp_path: Path) -> None:
    import duckdb

    from diogel.warehouse.schema import SCHEMA_VERSION

    path = tmp_path / "wh" / "catalogue.duckdb"
    path.parent.mkdir()
    with duckdb.connect(str(path)) as con:
        con.execute("create table schema_info (version integer not null)")
        con.execute("insert into schema_info values (1)")
    with Warehouse(tmp_path / "wh").connect() as con:
        version = con.execute("select version from schema_info").fetchall()
        listed = con.execute("select table_name from information_schema.tables").fetchall()
        tables = {r[0] for r in listed}
    assert version == [(SCHEMA_VERSION,)]
    assert {"imports", "incidents", "audit_log"} <= tables
