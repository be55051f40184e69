from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from diogel.web.performance.recompute import RECOMPUTE_ERRORS, recompute, warehouse_months


class Command(BaseCommand):
    help = "Recompute the hub measures' stored values from the warehouse."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from", dest="first", help="First month, YYYY-MM (default: the hub's)."
        )
        parser.add_argument("--to", dest="last", help="Last month, YYYY-MM (default: the hub's).")
        parser.add_argument("--measure", action="append", help="Only this measure (repeatable).")

    def handle(self, *args: Any, **options: Any) -> None:
        months = warehouse_months()
        first = options.get("first") or (months[0] if months else None)
        last = options.get("last") or (months[1] if months else None)
        if first is None or last is None:
            self.stdout.write("The warehouse holds no imports: nothing to compute.")
            return
        try:
            stored = recompute(first, last, options.get("measure"))
        except RECOMPUTE_ERRORS as exc:
            raise CommandError(str(exc)) from exc
        total = sum(stored.values())
        self.stdout.write(f"{total} values of {len(stored)} hub measures stored, {first} to {last}")
