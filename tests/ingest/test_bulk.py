"""police.uk files read together (``StreetParser.read_bulk``) import exactly as one at
a time: the same outcomes, messages, rows, rejections, supersessions, audit entries
and hooks. The oracle is the one-file pipeline (``parse_street_file`` for each file),
run on the same batch into another warehouse."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from diogel.audit import AuditEntry, AuditRecord, MemoryAuditTrail
from diogel.geography import Geography
from diogel.ingest import IngestFile, IngestOptions, ingest_batch, service
from diogel.services import Services
from diogel.sources.police_uk import COLUMNS, StreetParser
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import ImportResult, import_bulk
from tests.helpers import GWENT, parse_police_uk

HEADER = ",".join(COLUMNS)
ID = "b" * 64


def row(**values: str) -> str:
    base = {
        "Crime ID": ID,
        "Month": "2019-01",
        "Reported by": "Gwent Police",
        "Falls within": "Gwent Police",
        "Longitude": "-3.19",
        "Latitude": "51.79",
        "Location": "On or near Heol Gwyn",
        "LSOA code": "W01001440",
        "LSOA name": "x",
        "Crime type": "Burglary",
        "Last outcome category": "Under investigation",
        "Context": "",
    }
    base.update(values)
    return ",".join(base[c] for c in COLUMNS)


def numbered(n: int, month: str = "2019-01", **values: str) -> list[str]:
    """``n`` distinct crimes (their IDs differ)."""
    return [row(**{"Crime ID": f"{i:064x}", "Month": month, **values}) for i in range(n)]


def write(directory: Path, name: str, lines: list[str], newline: str = "\n") -> Path:
    path = directory / name
    path.write_bytes(newline.join([HEADER, *lines]).encode() + newline.encode())
    return path


class Recorder:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, result: ImportResult) -> list[str]:
        self.calls.append(result.import_id)
        return [f"hook saw import {result.import_id}"]


@dataclasses.dataclass
class FailingTrail(MemoryAuditTrail):
    """An audit trail that cannot record its ``fail_at``-th import entry."""

    fail_at: int = 0
    imports: int = 0

    def append(self, record: AuditRecord) -> AuditEntry:
        if record.action == "import":
            self.imports += 1
            if self.imports == self.fail_at:
                raise RuntimeError("the trail is down")
        return super().append(record)


def batch(directory: Path, shared_data: Path) -> list[tuple[Path, str]]:
    """Files of every kind, in an order that exercises runs, fallbacks and supersession."""
    directory.mkdir()
    real = sorted((shared_data / GWENT).glob("*.csv"))
    for path in real[:4]:
        shutil.copy(path, directory / path.name)
    faulty = [
        *numbered(20),
        row(**{"Crime type": "Not a crime"}),
        row(**{"Crime ID": "xyz"}),
        row(**{"Crime ID": ""}),
        row(**{"Longitude": "east"}),
        row(**{"Latitude": "91"}),
        row(**{"Longitude": "", "Latitude": "51.7"}),
        row(**{"LSOA code": "W01999999"}),
        row(**{"LSOA code": "E01000001"}),
        row(**{"LSOA code": "Z99"}),
        row(**{"LSOA code": ""}),
        row(**{"Longitude": "-1.0", "Latitude": "52.0"}),
        row(**{"Crime ID": "", "Crime type": "Anti-social behaviour"}),
        row(**{"Crime ID": "", "Crime type": "Anti-social behaviour"}),
        row(**{"Longitude": " 1e-1 ", "Latitude": "inf"}),
    ]
    quoted = directory / "2019-03-gwent-street.csv"
    quoted.write_text(
        HEADER
        + "\n"
        + "\n".join(f'"{line}"'.replace(",", '","') for line in numbered(5, "2019-03"))
    )
    files = [
        (real[0], real[0].name),
        (write(directory, "2019-01-gwent-street.csv", faulty), ""),
        # A row for another month: rejected by the file read alone.
        (write(directory, "2019-02-gwent-street.csv", [*numbered(5, "2019-02"), row()]), ""),
        (quoted, ""),
        (write(directory, "2019-04-gwent-street.csv", numbered(6, "2019-04"), "\r\n"), ""),
        (real[1], real[1].name),
        # Several forces: refused.
        (
            write(
                directory,
                "2019-05-gwent-street.csv",
                [
                    *numbered(3, "2019-05"),
                    row(Month="2019-05", **{"Reported by": "Dyfed-Powys Police"}),
                ],
            ),
            "",
        ),
        # One block repeated three times: needs confirming.
        (write(directory, "2019-06-gwent-street.csv", numbered(4, "2019-06") * 3), ""),
        # The same month again, republished with more rows: replaces the first.
        (write(directory, "again-2019-01.csv", numbered(25)), "2019-01-gwent-street.csv"),
        # The very same file again: already imported.
        (real[1], real[1].name),
        (write(directory, "2019-07-gwent-street.csv", []), ""),
        # The name's month is not the rows'.
        (write(directory, "2019-08-gwent-street.csv", numbered(3, "2019-09")), ""),
        # A shrinking republication of a real month: needs confirming.
        (write(directory, "shrunk.csv", [row(Month=real[0].name[:7])]), real[0].name),
        (directory / "latin1.csv", "2019-10-gwent-street.csv"),
        (
            write(directory, "ragged.csv", [*numbered(3, "2019-11"), "a,b"]),
            "2019-11-gwent-street.csv",
        ),
        # No month in its name: its rows' one month.
        (write(directory, "upload.csv", numbered(7, "2019-12")), ""),
        (
            write(
                directory,
                "other-force.csv",
                numbered(
                    2,
                    "2019-12",
                    **{"Reported by": "Dyfed-Powys Police", "Falls within": "Dyfed-Powys Police"},
                ),
            ),
            "",
        ),
        (real[2], real[2].name),
        (real[3], real[3].name),
    ]
    (directory / "latin1.csv").write_bytes(
        (HEADER + "\n" + row(Month="2019-10", Location="Caf\u00e9") + "\n").encode("latin-1")
    )
    return files


def run(
    warehouse: Warehouse,
    geo: Geography,
    files: list[tuple[Path, str]],
    bulk: bool,
    trail: MemoryAuditTrail,
    options: IngestOptions | None = None,
) -> tuple[list[dict[str, Any]], list[int]]:
    parse = StreetParser() if bulk else parse_police_uk
    hook = Recorder()
    services = Services(audit=trail, agreements=lambda: (), after_import=(hook,))
    outcomes = ingest_batch(
        warehouse,
        geo,
        [IngestFile(path, "police_uk_street", parse, name=name) for path, name in files],
        services,
        actor="test",
        channel="cli",
        options=options,
    )
    return [o.as_dict() for o in outcomes], hook.calls


def tables(warehouse: Warehouse) -> dict[str, list[tuple[Any, ...]]]:
    """Every row an import writes (all columns but the time of import), in order."""
    with warehouse.connect(read_only=True) as con:
        return {
            "imports": con.execute(
                "select * exclude (imported_at) from imports order by import_id"
            ).fetchall(),
            "import_coverage": con.execute("select * from import_coverage order by all").fetchall(),
            "incidents": con.execute("select * from incidents order by import_id, line").fetchall(),
            "quarantine": con.execute("select * from quarantine order by all").fetchall(),
        }


def entries(trail: MemoryAuditTrail) -> list[tuple[str, str, dict[str, Any]]]:
    return [(e.record.action, e.record.target, json.loads(e.record.detail)) for e in trail.entries]


def test_files_read_together_import_as_one_at_a_time(
    tmp_path: Path, geo: Geography, shared_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = batch(tmp_path / "files", shared_data)
    together_files: list[str] = []

    def spy(con: Any, files: Any, *args: Any, **kwargs: Any) -> Any:
        together_files.extend(f.file_name for f in files)
        return import_bulk(con, files, *args, **kwargs)

    monkeypatch.setattr(service, "import_bulk", spy)
    alone, together = Warehouse(tmp_path / "alone"), Warehouse(tmp_path / "together")
    alone_trail, together_trail = MemoryAuditTrail(), MemoryAuditTrail()
    expected = run(alone, geo, files, False, alone_trail)
    got = run(together, geo, files, True, together_trail)
    assert got == expected
    statuses = [o["status"] for o in got[0]]
    # The batch has what it is meant to have (so the comparison covers each case).
    assert statuses.count("imported") >= 8, statuses
    assert {"already_imported", "failed", "needs_confirmation"} <= set(statuses)
    assert any(o.get("superseded") for o in got[0]), "an in-batch republication replaces"
    assert tables(together) == tables(alone)
    assert entries(together_trail) == entries(alone_trail)
    # Those read together are those the bulk reading can decide alone.
    assert together_files == [
        "2020-01-gwent-street.csv",
        "2019-01-gwent-street.csv",
        "2019-04-gwent-street.csv",
        "2020-02-gwent-street.csv",
        "2019-01-gwent-street.csv",
        "2020-02-gwent-street.csv",
        "2020-01-gwent-street.csv",
        "upload.csv",
        "other-force.csv",
        "2020-03-gwent-street.csv",
        "2020-04-gwent-street.csv",
    ]


def test_a_second_batch_supersedes_and_refuses_as_one_at_a_time(
    tmp_path: Path, geo: Geography, shared_data: Path
) -> None:
    files = batch(tmp_path / "files", shared_data)
    alone, together = Warehouse(tmp_path / "alone"), Warehouse(tmp_path / "together")
    alone_trail, together_trail = MemoryAuditTrail(), MemoryAuditTrail()
    confirm = IngestOptions(confirm_shrink=True, confirm_repeated=True)
    for options in (None, confirm):
        expected = run(alone, geo, files[::-1], False, alone_trail, options)
        got = run(together, geo, files[::-1], True, together_trail, options)
        assert got == expected
    assert tables(together) == tables(alone)
    assert entries(together_trail) == entries(alone_trail)


@pytest.mark.parametrize("fail_at", [1, 3])
def test_an_import_the_trail_cannot_record_is_not_written_nor_those_after_it(
    tmp_path: Path, geo: Geography, shared_data: Path, fail_at: int
) -> None:
    files = batch(tmp_path / "files", shared_data)
    alone, together = Warehouse(tmp_path / "alone"), Warehouse(tmp_path / "together")
    alone_trail, together_trail = FailingTrail(fail_at=fail_at), FailingTrail(fail_at=fail_at)
    for warehouse, trail, bulk in ((alone, alone_trail, False), (together, together_trail, True)):
        with pytest.raises(RuntimeError, match="the trail is down"):
            run(warehouse, geo, files, bulk, trail)
    assert tables(together) == tables(alone)
    assert len(tables(together)["imports"]) == fail_at - 1
    assert entries(together_trail) == entries(alone_trail)
