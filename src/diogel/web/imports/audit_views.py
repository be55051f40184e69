"""The audit log for data controllers: read it, check its chain, export it."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from diogel.web.accounts.permissions import Capability, require
from diogel.web.core.downloads import csv_download
from diogel.web.imports.models import AuditEvent, append, verify_audit_log

SHOWN = 200
COLUMNS = (
    "when",
    "user",
    "organisation",
    "action",
    "target",
    "detail",
    "purpose",
    "agreement",
    "entry_hash",
)


@require(Capability.VIEW_AUDIT_LOG)
def audit_log(request: HttpRequest) -> HttpResponse:
    action = request.GET.get("action", "")[:40]
    events = AuditEvent.objects.select_related("user").order_by("-pk")
    if action:
        events = events.filter(action=action)
    if request.GET.get("format") == "csv":
        return _export(request, events, action)
    actions = AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
    return render(
        request,
        "imports/audit.html",
        {
            "events": events[:SHOWN],
            "total": events.count(),
            "shown": SHOWN,
            "action": action,
            "actions": list(actions),
            "broken": verify_audit_log(),
        },
    )


def _export(request: HttpRequest, events: QuerySet[AuditEvent], action: str) -> HttpResponse:
    rows = [
        [
            event.when.isoformat(),
            event.user.get_username(),
            event.organisation,
            event.action,
            event.target,
            event.detail,
            event.purpose,
            event.agreement,
            event.entry_hash,
        ]
        for event in events.iterator()
    ]
    # The log names people: exporting it is itself an access to record.
    append(request.user, "export audit log", action or "all actions", f"{len(rows)} entries")
    stamp = timezone.now().strftime("%Y%m%dT%H%M")
    return csv_download(f"diogel-audit-{stamp}.csv", COLUMNS, rows)
