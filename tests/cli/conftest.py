"""Fixtures for the command-line tests that import: the site's database holds the audit
trail and the agreements the ingest service checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

PROVIDER = "test-provider"


@pytest.fixture
def under_agreement(db: None) -> Callable[..., list[str]]:
    """Register a Data Disclosure Agreement in force for ``sources``, disclosed by a test
    organisation; returns the ingest options naming both."""
    from diogel.web.accounts.models import Organisation, OrganisationType
    from diogel.web.agreements.models import Agreement

    def make(reference: str, *sources: str) -> list[str]:
        provider, _ = Organisation.objects.get_or_create(
            slug=PROVIDER,
            defaults={
                "name_en": "Test provider",
                "name_cy": "Darparwr prawf",
                "kind": OrganisationType.OTHER,
            },
        )
        agreement = Agreement.objects.create(
            reference=reference,
            kind=Agreement.Kind.DISCLOSURE,
            title_en=f"Test agreement {reference}",
            title_cy=f"Cytundeb prawf {reference}",
            purpose="Tests.",
            purposes=["violence-prevention"],
            legal_basis="UK GDPR Art. 6(1)(e)",
            sources=list(sources),
            level=Agreement.Level.PSEUDONYMISED,
            starts=dt.date(2020, 1, 1),
            status=Agreement.Status.ACTIVE,
        )
        agreement.parties.add(provider)
        agreement.disclosing_parties.add(provider)
        return ["--agreement", reference, "--provider", PROVIDER]

    return make
