"""Record-level access follows each agreement exactly, on every way records leave the site.

Role × organisation (receiving party or not) × state of the agreement (active,
expired, revoked, draft, not yet started) × its level (aggregate, pseudonymised,
personal) × purpose (listed or not), for the records page, the records export, the
API's record pages and the import report's quarantined values, over SYNTHETIC ED
imports from the provider the agreement names, from another provider under it,
under no agreement, under a revoked agreement and under an agreement naming
someone else (:mod:`tests.ed_agreements`).

What each request should return is written out below (:func:`visible`,
:func:`expected`) without the code's help. Two tests show the checker reports
mismatches when the rule is broken: one ignoring the provider, one granting the
whole source (what issue 16 found).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

import diogel.web.agreements.access as access_module
from diogel.geography import Geography
from diogel.governance import RecordScope
from diogel.governance.agreements import Agreement as PolicyAgreement
from diogel.warehouse import Warehouse
from diogel.web.accounts.demo import load_organisations
from diogel.web.accounts.models import Organisation, User
from diogel.web.accounts.roles import Role
from diogel.web.agreements.models import Agreement
from diogel.web.audit.models import Entry
from tests.ed_agreements import (
    ABUHB,
    AGREEMENT,
    CAV,
    ELSEWHERE,
    MONTHS,
    OTHER_PURPOSE,
    PURPOSE,
    REVOKED,
    TORFAEN,
    EdImport,
    load_plan,
)

# Every request opens the warehouse a few times: 15 states × levels of ~130 requests.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

NOT_RECEIVING = "newport-cc"
ORGANISATIONS = (TORFAEN, NOT_RECEIVING)
SIGNED_IN = (
    Role.PARTNER_MEMBER,
    Role.ANALYST,
    Role.DATA_CONTROLLER,
    Role.BOARD_SECRETARIAT,
    Role.ADMINISTRATOR,
)
#: Roles that may see the imports list and reports (the ``view_imports`` capability).
IMPORT_VIEWERS = (Role.ANALYST, Role.DATA_CONTROLLER, Role.ADMINISTRATOR)
STATES = ("active", "expired", "revoked", "draft", "not yet started")
LEVELS = ("aggregate", "pseudonymised", "personal")
PURPOSES = (PURPOSE, OTHER_PURPOSE)
#: Imports whose report is requested (every kind of provenance once).
REPORTED = ("named", "other-provider", "no-agreement", "revoked", "elsewhere")
ENDPOINTS = ("records", "export", "api", *(f"report:{key}" for key in REPORTED))
PERSONAL_COLUMN = "latitude"  # only a personal-level grant shows exact points


# --- the rule, stated independently -------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    role: Role
    organisation: str | None  # None for the public


def visible(viewer: Viewer, state: str, level: str, purpose: str, imported: EdImport) -> bool:
    """May ``viewer`` see ``imported``'s rows (and quarantined values) at record level?

    Only when the agreement under test is in force (active, started, not ended),
    grants a record level, lists the purpose, names the viewer's organisation as
    receiving and the import's provider as disclosing, and the import came under
    it. The revoked agreement never grants; the one naming Gwent Police grants
    none of these viewers.
    """
    return (
        viewer.role is not Role.PUBLIC
        and viewer.organisation == TORFAEN
        and state == "active"
        and level in ("pseudonymised", "personal")
        and purpose == PURPOSE
        and imported.agreement == AGREEMENT
        and imported.provider == ABUHB
    )


@dataclass(frozen=True)
class Seen:
    status: int
    imports: frozenset[int] = frozenset()  # import ids of the rows or values shown
    personal_columns: bool = False


def expected(
    viewer: Viewer, state: str, level: str, purpose: str, endpoint: str, plan: dict[str, EdImport]
) -> Seen:
    shown = frozenset(
        p.import_id for p in plan.values() if visible(viewer, state, level, purpose, p)
    )
    if endpoint.startswith("report:"):
        if viewer.role is Role.PUBLIC:
            return Seen(302)
        if viewer.role not in IMPORT_VIEWERS:
            return Seen(403)
        imported = plan[endpoint.removeprefix("report:")]
        return Seen(200, shown & {imported.import_id})
    if viewer.role is Role.PUBLIC:
        return Seen(401 if endpoint == "api" else 302)
    if not shown:
        return Seen(403)
    return Seen(200, shown, personal_columns=level == "personal")


# --- what the site does --------------------------------------------------------------

RECORDS = (
    f"/en/dashboard/records/?area=W92000004&level=police_force_area&source=istv"
    f"&category=violence&from={MONTHS[0]}&to={MONTHS[-1]}&purpose={{purpose}}"
)
API = f"/api/v1/records?source=istv&purpose={{purpose}}&from={MONTHS[0]}&to={MONTHS[-1]}&limit=1000"


def observe(client: Client, endpoint: str, purpose: str, plan: dict[str, EdImport]) -> Seen:
    """Request ``endpoint`` and read back which imports' rows or values it showed."""
    if endpoint.startswith("report:"):
        imported = plan[endpoint.removeprefix("report:")]
        response = client.get(f"/en/imports/{imported.import_id}/?purpose={purpose}")
        body = response.content.decode()
        markers = {p.import_id for p in plan.values() if p.marker in body}
        if response.status_code == 200:
            # Lines and reasons are listed whoever may see the report.
            assert "not a code in the assault method code list" in body
        return Seen(response.status_code, frozenset(markers))
    url = (RECORDS + ("&format=csv" if endpoint == "export" else "")) if endpoint != "api" else API
    before = Entry.objects.count()
    response = client.get(url.format(purpose=purpose))
    if response.status_code != 200:
        body = response.content.decode()
        assert 'data-testid="records-table"' not in body
        return Seen(response.status_code)
    assert Entry.objects.count() == before + 1, "one audit entry per record-level access"
    if endpoint == "api":
        data = response.json()
        ids = {r["import_id"] for r in data["records"]}
        assert data["total"] == len(data["records"])
        columns = data["columns"]
    elif endpoint == "export":
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        columns, ids = rows[0], {int(r[0]) for r in rows[1:]}
    else:
        body = response.content.decode()
        table = body[body.index('data-testid="records-table"') :]
        columns = re.findall(r'<th scope="col" class="govuk-table__header">([^<]*)</th>', table)
        ids = {
            int(i) for i in re.findall(r'<tr class="govuk-table__row"><td[^>]*>(\d+)</td>', table)
        }
    return Seen(200, frozenset(ids), PERSONAL_COLUMN in columns)


