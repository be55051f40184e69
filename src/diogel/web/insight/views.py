"""Dashboards over the warehouse, and record-level views under an agreement.

The figures come from :mod:`diogel.figures`, the same functions the command line
prints, so a dashboard and ``diogel analyse … --json`` never disagree. What a
person may see is decided by the one access policy
(:func:`diogel.web.agreements.access.access_for` for figures,
:func:`~diogel.web.agreements.access.record_scope_for` for records: only rows that
an agreement's disclosing parties supplied under it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from diogel.figures import FigureError, area_totals, hotspot_result, record_page, trend_result
from diogel.figures.query import sources_in
from diogel.figures.records import MAX_PAGE
from diogel.geography import Geography, Level, ReferenceDataError
from diogel.governance import RecordScope, aggregates_allowed
from diogel.reports.i18n import SUPPRESSED
from diogel.reports.measures import months_with_data
from diogel.sources.categories import CATEGORIES
from diogel.warehouse import Warehouse
from diogel.web.accounts.permissions import Capability, require
from diogel.web.agreements.access import (
    access_for,
    audit_agreements,
    audit_grants,
    offered_purposes,
    record_scope_for,
)
from diogel.web.areas import labels as area_labels
from diogel.web.areas.loader import geography
from diogel.web.audit.trail import record
from diogel.web.core.downloads import csv_download
from diogel.web.insight import charts
from diogel.web.insight.labels import PICKABLE, SHOWN_BY, source_label
from diogel.web.insight.state import STATE_KEYS, DashboardState, read_state

RECORDS_PER_PAGE = 50


def _warehouse() -> Warehouse:
    return Warehouse(settings.DIOGEL.warehouse_dir)


def _choices(geo: Geography, language: str) -> list[dict[str, Any]]:
    """The area picker's groups: Wales, forces, partnerships, local authorities."""
    groups = []
    for level in PICKABLE:
        areas = sorted(geo.hierarchy.areas_at(level), key=lambda a: a.name(language))
        groups.append({"label": area_labels.PLURAL[level], "areas": areas})
    return groups


def _trail(geo: Geography, state: DashboardState, language: str) -> list[dict[str, str]]:
    """Wales → force → local authority → MSOA above the picked area, for going back up."""
    trail = []
    for level in (Level.WALES, Level.POLICE_FORCE_AREA, Level.LOCAL_AUTHORITY, Level.MSOA11):
        code = state.area.parents.get(level)
        if level is Level.WALES and state.area.level is not Level.WALES:
            code = "W92000004"
        if code and code != state.area.code:
            area = geo.hierarchy.area(code, level)
            trail.append({"name": area.name(language), "href": state.drill(area)})
    return trail


@dataclass(frozen=True)
class _Asked:
    """What a dashboard or records request asks, read against the data there is."""

    geo: Geography
    warehouse: Warehouse
    sources: list[str]
    state: DashboardState | None
    errors: dict[str, str]


def _read(request: HttpRequest, default_source: str) -> _Asked | HttpResponse:
    try:
        geo = geography()
    except ReferenceDataError as exc:
        return render(request, "areas/unavailable.html", {"problem": str(exc)}, status=503)
    warehouse = _warehouse()
    sources = sorted(sources_in(warehouse, None))
    source = request.GET.get("source") or default_source
    months = months_with_data(warehouse, source) if source in sources else []
    state, errors = read_state(geo, request.GET, sources, months, settings.DIOGEL.max_months)
    return _Asked(geo, warehouse, sources, state, errors)


