"""Public pages of the boards register: who meets about community safety, where, and why."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from diogel.geography import ReferenceDataError
from diogel.landscape.vocab import BoardLevel
from diogel.web.accounts.permissions import Capability, require
from diogel.web.areas.loader import geography
from diogel.web.boards.models import Board, TrackerEntry


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
