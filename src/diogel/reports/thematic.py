"""Thematic reports over the 12 months to a month: the night-time economy,
possession of weapons (knife crime), and the cost of violence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from diogel.analysis.trends import shift_month
from diogel.reports.assemble import (
    ReportDataError,
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
    cost_section,
    deprivation_section,
    ed_police_section,
    headline_section,
    hotspot_section,
    night_time_section,
    repeat_places_section,
    trend_section,
)

KIND = "thematic"
THEMES = {
    "night-time-economy": _("The night-time economy"),
    "weapons": _("Possession of weapons and knife crime"),
    "cost": _("The cost of violence"),
}


def thematic(
    ctx: ReportContext,
    theme: str,
    area: str,
    month: str,
    generated_at: dt.datetime | None = None,
) -> ReportDocument:
    """Build the ``theme`` report for ``area``, 12 months to ``month``."""
    if theme not in THEMES:
        raise ReportDataError(f"unknown theme {theme!r}; choose from {', '.join(THEMES)}")
    chosen = resolve_area(ctx, area)
    require_month(ctx, POLICE, month)
    span = police_window(ctx, chosen, month, 36)
    period_first = max(shift_month(month, -11), span[0])
    scope = Scope(ctx, chosen, span[0], period_first, month)
    has_ed = month in months_with_data(ctx.warehouse, EMERGENCY_DEPARTMENTS)
    if theme in ("night-time-economy", "cost") and not has_ed:
        raise ReportDataError(
            f"the {theme} report needs emergency-department (ISTV) data for {month}"
        )
    summary = Section("summary", _("Summary"))
    sections: list[Section] = [summary]
    sources = [POLICE]
    headline, rows = headline_section(scope, annual=True)
    if theme == "night-time-economy":
        night, _profile = night_time_section(scope)
        ed_section, _compared, _withheld = ed_police_section(scope)
        hotspots, _areas = hotspot_section(scope, "violence")
        summary.sentences += night.sentences[:1] + hotspots.sentences
        sections += [
            night,
            ed_section,
            hotspots,
            repeat_places_section(scope, "violence"),
            repeat_places_section(scope, "public_order"),
        ]
        sources.append(EMERGENCY_DEPARTMENTS)
    elif theme == "weapons":
        weapons = next(r for r in rows if r["category"] == "possession_of_weapons")
        if weapons["change_twelve_months"] is not None:
            summary.sentences.append(twelve_month_sentence(weapons, month))
        trend, _trend_rows = trend_section(scope, "possession_of_weapons")
        robbery, _robbery_rows = trend_section(scope, "robbery")
        hotspots, areas = hotspot_section(scope, "possession_of_weapons")
        summary.sentences += hotspots.sentences
        sections += [
            headline,
            trend,
            robbery,
            hotspots,
            repeat_places_section(scope, "possession_of_weapons"),
            deprivation_section(scope, areas, "possession_of_weapons"),
        ]
        summary.sentences.append(
            Sentence(
                _(
                    "police.uk does not separate knife crime: possession of weapons covers "
                    "bladed and other weapons, and knife-enabled violence and robbery are counted "
                    "within violence and robbery."
                )
            )
        )
    else:
        cost, _cost_rows = cost_section(scope)
        ed_section, _compared, _withheld = ed_police_section(scope)
        summary.sentences += cost.sentences[:1]
        sections += [cost, ed_section, headline]
        sources.append(EMERGENCY_DEPARTMENTS)
    parameters: dict[str, Any] = {"theme": theme, "area": chosen.code, "month": month}
    return assemble(
        ctx,
        KIND,
        Sentence(
            _("{theme}: {area}, 12 months to {month}"),
            {
                "theme": ["message", THEMES[theme]],
                "area": ["area", {"en": chosen.name_en, "cy": chosen.name_cy}],
                "month": ["month", month],
            },
        ),
        chosen,
        {"month": month, "theme": theme, "trend_from": span[0], "period_from": period_first},
        parameters,
        sections,
        sources,
        span[0],
        month,
        generated_at,
    )
