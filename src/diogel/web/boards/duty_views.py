"""Statutory duties: each partnership's compliance and evidence; the chief executive's view."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from diogel.geography import ReferenceDataError
from diogel.landscape.duties import DUTIES, Compliance, duty, overall
from diogel.web.accounts.permissions import Capability, public_items, require
from diogel.web.areas.loader import area_index, geography
from diogel.web.boards.keepers import may_edit, require_keeper
from diogel.web.boards.models import (
    Board,
    DutyRecord,
    Evidence,
    Meeting,
)
from diogel.web.core.forms import posted_id
from diogel.web.reports.models import Report

COMPLIANCE_LABELS = {
    Compliance.MET: gettext_lazy("Met"),
    Compliance.PARTLY: gettext_lazy("Partly met"),
    Compliance.NOT_MET: gettext_lazy("Not met"),
    Compliance.UNKNOWN: gettext_lazy("Not yet assessed"),
}


def _duty_title(code: str) -> str:
    found = duty(code)
    return found.title_cy if get_language() == "cy" else found.title_en


@require(Capability.VIEW_PARTNER_DIRECTORY)
def board_duties(request: HttpRequest, code: str) -> HttpResponse:
    """A partnership's statutory duties, how far it meets each, and the evidence."""
    board = get_object_or_404(Board, code=code)
    can_manage = may_edit(request.user, board)
    errors: dict[str, str] = {}
    if request.method == "POST":
        require_keeper(request.user, board)
        errors = _update_duty(request, board)
        if not errors:
            return redirect("boards:duties", code=board.code)
    records = {
        r.duty: r
        for r in board.duties.prefetch_related("evidence__report", "evidence__meeting__board")
    }
    rows = []
    for item in DUTIES:
        record = records.get(item.code)
        status = Compliance(record.status) if record else Compliance.UNKNOWN
        rows.append(
            {
                "duty": item,
                "title": _duty_title(item.code),
                "status": status,
                "status_label": COMPLIANCE_LABELS[status],
                "note": record.note if record else "",
                "evidence": list(record.evidence.all()) if record else [],
            }
        )
    return render(
        request,
        "boards/duties.html",
        {
            "board": board,
            "rows": rows,
            "can_manage": can_manage,
            "errors": errors,
            "choices": list(COMPLIANCE_LABELS.items()),
            "reports": _evidence_reports() if can_manage else [],
            "meetings": list(board.meetings.filter(status=Meeting.Status.HELD))
            if can_manage
            else [],
        },
        status=400 if errors else 200,
    )


def _update_duty(request: HttpRequest, board: Board) -> dict[str, str]:
    code = request.POST.get("duty", "")
    if code not in {d.code for d in DUTIES}:
        return {"duty": _("Choose one of the duties")}
    record, _created = DutyRecord.objects.get_or_create(board=board, duty=code)
    if request.POST.get("form") == "status":
        try:
            record.status = Compliance(request.POST.get("status", "")).value
        except ValueError:
            return {"status": _("Choose how far the duty is met")}
        record.note = request.POST.get("note", "")
        record.save(update_fields=["status", "note"])
        return {}
    report = _evidence_reports().filter(pk=posted_id(request.POST, "report")).first()
    meeting = board.meetings.filter(pk=posted_id(request.POST, "meeting")).first()
    title = request.POST.get("title", "").strip()
    if not title and report:
        title = report.title(get_language() or "en")
    if not title and meeting:
        title = _("Minutes of %(date)s") % {"date": meeting.date.isoformat()}
    if not title:
        return {"title": _("Give the evidence a title, or choose a report or minutes")}
    url = request.POST.get("url", "").strip()
    # Only web addresses and the site's own pages: a "javascript:" link would run.
    if url and not (url.startswith(("https://", "http://")) or url.startswith("/")):
        return {"url": _("The link must start with https:// or be a page of this site")}
    dated = None
    if request.POST.get("dated"):
        try:
            dated = dt.date.fromisoformat(request.POST["dated"])
        except ValueError:
            return {"dated": _("Enter the date, for example 2021-03-25")}
    if dated is None and meeting:
        dated = meeting.date
    Evidence.objects.create(
        record=record,
        title=title[:300],
        url=url[:500],
        report=report,
        meeting=meeting,
        dated=dated,
    )
    return {}


def _evidence_reports() -> QuerySet[Report]:
    """Reports Diogel has made and the partnership has published: evidence anyone can open."""
    return public_items(Report.objects.filter(status=Report.Status.READY))


@require(Capability.VIEW_PARTNER_DIRECTORY)
def authority_duties(request: HttpRequest, code: str) -> HttpResponse:
    """A local authority chief executive's view: each duty across the partnerships
    covering the authority, at the weakest status any of them records."""
    try:
        authority = geography().hierarchy.area(code)
    except (KeyError, ReferenceDataError) as exc:
        raise Http404("no such local authority") from exc
    index = area_index()
    partnerships = [
        board
        for board in Board.objects.filter(board_type="csp").prefetch_related("duties")
        if code in index.cover(board.footprint)
    ]
    rows = []
    for item in DUTIES:
        statuses = []
        for board in partnerships:
            record = next((r for r in board.duties.all() if r.duty == item.code), None)
            statuses.append(Compliance(record.status) if record else Compliance.UNKNOWN)
        worst = overall(statuses)
        rows.append(
            {
                "title": _duty_title(item.code),
                "duty": item,
                "status": worst,
                "status_label": COMPLIANCE_LABELS[worst],
            }
        )
    return render(
        request,
        "boards/authority_duties.html",
        {
            "authority": authority.name(get_language() or "en"),
            "partnerships": partnerships,
            "rows": rows,
        },
    )
