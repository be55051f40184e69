"""``diogel manage verify_audit``: check the audit log's hash chain; exit 1 if broken."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from diogel.web.imports.models import AuditEvent, verify_audit_log


class Command(BaseCommand):
    help = "Verify that no audit entry was edited, removed, added or reordered."

    def handle(self, *args: Any, **options: Any) -> None:
        found = verify_audit_log()
        if found is not None:
            where = f"entry {found.entry_id}" if found.entry_id is not None else "the end"
            raise CommandError(
                f"audit log broken at {where} (position {found.position}): {found.reason}"
            )
        self.stdout.write(f"audit log intact: {AuditEvent.objects.count()} entries")
