"""The site's one entry point to the access policy: what a person may see of a source.

Aggregates: :func:`access_for` (:func:`diogel.governance.decide_access`). Records and
quarantined values: :func:`record_scope_for` (:func:`diogel.governance.record_scope`),
which names the (agreement, provider) pairs whose rows may be shown; nothing here
decides anything itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from diogel.governance import AccessDecision, RecordScope, decide_access, record_scope
from diogel.governance.agreements import Agreement as PolicyAgreement
from diogel.governance.agreements import AgreementKind
from diogel.web.agreements.models import Agreement


def _organisation(user: Any) -> str | None:
    """The slug of a signed-in person's organisation, or None."""
    if user is not None and user.is_authenticated and user.organisation_id:
        return str(user.organisation.slug)
    return None


def _register() -> list[PolicyAgreement]:
    """Every agreement in the register, as the policy sees them."""
    return [a.as_policy() for a in Agreement.objects.all()]


def access_for(
    user: Any, source: str, purpose: str | None, day: dt.date | None = None
) -> AccessDecision:
    """The access ``user``'s organisation has to ``source`` for ``purpose`` today."""
    return decide_access(
        _register(), _organisation(user), source, purpose, day or timezone.localdate()
    )


def record_scope_for(
    user: Any, source: str, purpose: str | None, day: dt.date | None = None
) -> RecordScope:
    """The rows of ``source`` ``user`` may see at record level for ``purpose`` today."""
    return record_scope(
        _register(), _organisation(user), source, purpose, day or timezone.localdate()
    )


def offered_purposes(user: Any, source: str, agreement: str | None = None) -> list[str]:
    """Purposes to offer ``user`` when asking why they need records of ``source``.

    Only a convenience for the question (those of disclosure agreements naming the
    person's organisation as a receiving party, and ``agreement`` when given); the
    answer is still decided by :func:`record_scope_for`.
    """
    organisation = _organisation(user)
    found: set[str] = set()
    for policy in _register():
        if (
            policy.kind is AgreementKind.DISCLOSURE
            and organisation in policy.parties
            and source in policy.sources
            and (agreement is None or policy.reference == agreement)
        ):
            found.update(policy.purposes)
    return sorted(found)


def audit_grants(scope: RecordScope) -> str:
    """An audit entry's account of what ``scope`` covers: each agreement and provider."""
    if scope.open:
        return "open data"
    return ", ".join(
        f"{g.agreement}/{g.provider} {g.level.name.lower()}" for g in sorted(scope.grants)
    )


def audit_agreements(scope: RecordScope) -> str:
    """An audit entry's agreement field (80 characters): the granting agreements, the
    first ones named and the rest counted when they do not fit (the detail names all)."""
    names = list(scope.agreements)
    text = " ".join(names)
    while len(text) > 80 and names:
        names.pop()
        text = " ".join(names) + f" +{len(scope.agreements) - len(names)}"
    return text[:80]
