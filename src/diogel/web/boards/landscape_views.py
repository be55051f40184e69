"""The landscape analysed: overlaps, candidates to merge, gaps, load, the network, the matrix.

Every figure is the core's (:mod:`diogel.landscape.analysis`,
:mod:`diogel.landscape.network`, :mod:`diogel.landscape.matrix`), run on the
register as secretariats keep it (:func:`~diogel.web.boards.register.landscape_from_register`),
so the site and ``diogel landscape analyse`` agree on the same register.

Named people (public office holders) are shown to signed-in partners only; the
public sees boards, organisations and seats by role.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from diogel.landscape.analysis import analyse
from diogel.landscape.analysis.rationalisation import Reason
from diogel.landscape.areas import AreaIndex
from diogel.landscape.matrix import SeatMatrix, seat_matrix
from diogel.landscape.model import Landscape
from diogel.landscape.network import Network, Node, landscape_network
from diogel.landscape.network_svg import network_svg
from diogel.landscape.vocab import BoardLevel, Theme
from diogel.web.accounts.permissions import Capability, require
from diogel.web.areas.loader import area_index, geography
from diogel.web.boards.register import landscape_from_register
from diogel.web.core.downloads import csv_download

#: The regions a network or matrix can be narrowed to: Wales's four police force areas.
REGIONS = ("W15000001", "W15000002", "W15000003", "W15000004")


def _areas() -> AreaIndex:
    return area_index()


def _language() -> str:
    return "cy" if get_language() == "cy" else "en"


def _label(value: Any) -> str:
    return str(value.label_cy if _language() == "cy" else value.label_en)


def _board_names(landscape: Landscape) -> dict[str, tuple[str, str]]:
    """Board code → (name, language of the name) in the page's language."""
    out = {}
    for board in landscape.boards:
        welsh = _language() == "cy" and board.name_cy
        out[board.code] = (board.name_cy, "cy") if welsh else (board.name_en, "en")
    return out  # type: ignore[return-value]


def _themes(codes: tuple[str, ...]) -> str:
    return ", ".join(_label(Theme(c)).lower() for c in codes)


def reason_text(reason: Reason, names: dict[str, tuple[str, str]]) -> str:
    """A candidate's reason in the page's language."""
    relation = {
        "same": _("the same ground"),
        "nested": _("ground one holds within the other"),
        "partial": _("partly shared ground"),
    }.get(reason.relation, reason.relation)
    if reason.code == "back-to-back-same-footprint":
        return _("They already meet back-to-back on the same footprint (%(ground)s).") % {
            "ground": reason.ground
        }
    if reason.code == "back-to-back-footprint-unknown":
        return _("They already meet back-to-back, but their footprints are not known to match.")
    if reason.code == "duplicated-structure":
        return _(
            "A duplicated structure: %(themes)s held by %(upper)s and again, within it, "
            "by %(lower)s."
        ) % {
            "themes": _themes(reason.themes),
            "upper": names.get(reason.upper, (reason.upper, "en"))[0],
            "lower": names.get(reason.lower, (reason.lower, "en"))[0],
        }
    if reason.code == "same-type":
        return _("Boards of the same type on %(relation)s, with themes in common (%(themes)s).") % {
            "relation": relation,
            "themes": _themes(reason.themes),
        }
    if reason.code == "shared-organisations":
        return _(
            "Themes in common (%(themes)s) on %(relation)s, with %(count)s organisations "
            "at both tables."
        ) % {"themes": _themes(reason.themes), "relation": relation, "count": reason.organisations}
    return reason.text


