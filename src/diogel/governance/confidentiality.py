"""Who may see a meeting paper, an agenda item or a report, and who may publish it.

Every such item carries a **confidentiality level** (who it is for once
published) and a **publication state** (draft, published, withdrawn). The rule
here is pure: the site works out how one person relates to the item (do they
keep one of its boards, hold a seat on one, are they named on it...) as a
:class:`Viewer`, and :func:`may_see` and :func:`may_publish` decide. The site
also gives the levels and states their Welsh and English names.

- Administrators, the keepers of the item's boards and the item's makers see it
  whatever its level and state: they write drafts and decide on publication.
- Anyone else sees only what is published: a public item by everyone, a
  partners' item by any signed-in partner account, a board members' item by the
  people holding a seat on one of its boards now, a named item by the accounts
  named on it.
- Only administrators and the keepers of the item's boards publish or withdraw.

Examples
--------
>>> may_see(Viewer(), Confidentiality.PUBLIC, Publication.PUBLISHED)
True
>>> may_see(Viewer(signed_in=True), Confidentiality.BOARD_MEMBERS, Publication.PUBLISHED)
False
>>> may_see(Viewer(signed_in=True, board_member=True), Confidentiality.PUBLIC, Publication.DRAFT)
False
>>> may_see(Viewer(signed_in=True, keeper=True), Confidentiality.NAMED, Publication.DRAFT)
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Confidentiality(StrEnum):
    """Who a published item is for."""

    PUBLIC = "public"
    PARTNERS = "partners"
    BOARD_MEMBERS = "board_members"
    NAMED = "named"


class Publication(StrEnum):
    """Where an item is in its life: written, out, or taken back."""

    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Viewer:
    """How one person relates to one item.

    Attributes
    ----------
    signed_in
        Holds an active partner account (anyone else is the public).
    administrator
        Administers the site.
    keeper
        Keeps (is the secretariat of) one of the item's boards and may publish there.
    maker
        Makes items of this kind (analysts generate reports): sees drafts to check them.
    board_member
        Holds a seat on one of the item's boards now.
    named
        Is named on the item.
    """

    signed_in: bool = False
    administrator: bool = False
    keeper: bool = False
    maker: bool = False
    board_member: bool = False
    named: bool = False


def may_see(viewer: Viewer, level: Confidentiality, state: Publication) -> bool:
    """May ``viewer`` see an item at ``level`` in ``state``?

    Parameters
    ----------
    viewer
        The person's relation to the item.
    level
        The item's confidentiality level.
    state
        The item's publication state.

    Returns
    -------
    bool
        True when the item (and any file it carries) may be shown to them.
    """
    if viewer.administrator or viewer.keeper or viewer.maker:
        return True
    if state is not Publication.PUBLISHED:
        return False
    if level is Confidentiality.PUBLIC:
        return True
    if not viewer.signed_in:
        return False
    if level is Confidentiality.PARTNERS:
        return True
    if level is Confidentiality.BOARD_MEMBERS:
        return viewer.board_member
    return viewer.named


def may_publish(viewer: Viewer) -> bool:
    """May ``viewer`` publish or withdraw the item, or change who it is for?

    Only the keepers of the item's boards and administrators: a secretariat
    publishes for the boards it keeps, not for every area in Wales.
    """
    return viewer.administrator or viewer.keeper


def within(area: frozenset[str], footprint: frozenset[str]) -> bool:
    """Does an area lie wholly inside a board's footprint (both as local authorities)?

    A board keeps the reports of its own footprint and of any area inside it:
    Gwent's oversight group (all five Gwent authorities) keeps Newport's and
    Gwent's, Newport's partnership keeps Newport's but not Gwent's. An area of
    no known authorities lies inside nothing.

    Examples
    --------
    >>> within(frozenset({"W06000022"}), frozenset({"W06000021", "W06000022"}))
    True
    >>> within(frozenset({"W06000021", "W06000022"}), frozenset({"W06000022"}))
    False
    >>> within(frozenset(), frozenset({"W06000022"}))
    False
    """
    return bool(area) and area <= footprint


def holds_now(start: str, end: str, today: dt.date) -> bool:
    """Is a seat held on ``today``, given its partial ISO start and end dates?

    The register gives dates as precisely as its documents do ("2021",
    "2021-05", "2021-05-10"); an empty date is open. A holding that ended in
    "2021" is held until the last day of 2021.

    Examples
    --------
    >>> holds_now("2020", "", dt.date(2024, 1, 1))
    True
    >>> holds_now("2019-04", "2023", dt.date(2023, 12, 31))
    True
    >>> holds_now("", "2023-06", dt.date(2023, 7, 1))
    False
    >>> holds_now("2025", "", dt.date(2024, 12, 31))
    False
    """
    day = today.isoformat()
    started = not start or day[: len(start)] >= start
    ongoing = not end or day[: len(end)] <= end
    return started and ongoing
