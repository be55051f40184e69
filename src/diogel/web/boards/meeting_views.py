"""Meetings: scheduling with the mandatory agenda, attendance, minutes, actions, escalations."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from diogel.governance.confidentiality import Publication
from diogel.web.accounts.permissions import (
    Capability,
    Sight,
    may_publish,
    refuse_unseen,
    require,
    visible,
)
from diogel.web.audit.trail import record
from diogel.web.boards.forms import PaperForm
from diogel.web.boards.keepers import may_edit, require_keeper
from diogel.web.boards.meetings import representation_of, schedule
from diogel.web.boards.models import (
    Action,
    Board,
    Escalation,
    Meeting,
    MeetingItem,
)
from diogel.web.boards.review_views import review_rows, reviews_for_agenda
from diogel.web.core.confidential import ConfidentialityForm
from diogel.web.core.downloads import csv_download
from diogel.web.core.forms import posted_id


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
            "can_manage": may_edit(request.user, board),
        },
    )


@require(Capability.MANAGE_MEETINGS)
def meeting_new(request: HttpRequest, code: str) -> HttpResponse:
    board = _board(code)
    require_keeper(request.user, board)
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
            "items__named_readers", "attendance__seat", "actions", "escalations__to_board"
        ),
        pk=meeting_id,
        board__code=code,
    )


def _items(request: HttpRequest, meeting: Meeting) -> list[MeetingItem]:
    """The meeting's agenda items this person may see (each knows its meeting)."""
    items = list(meeting.items.all())
    for item in items:
        item.meeting = meeting  # the rule asks each item for its board
    return visible(request.user, items)


