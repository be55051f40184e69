"""``diogel manage run_report_jobs``: generate queued reports (the background worker)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from diogel.web.reports import jobs


class Command(BaseCommand):
    help = "Generate queued reports; with --forever, keep polling for new ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--forever", action="store_true", help="Keep polling the queue.")
        parser.add_argument("--poll", type=float, default=5.0, help="Seconds between polls.")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs.recover_interrupted()
        while True:
            done = jobs.run_pending()
            if done:
                self.stdout.write(f"generated {done} report(s)")
            if not options["forever"]:
                return
            time.sleep(options["poll"])
