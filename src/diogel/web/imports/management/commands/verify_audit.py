"""``diogel manage verify_audit``: check the whole audit trail; exit 1 if broken.

The same check as ``diogel audit verify --full`` (:func:`diogel.audit.verify.verify`).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from diogel.audit.verify import verify
from diogel.web.audit.trail import site_trail


class Command(BaseCommand):
    help = "Verify that no audit entry was edited, removed, added or reordered."

    def handle(self, *args: Any, **options: Any) -> None:
        found = verify(site_trail(), full=True)
        if found.problem is not None:
            problem = found.problem
            where = f"entry {problem.entry_id}" if problem.entry_id is not None else "the end"
            raise CommandError(f"audit log broken at {where}: {problem.reason}")
        self.stdout.write(f"audit log intact: {found.entries} entries")