@require(Capability.VIEW_PARTNER_DIRECTORY)
def meeting_detail(request: HttpRequest, code: str, meeting_id: int) -> HttpResponse:
    meeting = _meeting(code, meeting_id)
    can_manage = may_edit(request.user, meeting.board)
    errors: dict[str, str] = {}
    if request.method == "POST":
        require_keeper(request.user, meeting.board)
        errors = _update_meeting(request, meeting)
        if not errors:
            return redirect("boards:meeting", code=code, meeting_id=meeting.pk)
        meeting = _meeting(code, meeting_id)
    attendance = sorted(meeting.attendance.all(), key=lambda a: a.seat.order)
    items = _items(request, meeting)
    return render(
        request,
        "boards/meeting.html",
        {
            "board": meeting.board,
            "meeting": meeting,
            "items": items,
            "drafts": sum(item.state is Publication.DRAFT for item in items) if can_manage else 0,
            "attendance": attendance,
            "unrepresented": [a.seat for a in attendance if a.seat.mandatory and not a.represented],
            "can_manage": can_manage,
            "errors": errors,
            "targets": _escalation_targets(meeting.board),
            "reviews": review_rows(reviews_for_agenda(meeting.board), timezone.localdate()),
            "escalation_statuses": Escalation.Status.choices,
            "paper_error": errors.get("paper-paper") or errors.get("paper-item"),
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
    if form == "action_done":
        action = meeting.actions.filter(pk=posted_id(request.POST, "action")).first()
        if action is None:
            return {"form": _("That action is not on this meeting")}
        action.done = request.POST.get("done") == "1"
        action.save(update_fields=["done"])
        return {}
    if form == "escalation_status":
        escalation = meeting.escalations.filter(pk=posted_id(request.POST, "escalation")).first()
        if escalation is None or request.POST.get("status") not in Escalation.Status.values:
            return {"form": _("Choose an escalation on this meeting and its new status")}
        escalation.status = request.POST["status"]
        escalation.save(update_fields=["status"])
        return {}
    if form == "paper":
        return _attach_paper(request, meeting)
    if form == "publish_drafts":
        _publish_drafts(request, meeting)
        return {}
    return {"form": _("Nothing was sent")}


def _publish_drafts(request: HttpRequest, meeting: Meeting) -> None:
    """Publish every draft item of the agenda at the level each already has."""
    sight = Sight(request.user)
    published = 0
    for item in meeting.items.filter(publication=Publication.DRAFT.value):
        item.meeting = meeting
        if sight.may_publish(item):
            _set_state(request, item, Publication.PUBLISHED)
            published += 1
    messages.success(
        request,
        ngettext(
            "%(count)d draft item published, to the people its level names.",
            "%(count)d draft items published, each to the people its level names.",
            published,
        )
        % {"count": published},
    )


def _set_state(request: HttpRequest, item: MeetingItem, state: Publication) -> None:
    """Publish or withdraw one item; who did it and when is kept in the audit trail."""
    item.publication = state.value
    item.save(update_fields=["publication"])
    action = "publish_paper" if state is Publication.PUBLISHED else "withdraw_paper"
    record(request, action, f"meeting item {item.pk}", f"{item.confidentiality}: {item.title}")


@require(Capability.VIEW_PARTNER_DIRECTORY)
def meeting_export(request: HttpRequest, code: str, meeting_id: int) -> HttpResponse:
    """The meeting as CSV: agenda, representation, actions and escalations, one per row."""
    meeting = _meeting(code, meeting_id)
    rows: list[list[object]] = []
    for item in _items(request, meeting):
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


def _papers_dir() -> Path:
    return Path(settings.DIOGEL.var_dir) / "papers"


def _attach_paper(request: HttpRequest, meeting: Meeting) -> dict[str, str]:
    """Keep an uploaded paper beside the site (never under a public URL), replacing any
    earlier one; the file is written whole before the item points at it."""
    form = PaperForm(request.POST, request.FILES)
    if not form.is_valid():
        return {f"paper-{k}": str(v[0]) for k, v in form.errors.items()}
    item = meeting.items.filter(pk=form.cleaned_data["item"]).first()
    if item is None:
        return {"form": _("That item is not on this meeting's agenda")}
    upload = form.cleaned_data["paper"]
    suffix = Path(upload.name).suffix.lower()
    relative = Path(str(meeting.pk)) / f"{item.pk}-{uuid.uuid4().hex}{suffix}"
    target = _papers_dir() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with partial.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    partial.replace(target)
    earlier = item.paper_file
    item.paper_file, item.paper_name = str(relative), Path(upload.name).name[:200]
    item.save(update_fields=["paper_file", "paper_name"])
    if earlier:
        (_papers_dir() / earlier).unlink(missing_ok=True)
    return {}


def _item(code: str, meeting_id: int, item_id: int) -> MeetingItem:
    return get_object_or_404(
        MeetingItem.objects.select_related("meeting__board").prefetch_related("named_readers"),
        pk=item_id,
        meeting_id=meeting_id,
        meeting__board__code=code,
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def meeting_paper(
    request: HttpRequest, code: str, meeting_id: int, item_id: int
) -> HttpResponseBase:
    """An agenda item's paper, for the people its confidentiality level names.

    A download of anything but a published public paper is audited.
    """
    item = _item(code, meeting_id, item_id)
    refused = refuse_unseen(request, item)
    if refused is not None:
        return refused
    if not item.paper_file:
        raise Http404("this item has no paper")
    path = (_papers_dir() / item.paper_file).resolve()
    if _papers_dir().resolve() not in path.parents or not path.is_file():
        raise Http404("the paper's file is missing")
    if not item.is_public:
        record(
            request,
            "download_paper",
            f"meeting item {item.pk}",
            f"{item.confidentiality} {item.publication}: {item.paper_name}",
        )
    return FileResponse(path.open("rb"), as_attachment=True, filename=item.paper_name)


@require(Capability.VIEW_PUBLIC_PAGES)
def meeting_item(
    request: HttpRequest, code: str, meeting_id: int, item_id: int
) -> HttpResponseBase:
    """One agenda item and its paper; its keepers choose who may see it and publish it."""
    item = _item(code, meeting_id, item_id)
    refused = refuse_unseen(request, item)
    if refused is not None:
        return refused
    can_publish = may_publish(request.user, item)
    form = ConfidentialityForm.for_item(item)
    if request.method == "POST":
        if not can_publish:
            raise PermissionDenied(f"publishing for {code}")
        form = ConfidentialityForm.for_item(item, request.POST)
        action = request.POST.get("action", "save")
        if action == "withdraw":
            _set_state(request, item, Publication.WITHDRAWN)
            messages.success(request, _("The item is withdrawn: only its keepers see it."))
            return redirect("boards:meeting_item", code, meeting_id, item.pk)
        if form.is_valid():
            if form.apply(item):
                record(
                    request,
                    "change_paper_confidentiality",
                    f"meeting item {item.pk}",
                    f"{item.confidentiality}: {item.title}",
                )
            if action == "publish":
                _set_state(request, item, Publication.PUBLISHED)
                messages.success(request, _("The item is published to the people its level names."))
            else:
                messages.success(request, _("Saved who may see the item."))
            return redirect("boards:meeting_item", code, meeting_id, item.pk)
    return render(
        request,
        "boards/meeting_item.html",
        {
            "board": item.meeting.board,
            "meeting": item.meeting,
            "item": item,
            "can_publish": can_publish,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def board_papers(request: HttpRequest, code: str) -> HttpResponse:
    """The papers of a board's meetings this person may see (the public: published public
    papers only), newest meeting first."""
    board = _board(code)
    items = (
        MeetingItem.objects.filter(meeting__board=board)
        .exclude(paper_file="")
        .select_related("meeting__board")
        .prefetch_related("named_readers")
        .order_by("-meeting__date", "meeting_id", "number")
    )
    return render(
        request,
        "boards/papers.html",
        {"board": board, "items": visible(request.user, items)},
    )


@require(Capability.VIEW_PARTNER_DIRECTORY)
def representation_export(request: HttpRequest, code: str) -> HttpResponse:
    """The representation report as CSV: one row per meeting held and mandatory seat."""
    board = _board(code)
    report = representation_of(board)
    seats = {s.code: s for s in board.seats.all()}
    rows = [
        [day, seats[seat].role, "not represented" if seat in absent else "represented"]
        for day, absent in sorted(report.meetings.items())
        for seat in report.missed
    ]
    rows += [["all meetings", seats[seat].role, f"missed {n}"] for seat, n in report.missed.items()]
    return csv_download(
        f"{board.code}-representation.csv", ["meeting", "mandatory_seat", "representation"], rows
    )
