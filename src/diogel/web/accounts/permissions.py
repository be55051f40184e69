"""Every permission decision in Diogel is made here.

Views never test roles themselves: they name a :class:`Capability` with
:func:`require` (or ask :func:`has_capability`), and the grant table below
says which roles hold it. The permission matrix test reads every URL the site
serves and checks it against this table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils import timezone

from diogel.governance import confidentiality
from diogel.governance.confidentiality import Confidentiality, Publication, Viewer
from diogel.web.accounts.roles import Role


class Capability(StrEnum):
    """Something a person may be allowed to do."""

    VIEW_PUBLIC_PAGES = "view_public_pages"
    VIEW_OWN_ACCOUNT = "view_own_account"
    VIEW_PARTNER_DIRECTORY = "view_partner_directory"
    ADMINISTER_SITE = "administer_site"
    UPLOAD_DATA = "upload_data"
    VIEW_IMPORTS = "view_imports"
    VIEW_REPORTS = "view_reports"
    GENERATE_REPORTS = "generate_reports"
    EDIT_NARRATIVE = "edit_narrative"
    PUBLISH_REPORTS = "publish_reports"
    VIEW_RECORDS = "view_records"
    VIEW_AUDIT_LOG = "view_audit_log"
    MANAGE_MEETINGS = "manage_meetings"
    UPDATE_PROGRAMME = "update_programme"
    ENTER_MEASURES = "enter_measures"
    MANAGE_AGREEMENTS = "manage_agreements"


_SIGNED_IN = frozenset(Role) - {Role.PUBLIC}

GRANTS: dict[Capability, frozenset[Role]] = {
    Capability.VIEW_PUBLIC_PAGES: frozenset(Role),
    Capability.VIEW_OWN_ACCOUNT: _SIGNED_IN,
    Capability.VIEW_PARTNER_DIRECTORY: _SIGNED_IN,
    Capability.ADMINISTER_SITE: frozenset({Role.ADMINISTRATOR}),
    # Analysts and data controllers bring partners' files in and check the reports.
    Capability.UPLOAD_DATA: frozenset({Role.ANALYST, Role.DATA_CONTROLLER, Role.ADMINISTRATOR}),
    Capability.VIEW_IMPORTS: frozenset({Role.ANALYST, Role.DATA_CONTROLLER, Role.ADMINISTRATOR}),
    # Reports hold only disclosure-controlled aggregates: every partner may read them.
    Capability.VIEW_REPORTS: _SIGNED_IN,
    Capability.GENERATE_REPORTS: frozenset({Role.ANALYST, Role.ADMINISTRATOR}),
    Capability.EDIT_NARRATIVE: frozenset({Role.ANALYST, Role.ADMINISTRATOR}),
    # Publishing is the partnership's decision, taken by its secretariat: by the keepers
    # of the boards of the report's area (may_publish below), not by every secretariat.
    Capability.PUBLISH_REPORTS: frozenset({Role.BOARD_SECRETARIAT, Role.ADMINISTRATOR}),
    # Any partner may ask; the agreements register decides what each organisation sees.
    Capability.VIEW_RECORDS: _SIGNED_IN,
    # Data controllers answer for who saw their data; the log names people.
    Capability.VIEW_AUDIT_LOG: frozenset({Role.DATA_CONTROLLER, Role.ADMINISTRATOR}),
    # Board secretariats run their boards' meetings; partners read them.
    Capability.MANAGE_MEETINGS: frozenset({Role.BOARD_SECRETARIAT, Role.ADMINISTRATOR}),
    # Owners report on their own objectives and actions, whatever their role: which
    # ones is decided per objective (its keepers), not by role.
    Capability.UPDATE_PROGRAMME: _SIGNED_IN,
    # A measure's named owners enter its values, whatever their role: every partner
    # holds this, and the measure's keepers decide (diogel.web.performance.keepers).
    Capability.ENTER_MEASURES: _SIGNED_IN,
    # Data controllers answer for their organisation's agreements: they register, review,
    # renew and revoke those their organisation is a party to (may_manage_agreement).
    Capability.MANAGE_AGREEMENTS: frozenset({Role.DATA_CONTROLLER, Role.ADMINISTRATOR}),
}


def role_of(user: Any) -> Role:
    """The role that governs ``user``; anyone not signed in is the public."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Role.PUBLIC
    return Role(user.role)


