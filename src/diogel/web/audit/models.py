"""Where the one audit trail is stored: entries, the chain head, sealed checkpoints.

The columns are the core's :class:`diogel.audit.AuditRecord` as written, its time and
its place in the chain. ``user`` links to the account for convenience (finding a
person's entries) but verification never reads it: the hash covers ``actor``, the
username as it was when the entry was written, so renaming or removing an account
changes no hash.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from diogel.governance.chain import GENESIS


class Entry(models.Model):
    """One entry of the trail. Written once, by :class:`SiteAuditTrail`, never edited."""

    class Channel(models.TextChoices):
        SITE = "site", _("site")
        API = "api", _("API")
        CLI = "cli", _("command line")

    # Numbered 1, 2, ... in chain order with no gaps (the appender takes the next
    # number under the head's lock), so a removed or inserted row shows as a gap.
    entry_id = models.PositiveBigIntegerField(_("entry"), primary_key=True)
    at = models.DateTimeField(_("when"), db_index=True)
    # Text columns, not bounded ones: the hash covers the value as given, so the
    # database must never shorten it.
    actor = models.TextField(_("person"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    action = models.TextField(_("action"), db_index=True)
    target = models.TextField(_("what"))
    detail = models.TextField(_("detail"), blank=True)
    organisation = models.TextField(_("organisation"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    agreement = models.TextField(_("agreement"), blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    previous_hash = models.CharField(_("previous entry's hash"), max_length=64)
    entry_hash = models.CharField(_("entry hash"), max_length=64)

    class Meta:
        ordering = ["-entry_id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.entry_id} {self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target}"


class ChainHead(models.Model):
    """One row (pk 1): how many entries, the newest hash, and their seal. Locked while
    an entry is appended, so two writers never chain to the same predecessor."""

    last_hash = models.CharField(max_length=64, default=GENESIS)
    entries = models.PositiveBigIntegerField(default=0)
    seal = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.entries} entries, last {self.last_hash[:12]}"


class Checkpoint(models.Model):
    """A point up to which the chain was found intact, sealed with the key outside the
    database; verification starts after the newest valid one."""

    entry_id = models.PositiveBigIntegerField()
    entry_hash = models.CharField(max_length=64)
    entries = models.PositiveBigIntegerField()
    seal = models.CharField(max_length=64)
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"checkpoint at entry {self.entry_id}"
