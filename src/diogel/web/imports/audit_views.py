"""The audit log for data controllers: read it, check its chain, export it."""

from __future__ import annotations

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from diogel.web.accounts.permissions import Capability, require
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


def _export(request: HttpRequest, events: object, action: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    count = 0
    for event in events.iterator():  # type: ignore[attr-defined]
        writer.writerow(
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
        )
        count += 1
    # The log names people: exporting it is itself an access to record.
    append(request.user, "export audit log", action or "all actions", f"{count} entries")
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%dT%H%M")
    response["Content-Disposition"] = f'attachment; filename="diogel-audit-{stamp}.csv"'
    return response
