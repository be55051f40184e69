"""Every role × agreement state × endpoint of the API gets what the policy allows.

The expectation is written out independently of the code (:func:`expected`), so
a change in the policy that lets record-level rows through shows up as a
failure, and :func:`test_the_matrix_catches_a_policy_that_ignores_expiry_and_revocation`
shows the check does catch a careless policy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from diogel.audit.verify import verify
from diogel.governance import access as core_access
from diogel.governance.agreements import AgreementStatus
from diogel.web.accounts.demo import DEMO_PEOPLE
from diogel.web.accounts.models import Organisation, User
from diogel.web.accounts.roles import Role
from diogel.web.agreements.models import Agreement
from diogel.web.audit.models import Entry
from diogel.web.audit.trail import site_trail

pytestmark = pytest.mark.django_db

STATES = ("none", "aggregate", "record", "expired", "revoked")
PURPOSE = "violence-prevention"
# No source named: every source is read, police.uk (open) and ED (not open).
SMALL = "within=W06000022&level=lsoa11&from=2021-01&to=2021-06"
ENDPOINTS: dict[str, str] = {
    "totals-small-areas": f"/api/v1/totals?{SMALL}",
    "trends-small-areas": f"/api/v1/trends?{SMALL}",
    "hotspots-small-areas": f"/api/v1/hotspots?{SMALL}",
    "totals-local-authorities": "/api/v1/totals?source=istv&within=W15000003",
    "records-ed": f"/api/v1/records?source=istv&purpose={PURPOSE}&limit=5",
    "records-ed-other-purpose": "/api/v1/records?source=istv&purpose=safeguarding&limit=5",
    "records-police": f"/api/v1/records?source=police_uk_street&purpose={PURPOSE}&limit=5",
}


def expected(role: Role, state: str, endpoint: str) -> int:
    """The status the governance rules call for, written without the code's help."""
    signed_in = role is not Role.PUBLIC
    if endpoint.endswith("small-areas"):
        # Small-area aggregates of ED data need an aggregate-or-better agreement in force.
        return 200 if signed_in and state in ("aggregate", "record") else 403
    if endpoint == "totals-local-authorities":
        return 200  # disclosure-controlled local-authority figures are open to all
    if not signed_in:
        return 401  # records are audited, and an audit entry names a person
    if endpoint == "records-police":
        return 200  # open data
    if endpoint == "records-ed":
        return 200 if state == "record" else 403
    return 403  # a record-level agreement for another purpose grants nothing here


def make_state(state: str, organisations: list[Organisation]) -> None:
    """One ED agreement naming ``organisations`` in ``state``, and one record-level
    agreement for an organisation none of the callers belongs to."""
    today = timezone.localdate()
    year = dt.timedelta(days=365)
    if state != "none":
        agreement = Agreement.objects.create(
            reference=f"dda-ed-{state}",
            kind=Agreement.Kind.DISCLOSURE,
            title_en="ED assault data",
            title_cy="Data ymosodiadau adrannau brys",
            purpose="Preventing violence.",
            purposes=[PURPOSE],
            legal_basis="UK GDPR Art. 6(1)(e)",
            sources=["istv"],
            level=Agreement.Level.AGGREGATE if state == "aggregate" else Agreement.Level.PERSONAL,
            starts=today - 2 * year,
            ends=today - dt.timedelta(days=1) if state == "expired" else today + year,
            status=Agreement.Status.REVOKED if state == "revoked" else Agreement.Status.ACTIVE,
        )
        agreement.parties.set(organisations)
        agreement.disclosing_parties.set(Organisation.objects.filter(slug="aneurin-bevan-uhb"))
    elsewhere = Agreement.objects.create(
        reference="dda-ed-gwent-police",
        kind=Agreement.Kind.DISCLOSURE,
        title_en="ED data for Gwent Police",
        title_cy="Data adrannau brys i Heddlu Gwent",
        purpose="Preventing violence.",
        purposes=[PURPOSE],
        legal_basis="UK GDPR Art. 6(1)(e)",
        sources=["istv"],
        level=Agreement.Level.PERSONAL,
        starts=today - year,
        ends=today + year,
        status=Agreement.Status.ACTIVE,
    )
    elsewhere.parties.set([Organisation.objects.get(slug="gwent-police")])
    elsewhere.disclosing_parties.set(Organisation.objects.filter(slug="aneurin-bevan-uhb"))


