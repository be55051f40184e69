"""How people relate to boards, as facts for the confidentiality rule.

Which boards an account keeps (their secretariat), which it holds a seat on
today (through the office holder linked to it), and which boards' footprints
hold an area. The decisions built on these facts are made in
:mod:`diogel.web.accounts.permissions`, with the core's
:mod:`diogel.governance.confidentiality`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from diogel.geography import ReferenceDataError
from diogel.geography.levels import Level
from diogel.governance.confidentiality import holds_now, within
from diogel.web.areas.loader import area_index, geography
from diogel.web.boards.models import Board, SeatHolding


def kept_board_ids(user: Any) -> frozenset[int]:
    """The boards whose secretariat names ``user`` (whatever their role)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    return frozenset(Board.objects.filter(secretariat=user).values_list("pk", flat=True))


def seated_board_ids(user: Any, today: dt.date) -> frozenset[int]:
    """The boards on which the office holder linked to ``user`` holds a seat on ``today``.

    Deputies count: they sit at the table in the holder's place.
    """
    if user is None or not user.is_authenticated:
        return frozenset()
    holdings = SeatHolding.objects.filter(person__account=user).values_list(
        "seat__board_id", "start", "end"
    )
    return frozenset(board for board, start, end in holdings if holds_now(start, end, today))


def authorities_of(area_code: str) -> frozenset[str]:
    """The local authorities an area lies in: itself for an authority, its members for
    a force area or footprint, the authority holding a small area; none when unknown."""
    index = area_index()
    if area_code in index:
        return index.local_authorities(area_code)
    try:
        return frozenset(geography().hierarchy.overlapping(Level.LOCAL_AUTHORITY, area_code))
    except (KeyError, ValueError, ReferenceDataError):
        return frozenset()


def boards_over(area_code: str) -> frozenset[int]:
    """The boards whose footprint holds the whole of ``area_code``.

    These are the area's boards: their keepers publish its reports. A board
    whose footprint names a code the site does not know is left out.
    """
    area = authorities_of(area_code)
    if not area:
        return frozenset()
    index = area_index()
    found = set()
    for pk, footprint in Board.objects.values_list("pk", "footprint"):
        try:
            cover = index.cover(footprint)
        except KeyError:
            continue
        if within(area, cover):
            found.add(pk)
    return frozenset(found)
