"""The audit trail for data controllers: read it, check its chain, export it.

Each view checks only the entries written since the newest sealed checkpoint
(:func:`diogel.audit.verify.verify`) and, when they hold, seals a new checkpoint, so
the page costs the entries added since it was last opened, not the whole log.
``diogel audit verify --full`` re-checks everything.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from diogel.audit.verify import Verification, verify
from diogel.web.accounts.permissions import Capability, require
from diogel.web.audit.models import Entry
from diogel.web.audit.trail import record, site_trail
from diogel.web.core.downloads import csv_download

SHOWN = 200
COLUMNS = (
    "entry_id",
    "at",
    "actor",
    "channel",
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
    action = request.GET.get("action", "")[:60]
    entries = Entry.objects.order_by("-entry_id")
    if action:
        entries = entries.filter(action=action)
    if request.GET.get("format") == "csv":
        return _export(request, action)
    actions = Entry.objects.order_by("action").values_list("action", flat=True).distinct()
    checked = verify(site_trail())
    return render(
        request,
        "imports/audit.html",
        {
            "events": entries[:SHOWN],
            "total": entries.count(),
            "shown": SHOWN,
            "action": action,
            "actions": list(actions),
            "broken": checked.problem,
            "broken_at": _where(checked),
            "checked": checked,
        },
    )


def _where(checked: Verification) -> int | None:
    """The entry number a break is shown at (the entry after the last intact one when
    entries are missing from the end)."""
    found = checked.problem
    if found is None:
        return None
    return int(found.entry_id) if found.entry_id is not None else found.position + 1


def _export(request: HttpRequest, action: str) -> HttpResponse:
    entries = Entry.objects.order_by("-entry_id")
    if action:
        entries = entries.filter(action=action)
    rows = [
        [
            e.entry_id,
            e.at.isoformat(),
            e.actor,
            e.channel,
            e.organisation,
            e.action,
            e.target,
            e.detail,
            e.purpose,
            e.agreement,
            e.entry_hash,
        ]
        for e in entries.iterator(chunk_size=2000)
    ]
    # The log names people: exporting it is itself an access to record.
    record(request, "export audit log", action or "all actions", f"{len(rows)} entries")
    stamp = timezone.now().strftime("%Y%m%dT%H%M")
    return csv_download(f"diogel-audit-{stamp}.csv", COLUMNS, rows)
