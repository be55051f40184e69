"""The services the site provides to the core (:mod:`diogel.services`): its audit
trail, its register of agreements and the hooks to run after an import.

``site_services`` is the ``diogel.services`` entry point, so it must work from the
command line as well as inside the site: it sets Django up when nothing has, and
refuses (:class:`~diogel.services.ServicesUnavailableError`) with what to do when
the site's database cannot be reached or is not migrated, rather than letting an
action go unrecorded.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from diogel.services import Services, ServicesUnavailableError

if TYPE_CHECKING:
    from diogel.governance.agreements import Agreement

DEFAULT_SETTINGS_MODULE = "diogel.web.settings.development"

#: Set once the database has been found ready in this process.
_checked = False


def _setup_django() -> None:
    """Set Django up with the site's settings unless something already has."""
    import django
    from django.apps import apps
    from django.conf import settings

    if apps.ready:
        return
    if not settings.configured:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS_MODULE)
    django.setup()


def _check_database() -> None:
    """Raise unless the site's database answers and every migration is applied."""
    global _checked
    if _checked:
        return
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        raise ServicesUnavailableError(
            f"the site's database cannot be reached ({exc}); check DATABASE_URL, "
            "then run `diogel manage migrate`"
        ) from exc
    if pending:
        raise ServicesUnavailableError(
            f"the site's database is not set up ({len(pending)} migrations not applied); "
            "run `diogel manage migrate`"
        )
    _checked = True


def _agreements() -> Sequence[Agreement]:
    from diogel.web.agreements.models import Agreement as AgreementRow

    return [a.as_policy() for a in AgreementRow.objects.all()]


def _organisation_of(actor: str) -> str | None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=actor).select_related("organisation").first()
    organisation = getattr(user, "organisation", None)
    return getattr(organisation, "slug", None) or None


def site_services() -> Services:
    """The site's trail, agreements and after-import hooks, for the core.

    Raises
    ------
    ServicesUnavailableError
        When the site's database cannot be reached or is not migrated.
    """
    _setup_django()
    _check_database()
    from diogel.web.audit.trail import site_trail
    from diogel.web.imports import hooks

    return Services(
        audit=site_trail(),
        agreements=_agreements,
        # After every import, from the upload page or the command line: the scorecards
        # follow the data, and the monthly reports it makes due are queued.
        after_import=(hooks.recompute_measures, hooks.queue_due_reports),
        organisation_of=_organisation_of,
    )
