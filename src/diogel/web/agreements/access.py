"""The site's one entry point to the access policy: what a person may see of a source."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from diogel.governance import AccessDecision, decide_access
from diogel.web.agreements.models import Agreement


def access_for(
    user: Any, source: str, purpose: str | None, day: dt.date | None = None
) -> AccessDecision:
    """The access ``user``'s organisation has to ``source`` for ``purpose`` today."""
    organisation = None
    if user is not None and user.is_authenticated and user.organisation_id:
        organisation = user.organisation.slug
    agreements = [a.as_policy() for a in Agreement.objects.prefetch_related("parties")]
    return decide_access(agreements, organisation, source, purpose, day or timezone.localdate())
