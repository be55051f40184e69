"""What the core needs from the site it runs under: the audit trail, the register of
agreements and what to do after an import.

The core never imports Django; the web layer provides these through the
``diogel.services`` entry-point group (``diogel.web.services:site_services``), so the
command line and the site use the same trail, the same agreements and the same
hooks. Library use and core tests pass a :class:`Services` of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from diogel.audit import AuditTrail, MemoryAuditTrail

if TYPE_CHECKING:
    from diogel.governance.agreements import Agreement
    from diogel.warehouse.imports import ImportResult

#: Runs after an import is committed; returns what it did, one line each, for the user.
ImportHook = Callable[["ImportResult"], list[str]]


class ServicesUnavailableError(RuntimeError):
    """The site's database (its audit trail and agreements) cannot be reached or is not
    set up; the message says what to do."""


@dataclass(frozen=True)
class Services:
    audit: AuditTrail
    #: The agreements register as the access policy sees it.
    agreements: Callable[[], Sequence[Agreement]] = lambda: ()
    after_import: tuple[ImportHook, ...] = ()
    #: The organisation (slug) an actor belongs to, if any.
    organisation_of: Callable[[str], str | None] = field(default=lambda actor: None)


def memory_services() -> Services:
    """Services for library use with no site: an in-memory trail, no agreements."""
    return Services(audit=MemoryAuditTrail())


def load_services() -> Services:
    """The site's services, from the ``diogel.services`` entry point.

    Raises
    ------
    ServicesUnavailableError
        When no provider is installed or the site's database is not ready.
    """
    providers = entry_points(group="diogel.services")
    for provider in providers:
        factory: Callable[[], Services] = provider.load()
        return factory()
    raise ServicesUnavailableError(
        "no site is installed to keep the audit trail and agreements "
        "(the diogel.services entry point)"
    )
