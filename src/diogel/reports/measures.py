"""The numbers reports publish, computed exactly as ``diogel counts`` and
``diogel analyse`` compute them, so a report and the command line always agree.

Each function takes a :class:`ReportContext` and returns plain rows; disclosure
control is applied here, to anything from a source that is not open data, so a
report can never show a figure the command line would withhold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from diogel.analysis.trends import (
    month_range,
    rate_ratio,
    shift_month,
)
from diogel.figures.base import count_incidents
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse

POLICE = "police_uk_street"
EMERGENCY_DEPARTMENTS = "istv"


@dataclass(frozen=True)
class ReportContext:
    geo: Geography
    warehouse: Warehouse


def months_with_data(warehouse: Warehouse, source: str) -> list[str]:
    """Months (YYYY-MM) in which ``source`` has any current incident."""
    return [str(r.keys["month"]) for r in count_incidents(warehouse, ["month"], source)]


def police_forces_for(ctx: ReportContext, area: Area) -> list[Area]:
    """The police force areas whose data a report on ``area`` needs."""
    if area.level is Level.POLICE_FORCE_AREA:
        return [area]
    if area.level is Level.WALES:
        return ctx.geo.hierarchy.areas_at(Level.POLICE_FORCE_AREA)
    codes = ctx.geo.hierarchy.overlapping(Level.POLICE_FORCE_AREA, area)
    return [ctx.geo.hierarchy.area(c, Level.POLICE_FORCE_AREA) for c in sorted(codes)]


def police_months_by_force(ctx: ReportContext, forces: list[Area]) -> dict[str, list[str]]:
    """Months each force has sent police.uk data for (by the force that reported the
    records, not where they fall: a force's file places a few crimes over its border)."""
    wanted: dict[str, list[str]] = {f.code: [] for f in forces}
    for r in count_incidents(ctx.warehouse, ["reporting_area", "month"], POLICE):
        if r.keys["reporting_area"] in wanted:
            wanted[str(r.keys["reporting_area"])].append(str(r.keys["month"]))
    return {code: sorted(months) for code, months in wanted.items()}


def area_series(
    ctx: ReportContext,
    area: Area,
    category: str | None,
    source: str,
    first: str,
    last: str,
) -> pd.DataFrame:
    """Monthly counts for one area with rate, rolling 12 months and expected range, as
    ``diogel analyse trends --level <the area's level> --area <area>`` computes them
    (:func:`diogel.figures.trends.area_trend_frames`); ``usable`` is false where a month
    has no data (or is withheld), and no figure rests on such a month."""
    from diogel.figures.trends import area_trend_frames

    return area_trend_frames(ctx.geo, ctx.warehouse, area, (category,), source, first, last)[
        category
    ]


def category_series(
    ctx: ReportContext, area: Area, categories: tuple[str, ...], first: str, last: str
) -> dict[str, pd.DataFrame]:
    """:func:`area_series` for several police categories."""
    from diogel.figures.trends import area_trend_frames

    frames = area_trend_frames(ctx.geo, ctx.warehouse, area, categories, POLICE, first, last)
    return {str(c): frame for c, frame in frames.items()}


def headlines(
    ctx: ReportContext, area: Area, month: str, categories: tuple[str, ...], first: str
) -> list[dict[str, Any]]:
    """:func:`headline` for each category, from one query."""
    series = category_series(ctx, area, categories, first, month)
    return [headline(ctx, area, month, c, first, series[c]) for c in categories]


def headline(
    ctx: ReportContext,
    area: Area,
    month: str,
    category: str,
    first: str,
    series: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """One category's month and 12 months to ``month`` against a year before."""
    if series is None:
        series = area_series(ctx, area, category, POLICE, first, month)
    series = series.set_index("month")
    row = series.loc[month]
    usable = series["usable"].astype(bool)
    counts = series["count"]
    year_before = shift_month(month, -12)
    previous_month = (
        int(counts[year_before])
        if year_before in series.index and bool(usable[year_before])
        else None
    )
    months = [m.strftime("%Y-%m") for m in month_range(shift_month(month, -11), month)]
    earlier = [shift_month(m, -12) for m in months]
    twelve = previous = None
    ratio = low = high = p_value = None
    if all(m in series.index for m in earlier) and bool(usable[months + earlier].all()):
        twelve = int(counts[months].sum())
        previous = int(counts[earlier].sum())
        ratio, low, high, p_value = rate_ratio(twelve, previous)
    count = int(counts[month]) if bool(usable[month]) else None
    return {
        "category": category,
        "count": count,
        "previous": previous_month,
        "change": _change(count, previous_month),
        "expected": _number(row["expected"]),
        "lower": _number(row["lower"]),
        "upper": _number(row["upper"]),
        "flag": str(row["exceeds"]) or None,
        "twelve_months": twelve,
        "previous_twelve_months": previous,
        "change_twelve_months": None if ratio is None else _finite(ratio - 1),
        "ci_low": None if low is None else _finite(low - 1),
        "ci_high": None if high is None else _finite(high - 1),
        "p_value": p_value,
        "rate_twelve_months": None
        if twelve is None or not area.population
        else twelve / area.population * 1000,
    }


def trend_rows(
    ctx: ReportContext, area: Area, category: str, first: str, last: str
) -> list[dict[str, Any]]:
    series = area_series(ctx, area, category, POLICE, first, last)
    return [
        {
            "month": r["month"],
            "count": int(r["count"]) if r["usable"] else None,
            "rate": _number(r["rate"]),
            "rolling_12": _number(r["rolling_12"], integer=True),
            "expected": _number(r["expected"]),
            "lower": _number(r["lower"]),
            "upper": _number(r["upper"]),
            "flag": str(r["exceeds"]) or None,
        }
        for r in series.to_dict("records")
    ]


def category_counts(
    ctx: ReportContext, area: Area, first: str, last: str, source: str = POLICE
) -> dict[str, int]:
    """As ``diogel counts --by category --source <source> --from --to --area``."""
    rows = count_incidents(ctx.warehouse, ["category"], source, first, last, area)
    return {str(r.keys["category"]): r.count for r in rows}


def lsoa_hotspots(
    ctx: ReportContext, area: Area, category: str, first: str, last: str
) -> list[dict[str, Any]]:
    """Rates per 1,000 residents by LSOA and Gi* on them (BH-adjusted p): exactly
    ``diogel analyse hotspots --area <area> --category <category> --source
    police_uk_street --rate`` (:func:`diogel.figures.hotspot_result`). LSOAs with no
    data for part of the period are not tested and not listed."""
    from diogel.figures import FigureQuery, hotspot_result

    query = FigureQuery(Level.LSOA11, area, category, POLICE, first, last)
    result = hotspot_result(ctx.geo, ctx.warehouse, query, rate=True)
    names = {a.code: a for a in ctx.geo.hierarchy.areas_at(Level.LSOA11, area)}
    return [
        {
            "code": row.code,
            "name_en": names[row.code].name_en,
            "name_cy": names[row.code].name_cy,
            "count": row.count,
            "population": names[row.code].population or None,
            "rate": row.value,
            "z": float("nan") if row.z is None else row.z,
            "p_adjusted": 1.0 if row.p_adjusted is None else row.p_adjusted,
            "class": row.class_,
            "wimd_rank": names[row.code].wimd_rank,
        }
        for row in result.areas
    ]


def health_boards_for(ctx: ReportContext, area: Area) -> list[Area]:
    """The health boards whose emergency departments serve ``area``."""
    if area.level is Level.HEALTH_BOARD:
        return [area]
    if area.level is Level.WALES:
        return ctx.geo.hierarchy.areas_at(Level.HEALTH_BOARD)
    codes = ctx.geo.hierarchy.overlapping(Level.HEALTH_BOARD, area)
    return [ctx.geo.hierarchy.area(c, Level.HEALTH_BOARD) for c in sorted(codes)]


def ed_against_police(ctx: ReportContext, first: str, last: str) -> list[dict[str, Any]]:
    """ED assaults against police violence by health board, as ``analyse hidden-harm``
    (:func:`diogel.figures.health.ed_against_police`)."""
    from diogel.figures.health import ed_against_police as compare

    return [row.as_json() for row in compare(ctx.geo, ctx.warehouse, first, last)]


def ed_monthly(
    ctx: ReportContext, boards: list[Area], first: str, last: str
) -> tuple[list[dict[str, Any]], int]:
    """ED assaults and police violence a month for ``boards`` (ED disclosure-controlled,
    "no data" as None), and how many ED months are withheld."""
    from diogel.figures.health import ed_police_monthly

    series = ed_police_monthly(ctx.geo, ctx.warehouse, boards, first, last)
    return [m.as_json() for m in series.months], series.ed_withheld


def time_profile(
    ctx: ReportContext, area: Area, year: str
) -> tuple[list[list[int | None]], int, int | None, int | None]:
    """ED assaults by day (Monday first) and hour in a calendar year, as ``analyse
    time-profile --source istv``: the protected 7 × 24 cells, cells withheld,
    records without a time, and the total with a time (None where withheld)."""
    from diogel.figures.health import time_profile as profile

    result = profile(
        ctx.geo, ctx.warehouse, EMERGENCY_DEPARTMENTS, area, f"{year}-01", f"{year}-12"
    )
    return result.cells, result.withheld, result.without_time, result.total


def repeat_places(
    ctx: ReportContext, area: Area, category: str | None, first: str, last: str, limit: int = 10
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The busiest police.uk places, as ``diogel analyse repeat-locations``
    (:func:`diogel.figures.places.repeat_places`)."""
    from diogel.figures.places import repeat_places as places

    body = places(ctx.warehouse, POLICE, area, category, first, last, limit)
    if body.concentration is None:
        return [], {}
    return [p.as_json() for p in body.places], body.concentration.as_json()


def deprivation_profile(hotspots: list[dict[str, Any]], lsoas_in_wales: int) -> dict[str, Any]:
    """Rates by WIMD 2019 decile (1 = most deprived tenth of Welsh LSOAs) and the
    Spearman correlation of LSOA rate with deprivation rank."""
    columns = ["code", "count", "population", "rate", "wimd_rank"]
    frame = pd.DataFrame(hotspots, columns=columns) if hotspots else pd.DataFrame(columns=columns)
    frame = frame[frame["population"].notna() & frame["wimd_rank"].notna()]
    frame["decile"] = np.ceil(frame["wimd_rank"] * 10 / lsoas_in_wales).astype(int)
    grouped = frame.groupby("decile").agg(
        lsoas=("code", "size"), count=("count", "sum"), population=("population", "sum")
    )
    rows = [
        {
            "decile": int(str(d)),
            "lsoas": int(g["lsoas"]),
            "count": int(g["count"]),
            "population": int(g["population"]),
            "rate": float(g["count"]) / float(g["population"]) * 1000,
        }
        for d, g in grouped.iterrows()
    ]
    rho = p = None
    if len(frame) >= 3:
        # Rank 1 is the most deprived: a negative rho means more violence where
        # deprivation is higher; report it as correlation with deprivation.
        result = stats.spearmanr(frame["rate"], -frame["wimd_rank"])
        rho, p = float(result.statistic), float(result.pvalue)
    return {"deciles": rows, "spearman_rho": rho, "spearman_p": p, "lsoas": len(frame)}


def imports_used(
    ctx: ReportContext, sources: list[str], first: str, last: str, area: Area | None = None
) -> list[dict[str, Any]]:
    """The current imports of ``sources`` with records the report counted: police
    records in ``area``, emergency-department records of the health boards serving it
    (any area of Wales without one). Another force's republication with no row in the
    area is not one of them, so ``diogel report check`` is not fooled by it."""
    from diogel.figures.base import imports_with_rows
    from diogel.warehouse.queries import list_imports

    wanted: set[int] = set()
    for source in sources:
        scopes: list[Area | None] = [area]
        if area is not None and source == EMERGENCY_DEPARTMENTS:
            scopes = list(health_boards_for(ctx, area))
        for scope in scopes:
            for row in imports_with_rows(ctx.warehouse, {source}, None, first, last, scope):
                wanted.add(int(str(row["import_id"])))
    out = [
        {
            "import_id": int(item["import_id"]),
            "source": item["source"],
            "supplier": item["supplier"],
            "file_name": item["file_name"],
            "sha256": item["sha256"],
            "period_start": str(item["period_start"]),
            "period_end": str(item["period_end"]),
            "rows_accepted": int(item["rows_accepted"]),
        }
        for item in list_imports(ctx.warehouse)
        if int(item["import_id"]) in wanted
    ]
    return sorted(out, key=lambda i: (i["source"], i["period_start"], i["supplier"]))


def _change(current: int | None, previous: int | None) -> float | None:
    if current is None or previous is None or previous == 0:
        return None
    return current / previous - 1


def _number(value: Any, integer: bool = False) -> float | int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value) if integer else float(value)


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None
