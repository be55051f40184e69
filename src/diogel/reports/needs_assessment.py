"""The Strategic Needs Assessment (Serious Violence Duty style) for an area and year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from diogel.reports.assemble import (
    assemble,
    police_window,
    require_month,
    resolve_area,
)
from diogel.reports.document import ReportDocument, Section, Sentence
from diogel.reports.i18n import _
from diogel.reports.measures import (
    EMERGENCY_DEPARTMENTS,
    POLICE,
    ReportContext,
    months_with_data,
)
from diogel.reports.narrative import twelve_month_sentence
from diogel.reports.sections import (
    Scope,
    category_section,
    cost_section,
    deprivation_section,
    ed_police_section,
    editable_section,
    headline_section,
    hotspot_section,
    night_time_section,
    repeat_places_section,
    trend_section,
)

KIND = "needs-assessment"
#: Analyst-written sections, in the order they appear.
NARRATIVE_SECTIONS = {
    "problem_statement": _("Problem statement"),
    "drivers": _("Drivers of violence"),
    "recommendations": _("Recommendations"),
}


def needs_assessment(
    ctx: ReportContext,
    area: str,
    year: int,
    narrative: dict[str, dict[str, str]] | None = None,
    generated_at: dt.datetime | None = None,
) -> ReportDocument:
    """Build the needs assessment for ``area`` over calendar ``year``.

    ``narrative`` holds the analyst's sections (``problem_statement``, ``drivers``,
    ``recommendations``), each ``{"en": ..., "cy": ...}``.
    """
    chosen = resolve_area(ctx, area)
    first, last = f"{year}-01", f"{year}-12"
    have = set(months_with_data(ctx.warehouse, POLICE))
    missing = [f"{year}-{m:02d}" for m in range(1, 13) if f"{year}-{m:02d}" not in have]
    if missing:
        require_month(ctx, POLICE, missing[0])
    span = police_window(ctx, chosen, last, 36)
    scope = Scope(ctx, chosen, span[0], first, last)

    headline, rows = headline_section(scope, annual=True)
    trend, _trend_rows = trend_section(scope, "violence")
    hotspots, areas = hotspot_section(scope, "violence")
    deprivation = deprivation_section(scope, areas, "violence")
    summary = Section("summary", _("Summary"))
    violence = next(r for r in rows if r["category"] == "violence")
    if violence["change_twelve_months"] is not None:
        summary.sentences.append(twelve_month_sentence(violence, last))
    if violence["rate_twelve_months"] is not None:
        summary.sentences.append(
            Sentence(
                _(
                    "That is {rate} violent crimes per 1,000 of the {population} residents "
                    "(Census 2011)."
                ),
                {
                    "rate": ["decimal1", violence["rate_twelve_months"]],
                    "population": ["number", chosen.population],
                },
            )
        )
    summary.sentences += hotspots.sentences + deprivation.sentences
    sections = [
        summary,
        editable_section("problem_statement", NARRATIVE_SECTIONS["problem_statement"]),
        headline,
        trend,
        category_section(scope),
        hotspots,
        repeat_places_section(scope, "violence"),
        deprivation,
    ]
    sources = [POLICE]
    if f"{year}-12" in months_with_data(ctx.warehouse, EMERGENCY_DEPARTMENTS):
        night, _profile = night_time_section(scope)
        ed_section, _compared, _withheld = ed_police_section(scope)
        sections += [night, ed_section]
        sources.append(EMERGENCY_DEPARTMENTS)
    cost, _cost_rows = cost_section(scope)
    sections += [
        cost,
        editable_section("drivers", NARRATIVE_SECTIONS["drivers"]),
        editable_section("recommendations", NARRATIVE_SECTIONS["recommendations"]),
    ]
    parameters: dict[str, Any] = {"area": chosen.code, "year": year}
    document = assemble(
        ctx,
        KIND,
        Sentence(
            _("Strategic Needs Assessment: serious violence in {area}, {year}"),
            {
                "area": ["area", {"en": chosen.name_en, "cy": chosen.name_cy}],
                "year": ["text", str(year)],
            },
        ),
        chosen,
        {"year": year, "to": last, "trend_from": span[0], "period_from": first},
        parameters,
        sections,
        sources,
        span[0],
        last,
        generated_at,
    )
    document.narrative = {
        k: dict(v) for k, v in (narrative or {}).items() if k in NARRATIVE_SECTIONS
    }
    return document