def matrix_failures(
    state: str, client_for: Callable[[Role], Client], accounts: dict[Role, User]
) -> list[str]:
    """Request every endpoint as every role; list each departure from :func:`expected`,
    each record-level row that reached someone not entitled to it, and each record-level
    response without exactly one matching audit entry."""
    failures = []
    for role in Role:
        client = client_for(role)
        for name, url in ENDPOINTS.items():
            before = Entry.objects.count()
            response = client.get(url)
            body: dict[str, Any] = response.json()
            new = list(Entry.objects.order_by("pk")[before:])
            where = f"{role.value} / {state} / {name}"
            want = expected(role, state, name)
            if response.status_code != want:
                failures.append(f"{where}: expected {want}, got {response.status_code} {body}")
            rows = body.get("records") or []
            if rows and want != 200:
                failures.append(f"{where}: {len(rows)} record-level rows leaked")
            if name.startswith("records") and response.status_code == 200:
                user = accounts[role]
                if len(new) != 1 or new[0].action != "api_records":
                    failures.append(f"{where}: {len(new)} audit entries, expected one")
                else:
                    entry = new[0]
                    assert entry.user == user
                    assert entry.actor == user.username
                    assert entry.channel == "api"
                    assert user.organisation is not None
                    assert entry.organisation == user.organisation.slug
                    assert entry.purpose == PURPOSE
                    assert entry.agreement == (body["agreement"] or "")
                    assert json.loads(entry.detail)["returned"] == len(rows)
            elif response.status_code == 403 and name.startswith("records"):
                if [e.action for e in new] != ["api_records_refused"]:
                    failures.append(f"{where}: a refusal should leave one 'refused' entry")
            elif new:
                failures.append(f"{where}: {len(new)} unexpected audit entries")
    return failures


@pytest.fixture
def callers(
    demo_warehouse: Path, demo_accounts: dict[Role, User]
) -> tuple[dict[Role, User], list[Organisation]]:
    organisations = [p.organisation for p in demo_accounts.values() if p.organisation is not None]
    return demo_accounts, organisations


@pytest.mark.parametrize("state", STATES)
def test_every_role_and_agreement_state_gets_what_the_policy_allows(
    state: str,
    callers: tuple[dict[Role, User], list[Organisation]],
    client_for: Callable[[Role], Client],
) -> None:
    accounts, organisations = callers
    assert {r for r in DEMO_PEOPLE} == set(accounts)
    make_state(state, organisations)
    failures = matrix_failures(state, client_for, accounts)
    assert not failures, "\n".join(failures)
    assert verify(site_trail(), full=True).intact


def test_record_pages_show_only_the_columns_the_level_grants(
    callers: tuple[dict[Role, User], list[Organisation]],
    client_for: Callable[[Role], Client],
) -> None:
    _accounts, organisations = callers
    make_state("record", organisations)
    Agreement.objects.filter(reference="dda-ed-record").update(level=Agreement.Level.PSEUDONYMISED)
    body = client_for(Role.ANALYST).get(ENDPOINTS["records-ed"]).json()
    assert body["level"] == "pseudonymised"
    assert "latitude" not in body["columns"]
    # The demo's ED files came under the SYNTHETIC demo agreement: no row is this one's
    # (rows and columns by grant: tests/figures/test_records.py).
    assert body["total"] == 0
    assert all("latitude" not in row for row in body["records"])
    assert body["agreement"] == "dda-ed-record"


def careless_decide_access(agreements: Any, *args: Any) -> core_access.AccessDecision:
    """A broken policy: treats every agreement as active, whatever its status or end."""
    forever = [dataclasses.replace(a, status=AgreementStatus.ACTIVE, ends=None) for a in agreements]
    return core_access.decide_access(forever, *args)


def careless_record_scope(agreements: Any, *args: Any) -> core_access.RecordScope:
    """The same broken policy for records."""
    forever = [dataclasses.replace(a, status=AgreementStatus.ACTIVE, ends=None) for a in agreements]
    return core_access.record_scope(forever, *args)


@pytest.mark.parametrize("state", ["expired", "revoked"])
def test_the_matrix_catches_a_policy_that_ignores_expiry_and_revocation(
    state: str,
    callers: tuple[dict[Role, User], list[Organisation]],
    client_for: Callable[[Role], Client],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    accounts, organisations = callers
    make_state(state, organisations)
    monkeypatch.setattr("diogel.web.agreements.access.decide_access", careless_decide_access)
    monkeypatch.setattr("diogel.web.agreements.access.record_scope", careless_record_scope)
    failures = matrix_failures(state, client_for, accounts)
    assert any("records-ed: expected 403, got 200" in f for f in failures), failures