# --- fixtures ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def planned(geo: Geography, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("record-access")
    plan = load_plan(Warehouse(root / "warehouse"), geo, root / "files")
    return root / "warehouse", plan


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
    yield found
    cache.clear()


@pytest.fixture
def clients(plan: dict[str, EdImport]) -> dict[Viewer, Client]:
    """The public, and each signed-in role in the receiving organisation and in another."""
    found = {Viewer(Role.PUBLIC, None): Client()}
    for role in SIGNED_IN:
        for slug in ORGANISATIONS:
            user = User.objects.create(
                username=f"{role.value}-{slug}",
                organisation=Organisation.objects.get(slug=slug),
                role=role,
            )
            client = Client()
            client.force_login(user)
            found[Viewer(role, slug)] = client
    return found


def _agreement(reference: str, **values: Any) -> Agreement:
    today = timezone.localdate()
    fields: dict[str, Any] = {
        "kind": Agreement.Kind.DISCLOSURE,
        "title_en": "SYNTHETIC ED assault data",
        "title_cy": "Data ymosodiadau adrannau brys SYNTHETIG",
        "purpose": "Preventing violence.",
        "purposes": [PURPOSE],
        "legal_basis": "UK GDPR Art. 6(1)(e)",
        "sources": ["istv"],
        "level": Agreement.Level.PERSONAL,
        "starts": today - dt.timedelta(days=400),
        "ends": today + dt.timedelta(days=400),
        "status": Agreement.Status.ACTIVE,
    }
    fields.update(values)
    receiving = fields.pop("receiving", [TORFAEN])
    agreement = Agreement.objects.create(reference=reference, **fields)
    agreement.parties.set(Organisation.objects.filter(slug__in=receiving))
    agreement.disclosing_parties.set(Organisation.objects.filter(slug=ABUHB))
    return agreement


def set_register(state: str, level: str) -> None:
    """The agreement under test in ``state`` at ``level``, beside the revoked one and the
    one naming Gwent Police, which never change."""
    Agreement.objects.all().delete()
    today = timezone.localdate()
    changes: dict[str, Any] = {
        "level": {
            "aggregate": Agreement.Level.AGGREGATE,
            "pseudonymised": Agreement.Level.PSEUDONYMISED,
            "personal": Agreement.Level.PERSONAL,
        }[level]
    }
    if state == "expired":
        changes["ends"] = today - dt.timedelta(days=1)
    elif state == "revoked":
        changes["status"] = Agreement.Status.REVOKED
    elif state == "draft":
        changes["status"] = Agreement.Status.DRAFT
    elif state == "not yet started":
        changes["starts"] = today + dt.timedelta(days=1)
    _agreement(AGREEMENT, **changes)
    _agreement(REVOKED, status=Agreement.Status.REVOKED)
    _agreement(ELSEWHERE, receiving=["gwent-police"])


