"""What changed in an agreement, written to the one audit trail and read back as its history.

Every change to an agreement (on the site's forms or in the admin) is one audit entry
whose detail lists each field that changed as ``field: before → after``. The change
history on the agreement's page is read back from the same trail, so there is one
record of what happened, not two that could disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from diogel.web.accounts.models import Organisation
from diogel.web.agreements.models import Agreement
from diogel.web.audit.models import Entry
from diogel.web.audit.trail import record

#: Shown for an empty value on either side of a change.
NOTHING = "–"


class Action(StrEnum):
    """The audit actions that change an agreement (and one that only reads it)."""

    REGISTER = "register agreement"
    CHANGE = "change agreement"
    ACTIVATE = "activate agreement"
    REVIEW = "review agreement"
    RENEW = "renew agreement"
    REVOKE = "revoke agreement"
    # Written by the Django admin, which administrators may still use.
    ADMIN_ADD = "add agreement"
    ADMIN_DELETE = "delete agreement"
    # Reading the signed copy is audited but is not a change.
    DOWNLOAD = "download agreement document"


CHANGE_ACTIONS = frozenset(Action) - {Action.DOWNLOAD}

ACTION_LABELS: dict[str, Promise] = {
    Action.REGISTER: _("Registered"),
    Action.CHANGE: _("Changed"),
    Action.ACTIVATE: _("Made active"),
    Action.REVIEW: _("Reviewed"),
    Action.RENEW: _("Renewed"),
    Action.REVOKE: _("Revoked"),
    Action.ADMIN_ADD: _("Registered"),
    Action.ADMIN_DELETE: _("Deleted"),
}


def snapshot(agreement: Agreement) -> dict[str, str]:
    """Every field of ``agreement`` as the audit trail writes it (English, stable codes).

    Lists are sorted so that a reordering is not a change; the level and kind are
    written as their codes with the English label, for a reader of the raw log.
    """
    with translation.override("en"):
        saved = agreement.pk is not None
        document = agreement.document if saved else None
        values: dict[str, Any] = {
            "reference": agreement.reference,
            "kind": f"{agreement.kind} ({Agreement.Kind(agreement.kind).label})",
            "title_en": agreement.title_en,
            "title_cy": agreement.title_cy,
            "purpose": agreement.purpose,
            "purposes": ", ".join(sorted(str(p) for p in agreement.purposes or [])),
            "legal_basis": agreement.legal_basis,
            "parties": ", ".join(
                sorted(agreement.parties.values_list("slug", flat=True)) if saved else []
            ),
            "disclosing_parties": ", ".join(
                sorted(agreement.disclosing_parties.values_list("slug", flat=True)) if saved else []
            ),
            "sources": ", ".join(sorted(str(s) for s in agreement.sources or [])),
            "data_items": agreement.data_items,
            "level": f"{int(agreement.level)} ({Agreement.Level(agreement.level).label})",
            "retention_days": agreement.retention_days,
            "starts": agreement.starts,
            "ends": agreement.ends,
            "review_date": agreement.review_date,
            "status": agreement.status,
            "document_url": agreement.document_url,
            "document": f"{document.name} (sha256 {document.sha256})" if document else "",
            "revoked_on": agreement.revoked_on,
            "revocation_reason": agreement.revocation_reason,
        }
    return {k: "" if v is None else str(v) for k, v in values.items()}


def describe(before: dict[str, str], after: dict[str, str]) -> str:
    """One line per field that differs, ``field: before → after``, in the fields' order.

    Examples
    --------
    >>> describe({"ends": "2026-12-31", "level": "1"}, {"ends": "2027-12-31", "level": "1"})
    'ends: 2026-12-31 → 2027-12-31'
    >>> describe({}, {"reference": "dda-1"})
    'reference: – → dda-1'
    """
    lines = []
    for name in dict.fromkeys([*before, *after]):
        old, new = before.get(name, ""), after.get(name, "")
        if old != new:
            lines.append(f"{name}: {old or NOTHING} → {new or NOTHING}")
    return "\n".join(lines)


def audit(request: HttpRequest, action: Action, agreement: Agreement, detail: str) -> None:
    """Write one entry for ``action`` on ``agreement`` to the site's audit trail."""
    record(request, action.value, agreement.reference, detail, agreement=agreement.reference)


@dataclass(frozen=True)
class Change:
    """One entry of an agreement's change history, as its page shows it."""

    when: Any
    action: str
    label: str
    organisation: str
    person: str
    lines: list[str]


def history(agreement: Agreement, *, show_people: bool) -> list[Change]:
    """The changes to ``agreement`` from the audit trail, newest first.

    The trail names people; ``show_people`` is the caller's permission to see them
    (everyone else sees the organisation that made each change).
    """
    events = Entry.objects.filter(
        agreement=agreement.reference, action__in=[a.value for a in CHANGE_ACTIONS]
    ).select_related("user")
    names = {o.slug: o.name for o in Organisation.objects.all()}
    changes = []
    for event in events.order_by("-entry_id"):
        person = ""
        if show_people:
            # The account's name today if it still exists; the username as written if not.
            person = (event.user.get_full_name() if event.user else "") or event.actor
        changes.append(
            Change(
                when=event.at,
                action=event.action,
                label=str(ACTION_LABELS.get(event.action, event.action)),
                organisation=names.get(event.organisation, event.organisation),
                person=person,
                lines=[line for line in event.detail.splitlines() if line.strip()],
            )
        )
    return changes
