"""The area finder, level lists, area pages and their map data."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control

from diogel.geography import Area, Level, ReferenceDataError
from diogel.web.accounts.permissions import Capability, require
from diogel.web.areas import labels
from diogel.web.areas.loader import geography


def _level(value: str) -> Level:
    try:
        return Level(value)
    except ValueError as exc:
        raise Http404("no such level") from exc


def _unavailable(request: HttpRequest, exc: ReferenceDataError) -> HttpResponse:
    return render(request, "areas/unavailable.html", {"problem": str(exc)}, status=503)


def _row(area: Area, language: str) -> dict[str, object]:
    return {"area": area, "name": area.name(language), "level_label": labels.SINGULAR[area.level]}


@require(Capability.VIEW_PUBLIC_PAGES)
def finder(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    try:
        geo = geography()
    except ReferenceDataError as exc:
        return _unavailable(request, exc)
    language = get_language()
    results = [_row(a, language) for a in geo.hierarchy.search(query, limit=50)] if query else []
    levels = [
        {"level": lv, "label": labels.PLURAL[lv], "count": len(geo.hierarchy.areas_at(lv))}
        for lv in labels.BROWSABLE
    ]
    return render(
        request, "areas/finder.html", {"query": query, "results": results, "levels": levels}
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def level_list(request: HttpRequest, level: str) -> HttpResponse:
    chosen = _level(level)
    if chosen in labels.SMALL_AREAS or chosen is Level.WALES:
        return redirect("areas:finder")
    try:
        geo = geography()
    except ReferenceDataError as exc:
        return _unavailable(request, exc)
    language = get_language()
    areas = sorted(geo.hierarchy.areas_at(chosen), key=lambda a: a.name(language))
    return render(
        request,
        "areas/level.html",
        {
            "level": chosen,
            "label": labels.PLURAL[chosen],
            "rows": [_row(a, language) for a in areas],
        },
    )


@require(Capability.VIEW_PUBLIC_PAGES)
def detail(request: HttpRequest, level: str, code: str) -> HttpResponse:
    chosen = _level(level)
    try:
        geo = geography()
    except ReferenceDataError as exc:
        return _unavailable(request, exc)
    try:
        area = geo.hierarchy.area(code, chosen)
    except KeyError as exc:
        raise Http404("no such area") from exc
    language = get_language()
    parents = [
        _row(geo.hierarchy.area(parent_code, parent_level), language)
        for parent_level, parent_code in area.parents.items()
    ]
    children = sorted(geo.hierarchy.children(area), key=lambda a: a.code)
    same_level = len(geo.hierarchy.areas_at(area.level))
    return render(
        request,
        "areas/area.html",
        {
            "area": area,
            "name": area.name(language),
            "other_name": area.name("en" if language == "cy" else "cy"),
            "other_language": "en" if language == "cy" else "cy",
            "level_label": labels.SINGULAR[area.level],
            "parents": parents,
            "children": [_row(a, language) for a in children],
            "children_label": labels.PLURAL[children[0].level] if children else "",
            "same_level_count": same_level,
            "deprived_percent": (
                None
                if area.most_deprived_10pc_share is None
                else round(area.most_deprived_10pc_share * 100)
            ),
            "square_km": None if area.hectares is None else area.hectares / 100,
        },
    )


@cache_control(max_age=3600)
@require(Capability.VIEW_PUBLIC_PAGES)
def area_geojson(request: HttpRequest, level: str, code: str) -> JsonResponse:
    """The area's simplified outline and its children's, for the map on its page."""
    chosen = _level(level)
    try:
        geo = geography()
        area = geo.hierarchy.area(code, chosen)
    except KeyError as exc:
        raise Http404("no such area") from exc
    except ReferenceDataError:
        return JsonResponse({"error": "reference data unavailable"}, status=503)
    children = geo.hierarchy.children(area)
    body = {
        "area": geo.boundaries.area_geojson(chosen, {code}),
        "children": (
            geo.boundaries.area_geojson(children[0].level, {c.code for c in children})
            if children
            else {"type": "FeatureCollection", "features": []}
        ),
        "child_level": children[0].level.value if children else None,
    }
    return JsonResponse(body)
