"""The monthly Violence Monitoring Report for an area."""

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
from diogel.reports.measures import EMERGENCY_DEPARTMENTS, POLICE, ReportContext
from diogel.reports.narrative import headline_sentences
from diogel.reports.sections import (
    Scope,
    category_section,
    ed_police_section,
    headline_section,
    hotspot_section,
    night_time_section,
    trend_section,
)

KIND = "violence-monitoring"
#: Months of trend a report shows, when the warehouse holds that many.
TREND_MONTHS = 36


def violence_monitoring(
    ctx: ReportContext,
    area: str,
    month: str,
    generated_at: dt.datetime | None = None,
) -> ReportDocument:
    """Build the Violence Monitoring Report for ``area`` and ``month`` (YYYY-MM)."""
    chosen = resolve_area(ctx, area)
    _check_month(month)
    require_month(ctx, POLICE, month)
    span = police_window(ctx, chosen, month, TREND_MONTHS)
    trend_first, _last = span
    period_first = max(shift_month(month, -11), trend_first)
    scope = Scope(ctx, chosen, trend_first, period_first, month)

    headline, headline_rows = headline_section(scope)
    trend, _rows = trend_section(scope, "violence")
    hotspots, _areas = hotspot_section(scope, "violence")
    sections: list[Section] = [
        Section("summary", _("Summary"), sentences=headline_sentences(headline_rows, month)),
        headline,
        trend,
        category_section(scope),
        hotspots,
    ]
    sources = [POLICE]
    if _has_ed(ctx, month):
        ed_section, _compared, _withheld = ed_police_section(scope)
        night, _profile = night_time_section(scope)
        sections += [ed_section, night]
        sections[0].sentences += ed_section.sentences[1:2] + night.sentences[:1]
        sources.append(EMERGENCY_DEPARTMENTS)
    parameters: dict[str, Any] = {"area": chosen.code, "month": month}
    return assemble(
        ctx,
        KIND,
        Sentence(
            _("Violence Monitoring Report: {area}, {month}"),
            {
                "area": ["area", {"en": chosen.name_en, "cy": chosen.name_cy}],
                "month": ["month", month],
            },
        ),
        chosen,
        {"month": month, "trend_from": trend_first, "period_from": period_first},
        parameters,
        sections,
        sources,
        trend_first,
        month,
        generated_at,
    )


def _has_ed(ctx: ReportContext, month: str) -> bool:
    from diogel.reports.measures import months_with_data

    return month in months_with_data(ctx.warehouse, EMERGENCY_DEPARTMENTS)


def _check_month(month: str) -> None:
    try:
        dt.date.fromisoformat(f"{month}-01")
    except ValueError as exc:
        raise ReportDataError(f"{month!r} is not a month (YYYY-MM)") from exc
