"""The audit trail of record-level views of imported data: append-only and
hash-chained (:mod:`diogel.governance.chain`), so an edited, removed or
reordered entry is detected by ``diogel manage verify_audit``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diogel.governance.chain import GENESIS, ChainBreak, chain_hash, verify_chain


class AuditEvent(models.Model):
    """Someone saw or changed record-level data. Written, never edited."""

    when = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    organisation = models.CharField(_("organisation"), max_length=80, blank=True)
    action = models.CharField(_("action"), max_length=40)
    target = models.CharField(_("what"), max_length=200)
    detail = models.TextField(_("detail"), blank=True)
    purpose = models.CharField(_("purpose"), max_length=80, blank=True)
    agreement = models.CharField(_("agreement"), max_length=80, blank=True)
    previous_hash = models.CharField(_("previous entry's hash"), max_length=64, default=GENESIS)
    entry_hash = models.CharField(_("entry hash"), max_length=64, blank=True)

    class Meta:
        ordering = ["-when"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.user} {self.action} {self.target}"

    def chained_fields(self, username: str) -> dict[str, Any]:
        """What the entry's hash covers."""
        return {
            "when": self.when.astimezone(dt.UTC).isoformat(),
            "user": username,
            "organisation": self.organisation,
            "action": self.action,
            "target": self.target,
            "detail": self.detail,
            "purpose": self.purpose,
            "agreement": self.agreement,
        }


class AuditChainHead(models.Model):
    """One row holding the newest entry's hash; locked while an entry is appended,
    so two writers never chain to the same predecessor."""

    last_hash = models.CharField(max_length=64, default=GENESIS)
    entries = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.entries} entries, last {self.last_hash[:12]}"


def append(
    user: Any,
    action: str,
    target: str,
    detail: str = "",
    purpose: str = "",
    agreement: str = "",
) -> AuditEvent:
    """Append an entry to the chain (the only way entries are written)."""
    # A NUL cannot be stored by PostgreSQL; written out, the entry still says what came.
    target, detail, purpose = (v.replace("\x00", "\\x00") for v in (target, detail, purpose))
    organisation = getattr(getattr(user, "organisation", None), "slug", "") or ""
    with transaction.atomic():
        AuditChainHead.objects.get_or_create(pk=1)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
        event = AuditEvent(
            user=user,
            organisation=organisation,
            action=action,
            target=target,
            detail=detail,
            purpose=purpose,
            agreement=agreement,
            previous_hash=head.last_hash,
        )
        event.entry_hash = chain_hash(head.last_hash, event.chained_fields(user.get_username()))
        event.save()
        head.last_hash, head.entries = event.entry_hash, head.entries + 1
        head.save(update_fields=["last_hash", "entries"])
    return event


def record(
    request: HttpRequest, action: str, target: str, detail: str = "", agreement: str = ""
) -> AuditEvent:
    """Add an audit event for the signed-in person making ``request``."""
    user = request.user
    if not isinstance(user, get_user_model()):
        raise PermissionError("only signed-in people leave audit events")
    return append(user, action, target, detail, agreement=agreement)


def verify_audit_log() -> ChainBreak | None:
    """Check every entry in the order written, and that none is missing at the end."""
    events = AuditEvent.objects.order_by("pk").select_related("user")
    found = verify_chain(
        (e.pk, e.previous_hash, e.entry_hash, e.chained_fields(e.user.get_username()))
        for e in events.iterator()
    )
    if found is not None:
        return found
    head = AuditChainHead.objects.filter(pk=1).first()
    last = events.last()
    count = events.count()
    if head is not None and (
        head.entries != count or head.last_hash != (last.entry_hash if last else GENESIS)
    ):
        return ChainBreak(count, None, "entries missing from the end of the log")
    return None
