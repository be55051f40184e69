"""Agreements in the register decide access, through the one core policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from diogel.governance import DataLevel
from diogel.web.accounts.models import Organisation, User
from diogel.web.accounts.roles import Role
from diogel.web.agreements.access import access_for
from diogel.web.agreements.models import Agreement

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 6, 1)


def make_agreement(reference: str, **changes: object) -> Agreement:
    values: dict[str, object] = {
        "kind": Agreement.Kind.DISCLOSURE,
        "title_en": "Emergency department assault data for Gwent",
        "title_cy": "Data ymosodiadau adrannau achosion brys ar gyfer Gwent",
        "purpose": "Preventing violence under the Serious Violence Duty.",
        "purposes": ["violence-prevention"],
        "legal_basis": "UK GDPR Art. 6(1)(e); Art. 9(2)(g); Crime and Disorder Act 1998 s115",
        "sources": ["istv"],
        "level": Agreement.Level.PSEUDONYMISED,
        "retention_days": 365,
        "starts": dt.date(2025, 1, 1),
        "ends": dt.date(2026, 12, 31),
        "status": Agreement.Status.ACTIVE,
    }
    values.update(changes)
    agreement = Agreement.objects.create(reference=reference, **values)
    agreement.parties.add(Organisation.objects.get(slug="gwent-police"))
    return agreement


def test_a_party_gets_the_agreements_level_and_others_nothing(
    demo_accounts: dict[Role, User],
) -> None:
    agreement = make_agreement("dda-1")
    # Record level needs a disclosing party: without one the agreement grants aggregates.
    agreement.disclosing_parties.add(Organisation.objects.get(slug="aneurin-bevan-uhb"))
    analyst = demo_accounts[Role.ANALYST]
    analyst.organisation = Organisation.objects.get(slug="gwent-police")
    analyst.save()
    decision = access_for(analyst, "istv", "violence-prevention", DAY)
    assert decision.level is DataLevel.PSEUDONYMISED
    assert decision.agreement == "dda-1"
    assert access_for(analyst, "istv", "safeguarding", DAY).level is DataLevel.NONE
    other = demo_accounts[Role.PARTNER_MEMBER]
    other.organisation = Organisation.objects.exclude(slug="gwent-police").first()
    other.save()
    assert access_for(other, "istv", "violence-prevention", DAY).level is DataLevel.NONE


@pytest.mark.parametrize(
    ("changes", "day"),
    [
        ({"status": Agreement.Status.REVOKED}, DAY),
        ({"status": Agreement.Status.DRAFT}, DAY),
        ({}, dt.date(2027, 1, 1)),  # past its end: expired without anyone acting
    ],
)
def test_revoked_draft_and_expired_agreements_give_nothing(
    demo_accounts: dict[Role, User], changes: dict[str, object], day: dt.date
) -> None:
    make_agreement("dda-2", **changes)
    analyst = demo_accounts[Role.ANALYST]
    analyst.organisation = Organisation.objects.get(slug="gwent-police")
    analyst.save()
    assert access_for(analyst, "istv", "violence-prevention", day).level is DataLevel.NONE


def test_the_register_shows_each_agreement_in_both_languages(
    client_for: Callable[[Role], Client],
) -> None:
    make_agreement("dda-3")
    make_agreement("dda-old", ends=dt.date(2024, 12, 31), starts=dt.date(2024, 1, 1))
    page = client_for(Role.PARTNER_MEMBER).get("/cy/agreements/").content.decode()
    assert "Data ymosodiadau adrannau achosion brys ar gyfer Gwent" in page
    assert "Wedi dod i ben" in page  # the old one has expired
    detail = client_for(Role.PARTNER_MEMBER).get("/en/agreements/dda-3/").content.decode()
    assert "Crime and Disorder Act 1998 s115" in detail
    assert "Gwent Police" in detail
    assert "365 days" in detail


def test_every_agreement_change_in_the_admin_is_audited(
    client_for: Callable[[Role], Client], demo_accounts: dict[Role, User]
) -> None:
    from diogel.audit.verify import verify
    from diogel.web.audit.models import Entry
    from diogel.web.audit.trail import site_trail

    agreement = make_agreement("dda-audited")
    admin = client_for(Role.ADMINISTRATOR)
    before = Entry.objects.count()
    form = {
        "reference": "dda-audited",
        "kind": "dda",
        "title_en": agreement.title_en,
        "title_cy": agreement.title_cy,
        "purpose": agreement.purpose,
        "purposes": '["violence-prevention"]',
        "legal_basis": agreement.legal_basis,
        "parties": [str(p.pk) for p in agreement.parties.all()],
        "sources": '["istv"]',
        "data_items": "",
        "level": str(int(agreement.level)),
        "retention_days": "365",
        "starts": "2025-01-01",
        "ends": "2026-12-31",
        "review_date": "",
        "status": "revoked",
        "document_url": "",
    }
    response = admin.post(f"/en/admin/agreements/agreement/{agreement.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = Entry.objects.order_by("-entry_id").first()
    assert Entry.objects.count() == before + 1
    assert entry is not None
    assert entry.action == "change agreement"
    assert entry.agreement == "dda-audited"
    # Each field that changed, before → after (and nothing that did not).
    assert entry.detail == "status: active → revoked"
    response = admin.post(f"/en/admin/agreements/agreement/{agreement.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    last = Entry.objects.order_by("-entry_id").first()
    assert last is not None
    assert last.action == "delete agreement"
    assert last.previous_hash == entry.entry_hash  # chained to the change before it
    assert verify(site_trail(), full=True).intact
