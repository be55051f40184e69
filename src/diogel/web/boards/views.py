"""Public pages of the boards register: who meets about community safety, where, and why."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from diogel.geography import ReferenceDataError
from diogel.landscape.areas import AreaIndex
from diogel.landscape.dhr import due_dates, overdue, stage
from diogel.landscape.duties import DUTIES, Compliance, duty, overall
from diogel.landscape.vocab import BoardLevel
from diogel.web.accounts.permissions import Capability, has_capability, require
from diogel.web.areas.loader import geography
from diogel.web.boards.meetings import representation_of, schedule
from diogel.web.boards.models import (
    Action,
    Board,
    DomesticHomicideReview,
    DutyRecord,
    Escalation,
    Evidence,
    Meeting,
    TrackerEntry,
)
from diogel.web.core.downloads import csv_download


def _area_name(code: str) -> str:
    try:
        area = geography().hierarchy.area(code)
    except (KeyError, ReferenceDataError):
        return code
    return area.name(get_language() or "en")


@require(Capability.VIEW_PUBLIC_PAGES)
def board_list(request: HttpRequest) -> HttpResponse:
    boards = list(Board.objects.prefetch_related("seats"))
    levels: list[dict[str, object]] = []
    for level in BoardLevel:
        shown = sorted((b for b in boards if b.level == level.value), key=lambda b: b.name)
        label = level.label_cy if get_language() == "cy" else level.label_en
        levels.append({"label": label, "boards": shown})
    return render(request, "boards/list.html", {"levels": levels, "total": len(boards)})


@require(Capability.VIEW_PUBLIC_PAGES)
def board_detail(request: HttpRequest, code: str) -> HttpResponse:
    board = get_object_or_404(
        Board.objects.select_related("parent").prefetch_related(
            "seats", "agenda_items", "escalates_to", "children"
        ),
        code=code,
    )
    seats = list(board.seats.all())
    return render(
        request,
        "boards/detail.html",
        {
            "board": board,
            "footprint": [_area_name(c) for c in board.footprint],
            "mandatory_seats": [s for s in seats if s.mandatory],
            "other_seats": [s for s in seats if not s.mandatory],
            "agenda": list(board.agenda_items.all()),
            "escalates_to": list(board.escalates_to.all()),
            "children": sorted(board.children.all(), key=lambda b: b.name),
        },
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def tracker(request: HttpRequest) -> HttpResponse:
    regions: dict[str, list[TrackerEntry]] = {}
    for entry in TrackerEntry.objects.all():
        regions.setdefault(entry.region, []).append(entry)
    return render(
        request,
        "boards/tracker.html",
        {"regions": [(_area_name(code), rows) for code, rows in sorted(regions.items())]},
    )


def _board(code: str) -> Board:
    return get_object_or_404(Board.objects.prefetch_related("seats", "agenda_items"), code=code)


@require(Capability.VIEW_PARTNER_DIRECTORY)
def meeting_list(request: HttpRequest, code: str) -> HttpResponse:
    board = _board(code)
    report = representation_of(board)
    seats = {s.code: s for s in board.seats.all()}
    return render(
        request,
        "boards/meetings.html",
        {
            "board": board,
            "meetings": list(board.meetings.all()),
            "report": report,
            "missed": [
                (seats[code], count) for code, count in report.missed.items() if code in seats
            ],
            "can_manage": has_capability(request.user, Capability.MANAGE_MEETINGS),
        },
    )


@require(Capability.MANAGE_MEETINGS)
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    board = _board(code)
    errors: dict[str, str] = {}
    values = {"date": "", "items": "", "location": ""}
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in values}
        try:
            day = dt.date.fromisoformat(values["date"])
        except ValueError:
            errors["date"] = _("Enter the date of the meeting, for example 2021-03-25")
        if not errors:
            extra = [line for line in values["items"].splitlines() if line.strip()]
            meeting = schedule(board, day, extra, values["location"][:200])
            return redirect("boards:meeting", code=board.code, meeting_id=meeting.pk)
    return render(
        request,
        "boards/meeting_new.html",
        {"board": board, "errors": errors, "values": values},
        status=400 if errors else 200,
    )


def _meeting(code: str, meeting_id: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("board").prefetch_related(
            "items", "attendance__seat", "actions", "escalations__to_board"
        ),
        pk=meeting_id,
        board__code=code,
    )


@require(Capability.VIEW_PARTNER_DIRECTORY)
def meeting_detail(request: HttpRequest, code: str, meeting_id: int) -> HttpResponse:
    meeting = _meeting(code, meeting_id)
    can_manage = has_capability(request.user, Capability.MANAGE_MEETINGS)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(Capability.MANAGE_MEETINGS.value)
        errors = _update_meeting(request, meeting)
        if not errors:
            return redirect("boards:meeting", code=code, meeting_id=meeting.pk)
        meeting = _meeting(code, meeting_id)
    attendance = sorted(meeting.attendance.all(), key=lambda a: a.seat.order)
    return render(
        request,
        "boards/meeting.html",
        {
            "board": meeting.board,
            "meeting": meeting,
            "attendance": attendance,
            "unrepresented": [a.seat for a in attendance if a.seat.mandatory and not a.represented],
            "can_manage": can_manage,
            "errors": errors,
            "targets": _escalation_targets(meeting.board),
            "reviews": _review_rows(reviews_for_agenda(meeting.board), timezone.localdate()),
        },
        status=400 if errors else 200,
    )


def _escalation_targets(board: Board) -> list[Board]:
    targets = list(board.escalates_to.all())
    if board.parent and board.parent not in targets:
        targets.insert(0, board.parent)
    return targets


def _update_meeting(request: HttpRequest, meeting: Meeting) -> dict[str, str]:
    """Apply the secretariat's form: attendance and minutes, or a new action or escalation."""
    form = request.POST.get("form")
    if form == "record":
        present = set(request.POST.getlist("represented"))
        deputies = set(request.POST.getlist("deputy"))
        for row in meeting.attendance.all():
            row.represented = str(row.seat.pk) in present
            row.by_deputy = row.represented and str(row.seat.pk) in deputies
            row.save(update_fields=["represented", "by_deputy"])
        meeting.minutes = request.POST.get("minutes", "")
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["minutes", "status"])
        return {}
    if form == "action":
        text, owner = request.POST.get("text", "").strip(), request.POST.get("owner", "").strip()
        errors = {}
        if not text:
            errors["text"] = _("Say what the action is")
        if not owner:
            errors["owner"] = _("Say who owns the action")
        due = None
        if request.POST.get("due"):
            try:
                due = dt.date.fromisoformat(request.POST["due"])
            except ValueError:
                errors["due"] = _("Enter the due date, for example 2021-04-30")
        if not errors:
            Action.objects.create(meeting=meeting, text=text, owner=owner[:200], due=due)
        return errors
    if form == "escalation":
        subject = request.POST.get("subject", "").strip()
        target = next(
            (b for b in _escalation_targets(meeting.board) if str(b.pk) == request.POST.get("to")),
            None,
        )
        if not subject or target is None:
            return {"subject": _("Say what is escalated, and to which board")}
        Escalation.objects.create(meeting=meeting, to_board=target, subject=subject)
        return {}
    return {"form": _("Nothing was sent")}