@require(Capability.VIEW_PUBLIC_PAGES)
def dashboard(request: HttpRequest) -> HttpResponse:
    asked = _read(request, "police_uk_street")
    if isinstance(asked, HttpResponse):
        return asked
    geo, warehouse, sources, state, errors = (
        asked.geo,
        asked.warehouse,
        asked.sources,
        asked.state,
        asked.errors,
    )
    language = get_language() or "en"
    context: dict[str, Any] = {
        "errors": errors,
        "state": state,
        "groups": _choices(geo, language),
        "levels": [(lv, area_labels.PLURAL[lv]) for lv in SHOWN_BY],
        "sources": [(s, source_label(s)) for s in sources],
        "categories": sorted(
            (
                (code, labels[1] if language == "cy" else labels[0])
                for code, labels in CATEGORIES.items()
            ),
            key=lambda pair: pair[1],
        ),
        "current": _current(state, request),
        "language": language,
    }
    if state is None:
        return render(request, "insight/dashboard.html", context, status=400 if errors else 200)
    decision = access_for(request.user, state.source, None)
    context.update(
        {
            "trail": _trail(geo, state, language),
            "area_name": state.area.name(language),
            "level_label": area_labels.PLURAL[state.level],
            "source_label": source_label(state.source),
            "category_label": _category_label(state.category, language),
            "may_see_records": request.user.is_authenticated and decision.record_level,
        }
    )
    # The picked area's own level counts too: an MSOA's figures are small-area figures
    # even when shown by the local authority around it (and its trend is the MSOA's).
    if not all(aggregates_allowed(decision, lv) for lv in (state.level, state.area.level)):
        context["withheld"] = True
        return render(request, "insight/dashboard.html", context)
    try:
        totals = area_totals(geo, warehouse, state.query()).as_json()
        trend = _shown_months(trend_result(geo, warehouse, state.trend_query()).as_json(), state)
    except FigureError as exc:
        context["errors"] = {"from": str(exc)}
        return render(request, "insight/dashboard.html", context, status=400)
    hot, tested, left_out = _hotspots(geo, warehouse, state, totals)
    if request.GET.get("format") == "csv":
        return _download(request.GET.get("table", "areas"), state, totals, trend, hot, language)
    rows = _area_rows(geo, state, totals, hot, language)
    context.update(
        {
            "rows": rows,
            "totals": totals,
            "trend": trend,
            "trend_rows": _trend_rows(trend),
            "hot_count": len(hot),
            "hot_tested": tested,
            "hot_left_out": left_out,
            "map_data": json.dumps(
                {
                    "values": {
                        r["code"]: (r["rate"] if state.measure == "rate" else r["count"])
                        for r in rows
                    },
                    "hot": sorted(hot),
                    "links": {r["code"]: "?" + r["drill"] for r in rows},
                    "measure": state.measure,
                }
            ),
            "map_geojson": json.dumps(
                geo.boundaries.area_geojson(state.level, {r["code"] for r in rows})
            ),
            "chart_spec": json.dumps(charts.trend_spec(trend, language, state.measure)),
            "csv_areas": "?" + state.params(format="csv", table="areas"),
            "csv_trend": "?" + state.params(format="csv", table="trend"),
            "reconciliation": _reconciliation(geo, warehouse, state),
        }
    )
    return render(request, "insight/dashboard.html", context)


def _shown_months(trend: dict[str, Any], state: DashboardState) -> dict[str, Any]:
    """The trend cut to the months asked for (the earlier ones only taught the expected
    range)."""
    for series in trend["areas"]:
        series["months"] = [
            m for m in series["months"] if state.month_from <= m["month"] <= state.month_to
        ]
    trend["from"] = state.month_from
    return trend


def _current(state: DashboardState | None, request: HttpRequest) -> dict[str, str]:
    """What the filter form shows as chosen: the state, or what was asked for."""
    if state is not None:
        return dict(parse_qsl(state.params(), keep_blank_values=True))
    return {k: request.GET.get(k, "")[:40] for k in STATE_KEYS}


def _category_label(category: str, language: str) -> str:
    if not category:
        return _("All categories")
    labels = CATEGORIES[category]
    return labels[1] if language == "cy" else labels[0]


def _hotspots(
    geo: Geography, warehouse: Warehouse, state: DashboardState, totals: dict[str, Any]
) -> tuple[set[str], bool, int]:
    """Areas Gi* finds hot at 95% or more (FDR-adjusted), whether a test ran at all, and
    how many areas it left out for having no data ("0 hotspots" only of a test run)."""
    if len(totals["areas"]) < 5:
        return set(), False, 0  # too few areas to test
    try:
        result = hotspot_result(geo, warehouse, state.query(), rate=state.measure == "rate")
    except FigureError:
        return set(), False, 0
    hot = {a.code for a in result.areas if a.class_ in ("hot_95", "hot_99")}
    return hot, result.tested, len(result.left_out)