def describe(
    viewer: Viewer,
    state: str,
    level: str,
    purpose: str,
    endpoint: str,
    want: Seen,
    got: Seen,
    plan: dict[str, EdImport],
) -> str:
    """One mismatch: who, under what, asked where; what was due and what came."""
    names = {p.import_id: p.key for p in plan.values()}
    columns = " (columns)" if want.personal_columns != got.personal_columns else ""
    return (
        f"{viewer.role.value}/{viewer.organisation} / {state} / {level} / {purpose} / "
        f"{endpoint}: expected {want.status} {sorted(names[i] for i in want.imports)}, "
        f"got {got.status} {sorted(names[i] for i in got.imports)}{columns}"
    )


def cells(viewer: Viewer) -> list[tuple[str, str]]:
    """The (purpose, endpoint) requests made as ``viewer``.

    Where the capability alone decides (the public are sent to sign in, and roles
    without ``view_imports`` are refused the import report, before any agreement is
    read), one request stands for the rest: each request costs a few DuckDB
    connections, and the role × URL statuses are ``test_permission_matrix``'s.
    """
    if viewer.role is Role.PUBLIC:
        return [(PURPOSE, e) for e in ("records", "export", "api", "report:named")]
    every = [(p, e) for p in PURPOSES for e in ENDPOINTS]
    if viewer.role in IMPORT_VIEWERS:
        return every
    return [(p, e) for p, e in every if not e.startswith("report:")] + [(PURPOSE, "report:named")]


def mismatches(
    clients: dict[Viewer, Client],
    plan: dict[str, EdImport],
    configurations: list[tuple[str, str]],
) -> list[str]:
    """Every request of the matrix whose answer departs from :func:`expected`."""
    found = []
    for state, level in configurations:
        set_register(state, level)
        for viewer, client in clients.items():
            for purpose, endpoint in cells(viewer):
                want = expected(viewer, state, level, purpose, endpoint, plan)
                got = observe(client, endpoint, purpose, plan)
                if want != got:
                    found.append(describe(viewer, state, level, purpose, endpoint, want, got, plan))
    return found


# --- the tests -----------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("state", STATES)
def test_record_access_follows_the_agreement(
    state: str, level: str, clients: dict[Viewer, Client], plan: dict[str, EdImport]
) -> None:
    found = mismatches(clients, plan, [(state, level)])
    assert not found, "\n".join(found)


def test_the_plan_has_what_the_matrix_needs(plan: dict[str, EdImport]) -> None:
    """Some rows are visible, and every other kind of provenance is present."""
    kinds = {(p.agreement, p.provider) for p in plan.values()}
    wanted = {(AGREEMENT, ABUHB), (AGREEMENT, CAV), (None, None), (REVOKED, ABUHB)}
    assert wanted | {(ELSEWHERE, ABUHB), (None, ABUHB)} <= kinds


def ignores_the_provider(
    agreements: list[PolicyAgreement], organisation: str | None, *args: Any
) -> RecordScope:
    """A broken rule: every agreement treated as naming every provider as disclosing."""
    everyone = frozenset({ABUHB, CAV})
    widened = [dataclasses.replace(a, disclosing_parties=everyone) for a in agreements]
    return REAL_SCOPE(widened, organisation, *args)


def grants_the_whole_source(
    agreements: list[PolicyAgreement], organisation: str | None, source: str, *args: Any
) -> RecordScope:
    """A broken rule (the one issue 16 found): an agreement grants every row of its source."""
    scope = REAL_SCOPE(agreements, organisation, source, *args)
    return dataclasses.replace(scope, open=True) if scope.record_level else scope


REAL_SCOPE = access_module.record_scope


def test_the_matrix_catches_a_rule_that_ignores_the_provider(
    clients: dict[Viewer, Client], plan: dict[str, EdImport], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access_module, "record_scope", ignores_the_provider)
    found = mismatches(clients, plan, [("active", "personal")])
    torfaen = f"{Role.ANALYST.value}/{TORFAEN} / active / personal / {PURPOSE}"
    for endpoint in ("records", "export", "api"):
        assert any(line.startswith(f"{torfaen} / {endpoint}:") for line in found), found
    assert any(
        line.startswith(f"{torfaen} / report:other-provider: expected 200 [], got 200")
        for line in found
    ), found


def test_the_matrix_catches_a_rule_that_grants_the_whole_source(
    clients: dict[Viewer, Client], plan: dict[str, EdImport], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access_module, "record_scope", grants_the_whole_source)
    found = mismatches(clients, plan, [("active", "pseudonymised")])
    torfaen = f"{Role.ANALYST.value}/{TORFAEN} / active / pseudonymised / {PURPOSE}"
    for key in ("no-agreement", "revoked", "elsewhere"):
        assert any(line.startswith(f"{torfaen} / report:{key}:") for line in found), found
    assert any(line.startswith(f"{torfaen} / api:") for line in found), found
