"""The programme tracker's pages: what was recommended, who owns what, where it stands,
and who governs what is outstanding. Everyone may read them; owners record updates.

Every figure the pages show (achieved and outstanding, in total and per work-stream, an
objective's or action's progress and RAG, the board governing an objective) is the
core's: :func:`~diogel.web.programme.register.programme_from_register` reads the
database back as a core :class:`~diogel.programme.Programme`, and the counts are those
of its :func:`~diogel.programme.closure_report`. The pages work none of them out
themselves, so they say what the closure report, ``closure.json`` and
``diogel programme closure --json`` say.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from diogel.programme import closure_report
from diogel.programme import model as core
from diogel.programme.closure import ClosureReport, WorkstreamClosure
from diogel.programme.vocab import Progress, Rag
from diogel.web.accounts.permissions import Capability, require
from diogel.web.boards.forms import clean_partial_date
from diogel.web.boards.models import Board
from diogel.web.core.downloads import csv_download, xlsx_download
from diogel.web.performance.models import Measure
from diogel.web.programme.forms import UpdateForm
from diogel.web.programme.keepers import may_update, require_update
from diogel.web.programme.models import (
    Action,
    Handover,
    Objective,
    Programme,
    RecommendationSet,
    Update,
    Workstream,
    label,
)
from diogel.web.programme.register import programme_from_register


def _language() -> str:
    return "cy" if get_language() == "cy" else "en"


def _programme() -> Programme:
    return get_object_or_404(Programme.objects.select_related("board"))


@dataclass(frozen=True)
class Standing:
    """Where an objective or action stands, as the core decides it (its latest update's
    progress and RAG, else its own)."""

    progress: Progress
    rag: Rag | None

    @classmethod
    def of(cls, entry: core.Objective | core.Action) -> Standing:
        return cls(entry.current_progress, entry.current_rag)

    @property
    def progress_label(self) -> str:
        return label(self.progress)

    @property
    def rag_label(self) -> str:
        return label(self.rag)


def counts(closure: ClosureReport | WorkstreamClosure) -> dict[str, int]:
    """Achieved and outstanding as the closure report counts them (outstanding: everything
    not finished, so in progress, not started and on hold too)."""
    return {"achieved": len(closure.achieved), "outstanding": len(closure.outstanding)}


def _boards() -> dict[str, Board]:
    return {b.code: b for b in Board.objects.all()}


def _objectives() -> Any:
    return Objective.objects.select_related("workstream").prefetch_related(
        "updates", "handovers__from_board", "handovers__to_board", "recommendations"
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def overview(request: HttpRequest) -> HttpResponse:
    programme = _programme()
    register = programme_from_register(programme)
    report = closure_report(register)
    closures = {w.workstream: w for w in report.workstreams}
    handed = {h.code: len(h.objectives) for h in register.handovers}
    return render(
        request,
        "programme/overview.html",
        {
            "programme": programme,
            "vision": list(programme.vision.all()),
            "streams": [
                {"workstream": w, "counts": counts(closures[w.code])}
                for w in programme.workstreams.select_related("principle")
            ],
            "totals": counts(report),
            "handovers": [
                (h, handed[h.code])
                for h in Handover.objects.select_related("from_board", "to_board")
            ],
        },
    )


def measures_evidencing(field: str, code: str) -> list[Measure]:
    """The performance measures that evidence an objective or recommendation (the
    framework names them by code)."""
    return [m for m in Measure.objects.all() if code in getattr(m, field)]


@require(Capability.VIEW_PUBLIC_PAGES)
def recommendations(request: HttpRequest) -> HttpResponse:
    sets = list(RecommendationSet.objects.prefetch_related("recommendations__objectives"))
    measures = list(Measure.objects.all())
    for s in sets:
        for r in s.recommendations.all():
            r.measures = [m for m in measures if r.code in m.recommendations]  # type: ignore[attr-defined]
    return render(request, "programme/recommendations.html", {"sets": sets})


@require(Capability.VIEW_PUBLIC_PAGES)
def workstream(request: HttpRequest, code: str) -> HttpResponse:
    stream = get_object_or_404(
        Workstream.objects.select_related("principle", "programme"), code=code
    )
    register = programme_from_register(stream.programme)
    closure = next(w for w in closure_report(register).workstreams if w.workstream == code)
    boards = _boards()
    return render(
        request,
        "programme/workstream.html",
        {
            "workstream": stream,
            "rows": [
                {
                    "objective": o,
                    "standing": Standing.of(o),
                    "governor": boards[register.governor(o.code)],
                }
                for o in register.objectives_of(code)
            ],
            "counts": counts(closure),
        },
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def objective(request: HttpRequest, code: str) -> HttpResponse:
    """One objective: its recommendations, dependencies, actions, updates and governance;
    its keepers (and its actions' keepers) record updates here."""
    found = get_object_or_404(
        _objectives().select_related("workstream__programme").prefetch_related("depends_on"),
        code=code,
    )
    actions = list(found.actions.prefetch_related("updates", "depends_on"))
    language = _language()
    form = UpdateForm(language=language, initial={"target": "objective"})
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = UpdateForm(request.POST, language=language)
        target = _target(found, actions, request.POST.get("target", ""))
        if target is None:
            form.is_valid()
            form.add_error(None, _("That action is not on this objective"))
        else:
            require_update(request.user, target)
            if form.is_valid():
                data = form.cleaned_data
                user = request.user
                Update.objects.create(
                    objective=target if isinstance(target, Objective) else None,
                    action=target if isinstance(target, Action) else None,
                    date=data["date"],
                    text=data["text"],
                    progress=data["progress"],
                    rag=data["rag"],
                    by=user.get_full_name() or user.get_username(),
                    author=user,
                )
                return redirect("programme:objective", code=found.code)
    updatable = [("objective", found.code)] if may_update(request.user, found) else []
    updatable += [(f"action:{a.code}", a.code) for a in actions if may_update(request.user, a)]
    register = programme_from_register(found.workstream.programme)
    as_core = register.objective(found.code)
    core_actions = {a.code: a for a in as_core.actions}
    return render(
        request,
        "programme/objective.html",
        {
            "objective": found,
            "standing": Standing.of(as_core),
            "governor": Board.objects.get(code=register.governor(found.code)),
            "actions": [(a, Standing.of(core_actions[a.code])) for a in actions],
            "updates": list(found.updates.all()),
            "handovers": sorted(found.handovers.all(), key=lambda h: h.agreed or h.requested),
            "form": form,
            "updatable": updatable,
            "measures": measures_evidencing("objectives", found.code),
        },
        status=400 if form.errors else 200,
    )


def _target(found: Objective, actions: list[Action], target: str) -> Objective | Action | None:
    if target == "objective":
        return found
    if target.startswith("action:"):
        return next((a for a in actions if a.code == target.removeprefix("action:")), None)
    return None


def _closure(request: HttpRequest) -> tuple[ClosureReport, str]:
    on = request.GET.get("on", "")
    try:
        on = clean_partial_date(on)
    except ValidationError:  # an unreadable day shows governance as it stands today
        on = ""
    return closure_report(programme_from_register(), on or None), on


@require(Capability.VIEW_PUBLIC_PAGES)
def closure(request: HttpRequest) -> HttpResponse:
    """The closure report: achieved and outstanding per work-stream, and who governs each
    outstanding objective (on a given day, or now)."""
    report, on = _closure(request)
    boards = {b.code: b for b in Board.objects.all()}
    streams = {w.code: w for w in Workstream.objects.all()}
    return render(
        request,
        "programme/closure.html",
        {
            "report": report,
            "on": on,
            "streams": [
                (
                    streams[w.workstream],
                    w,
                    [(line, boards[line.governed_by]) for line in w.outstanding],
                )
                for w in report.workstreams
            ],
            "governors": sorted(
                ((boards[code], n) for code, n in report.governors.items()),
                key=lambda pair: -pair[1],
            ),
        },
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def closure_json(request: HttpRequest) -> JsonResponse:
    """What ``diogel programme closure --json`` prints, for the tracker as it stands."""
    report, _on = _closure(request)
    return JsonResponse(
        json.loads(json.dumps(report.as_dict(), default=str)),
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def export_json(request: HttpRequest) -> JsonResponse:
    """The whole tracker as ``diogel programme export --json`` gives it, as recorded now."""
    data = asdict(programme_from_register())
    return JsonResponse(
        json.loads(json.dumps(data, default=str)),
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


TRACKER_HEADER = [
    "workstream",
    "objective",
    "action",
    "text",
    "owner",
    "due",
    "progress",
    "rag",
    "governed_by",
    "recommendations",
    "last_update",
    "last_update_text",
]


def _last(updates: tuple[core.Update, ...]) -> core.Update | None:
    """The latest update, as the core orders them (by date, the later recorded last)."""
    return sorted(updates, key=lambda u: u.date)[-1] if updates else None


def tracker_rows() -> list[list[object]]:
    """One row per objective and per action, with its current progress and governor, as
    the core gives them."""
    register = programme_from_register()
    rows: list[list[object]] = []
    for o in register.objectives:
        governor = register.governor(o.code)
        entries: list[tuple[str, core.Objective | core.Action]] = [("", o)]
        entries += [(a.code, a) for a in o.actions]
        for action, entry in entries:
            last = _last(entry.updates)
            rows.append(
                [
                    o.workstream,
                    o.code,
                    action,
                    entry.text,
                    entry.owner or "",
                    entry.due or "",
                    entry.current_progress.value,
                    entry.current_rag.value if entry.current_rag else "",
                    governor,
                    "" if action else " ".join(o.recommendations),
                    last.date if last else "",
                    last.text if last else "",
                ]
            )
    return rows


RECOMMENDATION_HEADER = ["set", "recommendation", "text", "owners", "objectives"]


def recommendation_rows() -> list[list[object]]:
    return [
        [
            s.code,
            r.label,
            r.text,
            "; ".join(r.owners),
            " ".join(o.code for o in r.objectives.all()),
        ]
        for s in RecommendationSet.objects.prefetch_related("recommendations__objectives")
        for r in s.recommendations.all()
    ]


CLOSURE_HEADER = ["workstream", "objective", "text", "progress", "owner", "governed_by"]


def closure_rows(report: ClosureReport) -> list[list[object]]:
    return [
        [line.workstream, line.objective, line.text, line.progress.value, line.owner or "",
         line.governed_by]
        for line in report.achieved + report.outstanding
    ]  # fmt: skip


@require(Capability.VIEW_PUBLIC_PAGES)
def export_csv(request: HttpRequest) -> HttpResponse:
    return csv_download("programme-tracker.csv", TRACKER_HEADER, tracker_rows())


@require(Capability.VIEW_PUBLIC_PAGES)
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """The tracker, the recommendations and the closure report, a sheet each."""
    report, _on = _closure(request)
    return xlsx_download(
        "programme-tracker.xlsx",
        {
            "Tracker": (TRACKER_HEADER, tracker_rows()),
            "Recommendations": (RECOMMENDATION_HEADER, recommendation_rows()),
            "Closure": (CLOSURE_HEADER, closure_rows(report)),
        },
    )
