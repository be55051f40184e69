"""Retention purges delete an import's records in one transaction and keep its provenance."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from diogel.audit import AuditEntry, AuditRecord, MemoryAuditTrail
from diogel.figures.base import count_incidents
from diogel.geography import Geography
from diogel.sources.generic import load_mapping, parse_generic_file, shipped_mappings
from diogel.sources.synthetic.youth_justice import write_extract
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed
from diogel.warehouse.purge import RECORD_TABLES, PurgeError, purge_imports
from diogel.warehouse.queries import import_detail, list_imports

MAPPING = load_mapping(shipped_mappings()["youth_justice_synthetic"])


def load_month(warehouse: Warehouse, geo: Geography, tmp_path: Path, month: int) -> int:
    path, _ = write_extract(tmp_path / "in", dt.date(2021, month, 1), rows=30)
    parsed = parse_generic_file(
        path,
        MAPPING,
        set(geo.hierarchy.lsoa11["code"]),
        "SYNTHETIC YJS",
        agreement="dda-yj",
        keys_dir=tmp_path / "keys",
    )
    return import_parsed(warehouse, parsed, path, geo, "test").import_id


def rows_of(warehouse: Warehouse, import_id: int) -> dict[str, int]:
    with warehouse.connect() as con:
        return {
            t: con.execute(f"select count(*) from {t} where import_id = ?", [import_id]).fetchone()[
                0
            ]  # type: ignore[index]
            for t in RECORD_TABLES
        }


def test_purge_removes_the_records_and_keeps_provenance(geo: Geography, tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "w")
    march, april = load_month(warehouse, geo, tmp_path, 3), load_month(warehouse, geo, tmp_path, 4)
    before = rows_of(warehouse, march)
    assert before["incidents"] > 0
    assert before["quarantine"] > 0
    total_before = sum(r.count for r in count_incidents(warehouse, ["source"]))

    trail = MemoryAuditTrail()
    [result] = purge_imports(warehouse, [march], "controller", "retention ended", trail)

    assert result.status == "purged"
    assert result.rows_removed == before
    assert rows_of(warehouse, march) == dict.fromkeys(RECORD_TABLES, 0)
    assert rows_of(warehouse, april)["incidents"] > 0
    provenance = import_detail(warehouse, march, show_values=False)["import"]  # type: ignore[index]
    assert provenance["status"] == "purged"
    assert provenance["purged_at"] is not None
    assert provenance["rows_accepted"] == before["incidents"]  # counts survive
    total_after = sum(r.count for r in count_incidents(warehouse, ["source"]))
    assert total_after == total_before - before["incidents"]
    [entry] = [e.record for e in trail.entries]
    assert (entry.actor, entry.action, entry.target) == ("controller", "purge", f"import {march}")
    assert (entry.agreement, entry.channel) == ("dda-yj", "cli")
    assert f"incidents={before['incidents']}" in entry.detail
    assert "retention ended" in entry.detail
    # Again: nothing more to do, and nothing more recorded.
    again = purge_imports(warehouse, [march], "controller", "again", trail)
    assert again[0].status == "already_purged"
    assert len(trail.entries) == 1


def test_an_unknown_import_purges_nothing(geo: Geography, tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "w")
    march = load_month(warehouse, geo, tmp_path, 3)
    trail = MemoryAuditTrail()
    with pytest.raises(PurgeError, match="no import 999"):
        purge_imports(warehouse, [march, 999], "controller", "typo", trail)
    assert rows_of(warehouse, march)["incidents"] > 0
    assert [i["status"] for i in list_imports(warehouse)] == ["current"]
    assert trail.entries == []


class FailingTrail(MemoryAuditTrail):
    """A trail that cannot take a purge entry after the first ``works`` appends
    (the site's database going away mid-purge)."""

    def __init__(self, works: int) -> None:
        super().__init__()
        self.works = works

    def append(self, record: AuditRecord) -> AuditEntry:
        if record.action == "purge" and self.works <= 0:
            raise ConnectionError("the site's database went away")
        self.works -= 1
        return super().append(record)


@pytest.mark.parametrize("works", [0, 1])
def test_no_purge_is_done_when_it_cannot_be_recorded(
    geo: Geography, tmp_path: Path, works: int
) -> None:
    warehouse = Warehouse(tmp_path / "w")
    march, april = load_month(warehouse, geo, tmp_path, 3), load_month(warehouse, geo, tmp_path, 4)
    trail = FailingTrail(works)
    with pytest.raises(ConnectionError):
        purge_imports(warehouse, [march, april], "controller", "retention ended", trail)
    assert {i["status"] for i in list_imports(warehouse)} == {"current"}
    assert rows_of(warehouse, march)["incidents"] > 0
    # An entry already committed for the purge that was then not done is followed by
    # one saying so.
    assert [e.record.action for e in trail.entries] == ["purge", "purge_failed"][: works * 2]


def test_a_purged_file_sent_again_does_not_come_back(geo: Geography, tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "w")
    march = load_month(warehouse, geo, tmp_path, 3)
    purge_imports(warehouse, [march], "controller", "retention ended", MemoryAuditTrail())
    # Same file (same SHA-256): recognised, nothing added.
    assert load_month(warehouse, geo, tmp_path, 3) == march
    assert rows_of(warehouse, march)["incidents"] == 0
