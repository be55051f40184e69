"""Public pages of the boards register: who meets about community safety, where, and why."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language

from diogel.geography import ReferenceDataError
from diogel.landscape.vocab import BoardLevel
from diogel.web.accounts.permissions import Capability, require
from diogel.web.areas.loader import geography
from diogel.web.boards.forms import TrackerForm
from diogel.web.boards.keepers import may_edit, may_edit_tracker
from diogel.web.boards.models import (
    Board,
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
        Board.objects.select_related("parent", "replaced_by").prefetch_related(
            "seats__organisation",
            "agenda_items",
            "escalates_to",
            "children",
            "history",
            "back_to_back_with",
            "member_organisations",
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
            "history": list(board.history.all()),
            "back_to_back": sorted(board.back_to_back_with.all(), key=lambda b: b.name),
            "members": sorted(board.member_organisations.all(), key=lambda o: o.name),
            "can_edit": may_edit(request.user, board),
        },
    )


def _tracker_regions() -> dict[str, list[TrackerEntry]]:
    regions: dict[str, list[TrackerEntry]] = {}
    for entry in TrackerEntry.objects.all():
        regions.setdefault(entry.region, []).append(entry)
    return regions


@require(Capability.VIEW_PUBLIC_PAGES)
def tracker(request: HttpRequest) -> HttpResponse:
    """Annex E, quarter by quarter; a region's keepers add the next quarter's row."""
    regions = _tracker_regions()
    editable = [code for code in sorted(regions) if may_edit_tracker(request.user, code)]
    form = TrackerForm(prefix="tracker", regions=[(c, _area_name(c)) for c in editable])
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(Capability.MANAGE_MEETINGS.value)
        form = TrackerForm(
            request.POST, prefix="tracker", regions=[(c, _area_name(c)) for c in editable]
        )
        if form.is_valid():
            data = form.cleaned_data
            TrackerEntry.objects.update_or_create(
                region=data["region"],
                quarter=data["quarter"],
                defaults={
                    "current_position": data["current_position"],
                    "actions": data["actions"],
                },
            )
            return redirect("boards:tracker")
    return render(
        request,
        "boards/tracker.html",
        {
            "regions": [(_area_name(code), rows) for code, rows in sorted(regions.items())],
            "form": form if editable else None,
        },
        status=400 if form.errors else 200,
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def tracker_export(request: HttpRequest) -> HttpResponse:
    """The tracker as CSV, one action a row (a quarter with no action has one row)."""
    rows: list[list[object]] = []
    for code, entries in sorted(_tracker_regions().items()):
        for entry in entries:
            for action in entry.actions or [{}]:
                rows.append(
                    [
                        code,
                        _area_name(code),
                        entry.quarter,
                        entry.current_position,
                        action.get("text", ""),
                        action.get("owner") or "",
                    ]
                )
    return csv_download(
        "regional-tracker.csv",
        ["region", "region_name", "quarter", "current_position", "action", "owner"],
        rows,
    )
