"""``diogel ingest`` goes through the one import pipeline: supersession by period, the
shrink and repetition confirmations, ``imports reinstate``, one audit entry per file and
the site's hooks. Needs the site's database (its audit trail and agreements)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from django.conf import settings
from django.test import override_settings
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.settings import load_settings
from diogel.sources.synthetic.istv import write_months
from diogel.warehouse import Warehouse
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.django_db

runner = CliRunner()
DECEMBER = SHARED_DATA / "police-uk" / "gwent" / "2021-12-gwent-street.csv"
TABLES = ("imports", "import_coverage", "incidents", "incident_detail", "quarantine")


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The command line and the site's hooks on the same private warehouse."""
    assert SHARED_DATA.is_dir(), f"{SHARED_DATA} is missing"
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(SHARED_DATA))
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(tmp_path / "var"))
    private = dataclasses.replace(
        settings.DIOGEL,
        var_dir=tmp_path / "var",
        warehouse_dir=tmp_path / "var" / "warehouse",
        pseudonym_keys_dir=tmp_path / "var" / "pseudonym-keys",
    )
    with override_settings(DIOGEL=private):
        yield


def run(*args: str) -> tuple[int, object, str]:
    result = runner.invoke(app, list(args))
    try:
        return result.exit_code, json.loads(result.stdout), result.stderr
    except json.JSONDecodeError:
        return result.exit_code, result.stdout, result.stderr


def imports() -> list[tuple[int, str, str, int]]:
    with Warehouse(load_settings().warehouse_dir).connect() as con:
        return con.execute(
            "select import_id, status, file_name, rows_accepted from imports order by import_id"
        ).fetchall()


def table_rows() -> dict[str, int]:
    with Warehouse(load_settings().warehouse_dir).connect() as con:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]


def counted(source: str) -> int:
    code, rows, _ = run("counts", "--source", source, "--by", "source", "--json")
    assert code == 0
    assert isinstance(rows, list)
    return sum(r["count"] for r in rows)


def test_a_13_row_december_does_not_replace_4546_without_confirmation(tmp_path: Path) -> None:
    raw = pd.read_csv(DECEMBER, dtype=str)
    assert run("ingest", "police-uk", str(DECEMBER))[0] == 0
    short = tmp_path / "resent" / DECEMBER.name
    short.parent.mkdir()
    raw.head(13).to_csv(short, index=False)
    before = table_rows()

    code, _, err = run("ingest", "police-uk", str(short))
    assert code == 1
    assert "13 rows would replace 4,546" in err
    assert "--confirm-shrink" in err
    assert table_rows() == before
    [(first, status, _, accepted)] = imports()
    assert (status, accepted) == ("current", len(raw))
    assert counted("police_uk_street") == len(raw)

    code, results, _ = run("ingest", "police-uk", str(short), "--confirm-shrink", "--json")
    assert code == 0
    assert isinstance(results, list)
    assert results[0]["superseded"] == [first]
    assert results[0]["confirmations_given"] == ["shrink"]
    assert counted("police_uk_street") == 13

    # The original comes back, exactly as it was, and the reinstatement is recorded.
    code, out, _ = run("imports", "reinstate", str(first), "--reason", "13-row file in error")
    assert code == 0, out
    assert counted("police_uk_street") == len(raw)
    assert [(i[0], i[1]) for i in imports()] == [(first, "current"), (first + 1, "superseded")]
    from diogel.web.audit.models import Entry

    reinstated = Entry.objects.get(action="reinstate")
    assert (reinstated.target, reinstated.channel) == (f"import {first}", "cli")
    code, _, err = run("imports", "reinstate", str(first), "--reason", "again")
    assert code == 1
    assert "current already" in err


def test_a_file_of_its_rows_repeated_60_times_needs_confirmation(tmp_path: Path) -> None:
    block = pd.read_csv(DECEMBER, dtype=str).head(40)
    repeated = tmp_path / DECEMBER.name
    pd.concat([block] * 60).to_csv(repeated, index=False)
    code, _, err = run("ingest", "police-uk", str(repeated))
    assert code == 1
    assert "one block of 40 rows repeated 60 times" in err
    assert imports() == []
    assert run("ingest", "police-uk", str(repeated), "--confirm-repeated")[0] == 0
    assert counted("police_uk_street") == 2400


@pytest.fixture
def ed_agreement() -> str:
    """A DDA for ED data disclosed by the organisation of the person at the terminal."""
    from diogel.web.accounts.models import Organisation, User
    from tests.web.agreements.test_agreements import make_agreement

    health_board, _ = Organisation.objects.get_or_create(
        slug="aneurin-bevan-uhb",
        defaults={"name_en": "Aneurin Bevan UHB", "name_cy": "BIP Aneurin Bevan", "kind": "other"},
    )
    Organisation.objects.get_or_create(
        slug="gwent-police", defaults={"name_en": "Gwent Police", "name_cy": "Heddlu Gwent"}
    )
    User.objects.create(username=getpass.getuser(), organisation=health_board)
    agreement = make_agreement("dda-ed", ends=None)
    agreement.disclosing_parties.add(health_board)
    return agreement.reference


