"""The audit trail of record-level views of imported data."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Someone saw or changed record-level data. Written, never edited."""

    when = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    action = models.CharField(_("action"), max_length=40)
    target = models.CharField(_("what"), max_length=200)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        ordering = ["-when"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.when:%Y-%m-%d %H:%M} {self.user} {self.action} {self.target}"


def record(request: HttpRequest, action: str, target: str, detail: str = "") -> AuditEvent:
    """Add an audit event for the signed-in person making ``request``."""
    user = request.user
    if not isinstance(user, get_user_model()):
        raise PermissionError("only signed-in people leave audit events")
    return AuditEvent.objects.create(user=user, action=action, target=target, detail=detail)