@require(Capability.VIEW_PARTNER_DIRECTORY)
def meeting_export(request: HttpRequest, code: str, meeting_id: int) -> HttpResponse:
    """The meeting as CSV: agenda, representation, actions and escalations, one per row."""
    meeting = _meeting(code, meeting_id)
    rows: list[list[object]] = []
    for item in meeting.items.all():
        rows.append(["agenda", item.number, item.title, "mandatory" if item.mandatory else "", ""])
    for row in sorted(meeting.attendance.all(), key=lambda a: a.seat.order):
        detail = " ".join(
            word
            for word, on in (("mandatory", row.seat.mandatory), ("by deputy", row.by_deputy))
            if on
        )
        state = "represented" if row.represented else "not represented"
        rows.append(["seat", "", row.seat.role, detail, state])
    for action in meeting.actions.all():
        due = action.due.isoformat() if action.due else ""
        state = "done" if action.done else "open"
        rows.append(["action", "", action.text, f"{action.owner}; due {due}", state])
    for escalation in meeting.escalations.all():
        to = escalation.to_board.name_en
        rows.append(["escalation", "", escalation.subject, to, escalation.status])
    return csv_download(
        f"{meeting.board.code}-{meeting.date.isoformat()}.csv",
        ["part", "number", "text", "detail", "status"],
        rows,
    )