def test_a_quarterly_ed_file_over_three_months_counts_each_attendance_once(
    tmp_path: Path, ed_agreement: str
) -> None:
    written = write_months(tmp_path / "months", dt.date(2021, 1, 1), 3)
    site = written[0].name.split("-istv-")[1][: -len("-2021-01.csv")]
    months = sorted(p for p in written if f"-istv-{site}-" in p.name)
    frame = pd.concat(pd.read_csv(p, dtype=str, keep_default_na=False) for p in months)
    attendances = len(frame)  # independent of Diogel: the rows of the three files
    frame["REPORTING_PERIOD_START_DATE"] = "2021-01-01"
    frame["REPORTING_PERIOD_END_DATE"] = "2021-03-31"
    quarter = tmp_path / f"SYNTHETIC-istv-{site}-2021-Q1.csv"
    frame.to_csv(quarter, index=False)

    assert run("ingest", "istv", "--agreement", ed_agreement, *map(str, months))[0] == 0
    assert counted("istv") == attendances
    code, results, _ = run("ingest", "istv", "--agreement", ed_agreement, str(quarter), "--json")
    assert code == 0, results
    assert counted("istv") == attendances  # not twice: the quarter replaced its months
    assert isinstance(results, list)
    assert len(results[0]["superseded"]) == 3

    # A new edition of a month inside the current quarter is refused, naming the quarter.
    february = tmp_path / "resent" / months[1].name
    february.parent.mkdir()
    pd.read_csv(months[1], dtype=str, keep_default_na=False).iloc[1:].to_csv(february, index=False)
    code, _, err = run("ingest", "istv", "--agreement", ed_agreement, str(february))
    assert code == 1
    assert f"partly overlaps import {results[0]['import_id']} ({quarter.name}" in err
    assert counted("istv") == attendances


def test_protected_data_needs_an_agreement(tmp_path: Path, ed_agreement: str) -> None:
    [path] = write_months(tmp_path / "m", dt.date(2021, 3, 1), 1)[:1]
    code, _, err = run("ingest", "istv", str(path))
    assert code == 1
    assert "name the data-sharing agreement it came under (--agreement REF)" in err
    code, _, err = run(
        "ingest", "istv", "--agreement", "dda-ed", "--provider", "gwent-police", str(path)
    )
    assert code == 1
    assert "gwent-police is not a disclosing party of dda-ed" in err
    assert imports() == []


class Recorder:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, result: object) -> list[str]:
        self.calls.append(result.import_id)  # type: ignore[attr-defined]
        return [f"hook saw import {result.import_id}"]  # type: ignore[attr-defined]


def test_each_import_leaves_one_audit_entry_and_runs_the_sites_hooks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from diogel.web.audit.models import Entry
    from diogel.web.imports import hooks

    recompute, reports = Recorder(), Recorder()
    monkeypatch.setattr(hooks, "recompute_measures", recompute)
    monkeypatch.setattr(hooks, "queue_due_reports", reports)
    files = sorted((SHARED_DATA / "police-uk" / "gwent").glob("2021-1[12]-*.csv"))
    code, out, _ = run("ingest", "police-uk", *map(str, files), str(files[0]))
    assert code == 0
    ids = [i[0] for i in imports()]
    assert len(ids) == 2
    entries = list(Entry.objects.order_by("entry_id"))
    assert [(e.action, e.target, e.channel) for e in entries] == [
        ("import", f"import {ids[0]}", "cli"),
        ("import", f"import {ids[1]}", "cli"),
        ("import", f"import {ids[0]}", "cli"),  # sent again: nothing added, still recorded
    ]
    assert entries[0].actor == getpass.getuser()
    assert json.loads(entries[0].detail)["sha256"]
    # Each hook once per file imported (not for the file sent again).
    assert recompute.calls == ids
    assert reports.calls == ids
    assert f"hook saw import {ids[0]}" in str(out)


def test_the_real_hooks_queue_the_new_months_reports(tmp_path: Path) -> None:
    from diogel.web.reports.models import Report

    with override_settings(
        DIOGEL=dataclasses.replace(settings.DIOGEL, report_areas=("W15000003",))
    ):
        assert run("ingest", "police-uk", str(DECEMBER))[0] == 0
    [report] = Report.objects.all()
    assert report.parameters == {"area": "W15000003", "month": "2021-12"}
