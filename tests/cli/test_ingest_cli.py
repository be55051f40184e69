"""``diogel ingest``, ``imports`` and ``counts`` end to end on real and SYNTHETIC files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from diogel.cli.main import app

runner = CliRunner()
# Imports are recorded in the site's audit trail, under the site's agreements.
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def env(shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(shared_data))
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(tmp_path / "var"))


def run(*args: str) -> tuple[int, object]:
    result = runner.invoke(app, list(args))
    try:
        return result.exit_code, json.loads(result.stdout)
    except json.JSONDecodeError:
        return result.exit_code, result.output


def site_entries() -> list[tuple[str, str, str]]:
    """(action, target, channel) of every entry in the site's audit trail, in order."""
    from diogel.web.audit.models import Entry

    return list(Entry.objects.order_by("entry_id").values_list("action", "target", "channel"))


@pytest.mark.django_db
def test_police_uk_ingest_counts_and_provenance(shared_data: Path, tmp_path: Path) -> None:
    files = sorted((shared_data / "police-uk" / "gwent").glob("2021-0[12]-*.csv"))
    bad = tmp_path / "2021-03-gwent-street.csv"
    bad.write_text("not,a,police,file\n1,2,3,4\n", encoding="utf-8")
    code, results = run("ingest", "police-uk", *map(str, files), str(bad), "--json")
    assert code == 1, "a failed file makes the command fail"
    assert isinstance(results, list)
    assert [r["status"] for r in results] == ["imported", "imported", "failed"]
    assert "missing column" in results[2]["error"]

    code, counts = run("counts", "--by", "month", "--json")
    raw = pd.concat(pd.read_csv(f, dtype=str) for f in files)
    assert counts == [{"month": m, "count": int(n)} for m, n in raw.groupby("Month").size().items()]

    code, imports = run("imports", "list", "--json")
    assert code == 0
    assert isinstance(imports, list)
    assert {i["file_name"] for i in imports} == {f.name for f in files}
    before = site_entries()
    code, shown = run("imports", "show", str(imports[0]["import_id"]), "--json")
    assert isinstance(shown, dict)
    assert shown["import"]["sha256"]
    assert run("imports", "show", "999")[0] == 2
    # One view, one entry, in the site's trail; an unknown import shows nothing.
    assert site_entries()[len(before) :] == [
        ("view_import_report", f"import {imports[0]['import_id']}", "cli")
    ]


def test_counts_for_an_area_by_welsh_name(shared_data: Path) -> None:
    path = shared_data / "police-uk" / "gwent" / "2021-05-gwent-street.csv"
    run("ingest", "police-uk", str(path))
    code, rows = run("counts", "--by", "crime_type", "--area", "Casnewydd", "--json")
    assert code == 0
    assert isinstance(rows, list)
    assert sum(r["count"] for r in rows) > 1000
    assert run("counts", "--by", "colour")[0] == 2
    assert run("counts", "--from", "May")[0] == 2


def test_synthetic_istv_and_generic_ingest(
    tmp_path: Path, under_agreement: Callable[..., list[str]]
) -> None:
    out = tmp_path / "istv"
    assert run("synthetic", "istv", "--out", str(out), "--months", "1")[0] == 0
    ed = under_agreement("dda-ed", "istv")
    code, results = run("ingest", "istv", *ed, *map(str, sorted(out.glob("*.csv"))), "--json")
    assert code == 0
    assert isinstance(results, list)
    assert all(r["status"] == "imported" for r in results)
    extract = tmp_path / "fire.csv"
    extract.write_text(
        "IncidentNumber,IncidentDate,IncidentTime,IncidentType,Motive,LSOA,PropertyType\n"
        "F1,06/03/2021,23:15,Secondary fire,Deliberate,W01001870,Refuse\n",
        encoding="utf-8",
    )
    code, results = run(
        "ingest",
        "generic",
        "--mapping",
        "fire_incidents.toml",
        "--supplier",
        "South Wales Fire and Rescue Service",
        *under_agreement("dda-fire", "fire"),
        str(extract),
        "--json",
    )
    assert code == 0, results
    code, rows = run("counts", "--by", "source,category", "--json")
    assert {"source": "fire", "category": "criminal_damage_arson", "count": 1} in rows  # type: ignore[operator]
    assert (
        run("ingest", "generic", "--mapping", "nope.toml", "--supplier", "x", str(extract))[0] == 2
    )


@pytest.mark.django_db
def test_identifiers_need_an_agreement_which_is_recorded(
    tmp_path: Path, under_agreement: Callable[..., list[str]]
) -> None:
    out = tmp_path / "yj"
    assert run("synthetic", "youth-justice", "--out", str(out))[0] == 0
    [extract] = out.glob("SYNTHETIC-*.csv")
    args = ("ingest", "generic", "--mapping", "youth_justice_synthetic.toml", "--supplier", "YJS")
    code, output = run(*args, str(extract))
    assert code == 1
    assert "--agreement" in str(output)
    assert run("imports", "list", "--json")[1] == []
    code, results = run(*args, *under_agreement("dda-yj", "youth_justice"), str(extract), "--json")
    assert code == 0
    assert isinstance(results, list)
    import_id = results[0]["import_id"]
    code, imports = run("imports", "list", "--json")
    assert imports[0]["agreement"] == "dda-yj"  # type: ignore[index]
    assert (tmp_path / "var" / "pseudonym-keys" / "dda-yj.key").stat().st_mode & 0o077 == 0

    before = site_entries()
    code, purged = run("imports", "purge", str(import_id), "--reason", "test", "--json")
    assert code == 0
    assert purged[0]["status"] == "purged"  # type: ignore[index]
    assert run("imports", "purge", "999", "--reason", "typo")[0] == 2
    assert run("imports", "purge", str(import_id), "--reason", "again")[0] == 0
    # One purge, one entry in the site's trail (none for the typo, none for again).
    assert site_entries()[len(before) :] == [("purge", f"import {import_id}", "cli")]
    code, output = run("audit", "verify", "--full")
    assert code == 0
    assert "audit trail intact" in str(output)
    assert run("imports", "verify-audit")[0] == 2  # moved to `diogel audit verify`


def test_istv_ingest_records_its_agreement(
    tmp_path: Path, under_agreement: Callable[..., list[str]]
) -> None:
    out = tmp_path / "istv"
    run("synthetic", "istv", "--out", str(out), "--months", "1")
    first = sorted(out.glob("*.csv"))[0]
    ed = under_agreement("dda-istv", "istv")
    code, _results = run("ingest", "istv", str(first), *ed, "--json")
    assert code == 0
    code, imports = run("imports", "list", "--json")
    assert imports[0]["agreement"] == "dda-istv"  # type: ignore[index]
    assert imports[0]["provider"] == ed[-1]  # type: ignore[index]
