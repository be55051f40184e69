from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from diogel.performance import MeasureFileError
from diogel.programme import ProgrammeError
from diogel.web.core.seeding import write_report
from diogel.web.performance.seed import seed_measures


class Command(BaseCommand):
    help = (
        "Load the performance framework's measures (and the values it carries): adds and "
        "updates, never deletes or overwrites what people recorded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, help="A measures TOML file instead of the site's.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = seed_measures(options.get("file"))
        except (MeasureFileError, ProgrammeError) as exc:
            raise CommandError(str(exc)) from exc
        write_report(self, report)
