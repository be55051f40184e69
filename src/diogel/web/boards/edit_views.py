"""A secretariat keeps its own boards' records: details, status, seats and who fills them."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import get_language

from diogel.web.accounts.permissions import Capability, require
from diogel.web.boards.forms import BoardDetailsForm, HoldingForm, SeatForm, StatusForm
from diogel.web.boards.keepers import may_edit, require_keeper
from diogel.web.boards.models import Board, Person, Seat, SeatHolding, StatusChange
from diogel.web.core.forms import posted_id


@require(Capability.MANAGE_MEETINGS)
def board_edit(request: HttpRequest, code: str) -> HttpResponse:
    """The board's purpose, terms of reference, chair and rhythm, and a new status."""
    board = get_object_or_404(Board, code=code)
    require_keeper(request.user, board)
    language = get_language() or "en"
    details = BoardDetailsForm(instance=board)
    status = StatusForm(prefix="status", language=language)
    if request.method == "POST":
        if request.POST.get("form") == "status":
            status = StatusForm(request.POST, prefix="status", language=language)
            if status.is_valid():
                with transaction.atomic():
                    StatusChange.objects.create(
                        board=board,
                        status=status.cleaned_data["status"],
                        date=status.cleaned_data["date"],
                        note=status.cleaned_data["note"],
                        order=board.history.count(),
                    )
                    board.status = status.cleaned_data["status"]
                    board.save(update_fields=["status"])
                return redirect("boards:detail", code=board.code)
        else:
            details = BoardDetailsForm(request.POST, instance=board)
            if details.is_valid():
                details.save()
                return redirect("boards:detail", code=board.code)
    return render(
        request,
        "boards/edit.html",
        {
            "board": board,
            "details": details,
            "status": status,
            "history": list(board.history.all()),
        },
        status=400 if details.errors or status.errors else 200,
    )


def _seat_code(board: Board, role: str) -> str:
    base = slugify(role)[:70] or "seat"
    code, n = base, 1
    while board.seats.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@require(Capability.VIEW_PARTNER_DIRECTORY)
def board_seats(request: HttpRequest, code: str) -> HttpResponse:
    """Seats by role and who has filled each over time; its keepers add and change them."""
    board = get_object_or_404(Board, code=code)
    can_manage = may_edit(request.user, board)
    seat_form = SeatForm(prefix="seat")
    holding_form = HoldingForm(prefix="holding", board=board)
    if request.method == "POST":
        require_keeper(request.user, board)
        which = request.POST.get("form")
        if which == "seat":
            seat_form = SeatForm(request.POST, prefix="seat")
            if seat_form.is_valid():
                seat = seat_form.save(commit=False)
                seat.board = board
                seat.code = _seat_code(board, seat.role)
                seat.order = board.seats.count()
                seat.save()
                return redirect("boards:seats", code=board.code)
        elif which == "holding":
            holding_form = HoldingForm(request.POST, prefix="holding", board=board)
            if holding_form.is_valid():
                _add_holding(holding_form)
                return redirect("boards:seats", code=board.code)
        elif which == "mandatory":
            seat = get_object_or_404(Seat, board=board, pk=posted_id(request.POST, "seat"))
            seat.mandatory = request.POST.get("mandatory") == "1"
            seat.save(update_fields=["mandatory"])
            return redirect("boards:seats", code=board.code)
    seats = list(board.seats.select_related("organisation").prefetch_related("holdings__person"))
    return render(
        request,
        "boards/seats.html",
        {
            "board": board,
            "seats": seats,
            "can_manage": can_manage,
            "seat_form": seat_form,
            "holding_form": holding_form,
        },
        status=400 if seat_form.errors or holding_form.errors else 200,
    )


def _add_holding(form: HoldingForm) -> SeatHolding:
    data = form.cleaned_data
    person = data["person"]
    with transaction.atomic():
        if person is None:
            base = slugify(data["name"])[:70] or "person"
            code, n = base, 1
            while Person.objects.filter(code=code).exists():
                n += 1
                code = f"{base}-{n}"
            person = Person.objects.create(code=code, name=data["name"], office=data["office"])
        return SeatHolding.objects.create(
            person=person,
            seat=data["seat"],
            start=data["start"],
            end=data["end"],
            deputy=data["deputy"],
        )
