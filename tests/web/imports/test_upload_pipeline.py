"""The upload page goes through the one import pipeline: a quarterly ED file replaces
its months, a shrinking or repeated file waits for a confirmation, a partial overlap is
refused, and every upload leaves one audit entry and runs the site's hooks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from diogel.figures.base import count_incidents
from diogel.sources.synthetic.istv import write_months
from diogel.warehouse import Warehouse
from diogel.warehouse.queries import list_imports
from diogel.web.accounts.models import Organisation
from diogel.web.accounts.roles import Role
from diogel.web.audit.models import Entry
from tests.conftest import SHARED_DATA
from tests.web.agreements.test_agreements import make_agreement

pytestmark = pytest.mark.django_db

DECEMBER = SHARED_DATA / "police-uk" / "gwent" / "2021-12-gwent-street.csv"
TABLES = ("imports", "import_coverage", "incidents", "incident_detail", "quarantine")


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[Warehouse]:
    private = dataclasses.replace(
        settings.DIOGEL,
        warehouse_dir=tmp_path / "warehouse",
        pseudonym_keys_dir=tmp_path / "keys",
    )
    with override_settings(DIOGEL=private):
        yield Warehouse(private.warehouse_dir)


@pytest.fixture
def controller(client_for: Callable[[Role], Client]) -> Client:
    """The demo data controller, of Aneurin Bevan University Health Board."""
    return client_for(Role.DATA_CONTROLLER)


def post(client: Client, path: Path, source: str = "police_uk_street", **fields: str) -> object:
    return client.post(
        "/en/imports/upload/",
        {
            "source": source,
            "supplier": "",
            "agreement": "",
            "provider": "",
            **fields,
            "file": SimpleUploadedFile(path.name, path.read_bytes()),
        },
    )


def counted(warehouse: Warehouse, source: str) -> int:
    return sum(r.count for r in count_incidents(warehouse, [], source=source))


def table_rows(warehouse: Warehouse) -> dict[str, object]:
    with warehouse.connect() as con:
        rows: dict[str, object] = {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]  # type: ignore[index]
            for t in TABLES
        }
    rows["statuses"] = [(i["import_id"], i["status"]) for i in list_imports(warehouse)]
    return rows


@pytest.fixture
def ed_agreement(demo_accounts: object) -> str:
    agreement = make_agreement("dda-ed", ends=None)
    agreement.disclosing_parties.add(Organisation.objects.get(slug="aneurin-bevan-uhb"))
    return agreement.reference


def test_a_quarterly_ed_upload_replaces_its_months_and_counts_once(
    controller: Client, warehouse: Warehouse, ed_agreement: str, tmp_path: Path
) -> None:
    written = write_months(tmp_path / "months", dt.date(2021, 1, 1), 3)
    site = written[0].name.split("-istv-")[1][: -len("-2021-01.csv")]
    months = sorted(p for p in written if f"-istv-{site}-" in p.name)
    frame = pd.concat(pd.read_csv(p, dtype=str, keep_default_na=False) for p in months)
    attendances = len(frame)  # independent: the rows of the three monthly files
    frame["REPORTING_PERIOD_START_DATE"] = "2021-01-01"
    frame["REPORTING_PERIOD_END_DATE"] = "2021-03-31"
    quarter = tmp_path / f"SYNTHETIC-istv-{site}-2021-Q1.csv"
    frame.to_csv(quarter, index=False)

    for path in months:
        assert post(controller, path, "istv", agreement=ed_agreement).status_code == 302  # type: ignore[attr-defined]
    assert counted(warehouse, "istv") == attendances
    response = post(controller, quarter, "istv", agreement=ed_agreement)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert counted(warehouse, "istv") == attendances  # each attendance once, not twice
    statuses = [i["status"] for i in list_imports(warehouse)]
    assert sorted(statuses) == ["current", "superseded", "superseded", "superseded"]

    # A new edition of one month inside the quarter is refused, naming the quarter.
    february = tmp_path / "resent" / months[1].name
    february.parent.mkdir()
    pd.read_csv(months[1], dtype=str, keep_default_na=False).iloc[1:].to_csv(february, index=False)
    before = table_rows(warehouse)
    refused = post(controller, february, "istv", agreement=ed_agreement)
    assert refused.status_code == 400  # type: ignore[attr-defined]
    page = refused.content.decode()  # type: ignore[attr-defined]
    assert "only partly overlaps import" in page
    assert f"{quarter.name}, 2021-01-01 to 2021-03-31" in page
    assert table_rows(warehouse) == before


def test_a_13_row_december_waits_for_a_confirmation(
    controller: Client, warehouse: Warehouse, tmp_path: Path
) -> None:
    raw = pd.read_csv(DECEMBER, dtype=str)
    assert post(controller, DECEMBER).status_code == 302  # type: ignore[attr-defined]
    short = tmp_path / DECEMBER.name
    raw.head(13).to_csv(short, index=False)
    before = table_rows(warehouse)

    response = post(controller, short)
    assert response.status_code == 200  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "This file has 13 accepted rows and would replace the 4,546 rows" in page
    assert 'id="id_confirm_shrink" name="confirm_shrink" type="checkbox"' in page
    assert 'name="confirm_repeated"' not in page
    assert table_rows(warehouse) == before
    assert counted(warehouse, "police_uk_street") == len(raw)

    confirmed = post(controller, short, confirm_shrink="on")
    assert confirmed.status_code == 302  # type: ignore[attr-defined]
    assert counted(warehouse, "police_uk_street") == 13
    entry = Entry.objects.filter(action="import").order_by("-entry_id").first()
    assert entry is not None
    assert json.loads(entry.detail)["confirmations"] == ["shrink"]


def test_the_confirmation_is_asked_in_welsh(
    controller: Client, warehouse: Warehouse, tmp_path: Path
) -> None:
    block = pd.read_csv(DECEMBER, dtype=str).head(30)
    repeated = tmp_path / DECEMBER.name
    pd.concat([block] * 60).to_csv(repeated, index=False)
    response = controller.post(
        "/cy/imports/upload/",
        {
            "source": "police_uk_street",
            "file": SimpleUploadedFile(repeated.name, repeated.read_bytes()),
        },
    )
    page = response.content.decode()
    assert "yn un bloc o 30 o resi wedi\u2019i ailadrodd 60 o weithiau" in page
    assert 'name="confirm_repeated"' in page
    assert list_imports(warehouse) == []


def test_a_file_of_its_rows_repeated_60_times_waits_for_a_confirmation(
    controller: Client, warehouse: Warehouse, tmp_path: Path
) -> None:
    block = pd.read_csv(DECEMBER, dtype=str).head(30)
    repeated = tmp_path / DECEMBER.name
    pd.concat([block] * 60).to_csv(repeated, index=False)
    response = post(controller, repeated)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "one block of 30 rows repeated 60 times" in response.content.decode()  # type: ignore[attr-defined]
    assert list_imports(warehouse) == []
    assert post(controller, repeated, confirm_repeated="on").status_code == 302  # type: ignore[attr-defined]
    assert counted(warehouse, "police_uk_street") == 1800


def test_the_provider_must_be_a_disclosing_party(
    controller: Client, warehouse: Warehouse, ed_agreement: str, tmp_path: Path
) -> None:
    [path] = write_months(tmp_path / "m", dt.date(2021, 3, 1), 1)[:1]
    page = controller.get("/en/imports/upload/").content.decode()
    assert '<option value="aneurin-bevan-uhb" selected>' in page
    response = post(controller, path, "istv", agreement=ed_agreement, provider="gwent-police")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "gwent-police is not a disclosing party of dda-ed" in response.content.decode()  # type: ignore[attr-defined]
    assert list_imports(warehouse) == []
    # The refusal is in the trail too: every file sent leaves one entry.
    refused = Entry.objects.get(action="import_refused")
    assert json.loads(refused.detail)["reason"] == "provider_not_disclosing"


class Recorder:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, result: object) -> list[str]:
        self.calls.append(result.import_id)  # type: ignore[attr-defined]
        return [f"hook saw import {result.import_id}"]  # type: ignore[attr-defined]


def test_each_upload_leaves_one_audit_entry_and_runs_the_sites_hooks(
    controller: Client, warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diogel.web.imports import hooks

    recompute, reports = Recorder(), Recorder()
    monkeypatch.setattr(hooks, "recompute_measures", recompute)
    monkeypatch.setattr(hooks, "queue_due_reports", reports)
    first = post(controller, DECEMBER)
    again = post(controller, DECEMBER)
    assert first["Location"] == again["Location"]  # type: ignore[index]
    [made] = list_imports(warehouse)
    entries = list(Entry.objects.filter(action__startswith="import").order_by("entry_id"))
    assert [(e.action, e.target, e.channel, e.actor) for e in entries] == [
        ("import", f"import {made['import_id']}", "site", "demo-controller"),
        ("import", f"import {made['import_id']}", "site", "demo-controller"),
    ]
    assert json.loads(entries[0].detail)["status"] == "imported"
    assert json.loads(entries[1].detail)["status"] == "already_imported"
    # The same hooks as the command line, once for the file imported.
    assert recompute.calls == reports.calls == [made["import_id"]]
    page = controller.get(first["Location"]).content.decode()  # type: ignore[index]
    assert f"hook saw import {made['import_id']}" in page


def test_the_real_hooks_queue_the_new_months_reports(
    controller: Client, warehouse: Warehouse
) -> None:
    from diogel.web.reports.models import Report

    with override_settings(
        DIOGEL=dataclasses.replace(settings.DIOGEL, report_areas=("W15000003",))
    ):
        assert post(controller, DECEMBER).status_code == 302  # type: ignore[attr-defined]
    [report] = Report.objects.all()
    assert report.parameters == {"area": "W15000003", "month": "2021-12"}
