"""``diogel manage purge_expired``: purge every import whose agreement's retention has ended.

An import made under an agreement keeps its record-level rows until the import date
plus the agreement's retention days (:mod:`diogel.governance.retention`); after that
its incidents, detail, quarantined values and outcomes are deleted and the import is
marked purged, its provenance and counts kept (:func:`diogel.warehouse.purge.purge_imports`).
Each purge is an entry in the one audit trail, as ``diogel-retention`` with purpose
``retention``, committed before the warehouse commits. Run it daily (cron or a
systemd timer).
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
from diogel.web.audit.trail import site_trail

#: Who scheduled purges are recorded as in the audit trail (no account: nobody signs
#: in as it).
SYSTEM_USERNAME = "diogel-retention"


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
            # One import per transaction: each purge and its audit entry stand alone,
            # so a failure later in the run keeps the purges already made.
            result = purge_imports(
                warehouse,
                [item.import_id],
                SYSTEM_USERNAME,
                reason,
                site_trail(),
                channel="cli",
                purpose="retention",
            )[0]
            if result.status != "purged":
                continue
            self.stdout.write(f"purged {what}: {result.total_removed:,} rows removed")
