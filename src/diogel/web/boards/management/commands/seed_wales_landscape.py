from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from diogel.landscape.loader import LandscapeError
from diogel.web.boards.seed import seed_landscape
from diogel.web.core.seeding import write_report


class Command(BaseCommand):
    help = (
        "Load the cited Welsh landscape of boards (or another landscape file) into the "
        "register: adds and updates, never deletes or overwrites what people recorded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, help="A landscape TOML file instead of Wales's.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = seed_landscape(options.get("file"))
        except LandscapeError as exc:
            raise CommandError(str(exc)) from exc
        write_report(self, report)
