"""Who may change a board's record: its own secretariat, and administrators.

Holding ``MANAGE_MEETINGS`` is not enough on its own: a secretariat edits the
boards it keeps, not every board in Wales (see
:func:`diogel.web.accounts.permissions.may_keep`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from diogel.web.accounts.permissions import Capability, has_capability, may_keep, role_of
from diogel.web.accounts.roles import Role
from diogel.web.areas.loader import area_index
from diogel.web.boards.models import Board


def may_edit(user: Any, board: Board) -> bool:
    return may_keep(user, Capability.MANAGE_MEETINGS, board.secretariat.all())


def require_keeper(user: Any, board: Board) -> None:
    if not may_edit(user, board):
        raise PermissionDenied(f"{Capability.MANAGE_MEETINGS.value} for {board.code}")


def kept_boards(user: Any) -> QuerySet[Board]:
    """The boards ``user`` may edit (every board for an administrator)."""
    if role_of(user) is Role.ADMINISTRATOR:
        return Board.objects.all()
    if not has_capability(user, Capability.MANAGE_MEETINGS):
        return Board.objects.none()
    return Board.objects.filter(secretariat=user)


def may_edit_tracker(user: Any, region: str) -> bool:
    """A region's tracker rows are kept by the secretariats of boards covering the region."""
    if role_of(user) is Role.ADMINISTRATOR:
        return True
    if not has_capability(user, Capability.MANAGE_MEETINGS):
        return False
    areas = area_index()
    region_cover = areas.cover([region])
    return any(
        areas.cover(board.footprint) & region_cover
        for board in Board.objects.filter(secretariat=user)
    )
