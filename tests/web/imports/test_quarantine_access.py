"""The import report shows quarantined values only to those whose record scope covers it.

The attack (issue 16): an analyst whose organisation holds only an aggregate
agreement for ED data, or none, opened the report of an ED import and read the
rejected raw values, which can hold a name, a date of birth or an NHS number. All
values here are SYNTHETIC.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from diogel.audit.verify import verify
from diogel.geography import Geography
from diogel.warehouse import Warehouse
from diogel.web.accounts.demo import load_organisations
from diogel.web.accounts.models import Organisation, User
from diogel.web.accounts.roles import Role
from diogel.web.agreements.models import Agreement
from diogel.web.audit.models import Entry
from diogel.web.audit.trail import site_trail
from tests.ed_agreements import (
    ABUHB,
    AGREEMENT,
    PLAN,
    PURPOSE,
    TORFAEN,
    EdImport,
    load_plan,
    synthetic_personal_values,
)

pytestmark = pytest.mark.django_db

NAMED = next(p for p in PLAN if p.key == "named")


@pytest.fixture(scope="module")
def planned(geo: Geography, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("quarantine-access")
    plan = load_plan(Warehouse(root / "warehouse"), geo, root / "files", (NAMED,))
    return root / "warehouse", plan


@pytest.fixture
def named(settings: Any, planned: tuple[Path, dict], tmp_path: Path) -> EdImport:
    warehouse, plan = planned
    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL, warehouse_dir=warehouse, var_dir=tmp_path, demo=False
    )
    load_organisations()
    today = timezone.localdate()
    common: dict[str, Any] = {
        "kind": Agreement.Kind.DISCLOSURE,
        "title_en": "SYNTHETIC ED data",
        "title_cy": "Data adrannau brys SYNTHETIG",
        "purpose": "Preventing violence.",
        "purposes": [PURPOSE],
        "legal_basis": "UK GDPR Art. 6(1)(e)",
        "sources": ["istv"],
        "starts": today - dt.timedelta(days=30),
        "ends": today + dt.timedelta(days=30),
        "status": Agreement.Status.ACTIVE,
    }
    # The import's own agreement: Torfaen receives what Aneurin Bevan UHB discloses.
    record_level = Agreement.objects.create(
        reference=AGREEMENT, level=Agreement.Level.PERSONAL, **common
    )
    record_level.parties.set(Organisation.objects.filter(slug=TORFAEN))
    record_level.disclosing_parties.set(Organisation.objects.filter(slug=ABUHB))
    # The attacker's organisation holds aggregates of the same source, same provider.
    aggregate = Agreement.objects.create(
        reference="dda-ed-aggregate", level=Agreement.Level.AGGREGATE, **common
    )
    aggregate.parties.set(Organisation.objects.filter(slug="opcc-gwent"))
    aggregate.disclosing_parties.set(Organisation.objects.filter(slug=ABUHB))
    return plan["named"]


def signed_in(role: Role, organisation: str) -> Client:
    user = User.objects.create(
        username=f"{role.value}-{organisation}",
        organisation=Organisation.objects.get(slug=organisation),
        role=role,
    )
    client = Client()
    client.force_login(user)
    return client


def leaked(body: str, planned: EdImport) -> list[str]:
    """Which of the import's SYNTHETIC personal-looking values (or parts) a page shows."""
    values = synthetic_personal_values(planned.marker)
    parts = [*values.values(), "Jane Doe", "1970-01-31", "999 000 0000", planned.marker]
    return [part for part in parts if part in body]


@pytest.mark.parametrize(
    ("role", "organisation"),
    [
        (Role.ANALYST, "opcc-gwent"),  # aggregate agreement only
        (Role.ANALYST, "newport-cc"),  # no agreement at all
        (Role.ADMINISTRATOR, "opcc-gwent"),  # every capability, no record-level agreement
        (Role.DATA_CONTROLLER, "gwent-police"),
    ],
)
@pytest.mark.parametrize("purpose", ["", PURPOSE])
def test_quarantined_values_do_not_reach_someone_without_a_record_level_agreement(
    named: EdImport, role: Role, organisation: str, purpose: str
) -> None:
    response = signed_in(role, organisation).get(
        f"/en/imports/{named.import_id}/?purpose={purpose}"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert leaked(body, named) == []
    # What went wrong is still said: lines, columns, reasons and counts.
    assert "not a code in the assault method code list" in body
    assert "ASSAULT_METHOD" in body
    assert 'data-testid="values-withheld"' in body


def test_the_receiving_party_sees_the_values_for_a_stated_purpose_and_it_is_audited(
    named: EdImport,
) -> None:
    torfaen = signed_in(Role.ANALYST, TORFAEN)
    url = f"/en/imports/{named.import_id}/"
    asked = torfaen.get(url).content.decode()
    assert leaked(asked, named) == []  # no purpose stated yet: the question, not the values
    assert f'<option value="{PURPOSE}"' in asked
    before = Entry.objects.count()
    body = torfaen.get(f"{url}?purpose={PURPOSE}").content.decode()
    assert set(leaked(body, named)) >= set(synthetic_personal_values(named.marker).values())
    entry = Entry.objects.order_by("-entry_id").first()
    assert Entry.objects.count() == before + 1
    assert entry is not None
    assert entry.action == "view_import_report"
    assert entry.purpose == PURPOSE
    assert entry.agreement == AGREEMENT
    assert entry.organisation == TORFAEN
    assert "quarantined values shown" in entry.detail
    assert verify(site_trail(), full=True).intact


def test_another_purpose_is_refused(named: EdImport) -> None:
    body = (
        signed_in(Role.ANALYST, TORFAEN)
        .get(f"/en/imports/{named.import_id}/?purpose=research")
        .content.decode()
    )
    assert leaked(body, named) == []
    assert 'data-testid="values-refused"' in body


def test_the_welsh_page_withholds_them_too(named: EdImport) -> None:
    body = signed_in(Role.ANALYST, "opcc-gwent").get(f"/cy/imports/{named.import_id}/").content
    text = body.decode()
    assert leaked(text, named) == []
    assert "data lefel cofnod" in text
