"""The performance framework's pages: measures, their values over time, scorecards per
area and per board (with CSV, XLSX and PDF), and the form owners enter values with."""

from __future__ import annotations

import json

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from diogel.performance import MeasureType, Method
from diogel.reports.i18n import SUPPRESSED
from diogel.web.accounts.models import User
from diogel.web.accounts.permissions import Capability, require
from diogel.web.audit.trail import record
from diogel.web.boards.models import Board
from diogel.web.performance import exports
from diogel.web.performance.charts import values_spec
from diogel.web.performance.forms import ValueForm
from diogel.web.performance.keepers import kept_measures, may_enter, require_keeper
from diogel.web.performance.models import Measure, MeasureValue
from diogel.web.performance.scorecards import (
    Scorecard,
    area_known,
    area_name,
    area_scorecard,
    areas_with_values,
    footprint_areas,
    shown,
)


def _cy() -> bool:
    return get_language() == "cy"


@require(Capability.VIEW_PUBLIC_PAGES)
def measure_list(request: HttpRequest) -> HttpResponse:
    measures = list(Measure.objects.all())
    groups = []
    for kind in MeasureType:
        inside = [m for m in measures if m.measure_type == kind.value]
        if inside:
            groups.append({"label": kind.label_cy if _cy() else kind.label_en, "measures": inside})
    boards = [b for b in Board.objects.all() if b.footprint]
    return render(
        request,
        "performance/list.html",
        {
            "groups": groups,
            "total": len(measures),
            "areas": areas_with_values(),
            "boards": sorted(boards, key=lambda b: b.name),
            "kept": list(kept_measures(request.user)),
            "suppressed_symbol": SUPPRESSED,
        },
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def measure_detail(request: HttpRequest, measure: str) -> HttpResponse:
    found = get_object_or_404(Measure.objects.prefetch_related("keepers"), code=measure)
    stored = list(found.values.select_related("entered_by"))
    areas = sorted({v.area for v in stored}, key=area_name)
    chosen = request.GET.get("area", "")
    if chosen not in areas:
        with_data = sorted((v.period, v.area) for v in stored if v.has_data and v.value is not None)
        chosen = with_data[-1][1] if with_data else (areas[0] if areas else "")
    series = sorted((v for v in stored if v.area == chosen), key=lambda v: v.period)
    table = [
        {
            "period": v.period,
            "shown": shown(v, found.unit),
            "count": None if v.suppressed or found.method == Method.SURVEY.value else v.count,
            "who": v.who,
            "note": v.note,
            "computed_at": v.computed_at,
            "has_data": v.has_data,
            "suppressed": v.suppressed,
        }
        for v in series
    ]
    target = found.target or {}
    return render(
        request,
        "performance/detail.html",
        {
            "measure": found,
            "areas": [(code, area_name(code)) for code in areas],
            "chosen": chosen,
            "chosen_name": area_name(chosen) if chosen else "",
            "table": table,
            "chart_spec": json.dumps(values_spec(series, found.unit)).replace("</", "<\\/"),
            "plotted": sum(1 for v in series if v.value is not None),
            "target_basis": target.get("basis", ""),
            "can_enter": may_enter(request.user, found),
            "keepers": [k.get_full_name() or k.get_username() for k in found.keepers.all()],
            "suppressed_symbol": SUPPRESSED,
        },
    )


def _area_card(area: str) -> Scorecard:
    if not area_known(area):
        raise Http404("no such area")
    return area_scorecard(area)


@require(Capability.VIEW_PUBLIC_PAGES)
def scorecard(request: HttpRequest, area: str) -> HttpResponse:
    card = _area_card(area)
    return render(
        request,
        "performance/scorecard.html",
        {
            "cards": [card],
            "title": _("Scorecard: %(area)s") % {"area": card.name},
            "downloads": {
                fmt: reverse(f"performance:scorecard_{fmt}", kwargs={"area": area})
                for fmt in ("csv", "xlsx", "pdf")
            },
            "suppressed_symbol": SUPPRESSED,
        },
    )


def _area_export(request: HttpRequest, area: str, fmt: str) -> HttpResponse:
    card = _area_card(area)
    stem = f"diogel-scorecard-{area}-{get_language() or 'en'}"
    title = _("Scorecard: %(area)s") % {"area": card.name}
    if fmt == "csv":
        return exports.scorecard_csv(stem, [card])
    if fmt == "xlsx":
        return exports.scorecard_xlsx(stem, [card], title)
    return exports.scorecard_pdf(request, stem, [card], title)


@require(Capability.VIEW_PUBLIC_PAGES)
def scorecard_csv(request: HttpRequest, area: str) -> HttpResponse:
    return _area_export(request, area, "csv")


@require(Capability.VIEW_PUBLIC_PAGES)
def scorecard_xlsx(request: HttpRequest, area: str) -> HttpResponse:
    return _area_export(request, area, "xlsx")


@require(Capability.VIEW_PUBLIC_PAGES)
def scorecard_pdf(request: HttpRequest, area: str) -> HttpResponse:
    return _area_export(request, area, "pdf")


def _board_cards(code: str) -> tuple[Board, list[Scorecard], str]:
    board = get_object_or_404(Board, code=code)
    cards = [area_scorecard(area) for area in footprint_areas(board.footprint)]
    return board, cards, _("Scorecard: %(area)s") % {"area": board.name}


@require(Capability.VIEW_PUBLIC_PAGES)
def board_scorecard(request: HttpRequest, board: str) -> HttpResponse:
    found, cards, title = _board_cards(board)
    return render(
        request,
        "performance/scorecard.html",
        {
            "board": found,
            "cards": cards,
            "title": title,
            "footprint": [area_name(c) for c in found.footprint],
            "downloads": {
                fmt: reverse(f"performance:board_{fmt}", kwargs={"board": board})
                for fmt in ("csv", "xlsx", "pdf")
            },
            "suppressed_symbol": SUPPRESSED,
        },
    )


def _board_export(request: HttpRequest, board: str, fmt: str) -> HttpResponse:
    _found, cards, title = _board_cards(board)
    stem = f"diogel-scorecard-{board}-{get_language() or 'en'}"
    if fmt == "csv":
        return exports.scorecard_csv(stem, cards)
    if fmt == "xlsx":
        return exports.scorecard_xlsx(stem, cards, title)
    return exports.scorecard_pdf(request, stem, cards, title)


@require(Capability.VIEW_PUBLIC_PAGES)
def board_csv(request: HttpRequest, board: str) -> HttpResponse:
    return _board_export(request, board, "csv")


@require(Capability.VIEW_PUBLIC_PAGES)
def board_xlsx(request: HttpRequest, board: str) -> HttpResponse:
    return _board_export(request, board, "xlsx")


@require(Capability.VIEW_PUBLIC_PAGES)
def board_pdf(request: HttpRequest, board: str) -> HttpResponse:
    return _board_export(request, board, "pdf")


@require(Capability.ENTER_MEASURES)
def enter_value(request: HttpRequest, measure: str) -> HttpResponse:
    """A keeper (or an administrator) enters or corrects one value of the measure."""
    found = get_object_or_404(Measure, code=measure)
    if found.is_hub:
        raise Http404("hub measures are computed, not entered")
    require_keeper(request.user, found)
    form = ValueForm(request.POST or None, measure=found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = request.user
        assert isinstance(user, User)  # require() let only signed-in people through
        with transaction.atomic():
            value, created = MeasureValue.objects.update_or_create(
                measure=found,
                area=data["area"],
                period=data["period"],
                defaults={
                    "value": data["value"],
                    "has_data": True,
                    "suppressed": False,
                    "count": None,
                    "method": found.method,
                    "computed_at": None,
                    "entered_by": user,
                    "entered_by_name": user.get_full_name() or user.get_username(),
                    "note": data["note"],
                    "sources": [],
                },
            )
            record(
                request,
                "enter_measure_value",
                f"measure {found.code}",
                f"{value.area} {value.period} = {value.value} ({'new' if created else 'changed'})",
            )
        messages.success(
            request,
            _("Saved: %(measure)s, %(area)s, %(period)s.")
            % {"measure": found.name, "area": area_name(value.area), "period": value.period},
        )
        return redirect("performance:scorecard", area=value.area)
    recent = sorted(
        found.values.select_related("entered_by"), key=lambda v: (v.period, v.area), reverse=True
    )[:20]
    return render(
        request,
        "performance/enter.html",
        {
            "measure": found,
            "form": form,
            "recent": [(v, area_name(v.area), shown(v, found.unit)) for v in recent],
        },
        status=400 if form.errors else 200,
    )