def has_capability(user: Any, capability: Capability) -> bool:
    """Does ``user`` hold ``capability``?"""
    return role_of(user) in GRANTS[capability]


View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def require(capability: Capability) -> Callable[[View], View]:
    """Decorate a view so only holders of ``capability`` reach it.

    The public are sent to sign in; signed-in people without the capability
    get 403.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if has_capability(request.user, capability):
                return view(request, *args, **kwargs)
            if role_of(request.user) is Role.PUBLIC:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied(capability.value)

        guarded.required_capability = capability  # type: ignore[attr-defined]
        return cast(View, guarded)

    return decorate


def may_keep(user: Any, capability: Capability, keepers: Any) -> bool:
    """May ``user`` use ``capability`` on one object whose keepers are ``keepers``?

    ``keepers`` is a queryset of the users who keep the object (a board's
    secretariat, say). Holding the capability is not enough: a secretariat
    edits its own boards, not every board. Administrators keep everything.
    """
    if not has_capability(user, capability):
        return False
    if role_of(user) is Role.ADMINISTRATOR:
        return True
    return bool(keepers.filter(pk=user.pk).exists())


def _organisation_slug(user: Any) -> str | None:
    organisation = getattr(user, "organisation", None)
    return getattr(organisation, "slug", None) or None


def _party_slugs(agreement: Any) -> set[str]:
    """Every organisation party to ``agreement``, receiving or disclosing."""
    return {
        *agreement.parties.values_list("slug", flat=True),
        *agreement.disclosing_parties.values_list("slug", flat=True),
    }


def may_manage_agreement_between(user: Any, parties: Iterable[str]) -> bool:
    """May ``user`` register or change an agreement whose parties are ``parties``?

    ``parties`` are organisation slugs, receiving and disclosing together. A data
    controller answers for their own organisation's agreements only, so their
    organisation must be among the parties; administrators manage every agreement.
    Nobody else manages agreements.
    """
    if not has_capability(user, Capability.MANAGE_AGREEMENTS):
        return False
    if role_of(user) is Role.ADMINISTRATOR:
        return True
    own = _organisation_slug(user)
    return own is not None and own in set(parties)


def may_manage_agreement(user: Any, agreement: Any) -> bool:
    """May ``user`` edit, review, renew or revoke this registered agreement?

    Examples
    --------
    A data controller of Aneurin Bevan manages a DDA by which the health board
    discloses ISTV data to Gwent Police, and not one between Gwent Police and a
    council; an administrator manages both.
    """
    if not has_capability(user, Capability.MANAGE_AGREEMENTS):
        return False
    return may_manage_agreement_between(user, _party_slugs(agreement))


def may_read_agreement_document(user: Any, agreement: Any) -> bool:
    """May ``user`` download the signed copy of ``agreement``?

    A signed agreement names people and sometimes their signatures, so it is for
    the members of its parties (any role) and administrators, not every partner.
    """
    if role_of(user) is Role.ADMINISTRATOR:
        return True
    if not has_capability(user, Capability.VIEW_PARTNER_DIRECTORY):
        return False
    own = _organisation_slug(user)
    return own is not None and own in _party_slugs(agreement)


# ----- Confidentiality and publication of papers, agenda items and reports -----------
# Who may see one paper, agenda item or report, and who may publish it. The rule is the
# core's (diogel.governance.confidentiality); here the site works out how a person
# relates to the item: the boards it belongs to (a meeting's board; for a report, the
# boards whose footprint holds its area), whether they keep one, sit on one, are named.


class Sight:
    """One person's relations to boards, read once and reused for a page of items.

    Parameters
    ----------
    user
        The person asking (anyone not signed in is the public).
    today
        The day seats are held on (default: today).
    """

    def __init__(self, user: Any, today: dt.date | None = None) -> None:
        self.user = user
        self.role = role_of(user)
        self.today = today or timezone.localdate()
        self._kept: frozenset[int] | None = None
        self._seated: frozenset[int] | None = None
        self._over: dict[str, frozenset[int]] = {}

    def _kept_boards(self) -> frozenset[int]:
        if self._kept is None:
            from diogel.web.boards.audience import kept_board_ids

            self._kept = kept_board_ids(self.user)
        return self._kept

    def _seated_boards(self) -> frozenset[int]:
        if self._seated is None:
            from diogel.web.boards.audience import seated_board_ids

            self._seated = seated_board_ids(self.user, self.today)
        return self._seated

    def boards_of(self, item: Any) -> frozenset[int]:
        """The boards an item belongs to: its meeting's board, or its area's boards."""
        from diogel.web.boards.models import MeetingItem
        from diogel.web.reports.models import Report

        if isinstance(item, MeetingItem):
            return frozenset({item.meeting.board_id})
        if isinstance(item, Report):
            if item.area_code not in self._over:
                from diogel.web.boards.audience import boards_over

                self._over[item.area_code] = boards_over(item.area_code)
            return self._over[item.area_code]
        raise TypeError(f"{type(item).__name__} carries no confidentiality level")

    def viewer(self, item: Any) -> Viewer:
        """How this person relates to ``item``, for the core's rule."""
        if self.role is Role.PUBLIC:
            return Viewer()
        from diogel.web.reports.models import Report

        report = isinstance(item, Report)
        boards = self.boards_of(item)
        # A secretariat publishes reports (PUBLISH_REPORTS) and runs meetings
        # (MANAGE_MEETINGS) for the boards it keeps; analysts make reports.
        publishes = Capability.PUBLISH_REPORTS if report else Capability.MANAGE_MEETINGS
        return Viewer(
            signed_in=True,
            administrator=self.role is Role.ADMINISTRATOR,
            keeper=has_capability(self.user, publishes) and bool(boards & self._kept_boards()),
            maker=report and has_capability(self.user, Capability.GENERATE_REPORTS),
            board_member=bool(boards & self._seated_boards()),
            named=any(person.pk == self.user.pk for person in item.named_readers.all()),
        )

    def may_see(self, item: Any) -> bool:
        """May this person see ``item`` (and download its paper or files)?"""
        return confidentiality.may_see(self.viewer(item), item.level, item.state)

    def may_publish(self, item: Any) -> bool:
        """May this person publish or withdraw ``item``, or change who may see it?"""
        return confidentiality.may_publish(self.viewer(item))