@require(Capability.VIEW_PUBLIC_PAGES)
def analysis(request: HttpRequest) -> HttpResponse:
    """Candidates to merge or meet back-to-back with their reasons, boards with no route
    to escalate, themes with no board in an area, and meetings a year per organisation."""
    landscape = landscape_from_register()
    areas = _areas()
    result = analyse(landscape, areas)
    names = _board_names(landscape)
    organisations = {o.code: o for o in landscape.organisations}

    def org_name(code: str) -> str:
        o = organisations.get(code)
        if o is None:
            return code
        return o.name_cy if _language() == "cy" and o.name_cy else o.name_en

    candidates = [
        {
            "kind": c.kind,
            "boards": [(code, *names[code]) for code in c.boards],
            "reasons": [reason_text(r, names) for r in c.reasons],
        }
        for c in result.candidates
    ]
    return render(
        request,
        "boards/landscape.html",
        {
            "candidates": candidates,
            "merge_count": sum(1 for c in result.candidates if c.kind == "merge"),
            "no_escalation": [
                {"code": x.board, "name": names[x.board], "level": _label(BoardLevel(x.level))}
                for x in result.no_escalation
            ],
            "organisation_load": [
                {"name": org_name(x.code), **x.as_dict()} for x in result.organisation_load
            ],
            "person_load": result.person_load if request.user.is_authenticated else [],
            "gaps": [
                {
                    "area": g.area,
                    "name": geography().hierarchy.area(g.area).name(_language())
                    if g.area in areas
                    else g.name,
                    "missing": [_label(Theme(t)) for t in g.missing],
                }
                for g in result.theme_gaps
                if g.missing
            ],
            "overlaps": [
                {
                    "boards": [(code, *names[code]) for code in o.boards],
                    "themes": _themes(o.shared_themes),
                    "organisations": [org_name(c) for c in o.shared_organisations],
                    "people": len(o.shared_people),
                    "score": o.score,
                }
                for o in result.overlaps[:25]
            ],
            "overlap_count": len(result.overlaps),
        },
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def analysis_json(request: HttpRequest) -> JsonResponse:
    """What ``diogel landscape analyse --json`` prints, for the register as it stands
    (named people's load for signed-in partners only)."""
    result = analyse(landscape_from_register(), _areas()).as_dict()
    if not request.user.is_authenticated:
        result["person_load"] = []
    return JsonResponse(result, json_dumps_params={"ensure_ascii": False, "indent": 1})


def _region(request: HttpRequest) -> str | None:
    region = request.GET.get("region", "")
    return region if region in REGIONS else None


def _region_choices(selected: str | None) -> list[dict[str, object]]:
    hierarchy = geography().hierarchy
    choices: list[dict[str, object]] = [
        {"code": "", "name": _("All of Wales"), "selected": selected is None}
    ]
    for code in REGIONS:
        try:
            name = hierarchy.area(code).name(_language())
        except KeyError:
            name = code
        choices.append({"code": code, "name": name, "selected": code == selected})
    return choices


@require(Capability.VIEW_PUBLIC_PAGES)
def network(request: HttpRequest) -> HttpResponse:
    """Boards, the organisations at their tables and (for partners) the people named,
    drawn as a network, with the same links listed in a table."""
    region = _region(request)
    graph = landscape_network(landscape_from_register(), region=region, areas=_areas())
    if not request.user.is_authenticated:
        graph = Network(
            tuple(n for n in graph.nodes if n.kind != "person"),
            tuple(e for e in graph.edges if e.kind != "membership"),
        )

    def href(node: Node) -> str | None:
        if node.kind == "board":
            return reverse("boards:detail", kwargs={"code": node.code})
        return None

    svg = network_svg(
        graph,
        lang=_language(),
        href=href,
        title=_("Boards and the organisations at their tables"),
    )
    nodes = {n.id: n for n in graph.nodes}
    links = sorted(
        (
            {
                "from": nodes[e.source].label(_language()),
                "from_kind": nodes[e.source].kind,
                "to": nodes[e.target].label(_language()),
                "to_code": nodes[e.target].code,
                "kind": e.kind,
                "mandatory": e.mandatory,
                "roles": e.label,
            }
            for e in graph.edges
        ),
        key=lambda row: (str(row["to"]), str(row["from"])),
    )
    return render(
        request,
        "boards/network.html",
        {
            "svg": svg,
            "counts": graph.counts(),
            "links": links,
            "regions": _region_choices(region),
            "region": region or "",
        },
    )


def _matrix(request: HttpRequest) -> tuple[SeatMatrix, str | None]:
    region = _region(request)
    return seat_matrix(landscape_from_register(), region=region, areas=_areas()), region


@require(Capability.VIEW_PUBLIC_PAGES)
def matrix(request: HttpRequest) -> HttpResponse:
    """Organisations down the side, boards across: who sits where, and how often they meet."""
    table, region = _matrix(request)
    welsh = _language() == "cy"
    columns = [
        {
            "code": c.code,
            "name": (c.name_cy if welsh and c.name_cy else c.name_en),
            "lang": "cy" if welsh and c.name_cy else "en",
            "column": c,
        }
        for c in table.columns
    ]
    rows = [
        {
            "row": r,
            "name": (r.name_cy if welsh and r.name_cy else r.name_en),
            "lang": "cy" if welsh and r.name_cy else "en",
            "cells": [table.cell(r.code, c.code) for c in table.columns],
        }
        for r in table.rows
    ]
    return render(
        request,
        "boards/matrix.html",
        {
            "columns": columns,
            "rows": rows,
            "totals": table.totals(),
            "regions": _region_choices(region),
            "region": region or "",
        },
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def matrix_export(request: HttpRequest) -> HttpResponse:
    table, region = _matrix(request)
    rows = list(table.csv_rows())
    return csv_download(f"seat-matrix-{region or 'wales'}.csv", rows[0], rows[1:])
