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
    used = imports_used(ctx, sources, first, last)
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
