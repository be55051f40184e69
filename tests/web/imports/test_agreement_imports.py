"""Uploads come under an agreement in force for the source; expired retention is purged."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings

from diogel.audit.verify import verify
from diogel.sources.synthetic.istv import write_months
from diogel.sources.synthetic.youth_justice import write_extract
from diogel.warehouse import Warehouse
from diogel.warehouse.queries import list_imports
from diogel.web.accounts.models import Organisation
from diogel.web.accounts.roles import Role
from diogel.web.agreements.models import Agreement
from diogel.web.audit.models import Entry
from diogel.web.audit.trail import site_trail
from tests.web.agreements.test_agreements import make_agreement

pytestmark = pytest.mark.django_db


def disclosed_by(agreement: Agreement, *slugs: str) -> Agreement:
    """The agreement with ``slugs`` among its disclosing parties (the uploaders' own
    organisations: the demo data controller's health board, the analyst's OPCC)."""
    agreement.disclosing_parties.add(*Organisation.objects.filter(slug__in=slugs))
    return agreement


UPLOADERS = ("aneurin-bevan-uhb", "opcc-gwent")


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[Warehouse]:
    """A private warehouse and key directory, so purges touch no other test's imports."""
    private = dataclasses.replace(
        settings.DIOGEL,
        warehouse_dir=tmp_path / "warehouse",
        pseudonym_keys_dir=tmp_path / "keys",
    )
    with override_settings(DIOGEL=private):
        yield Warehouse(private.warehouse_dir)


@pytest.fixture
def istv_file(tmp_path: Path) -> Path:
    return write_months(tmp_path / "istv", dt.date(2021, 3, 1), 1)[0]


def upload(
    client: Client, path: Path, source: str, agreement: str = "", supplier: str = ""
) -> object:
    return client.post(
        "/en/imports/upload/",
        {
            "source": source,
            "supplier": supplier,
            "agreement": agreement,
            "file": SimpleUploadedFile(path.name, path.read_bytes()),
        },
    )


def test_agreements_in_force_are_offered(
    client_for: Callable[[Role], Client], warehouse: Warehouse, demo_accounts: object
) -> None:
    make_agreement("dda-istv", ends=None)
    make_agreement("dda-old", ends=dt.date(2024, 12, 31), starts=dt.date(2024, 1, 1))
    page = client_for(Role.ANALYST).get("/en/imports/upload/").content.decode()
    assert 'value="dda-istv"' in page
    assert 'value="dda-old"' not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends": dt.date(2024, 12, 31), "starts": dt.date(2024, 1, 1)}, "is not in force today"),
        ({"status": "revoked"}, "is not in force today"),
        ({"sources": ["fire"]}, "does not cover istv data"),
        ({"kind": "isp"}, "is an Information Sharing Protocol"),
    ],
)
def test_an_agreement_that_does_not_allow_the_file_is_refused(
    client_for: Callable[[Role], Client],
    warehouse: Warehouse,
    istv_file: Path,
    changes: dict[str, object],
    message: str,
) -> None:
    make_agreement("dda-x", **{"ends": None, **changes})
    response = upload(client_for(Role.ANALYST), istv_file, "istv", "dda-x")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert message in response.content.decode()  # type: ignore[attr-defined]
    assert list_imports(warehouse) == []


def test_non_open_sources_need_an_agreement(
    client_for: Callable[[Role], Client], warehouse: Warehouse, istv_file: Path
) -> None:
    response = upload(client_for(Role.ANALYST), istv_file, "istv")
    assert "Choose the data-sharing agreement" in response.content.decode()  # type: ignore[attr-defined]
    assert list_imports(warehouse) == []