STAGES = {
    "not held": gettext_lazy("not held"),
    "published": gettext_lazy("published"),
    "with the Home Office": gettext_lazy("with the Home Office"),
    "under way": gettext_lazy("under way"),
    "awaiting decision": gettext_lazy("awaiting decision"),
}


def _review_rows(reviews: list[DomesticHomicideReview], today: dt.date) -> list[dict[str, object]]:
    rows = []
    for review in reviews:
        dates = review.dates()
        rows.append(
            {
                "review": review,
                "stage": STAGES[stage(dates)],
                "due": due_dates(dates),
                "overdue": overdue(dates, today),
            }
        )
    return rows


@require(Capability.VIEW_PARTNER_DIRECTORY)
def review_list(request: HttpRequest) -> HttpResponse:
    """The DHR tracker: every review's stage and any step overdue under the guidance."""
    reviews = list(DomesticHomicideReview.objects.select_related("commissioning_board"))
    rows = _review_rows(reviews, timezone.localdate())
    return render(
        request,
        "boards/reviews.html",
        {"rows": rows, "overdue_count": sum(1 for r in rows if r["overdue"])},
    )


def reviews_for_agenda(board: Board) -> list[DomesticHomicideReview]:
    """Reviews "agreed and soon to be published" for a board's agenda: those its own
    partnerships (the board itself, those reporting to it, those below it) have agreed
    to hold or sent to the Home Office, and not yet published."""
    partnerships = {board.pk}
    partnerships |= set(board.children.values_list("pk", flat=True))
    partnerships |= set(Board.objects.filter(escalates_to=board).values_list("pk", flat=True))
    return list(
        DomesticHomicideReview.objects.filter(
            commissioning_board__in=partnerships,
            decided__isnull=False,
            not_held=False,
            published__isnull=True,
        ).select_related("commissioning_board")
    )


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
    can_manage = has_capability(request.user, Capability.MANAGE_MEETINGS)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(Capability.MANAGE_MEETINGS.value)
        errors = _update_duty(request, board)
        if not errors:
            return redirect("boards:duties", code=board.code)
    records = {r.duty: r for r in board.duties.prefetch_related("evidence")}
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
    title = request.POST.get("title", "").strip()
    if not title:
        return {"title": _("Give the evidence a title")}
    dated = None
    if request.POST.get("dated"):
        try:
            dated = dt.date.fromisoformat(request.POST["dated"])
        except ValueError:
            return {"dated": _("Enter the date, for example 2021-03-25")}
    Evidence.objects.create(
        record=record, title=title[:300], url=request.POST.get("url", "")[:500], dated=dated
    )
    return {}


@require(Capability.VIEW_PARTNER_DIRECTORY)
def authority_duties(request: HttpRequest, code: str) -> HttpResponse:
    """A local authority chief executive's view: each duty across the partnerships
    covering the authority, at the weakest status any of them records."""
    try:
        authority = geography().hierarchy.area(code)
    except (KeyError, ReferenceDataError) as exc:
        raise Http404("no such local authority") from exc
    index = AreaIndex.default(settings.DIOGEL.footprints_file)
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
