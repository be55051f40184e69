from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from diogel.landscape.loader import LandscapeError
from diogel.programme import ProgrammeError
from diogel.web.core.seeding import write_report
from diogel.web.programme.seed import SeedError, seed_programme


class Command(BaseCommand):
    help = (
        "Load the cited Safer Communities Programme (or another programme file) into the "
        "tracker: adds and updates, never deletes or overwrites what people recorded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, help="A programme TOML file instead of Wales's.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = seed_programme(options.get("file"))
        except (ProgrammeError, LandscapeError, SeedError) as exc:
            raise CommandError(str(exc)) from exc
        write_report(self, report)