def test_an_upload_under_an_agreement_records_it(
    client_for: Callable[[Role], Client], warehouse: Warehouse, istv_file: Path
) -> None:
    disclosed_by(make_agreement("dda-istv", ends=None), *UPLOADERS)
    response = upload(client_for(Role.DATA_CONTROLLER), istv_file, "istv", "dda-istv")
    assert response.status_code == 302  # type: ignore[attr-defined]
    [made] = list_imports(warehouse)
    assert made["agreement"] == "dda-istv"
    # The uploader's organisation disclosed it (the provider field's default).
    assert made["provider"] == "aneurin-bevan-uhb"
    entry = Entry.objects.get(action="import")
    assert (entry.agreement, entry.channel) == ("dda-istv", "site")
    page = client_for(Role.ANALYST).get(response["Location"]).content.decode()  # type: ignore[index]
    assert '<dd class="govuk-summary-list__value" data-testid="agreement">dda-istv</dd>' in page


def test_identifiers_uploaded_through_the_web_are_pseudonymised(
    client_for: Callable[[Role], Client], warehouse: Warehouse, tmp_path: Path
) -> None:
    disclosed_by(make_agreement("dda-yj", ends=None, sources=["youth_justice"]), *UPLOADERS)
    path, people = write_extract(tmp_path / "yj", dt.date(2021, 3, 1), rows=20)
    response = upload(
        client_for(Role.ANALYST), path, "generic:youth_justice_synthetic", "dda-yj", "YJS"
    )
    assert response.status_code == 302  # type: ignore[attr-defined]
    with warehouse.connect() as con:
        pseudonyms = con.execute("select count(person_pseudonym) from incidents").fetchone()
    assert pseudonyms is not None
    assert pseudonyms[0] > 0
    assert (tmp_path / "keys" / "dda-yj.key").exists()
    raw = warehouse.catalogue_path.read_bytes()
    assert not any(p.nhs_number.encode() in raw for p in people)


def test_purge_expired(
    client_for: Callable[[Role], Client], warehouse: Warehouse, tmp_path: Path
) -> None:
    disclosed_by(make_agreement("dda-short", ends=None, retention_days=30), *UPLOADERS)
    disclosed_by(make_agreement("dda-long", ends=None, retention_days=3650), *UPLOADERS)
    client = client_for(Role.DATA_CONTROLLER)
    short_file, long_file = write_months(tmp_path / "istv", dt.date(2021, 3, 1), 1)[:2]
    upload(client, short_file, "istv", "dda-short")
    upload(client, long_file, "istv", "dda-long")
    by_agreement = {i["agreement"]: i["import_id"] for i in list_imports(warehouse)}
    later = (dt.date.today() + dt.timedelta(days=60)).isoformat()
    events_before = Entry.objects.count()

    out = StringIO()
    call_command("purge_expired", "--dry-run", "--today", later, stdout=out)
    assert f"would purge import {by_agreement['dda-short']}" in out.getvalue()
    assert {i["status"] for i in list_imports(warehouse)} == {"current"}
    assert Entry.objects.count() == events_before

    out = StringIO()
    call_command("purge_expired", "--today", later, stdout=out)
    status = {i["agreement"]: i["status"] for i in list_imports(warehouse)}
    assert status == {"dda-short": "purged", "dda-long": "current"}
    with warehouse.connect() as con:
        left = dict(
            con.execute("select import_id, count(*) from incidents group by import_id").fetchall()
        )
    assert by_agreement["dda-short"] not in left
    assert left[by_agreement["dda-long"]] > 0
    event = Entry.objects.get(action="purge")
    assert event.agreement == "dda-short"
    assert event.target == f"import {by_agreement['dda-short']}"
    assert "incidents=" in event.detail
    assert (event.actor, event.channel, event.purpose) == ("diogel-retention", "cli", "retention")
    assert verify(site_trail(), full=True).intact
    call_command("verify_audit", stdout=StringIO())
    # Run again: nothing more to do.
    out = StringIO()
    call_command("purge_expired", "--today", later, stdout=out)
    assert "nothing to purge" in out.getvalue()
    page = client.get("/en/imports/").content.decode()
    assert "Purged" in page
