"""Who may enter a measure's values: its named keepers, and administrators.

Every signed-in role holds ``ENTER_MEASURES``; :func:`may_keep` then asks whether
the person is one of the measure's keepers, so an owner updates their own
measures and nobody else's.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from diogel.web.accounts.permissions import Capability, has_capability, may_keep, role_of
from diogel.web.accounts.roles import Role
from diogel.web.performance.models import Measure


def may_enter(user: Any, measure: Measure) -> bool:
    return not measure.is_hub and may_keep(user, Capability.ENTER_MEASURES, measure.keepers.all())


def require_keeper(user: Any, measure: Measure) -> None:
    if not may_enter(user, measure):
        raise PermissionDenied(f"{Capability.ENTER_MEASURES.value} for {measure.code}")


def kept_measures(user: Any) -> QuerySet[Measure]:
    """The measures ``user`` may enter values for (every entered one for administrators)."""
    entered = Measure.objects.exclude(method="hub")
    if role_of(user) is Role.ADMINISTRATOR:
        return entered
    if not has_capability(user, Capability.ENTER_MEASURES):
        return Measure.objects.none()
    return entered.filter(keepers=user)
