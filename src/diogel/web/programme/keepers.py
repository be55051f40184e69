"""Who may record updates: an objective's keepers (for it and its actions), an action's
keepers (for that action), and administrators."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from diogel.web.accounts.permissions import Capability, may_keep
from diogel.web.programme.models import Action, Objective


def may_update(user: Any, entry: Objective | Action) -> bool:
    if may_keep(user, Capability.UPDATE_PROGRAMME, entry.keepers.all()):
        return True
    if isinstance(entry, Action):
        return may_keep(user, Capability.UPDATE_PROGRAMME, entry.objective.keepers.all())
    return False


def require_update(user: Any, entry: Objective | Action) -> None:
    if not may_update(user, entry):
        raise PermissionDenied(f"{Capability.UPDATE_PROGRAMME.value} for {entry.code}")
