"""``diogel ingest``: a supplier must be the body the file names; files sent again say
what their import is now; nil returns are imported as reported zeros."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.settings import load_settings
from diogel.warehouse import Warehouse
from diogel.warehouse.coverage import reported_months
from tests.conftest import SHARED_DATA

runner = CliRunner()
# Imports are recorded in the site's audit trail, under the site's agreements.
pytestmark = pytest.mark.django_db
GWENT_FILE = SHARED_DATA / "police-uk" / "gwent" / "2021-01-gwent-street.csv"
TABLES = (
    "imports",
    "incidents",
    "incident_detail",
    "quarantine",
    "crime_outcomes",
    "import_coverage",
    "audit_log",
)


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real data is needed: fail, never skip, when it is missing.
    assert SHARED_DATA.is_dir(), f"{SHARED_DATA} is missing"
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(SHARED_DATA))
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(tmp_path / "var"))


def as_force(tmp_path: Path, force: str, slug: str, month: str = "2021-01") -> Path:
    """The real Gwent file for ``month`` with its force columns naming ``force``."""
    source = SHARED_DATA / "police-uk" / "gwent" / f"{month}-gwent-street.csv"
    text = source.read_text(encoding="utf-8")
    assert text.count(",Gwent Police,Gwent Police,") == text.count("\n") - 1
    path = tmp_path / f"{month}-{slug}-street.csv"
    path.write_text(text.replace(",Gwent Police,Gwent Police,", f",{force},{force},"), "utf-8")
    return path


def ingest(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["ingest", *args])
    return result.exit_code, result.stdout, result.stderr


def state() -> tuple[dict[str, int], list[tuple[object, ...]], bytes]:
    """Rows per table, every import's identity and status, and the catalogue's bytes."""
    warehouse = Warehouse(load_settings().warehouse_dir)
    with warehouse.connect() as con:
        rows = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
        imports = con.execute(
            "select import_id, status, supplier, sha256 from imports order by import_id"
        ).fetchall()
    return rows, imports, warehouse.catalogue_path.read_bytes()


def test_a_file_from_another_force_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    dyfed = as_force(tmp_path, "Dyfed-Powys Police", "dyfed-powys")
    north = as_force(tmp_path, "North Wales Police", "north-wales")
    assert ingest("police-uk", str(dyfed))[0] == 0
    before = state()

    code, out, err = ingest("police-uk", str(north), "--supplier", "Dyfed-Powys Police")
    assert code == 1
    assert out == ""
    assert "the supplier 'Dyfed-Powys Police' does not agree with the file" in err
    assert "Reported by North Wales Police; Falls within North Wales Police" in err
    assert "--supplier-mismatch-reason" in err
    assert state() == before

    code, out, _ = ingest("police-uk", str(north), "--supplier", "Dyfed-Powys Police", "--json")
    assert code == 1
    [result] = json.loads(out)
    assert result["status"] == "failed"
    assert "North Wales Police" in result["error"]
    assert state() == before
    rows, imports, _ = before
    assert [(i[0], i[1], i[2]) for i in imports] == [(1, "current", "Dyfed-Powys Police")]
    assert rows["incidents"] == 5527


def test_the_supplier_matches_ignoring_case_and_keeps_the_files_spelling(tmp_path: Path) -> None:
    north = as_force(tmp_path, "North Wales Police", "north-wales")
    code, out, _ = ingest("police-uk", str(north), "--supplier", "north wales  POLICE", "--json")
    assert code == 0
    [result] = json.loads(out)
    assert result["supplier"] == "North Wales Police"
    assert result["supplier_mismatch_reason"] is None


@pytest.mark.django_db  # `imports show`/`purge` are recorded in the site's audit trail
def test_an_override_is_allowed_with_a_reason_that_is_recorded(tmp_path: Path) -> None:
    north = as_force(tmp_path, "North Wales Police", "north-wales")
    code, out, _ = ingest(
        "police-uk",
        str(north),
        "--supplier",
        "Dyfed-Powys Police",
        "--supplier-mismatch-reason",
        "sent by Dyfed-Powys for the joint operation",
    )
    assert code == 0, out
    assert "supplier mismatch accepted" in out
    listed = json.loads(runner.invoke(app, ["imports", "list", "--json"]).stdout)
    assert listed[0]["supplier"] == "Dyfed-Powys Police"
    assert listed[0]["supplier_mismatch_reason"] == (
        "Reported by North Wales Police; Falls within North Wales Police; "
        "accepted because: sent by Dyfed-Powys for the joint operation"
    )
    shown = json.loads(runner.invoke(app, ["imports", "show", "1", "--json"]).stdout)
    assert "joint operation" in shown["import"]["supplier_mismatch_reason"]
    # Counted as the supplier's: its force area is the reporting area.
    warehouse = Warehouse(load_settings().warehouse_dir)
    assert reported_months(warehouse, "police_uk_street") == {"W15000002": {"2021-01"}}


@pytest.mark.django_db  # `imports show`/`purge` are recorded in the site's audit trail
def test_a_file_sent_again_says_whether_it_is_counted(tmp_path: Path) -> None:
    older = tmp_path / "old" / "2021-01-gwent-street.csv"
    older.parent.mkdir()
    lines = GWENT_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    older.write_text("".join(lines[:-10]), encoding="utf-8")  # an earlier, shorter edition
    assert ingest("police-uk", str(older))[0] == 0
    assert ingest("police-uk", str(GWENT_FILE))[0] == 0
    before = state()

    code, out, _ = ingest("police-uk", str(older))
    assert code == 0
    assert "already imported and SUPERSEDED by import 2: not counted" in out
    code, out, _ = ingest("police-uk", str(older), "--json")
    [result] = json.loads(out)
    assert (result["status"], result["existing_status"], result["superseded_by"]) == (
        "already_imported",
        "superseded",
        2,
    )
    code, out, _ = ingest("police-uk", str(GWENT_FILE))
    assert "already imported and current: nothing added" in out
    assert state()[:2] == before[:2]

    assert runner.invoke(app, ["imports", "purge", "2", "--reason", "test"]).exit_code == 0
    code, out, _ = ingest("police-uk", str(GWENT_FILE))
    assert code == 0
    assert "already imported and PURGED: not counted" in out


def test_an_istv_nil_return_is_a_reported_zero(
    tmp_path: Path, under_agreement: Callable[..., list[str]]
) -> None:
    from diogel.sources.istv import CSV_COLUMNS

    ed = under_agreement("dda-ed", "istv")
    nil = tmp_path / "ed-return.csv"
    nil.write_text(",".join(CSV_COLUMNS) + "\n", encoding="utf-8")
    code, _, err = ingest("istv", *ed, str(nil))
    assert code == 1
    assert "header but no rows" in err
    for month in ("2021-02", "2021-03"):  # the same bytes each month: two imports
        code, out, _ = ingest("istv", *ed, str(nil), "--period", month, "--site", "SYN-UHW")
        assert code == 0, out
        assert "a nil return" in out
    named = tmp_path / "SYNTHETIC-istv-SYN-MORR-2021-02.csv"
    named.write_bytes(nil.read_bytes())
    assert ingest("istv", *ed, str(named))[0] == 0

    warehouse = Warehouse(load_settings().warehouse_dir)
    assert reported_months(warehouse, "istv") == {
        "W11000029": {"2021-02", "2021-03"},  # Cardiff and Vale (University Hospital of Wales)
        "W11000031": {"2021-02"},  # Swansea Bay (Morriston)
    }
    counted = runner.invoke(app, ["counts", "--source", "istv", "--json"])
    assert json.loads(counted.stdout) == []
    with warehouse.connect() as con:
        assert con.execute("select count(*) from incidents").fetchone() == (0,)
        assert con.execute("select count(*) from imports").fetchone() == (3,)


def test_an_istv_site_must_be_the_files_site(
    tmp_path: Path, under_agreement: Callable[..., list[str]]
) -> None:
    ed = under_agreement("dda-ed", "istv")
    out = tmp_path / "istv"
    runner.invoke(app, ["synthetic", "istv", "--out", str(out), "--months", "1"])
    path = sorted(out.glob("SYNTHETIC-istv-SYN-UHW-*.csv"))[0]
    code, _, err = ingest("istv", *ed, str(path), "--site", "SYN-MORR")
    assert code == 1
    assert "the site 'SYN-MORR' does not agree with the file" in err
    assert "(SITE_CODE_OF_TREATMENT SYN-UHW)" in err
    code, _, err = ingest(
        "istv", *ed, str(path), "--site", "SYN-MORR", "--supplier-mismatch-reason", "renamed site"
    )
    assert code == 0
    listed = json.loads(runner.invoke(app, ["imports", "list", "--json"]).stdout)
    assert listed[0]["supplier"] == "SYN-MORR"
    assert listed[0]["supplier_mismatch_reason"].endswith("accepted because: renamed site")


def test_a_generic_nil_return_needs_its_period(
    tmp_path: Path, under_agreement: Callable[..., list[str]]
) -> None:
    extract = tmp_path / "fire.csv"
    extract.write_text(
        "IncidentNumber,IncidentDate,IncidentTime,IncidentType,Motive,LSOA,PropertyType\n",
        encoding="utf-8",
    )
    args = (
        "generic",
        "--mapping",
        "fire_incidents.toml",
        "--supplier",
        "MWWFRS",
        *under_agreement("dda-fire", "fire"),
        str(extract),
    )
    code, _, err = ingest(*args)
    assert code == 1
    assert "give its month (YYYY-MM) as the period" in err
    code, out, _ = ingest(*args, "--period", "2021-06")
    assert code == 0, out
    warehouse = Warehouse(load_settings().warehouse_dir)
    assert reported_months(warehouse, "fire") == {None: {"2021-06"}}