def may_see(user: Any, item: Any) -> bool:
    """May ``user`` see one paper, agenda item or report?"""
    return Sight(user).may_see(item)


def may_publish(user: Any, item: Any) -> bool:
    """May ``user`` publish, withdraw or change who may see one paper or report?

    Only keepers of the item's boards (for a report, a board whose footprint holds
    the report's area) and administrators.
    """
    return Sight(user).may_publish(item)


Item = TypeVar("Item")


def visible(user: Any, items: Iterable[Item]) -> list[Item]:
    """The items ``user`` may see, in their order (prefetch ``named_readers``)."""
    sight = Sight(user)
    return [item for item in items if sight.may_see(item)]


def public_items(items: QuerySet[Any]) -> QuerySet[Any]:
    """The items the public may see, as a query: public and published.

    The core's rule for a viewer who is not signed in, written as SQL for the
    public pages' lists (``tests/web/accounts/test_confidentiality.py`` checks the
    two agree).
    """
    return items.filter(
        confidentiality=Confidentiality.PUBLIC.value, publication=Publication.PUBLISHED.value
    )


def refuse_unseen(request: HttpRequest, item: Any) -> HttpResponseBase | None:
    """None when the person making ``request`` may see ``item``.

    Otherwise the public are sent to sign in (a partner may see it), and a
    signed-in person is told there is no such page (404), which says nothing of
    what the item is.
    """
    if may_see(request.user, item):
        return None
    if role_of(request.user) is Role.PUBLIC:
        return redirect_to_login(request.get_full_path())
    raise Http404("no such item")
