"""Roles × agreement states × dashboard, records page and records export.

No record-level row may reach anyone without a record-level agreement in force,
and small-area figures of partner data need at least an aggregate agreement.
:func:`test_the_matrix_catches_a_policy_that_ignores_expiry` shows the check
fails when the policy is broken.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

import diogel.web.agreements.access as access_module
from diogel.audit.verify import verify
from diogel.governance import AccessDecision, DataLevel
from diogel.governance.agreements import AgreementStatus
from diogel.web.accounts.models import Organisation
from diogel.web.accounts.roles import Role
from diogel.web.agreements.models import Agreement
from diogel.web.audit.models import Entry
from diogel.web.audit.trail import site_trail
from tests.web.agreements.test_agreements import make_agreement

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hub_site")]

PURPOSE = "violence-prevention"
ED = "source=istv&category=violence&from=2021-01&to=2021-12"
RECORDS = f"/en/dashboard/records/?area=W92000004&level=police_force_area&{ED}&purpose={PURPOSE}"
EXPORT = RECORDS + "&format=csv"
SMALL_AREAS = f"/en/dashboard/?area=W06000022&level=lsoa11&{ED}"
LARGE_AREAS = f"/en/dashboard/?area=W15000003&level=local_authority&{ED}"
# A small area shown by the authority around it is still a small area's figures.
SMALL_INSIDE_LARGE = f"/en/dashboard/?area=W02000306&level=local_authority&{ED}"
STATES = ("none", "aggregate", "record-level", "expired", "revoked")
SIGNED_IN = (
    Role.PARTNER_MEMBER,
    Role.ANALYST,
    Role.DATA_CONTROLLER,
    Role.BOARD_SECRETARIAT,
    Role.ADMINISTRATOR,
)


def set_agreement_state(state: str) -> None:
    """One ED agreement naming every demo organisation, in the given state (or none)."""
    Agreement.objects.all().delete()
    if state == "none":
        return
    today = timezone.localdate()
    changes: dict[str, object] = {
        "starts": today - dt.timedelta(days=400),
        "ends": today + dt.timedelta(days=400),
    }
    if state == "aggregate":
        changes["level"] = Agreement.Level.AGGREGATE
    elif state == "expired":
        changes["ends"] = today - dt.timedelta(days=1)
    elif state == "revoked":
        changes["status"] = Agreement.Status.REVOKED
    agreement = make_agreement(f"dda-{state}", **changes)
    agreement.parties.set(Organisation.objects.all())
    agreement.disclosing_parties.set(Organisation.objects.filter(slug="aneurin-bevan-uhb"))


def expected(role: Role, state: str, page: str) -> int | str:
    """Status, or "figures"/"withheld" for the dashboard, that the rules require."""
    record_level = state == "record-level"
    if page in ("records", "export"):
        if role is Role.PUBLIC:
            return 302
        return 200 if record_level else 403
    if page in ("small areas", "small area inside a large one"):
        allowed = role is not Role.PUBLIC and state in ("aggregate", "record-level")
        return "figures" if allowed else "withheld"
    return "figures"  # local authorities and larger: disclosure-controlled, for everyone


def observe(client: Client, page: str) -> int | str:
    url = {
        "records": RECORDS,
        "export": EXPORT,
        "small areas": SMALL_AREAS,
        "small area inside a large one": SMALL_INSIDE_LARGE,
    }.get(page, LARGE_AREAS)
    response = client.get(url)
    body = response.content.decode()
    if page in ("small areas", "small area inside a large one", "large areas"):
        assert response.status_code == 200
        if 'data-testid="withheld"' in body:
            assert 'data-testid="areas-table"' not in body
            return "withheld"
        assert 'data-testid="areas-table"' in body
        return "figures"
    if response.status_code == 200:
        if page == "records":
            assert 'data-testid="records-table"' in body
        else:
            assert response["Content-Type"].startswith("text/csv")
            # The demo's ED files came under the SYNTHETIC demo agreement: no row is this one's
            # (which rows each agreement shows: tests/web/test_record_access_matrix.py).
            assert body.startswith("import_id,")
    else:
        # Refused: not one record, whatever the status.
        assert 'data-testid="records-table"' not in body
        assert not response.get("Content-Type", "").startswith("text/csv")
    return response.status_code


PAGES = ("records", "export", "small areas", "small area inside a large one", "large areas")


def mismatches(client_for: Callable[[Role], Client]) -> list[str]:
    found = []
    for state in STATES:
        set_agreement_state(state)
        for role in (Role.PUBLIC, *SIGNED_IN):
            client = client_for(role)
            for page in PAGES:
                want, got = expected(role, state, page), observe(client, page)
                if want != got:
                    found.append(f"{role.value} / {state} / {page}: expected {want}, got {got}")
    return found


def test_roles_by_agreement_states(client_for: Callable[[Role], Client]) -> None:
    assert mismatches(client_for) == []


def test_the_matrix_catches_a_policy_that_ignores_expiry(
    client_for: Callable[[Role], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    careful = access_module.decide_access

    def careless(
        agreements: list[Any], organisation: str | None, source: str, purpose: str | None, day: Any
    ) -> AccessDecision:
        decision = careful(agreements, organisation, source, purpose, day)
        for a in agreements:
            if organisation in a.parties and source in a.sources and a.level > decision.level:
                return AccessDecision(a.level, a.reference, "careless")  # ignores status
        return decision

    def careless_scope(agreements: list[Any], *args: Any) -> Any:
        forever = [
            dataclasses.replace(a, status=AgreementStatus.ACTIVE, ends=None) for a in agreements
        ]
        return careful_scope(forever, *args)

    careful_scope = access_module.record_scope
    monkeypatch.setattr(access_module, "decide_access", careless)
    monkeypatch.setattr(access_module, "record_scope", careless_scope)
    found = mismatches(client_for)
    assert any("expired / records: expected 403, got 200" in line for line in found)
    assert any("revoked / export: expected 403, got 200" in line for line in found)


def test_each_record_level_access_leaves_exactly_one_audit_entry(
    client_for: Callable[[Role], Client],
) -> None:
    set_agreement_state("record-level")
    analyst = client_for(Role.ANALYST)
    for url, action in ((RECORDS, "view records"), (EXPORT, "export records")):
        before = Entry.objects.count()
        assert analyst.get(url).status_code == 200
        assert Entry.objects.count() == before + 1
        entry = Entry.objects.order_by("-pk").first()
        assert entry is not None
        assert entry.action == action
        assert entry.purpose == PURPOSE
        assert entry.agreement == "dda-record-level"
        assert entry.organisation
        assert "istv W92000004" in entry.target
    before = Entry.objects.count()
    set_agreement_state("expired")
    assert analyst.get(RECORDS).status_code == 403
    assert Entry.objects.count() == before  # nothing seen, nothing logged
    assert verify(site_trail(), full=True).intact


def test_records_are_limited_to_the_granted_level(client_for: Callable[[Role], Client]) -> None:
    set_agreement_state("record-level")  # pseudonymised: no exact points, no free text
    body = client_for(Role.ANALYST).get(EXPORT).content.decode()
    header = next(iter(body.splitlines()))
    assert "lsoa11" in header
    assert "latitude" not in header
    assert "location_text" not in header


def test_without_a_purpose_nothing_is_shown(client_for: Callable[[Role], Client]) -> None:
    set_agreement_state("record-level")
    response = client_for(Role.ANALYST).get(RECORDS.replace(f"&purpose={PURPOSE}", ""))
    assert response.status_code == 400
    assert 'data-testid="records-table"' not in response.content.decode()


@pytest.mark.usefixtures("demo_accounts")
def test_the_expired_state_is_really_expired() -> None:
    set_agreement_state("expired")
    policy = Agreement.objects.get(reference="dda-expired").as_policy()
    assert policy.status_on(timezone.localdate()) is AgreementStatus.EXPIRED
    assert policy.level is DataLevel.PSEUDONYMISED
