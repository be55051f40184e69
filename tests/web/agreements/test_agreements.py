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
    make_agreement("dda-1")
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