def _area_rows(
    geo: Geography,
    state: DashboardState,
    totals: dict[str, Any],
    hot: set[str],
    language: str,
) -> list[dict[str, Any]]:
    rows = []
    for item in totals["areas"]:
        area = geo.hierarchy.area(item["code"], state.level)
        rows.append(
            {
                "code": item["code"],
                "name": area.name(language),
                "count": item["count"],
                "rate": item["rate_per_1000"],
                "population": item["population"],
                "has_data": item["has_data"],
                "hot": item["code"] in hot,
                "drill": state.drill(area),
            }
        )
    # In name order, as people look for their area; codes stay in the CSV.
    return sorted(rows, key=lambda row: str(row["name"]))


def _trend_rows(trend: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"area": series["code"], "name": series["name"], **month}
        for series in trend["areas"]
        for month in series["months"]
    ]


def _shown(value: Any, state: str) -> Any:
    """A count, or a figure made from it, as the dashboard's table shows it: "no data"
    when a reporting body sent nothing for a month of it, the suppression mark when
    disclosure control withholds it, otherwise the number (blank when there is none,
    e.g. a rate without a population). A download never leaves "no data" and withheld
    looking alike."""
    if state == "no_data":
        return _("no data")
    if state == "withheld":
        return SUPPRESSED
    return value


def _download(
    table: str,
    state: DashboardState,
    totals: dict[str, Any],
    trend: dict[str, Any],
    hot: set[str],
    language: str,
) -> HttpResponse:
    stem = "-".join(
        ["diogel", state.source, state.category or "all", state.area.code, *state.query().months]
    )
    if table == "trend":
        rows = [
            [
                s["code"],
                s["name"],
                m["month"],
                _shown(m["count"], m["state"]),
                _shown(m["rate_per_1000"], m["state"]),
                m["expected"],
                m["exceeds"] or "",
            ]
            for s in trend["areas"]
            for m in s["months"]
        ]
        return csv_download(
            f"{stem}-months.csv",
            ["code", "name", "month", "count", "rate_per_1000", "expected", "exceeds"],
            rows,
        )
    rows = [
        [
            a["code"],
            a["name_cy"] if language == "cy" else a["name_en"],
            a["population"],
            _shown(a["count"], a["state"]),
            _shown(a["rate_per_1000"], a["state"]),
            "hot" if a["code"] in hot else "",
        ]
        for a in totals["areas"]
    ]
    return csv_download(
        f"{stem}-{state.level.value}.csv",
        ["code", "name", "population", "count", "rate_per_1000", "hotspot"],
        rows,
    )


def _every_record(
    warehouse: Warehouse, state: DashboardState, scope: RecordScope
) -> dict[str, Any]:
    """All matching records, read a page at a time (an export is one audited access)."""
    page = record_page(warehouse, state.query(), scope, MAX_PAGE, 0)
    while len(page["records"]) < page["total"]:
        more = record_page(warehouse, state.query(), scope, MAX_PAGE, len(page["records"]))
        if not more["records"]:
            break
        page["records"].extend(more["records"])
    return page


#: Page numbers above this are read as "past the end" (so the offset stays a number the
#: database takes; a billion pages of 50 is more than any warehouse holds).
_MAX_PAGE_NUMBER = 10**9


def _page_number(text: str) -> int:
    """A records page's number: a positive whole number in ASCII digits (any larger than
    :data:`_MAX_PAGE_NUMBER` taken as that), or 404 for anything else."""
    if not (text.isascii() and text.isdigit()) or not text.strip("0"):
        raise Http404("no such page of records")  # the site's "Page not found"
    if len(text) > len(str(_MAX_PAGE_NUMBER)):
        return _MAX_PAGE_NUMBER  # no int() of thousands of digits
    return min(int(text), _MAX_PAGE_NUMBER)


