"""Turning sections into a :class:`ReportDocument` with its provenance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from diogel import __version__
from diogel.geography import Area
from diogel.reports.document import ReportDocument, Section, Sentence
from diogel.reports.measures import ReportContext, imports_used, months_with_data


class ReportDataError(ValueError):
    """The warehouse cannot support the report asked for (no data for the period...)."""


def resolve_area(ctx: ReportContext, area: str) -> Area:
    try:
        return ctx.geo.hierarchy.resolve(area)
    except LookupError as exc:
        raise ReportDataError(str(exc)) from exc


def require_month(ctx: ReportContext, source: str, month: str) -> None:
    if month not in months_with_data(ctx.warehouse, source):
        have = months_with_data(ctx.warehouse, source)
        span = f"{have[0]} to {have[-1]}" if have else "no months"
        raise ReportDataError(f"no {source} data for {month} in the warehouse (it has {span})")


def police_window(ctx: ReportContext, area: Area, last: str, months: int) -> tuple[str, str]:
    """The trend window for ``area``: up to ``months`` to ``last``, starting no earlier
    than the first month every police force covering the area has data for.

    A report on an area whose force has not sent the month (or any month) would
    count missing data as no crime: refuse it, naming the forces.
    """
    from diogel.analysis.trends import shift_month
    from diogel.reports.measures import police_forces_for, police_months_by_force

    forces = police_forces_for(ctx, area)
    have = police_months_by_force(ctx, forces)
    missing = [f for f in forces if last not in have[f.code]]
    if missing:
        names = ", ".join(f"{f.name_en} ({f.code})" for f in missing)
        raise ReportDataError(
            f"no police.uk data from {names} for {last}: a report on {area.name_en} "
            "would count the missing data as no crime"
        )
    first = max(shift_month(last, 1 - months), *(have[f.code][0] for f in forces))
    return first, last


def area_record(area: Area) -> dict[str, Any]:
    return {
        "code": area.code,
        "level": area.level.value,
        "name_en": area.name_en,
        "name_cy": area.name_cy,
        "population": area.population,
    }


def assemble(
    ctx: ReportContext,
    kind: str,
    title: Sentence,
    area: Area,
    period: dict[str, Any],
    parameters: dict[str, Any],
    sections: list[Section],
    sources: list[str],
    first: str,
    last: str,
    generated_at: dt.datetime | None = None,
) -> ReportDocument:
    used = imports_used(ctx, sources, first, last, area)
    return ReportDocument(
        kind=kind,
        title=title,
        area=area_record(area),
        period=period,
        parameters=parameters,
        generated_at=(generated_at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        software_version=__version__,
        sections=sections,
        sources=sources,
        imports_used=used,
        # The demo's emergency-department files are generated: say so on every page.
        synthetic=any("SYNTHETIC" in str(i["file_name"]).upper() for i in used),
    )
