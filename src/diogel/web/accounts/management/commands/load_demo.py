"""``manage.py load_demo``: demo organisations and one account per role."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from diogel.web.accounts.demo import create_demo_accounts


class Command(BaseCommand):
    help = "Load the demo organisations and create one demo account per role (demo mode only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print the accounts as JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        accounts = create_demo_accounts()
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [
                        {
                            "username": a.username,
                            "password": a.password,
                            "role": a.role.value,
                            "organisation": a.organisation,
                        }
                        for a in accounts
                    ],
                    indent=2,
                )
            )
            return
        self.stdout.write("Demo accounts (demo mode only; passwords change on every run):")
        for a in accounts:
            self.stdout.write(
                f"  {a.role.label:<20} {a.username:<18} {a.password:<18} {a.organisation}"
            )