def _last_page(total: int) -> int:
    return max(1, -(-total // RECORDS_PER_PAGE))


def _record_page(
    warehouse: Warehouse, state: DashboardState, scope: RecordScope, page_number: int
) -> dict[str, Any]:
    """Page ``page_number`` of the records, or the last page for a number past the end."""
    offset = (page_number - 1) * RECORDS_PER_PAGE
    page = record_page(warehouse, state.query(), scope, RECORDS_PER_PAGE, offset)
    last = _last_page(page["total"])
    if page_number > last:
        offset = (last - 1) * RECORDS_PER_PAGE
        page = record_page(warehouse, state.query(), scope, RECORDS_PER_PAGE, offset)
    return page


@require(Capability.VIEW_RECORDS)
def records(request: HttpRequest) -> HttpResponse:
    """Record-level rows of a source, only those an agreement in force covers (its
    disclosing parties' rows supplied under it); every view audited."""
    asked = _read(request, "")
    if isinstance(asked, HttpResponse):
        return asked
    warehouse, state, errors = asked.warehouse, asked.state, asked.errors
    source = request.GET.get("source", "")
    purposes = offered_purposes(request.user, source)
    purpose = request.GET.get("purpose", "")
    context: dict[str, Any] = {
        "state": state,
        "errors": errors,
        "purposes": purposes,
        "purpose": purpose,
        "source_label": source_label(source),
    }
    if state is None:
        return render(request, "insight/records.html", context, status=400)
    if not purpose:
        context["errors"] = {"purpose": _("Say why you need to see these records")}
        return render(request, "insight/records.html", context, status=400)
    scope = record_scope_for(request.user, source, purpose)
    if not scope.record_level:
        context["scope"] = scope
        return render(request, "insight/records.html", context, status=403)
    export = request.GET.get("format") == "csv"
    page_number = 1 if export else _page_number(request.GET.get("page") or "1")
    try:
        if export:
            page = _every_record(warehouse, state, scope)
        else:
            page = _record_page(warehouse, state, scope, page_number)
            page_number = min(page_number, _last_page(page["total"]))
    except FigureError as exc:
        context["errors"] = {"from": str(exc)}
        return render(request, "insight/records.html", context, status=400)
    record(
        request,
        "export records" if export else "view records",
        f"{source} {state.area.code} {state.category or 'all'} "
        f"{state.month_from}..{state.month_to}",
        detail=(
            f"{len(page['records'])} of {page['total']} records"
            + ("" if export else f", page {page_number}")
            + f"; level {scope.level.name.lower()}; covers {audit_grants(scope)}"
        ),
        purpose=purpose,
        agreement=audit_agreements(scope),
    )
    if export:
        return csv_download(
            f"diogel-records-{source}-{state.area.code}.csv",
            page["columns"],
            [[r[c] for c in page["columns"]] for r in page["records"]],
        )
    last_page = _last_page(page["total"])
    context.update(
        {
            "scope": scope,
            "agreements": ", ".join(scope.agreements),
            "page": page,
            "page_number": page_number,
            "last_page": last_page,
            "next": state.params(purpose=purpose, page=str(page_number + 1))
            if page_number < last_page
            else None,
            "previous": state.params(purpose=purpose, page=str(page_number - 1))
            if page_number > 1
            else None,
            "csv": state.params(purpose=purpose, format="csv"),
            "area_name": state.area.name(get_language() or "en"),
        }
    )
    return render(request, "insight/records.html", context)


def _reconciliation(
    geo: Geography, warehouse: Warehouse, state: DashboardState
) -> dict[str, Any] | None:
    """For a police force area and police.uk street data: the force's own recorded
    total against the figure located in its area, with the difference
    (:func:`diogel.figures.reconcile.force_reconciliation`); otherwise none."""
    from diogel.figures.reconcile import SOURCE, force_reconciliation

    if state.area.level is not Level.POLICE_FORCE_AREA or state.source != SOURCE:
        return None
    try:
        answer = force_reconciliation(
            geo, warehouse, state.area, state.month_from, state.month_to, state.category or None
        )
    except FigureError:
        return None
    return answer.as_json()
