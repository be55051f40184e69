"""A record-level agreement returns only what its disclosing parties supplied under it.

Issue 16: one record-level agreement naming Torfaen for ED data returned every ED
row in Wales, including rows imported under no agreement or revoked ones. Here the
agreement names Aneurin Bevan UHB as its disclosing party; the expected rows are
counted from the SYNTHETIC imports the test made (:mod:`tests.ed_agreements`).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from diogel.geography import Geography
from diogel.warehouse import Warehouse
from diogel.web.accounts.demo import load_organisations
from diogel.web.accounts.models import Organisation, User
from diogel.web.accounts.roles import Role
from diogel.web.agreements.models import Agreement
from tests.ed_agreements import (
    ABUHB,
    AGREEMENT,
    MONTHS,
    PURPOSE,
    REVOKED,
    TORFAEN,
    EdImport,
    load_plan,
)

pytestmark = pytest.mark.django_db

API = f"/api/v1/records?source=istv&purpose={PURPOSE}&from={MONTHS[0]}&to={MONTHS[-1]}&limit=1000"
EXPORT = (
    "/en/dashboard/records/?area=W92000004&level=police_force_area&source=istv&category=violence"
    f"&from={MONTHS[0]}&to={MONTHS[-1]}&purpose={PURPOSE}&format=csv"
)


@pytest.fixture(scope="module")
def planned(geo: Geography, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("record-providers")
    return root / "warehouse", load_plan(Warehouse(root / "warehouse"), geo, root / "files")


@pytest.fixture
def plan(
    settings: Any, planned: tuple[Path, dict], tmp_path: Path
) -> Iterator[dict[str, EdImport]]:
    warehouse, found = planned
    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL,
        warehouse_dir=warehouse,
        var_dir=tmp_path,
        demo=False,
        api_rate_limit=0,
        api_anonymous_rate_limit=0,
    )
    cache.clear()
    load_organisations()
    today = timezone.localdate()
    for reference, status in ((AGREEMENT, "active"), (REVOKED, "revoked")):
        agreement = Agreement.objects.create(
            reference=reference,
            kind=Agreement.Kind.DISCLOSURE,
            title_en="SYNTHETIC ED data",
            title_cy="Data adrannau brys SYNTHETIG",
            purpose="Preventing violence.",
            purposes=[PURPOSE],
            legal_basis="UK GDPR Art. 6(1)(e)",
            sources=["istv"],
            level=Agreement.Level.PSEUDONYMISED,
            starts=today - dt.timedelta(days=30),
            ends=today + dt.timedelta(days=30),
            status=status,
        )
        agreement.parties.set(Organisation.objects.filter(slug=TORFAEN))
        agreement.disclosing_parties.set(Organisation.objects.filter(slug=ABUHB))
    yield found
    cache.clear()


@pytest.fixture
def torfaen(plan: dict[str, EdImport]) -> Client:
    user = User.objects.create(
        username="torfaen-analyst",
        organisation=Organisation.objects.get(slug=TORFAEN),
        role=Role.ANALYST,
    )
    client = Client()
    client.force_login(user)
    return client


def due(plan: dict[str, EdImport]) -> tuple[int, set[int]]:
    """The rows the agreement covers, counted from the plan: imports under it from the
    provider it names."""
    covered = [p for p in plan.values() if p.agreement == AGREEMENT and p.provider == ABUHB]
    return sum(p.rows for p in covered), {p.import_id for p in covered}


def test_the_api_returns_only_the_named_providers_rows_under_the_agreement(
    plan: dict[str, EdImport], torfaen: Client
) -> None:
    body = torfaen.get(API).json()
    count, imports = due(plan)
    assert count == 5  # 3 + 2 rows; 21 rows of ED data in all
    assert body["total"] == count
    assert {r["import_id"] for r in body["records"]} == imports
    absent = {plan[k].import_id for k in ("other-provider", "no-agreement", "revoked")}
    assert not absent & {r["import_id"] for r in body["records"]}
    assert body["grants"] == [{"agreement": AGREEMENT, "provider": ABUHB, "level": "pseudonymised"}]


def test_the_export_holds_only_the_named_providers_rows_under_the_agreement(
    plan: dict[str, EdImport], torfaen: Client
) -> None:
    response = torfaen.get(EXPORT)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    count, imports = due(plan)
    assert len(rows) == count
    assert {int(r["import_id"]) for r in rows} == imports
