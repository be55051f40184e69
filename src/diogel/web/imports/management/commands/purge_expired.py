"""``diogel manage purge_expired``: purge every import whose agreement's retention has ended.

An import made under an agreement keeps its record-level rows until the import date
plus the agreement's retention days (:mod:`diogel.governance.retention`); after that
its incidents, detail, quarantined values and outcomes are deleted and the import is
marked purged, its provenance and counts kept (:func:`diogel.warehouse.purge.purge_imports`,
which also writes the warehouse's own chained audit entry). Each purge is recorded in
the site's hash-chained audit log too, as the retention account. Run it daily (cron or
a systemd timer).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from diogel.governance.retention import ImportHeld, due_for_purge
from diogel.warehouse import Warehouse
from diogel.warehouse.purge import purge_imports
from diogel.warehouse.queries import list_imports
from diogel.web.agreements.models import Agreement
from diogel.web.imports.models import append

#: The account audit entries of scheduled purges are written as: it cannot sign in.
SYSTEM_USERNAME = "diogel-retention"


def system_user() -> Any:
    """The inactive account that scheduled purges are recorded under."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


class Command(BaseCommand):
    help = "Purge the record-level rows of every import whose agreement's retention has ended."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be purged; change nothing."
        )
        parser.add_argument("--today", help="Decide as on this day (YYYY-MM-DD); default: today.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = (
                dt.date.fromisoformat(options["today"])
                if options["today"]
                else timezone.localdate()
            )
        except ValueError as exc:
            raise CommandError(f"--today {options['today']!r} is not a date (YYYY-MM-DD)") from exc
        warehouse = Warehouse(settings.DIOGEL.warehouse_dir)
        agreements = {
            a.reference: a.as_policy() for a in Agreement.objects.prefetch_related("parties")
        }
        held = [
            ImportHeld(
                int(i["import_id"]), i["agreement"], i["imported_at"].date(), str(i["status"])
            )
            for i in list_imports(warehouse)
        ]
        due, unknown = due_for_purge(held, agreements, today)
        for held_item in unknown:
            self.stderr.write(
                f"import {held_item.import_id} names agreement {held_item.agreement!r}, which "
                "is not in the register: kept; check it by hand"
            )
        if not due:
            self.stdout.write("nothing to purge")
            return
        for item in sorted(due, key=lambda d: d.import_id):
            what = (
                f"import {item.import_id} (agreement {item.agreement}, imported "
                f"{item.imported}, retention ended {item.retention_ends})"
            )
            if options["dry_run"]:
                self.stdout.write(f"would purge {what}")
                continue
            reason = f"retention under {item.agreement} ended {item.retention_ends}"
            # One import per transaction: each purge and its warehouse audit entry stand
            # alone, so a failure later in the run keeps the purges already made.
            result = purge_imports(warehouse, [item.import_id], SYSTEM_USERNAME, reason)[0]
            if result.status != "purged":
                continue
            removed = ", ".join(f"{t}={n}" for t, n in result.rows_removed.items())
            append(
                system_user(),
                "purge",
                f"import {item.import_id}",
                f"rows removed: {removed}; {reason}",
                purpose="retention",
                agreement=item.agreement,
            )
            self.stdout.write(f"purged {what}: {result.total_removed:,} rows removed")
