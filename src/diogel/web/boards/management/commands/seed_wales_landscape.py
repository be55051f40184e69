from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from diogel.landscape.loader import LandscapeError
from diogel.web.boards.seed import seed_landscape


class Command(BaseCommand):
    help = "Load the cited Welsh landscape of boards (or another landscape file) into the register."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, help="A landscape TOML file instead of Wales's.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            loaded = seed_landscape(options.get("file"))
        except LandscapeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(", ".join(f"{n} {what}" for what, n in loaded.items()) + " loaded")
