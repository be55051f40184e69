"""Every permission decision in Diogel is made here.

Views never test roles themselves: they name a :class:`Capability` with
:func:`require` (or ask :func:`has_capability`), and the grant table below
says which roles hold it. The permission matrix test reads every URL the site
serves and checks it against this table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

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
    # Publishing is the partnership's decision, taken by its secretariat.
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
