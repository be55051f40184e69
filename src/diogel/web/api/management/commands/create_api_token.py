"""``diogel manage create_api_token USERNAME --name NAME``: make a token, print it once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from diogel.web.api.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token acting as USERNAME; the token is printed once and not stored."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What the token is for.")
        parser.add_argument(
            "--days", type=int, default=None, help="Expire after this many days (default never)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        User = get_user_model()  # noqa: N806 - a class
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"no such person: {options['username']}") from exc
        if not user.is_active:
            raise CommandError(f"{user.get_username()} is not active")
        days = options["days"]
        if days is not None and days < 1:
            raise CommandError("--days must be 1 or more")
        expires = timezone.now() + dt.timedelta(days=days) if days else None
        token, secret = ApiToken.issue(user, options["name"], expires)
        self.stderr.write(
            f"Token {token.prefix}… for {user.get_username()} "
            f"({'expires ' + f'{expires:%Y-%m-%d}' if expires else 'no expiry'}). "
            "Copy it now: it is shown only once."
        )
        self.stdout.write(secret)
