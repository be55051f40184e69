"""API tokens for partner systems: only a hash of each token is stored.

A token is shown once, when it is made (:meth:`ApiToken.issue`); afterwards it
cannot be recovered from the database, only revoked and replaced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Every token starts with this, so a leaked one is easy to recognise in logs or code.
TOKEN_PREFIX = "dgl_"
#: ``last_used`` is written at most this often per token, so busy clients do not
#: turn every read into a database write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def hash_token(token: str) -> str:
    """SHA-256 of the token: tokens are long and random, so no slow hash is needed.

    Examples
    --------
    >>> len(hash_token("dgl_example"))
    64
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiToken(models.Model):
    """A bearer token acting as one person (and so their organisation and role)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the system using it.")
    )
    key_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("token starts"), max_length=12, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    expires = models.DateTimeField(
        _("expires"), null=True, blank=True, help_text=_("Leave empty for no end date.")
    )
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(
        cls, user: Any, name: str, expires: dt.datetime | None = None
    ) -> tuple[ApiToken, str]:
        """Make a token for ``user``; returns it and the secret, which is never stored."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls(user=user, name=name, expires=expires)
        token.set_secret(secret)
        token.save()
        return token, secret

    def set_secret(self, secret: str) -> None:
        self.key_hash = hash_token(secret)
        self.prefix = secret[: len(TOKEN_PREFIX) + 4]

    def usable(self, now: dt.datetime | None = None) -> bool:
        """Not revoked, not expired, and its person's account still active."""
        now = now or timezone.now()
        if self.revoked is not None and self.revoked <= now:
            return False
        if self.expires is not None and self.expires <= now:
            return False
        return bool(self.user.is_active)

    def touch(self, now: dt.datetime | None = None) -> None:
        """Record use, at most once per :data:`LAST_USED_RESOLUTION`."""
        now = now or timezone.now()
        if self.last_used is None or now - self.last_used >= LAST_USED_RESOLUTION:
            self.last_used = now
            ApiToken.objects.filter(pk=self.pk).update(last_used=now)

    @classmethod
    def authenticate(cls, secret: str) -> ApiToken | None:
        """The usable token with this secret, or None."""
        found = (
            cls.objects.select_related("user__organisation")
            .filter(key_hash=hash_token(secret))
            .first()
        )
        if found is None or not found.usable():
            return None
        found.touch()
        return found
