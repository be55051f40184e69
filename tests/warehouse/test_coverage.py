"""Coverage records: which reporting body reported which months, kept right through
supersession, purges and schema upgrades."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from diogel.audit import MemoryAuditTrail
from diogel.geography import Geography
from diogel.sources.istv import CSV_COLUMNS, parse_istv_file
from diogel.sources.synthetic.istv import site_health_boards
from diogel.warehouse import Warehouse
from diogel.warehouse.coverage import reported_months
from diogel.warehouse.imports import import_parsed
from diogel.warehouse.purge import purge_imports
from diogel.warehouse.schema import SCHEMA_VERSION
from tests.conftest import SHARED_DATA
from tests.helpers import GWENT, ingest

GWENT_AREA = "W15000003"
V2_DDL = (Path(__file__).parent / "schema_v2.sql").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def need_data() -> None:
    # The real data is needed: fail, never skip, when it is missing.
    assert SHARED_DATA.is_dir(), f"{SHARED_DATA} is missing"


def shorter_edition(tmp_path: Path, month: str) -> Path:
    """An earlier (shorter) edition of a real Gwent month, under the same name."""
    real = SHARED_DATA / GWENT / f"{month}-gwent-street.csv"
    path = tmp_path / "old" / real.name
    path.parent.mkdir(exist_ok=True)
    path.write_text(
        "".join(real.read_text(encoding="utf-8").splitlines(keepends=True)[:-5]), "utf-8"
    )
    return path


def coverage_rows(warehouse: Warehouse) -> list[tuple[object, ...]]:
    with warehouse.connect() as con:
        return con.execute(
            "select import_id, source, reporting_area, strftime(month, '%Y-%m') "
            "from import_coverage order by all"
        ).fetchall()


def test_every_real_gwent_month_is_reported_by_gwent(gwent_warehouse: Warehouse) -> None:
    months = {f"{y}-{m:02d}" for y in (2020, 2021) for m in range(1, 13)}
    assert reported_months(gwent_warehouse, "police_uk_street") == {GWENT_AREA: months}
    assert reported_months(gwent_warehouse, "police_uk_street", "2021-11", "2022-03") == {
        GWENT_AREA: {"2021-11", "2021-12"}
    }
    assert reported_months(gwent_warehouse, "istv") == {}
    with pytest.raises(ValueError, match="not a month"):
        reported_months(gwent_warehouse, "police_uk_street", "2021-1")


def test_superseded_and_purged_imports_do_not_count(tmp_path: Path, geo: Geography) -> None:
    warehouse = Warehouse(tmp_path / "w")
    first = ingest(warehouse, geo, shorter_edition(tmp_path, "2021-01"))
    feb = ingest(warehouse, geo, SHARED_DATA / GWENT / "2021-02-gwent-street.csv")
    assert reported_months(warehouse, "police_uk_street") == {GWENT_AREA: {"2021-01", "2021-02"}}

    second = ingest(warehouse, geo, SHARED_DATA / GWENT / "2021-01-gwent-street.csv")
    assert second.superseded == (first.import_id,)
    assert reported_months(warehouse, "police_uk_street") == {GWENT_AREA: {"2021-01", "2021-02"}}
    with warehouse.connect() as con:
        counted = con.execute("select distinct import_id from current_coverage order by 1")
        assert [r[0] for r in counted.fetchall()] == [feb.import_id, second.import_id]

    purge_imports(warehouse, [second.import_id], "test", "agreement ended", MemoryAuditTrail())
    assert reported_months(warehouse, "police_uk_street") == {GWENT_AREA: {"2021-02"}}
    # The rows stay as provenance: purges keep an import's counts, and its coverage.
    kept = [(first.import_id, "2021-01"), (feb.import_id, "2021-02"), (second.import_id, "2021-01")]
    assert coverage_rows(warehouse) == [
        (i, "police_uk_street", GWENT_AREA, m) for i, m in sorted(kept)
    ]


def test_a_failed_import_writes_no_coverage(
    tmp_path: Path, geo: Geography, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = Warehouse(tmp_path / "w")
    ingest(warehouse, geo, SHARED_DATA / GWENT / "2021-02-gwent-street.csv")

    def crash(name: str) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("diogel.warehouse.imports._failpoint", crash)
    with pytest.raises(RuntimeError):
        ingest(warehouse, geo, SHARED_DATA / GWENT / "2021-03-gwent-street.csv")
    assert [r[3] for r in coverage_rows(warehouse)] == ["2021-02"]


def test_a_nil_return_covers_its_months_with_no_incidents(tmp_path: Path, geo: Geography) -> None:
    warehouse = Warehouse(tmp_path / "w")
    path = tmp_path / "istv.xml"
    path.write_text(
        "<ISTVSubmission><SubmissionHeader>"
        "<ReportingPeriodStartDate>2021-01-01</ReportingPeriodStartDate>"
        "<ReportingPeriodEndDate>2021-03-31</ReportingPeriodEndDate>"
        "<SiteCodeOfTreatment>SYN-GUH</SiteCodeOfTreatment>"
        "</SubmissionHeader></ISTVSubmission>",
        encoding="utf-8",
    )
    parsed = parse_istv_file(path, site_health_boards=site_health_boards())
    result = import_parsed(warehouse, parsed, path, geo, imported_by="test")
    assert (result.status, result.rows_read, result.rows_accepted) == ("imported", 0, 0)
    # Aneurin Bevan (The Grange University Hospital), every month of the quarter.
    assert reported_months(warehouse, "istv") == {"W11000028": {"2021-01", "2021-02", "2021-03"}}
    with warehouse.connect() as con:
        assert con.execute("select count(*) from incidents").fetchone() == (0,)


def test_a_csv_nil_return_needs_a_period_and_site(tmp_path: Path) -> None:
    from diogel.sources.base import BadFileError

    path = tmp_path / "return.csv"
    path.write_text(",".join(CSV_COLUMNS) + "\n", encoding="utf-8")
    with pytest.raises(BadFileError, match="header but no rows"):
        parse_istv_file(path)
    parsed = parse_istv_file(path, period="2021-04", site="SYN-UHW")
    assert (str(parsed.period_start), str(parsed.period_end), parsed.supplier) == (
        "2021-04-01",
        "2021-04-30",
        "SYN-UHW",
    )
    assert parsed.rows.empty
    with pytest.raises(BadFileError, match="not a month"):
        parse_istv_file(path, period="April", site="SYN-UHW")


def _downgrade_to_3(warehouse: Warehouse) -> None:
    with duckdb.connect(str(warehouse.catalogue_path)) as con:
        con.execute("drop view current_coverage")
        con.execute("drop table import_coverage")
        con.execute("alter table imports drop column supplier_mismatch_reason")
        con.execute("update schema_info set version = 3")


def test_a_version_3_warehouse_gains_coverage_in_place(tmp_path: Path, geo: Geography) -> None:
    warehouse = Warehouse(tmp_path / "w")
    jan = ingest(warehouse, geo, SHARED_DATA / GWENT / "2021-01-gwent-street.csv")
    feb = ingest(warehouse, geo, SHARED_DATA / GWENT / "2021-02-gwent-street.csv")
    purge_imports(warehouse, [feb.import_id], "test", "test", MemoryAuditTrail())
    expected = coverage_rows(warehouse)
    _downgrade_to_3(warehouse)

    with warehouse.connect() as con:
        assert con.execute("select version from schema_info").fetchone() == (SCHEMA_VERSION,)
        reasons = con.execute("select supplier_mismatch_reason from imports").fetchall()
    assert reasons == [(None,), (None,)]
    # The purged import has no incidents left: its area comes from its supplier.
    assert coverage_rows(warehouse) == expected
    assert reported_months(warehouse, "police_uk_street") == {GWENT_AREA: {"2021-01"}}
    assert jan.import_id == 1
    # Upgraded once: opening again changes nothing.
    with warehouse.connect():
        pass
    assert coverage_rows(warehouse) == expected


def test_a_version_2_warehouse_gains_coverage_in_place(tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "w")
    warehouse.directory.mkdir()
    with duckdb.connect(str(warehouse.catalogue_path)) as con:
        con.execute(V2_DDL)
        con.execute("insert into schema_info values (2)")
        con.execute(
            "insert into imports values (1, 'istv', 'ED', 'f.csv', 'x', '2021-03-01', "
            "'2021-04-30', 1, 1, 0, 'me', '2021-05-01', null, null, 'current', null)"
        )
        con.execute(
            "insert into incidents (import_id, line, source, supplier, category, month, "
            "reporting_area, location_basis) values "
            "(1, 2, 'istv', 'ED', 'violence', '2021-03-01', 'W11000028', 'site')"
        )
    assert reported_months(warehouse, "istv") == {"W11000028": {"2021-03", "2021-04"}}
