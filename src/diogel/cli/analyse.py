"""``diogel analyse``: trends, hotspots, repeat locations, time profiles, hidden harm, cost.

Every command reads current incidents from the warehouse. Outputs built from
sources that are not open data go through disclosure control first.

The figures, the geography and the warehouse (numpy, pandas, scipy, DuckDB) are
imported inside the commands, so ``diogel --help`` does not load them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from diogel.cli.output import emit_json
from diogel.geography import Level
from diogel.settings import load_settings

if TYPE_CHECKING:
    from diogel.figures import FigureQuery
    from diogel.figures.hotspots import Correction
    from diogel.geography import Area, Geography
    from diogel.warehouse import Warehouse

app = typer.Typer(help="Analyses of the data in the warehouse.", no_args_is_help=True)

LEVEL = typer.Option(Level.LOCAL_AUTHORITY, help="Level of the areas analysed.")
AREA = typer.Option(None, help="Only within this area (code or name).")
CATEGORY = typer.Option(None, help="Harmonised category, e.g. violence.")
SOURCE = typer.Option(None, help="Only this source, e.g. police_uk_street.")
FROM = typer.Option("2020-01", "--from", help="First month, YYYY-MM.")
TO = typer.Option("2021-12", "--to", help="Last month, YYYY-MM.")
JSON = typer.Option(False, "--json", help="Print the result as JSON.")


def _context(area: str | None) -> tuple[Geography, Warehouse, Area | None]:
    from diogel.geography import Geography, ReferenceDataError
    from diogel.warehouse import Warehouse

    settings = load_settings()
    try:
        geo = Geography.from_settings(settings)
    except ReferenceDataError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    within = None
    if area:
        try:
            within = geo.hierarchy.resolve(area)
        except LookupError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
    return geo, Warehouse(settings.warehouse_dir), within


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _query(
    level: Level,
    within: Area | None,
    category: str | None,
    source: str | None,
    month_from: str,
    month_to: str,
) -> FigureQuery:
    from diogel.figures import FigureError, FigureQuery

    try:
        return FigureQuery(level, within, category, source, month_from, month_to)
    except FigureError as exc:
        raise _fail(str(exc)) from exc


@app.command("trends")
def trends(
    level: Level = LEVEL,
    area: str = AREA,
    category: str = CATEGORY,
    source: str = SOURCE,
    month_from: str = FROM,
    month_to: str = TO,
    json_output: bool = JSON,
) -> None:
    """Monthly counts and rates per 1,000 residents, rolling 12 months, year-on-year
    change with an exact 95% interval, and months outside the expected range."""
    from diogel.figures import FigureError, trend_result

    geo, warehouse, within = _context(area)
    query = _query(level, within, category, source, month_from, month_to)
    try:
        body = trend_result(geo, warehouse, query).as_json()
    except FigureError as exc:
        raise _fail(str(exc)) from exc
    if json_output:
        emit_json(body)
        return
    for item in body["areas"]:
        total = sum(m["count"] or 0 for m in item["months"])
        yoy = item["year_on_year"]
        change = f"{(yoy['ratio'] - 1) * 100:+.1f}% on a year before" if yoy else ""
        flags = [m["month"] for m in item["months"] if m["exceeds"] == "above"]
        typer.echo(
            f"{item['code']:<12} {item['name'] or '':<28} {total:>8,}  {change}"
            + (f"  above expected: {', '.join(flags)}" if flags else "")
        )


@app.command("hotspots")
def hotspots(
    level: Level = typer.Option(Level.LSOA11, help="Areas to test (default LSOA 2011)."),
    area: str = AREA,
    category: str = CATEGORY,
    source: str = SOURCE,
    month_from: str = FROM,
    month_to: str = TO,
    rate: bool = typer.Option(False, help="Test rates per 1,000 residents, not counts."),
    correction: str = typer.Option("fdr_bh", help="fdr_bh, holm or none."),
    grid: float = typer.Option(
        None,
        help="Test square cells of this size in metres (British National Grid) over the "
        "points, instead of areas.",
    ),
    json_output: bool = JSON,
) -> None:
    """Getis-Ord Gi* hotspots over queen-contiguous areas (or grid cells), adjusted p."""
    from diogel.figures import FigureError, grid_hotspot_result, hotspot_result
    from diogel.figures.hotspots import CORRECTIONS

    if correction not in CORRECTIONS:
        raise _fail("correction must be fdr_bh, holm or none")
    geo, warehouse, within = _context(area)
    query = _query(level, within, category, source, month_from, month_to)
    method: Correction = correction
    try:
        if grid:
            body = grid_hotspot_result(geo, warehouse, query, grid, method)
        else:
            body = hotspot_result(geo, warehouse, query, rate, method).as_json()
    except FigureError as exc:
        raise _fail(str(exc)) from exc
    if json_output:
        emit_json(body)
        return
    if grid:
        typer.echo(
            f"{body['rows']} x {body['columns']} cells of {grid:g} m; "
            f"{len(body['significant_cells'])} significant; "
            f"{body['points_outside_grid']} points outside the grid"
        )
        return
    if not body["tested"]:
        typer.echo(f"not tested: {body['not_tested_because']}", err=True)
        return
    if body["left_out"]:
        typer.echo(
            f"{len(body['left_out'])} areas with no data left out of the test: "
            + ", ".join(body["left_out"][:20])
            + (" …" if len(body["left_out"]) > 20 else ""),
            err=True,
        )
    records = body["areas"]
    hot = [rec for rec in records if str(rec["class"]).startswith("hot")]
    hot.sort(key=lambda item: -float(str(item["z"])))
    for rec in hot[:20]:
        z, p_adjusted = float(str(rec["z"])), float(str(rec["p_adjusted"]))
        typer.echo(f"{rec['code']}  z={z:6.2f}  p_adj={p_adjusted:.4f}  {rec['class']}")
    typer.echo(f"{len(hot)} hot areas of {len(records)}", err=True)


@app.command("repeat-locations")
def repeat_locations(
    area: str = AREA,
    category: str = CATEGORY,
    source: str = typer.Option("police_uk_street", help="Source."),
    month_from: str = FROM,
    month_to: str = TO,
    limit: int = typer.Option(20, help="How many places to list."),
    json_output: bool = JSON,
) -> None:
    """The busiest places and how concentrated incidents are (top 5%/10% share, Gini)."""
    from diogel.figures import FigureError
    from diogel.figures.places import repeat_places

    _geo, warehouse, within = _context(area)
    try:
        body = repeat_places(warehouse, source, within, category, month_from, month_to, limit)
    except FigureError as exc:
        raise _fail(str(exc)) from exc
    if body.concentration is None:
        raise _fail("no located incidents match")
    summary = body.concentration
    if json_output:
        emit_json(
            {
                "places": [p.as_json() for p in body.places],
                "concentration": summary.as_json(),
            }
        )
        return
    for p in body.places:
        typer.echo(f"{p.count:>6}  {p.lsoa11}  {p.place}")
    typer.echo(
        f"top 5% of {summary.places:,} places: {summary.top_5pc_share:.1%} of incidents; "
        f"top 10%: {summary.top_10pc_share:.1%}; Gini {summary.gini:.3f}"
    )


@app.command("time-profile")
def time_profile(
    area: str = AREA,
    category: str = CATEGORY,
    source: str = typer.Option("istv", help="A source with times, e.g. istv."),
    month_from: str = typer.Option(
        "2021-01", "--from", help="First month, YYYY-MM (a protected source: YYYY-01)."
    ),
    month_to: str = typer.Option(
        "2021-12", "--to", help="Last month, YYYY-MM (a protected source: the same YYYY-12)."
    ),
    json_output: bool = JSON,
) -> None:
    """Day-of-week by hour counts (the night-time economy view), disclosure-controlled;
    a protected source's tables are for whole calendar years."""
    from diogel.figures import FigureError
    from diogel.figures.health import time_profile as profile

    geo, warehouse, within = _context(area)
    try:
        body = profile(geo, warehouse, source, within, month_from, month_to, category)
    except FigureError as exc:
        raise _fail(str(exc)) from exc
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    if json_output:
        emit_json(
            {
                "source": source,
                "area": body.area,
                "from": body.month_from,
                "to": body.month_to,
                "rows": list(days),
                "hours": list(range(24)),
                "cells": body.cells,
                "without_time": body.without_time,
                "total": body.total,
                "suppressed": body.withheld,
            }
        )
        return
    typer.echo("          " + "".join(f"{h:>5}" for h in range(24)))
    for day, row in zip(days, body.cells, strict=True):
        typer.echo(f"{day:<10}" + "".join(f"{'*' if v is None else v:>5}" for v in row))


@app.command("hidden-harm")
def hidden_harm(month_from: str = FROM, month_to: str = TO, json_output: bool = JSON) -> None:
    """ED-recorded assaults against police-recorded violence, by health board, over the
    months both sources cover."""
    from diogel.analysis.hidden_harm import CAVEATS
    from diogel.figures import FigureError
    from diogel.figures.health import ed_against_police

    geo, warehouse, _ = _context(None)
    try:
        rows = ed_against_police(geo, warehouse, month_from, month_to)
    except FigureError as exc:
        raise _fail(str(exc)) from exc
    out = [
        {
            "code": r.code,
            "name": r.name_en,
            "state": r.state,
            "months_compared": r.months_compared,
            "ed_assaults": r.ed_assaults,
            "police_violence": r.police_violence,
            "ratio": r.ratio,
            "ci95": None if r.ratio is None else [r.ci_low, r.ci_high],
        }
        for r in rows
    ]
    if json_output:
        emit_json({"areas": out, "caveats": list(CAVEATS)})
        return
    for o in out:
        ed = o["ed_assaults"] if o["ed_assaults"] is not None else o["state"]
        typer.echo(f"{o['name']:<45} ED {ed}  police {o['police_violence']}  ratio {o['ratio']}")
    for caveat in CAVEATS:
        typer.echo(f"note: {caveat}")


@app.command("cost")
def cost(
    level: Level = LEVEL,
    area: str = AREA,
    month_from: str = FROM,
    month_to: str = TO,
    deflator: float = typer.Option(1.0, help="Ratio re-basing the unit costs' prices."),
    json_output: bool = JSON,
) -> None:
    """Estimated cost of crime by area, from a cited unit-cost table."""
    from diogel.analysis.cost import load_unit_costs
    from diogel.figures import FigureError
    from diogel.figures.cost import cost_by_area

    geo, warehouse, within = _context(area)
    costs = load_unit_costs()
    try:
        body = cost_by_area(geo, warehouse, level, within, month_from, month_to, costs, deflator)
    except FigureError as exc:
        raise _fail(str(exc)) from exc
    by_area = {a.code: a.cost for a in body.areas if a.cost}
    withheld = [a.code for a in body.areas if a.state != "value"]
    if json_output:
        emit_json(
            {
                "unit_costs": body.unit_costs,
                "price_year": body.price_year,
                "deflator": deflator,
                "areas": by_area,
                "not_given": {a.code: a.state for a in body.areas if a.state != "value"},
                "records_not_costed": body.records_not_costed,
            }
        )
        return
    for code, total in sorted(by_area.items(), key=lambda kv: -kv[1]):
        typer.echo(f"{code:<12} £{total:>14,.0f}")
    if withheld:
        typer.echo(f"no cost given (no data, or withheld): {', '.join(withheld)}", err=True)
    typer.echo(
        f"{costs.title}, {costs.price_year} prices x {deflator}; "
        f"{body.records_not_costed:,} records have no unit cost",
        err=True,
    )


@app.command("reconcile")
def reconcile(
    force: str = typer.Option(..., help="Police force area (code or name), e.g. Gwent."),
    month_from: str = FROM,
    month_to: str = TO,
    category: str = CATEGORY,
    json_output: bool = JSON,
) -> None:
    """A force's own recorded total against the figure located in its area, with the
    difference: no location, located in England, located in another Welsh force's
    area, and other forces' records located in this area (police.uk, open data)."""
    from diogel.figures import FigureError
    from diogel.figures.reconcile import force_reconciliation

    geo, warehouse, _ = _context(None)
    # "Gwent" is a police force area and a region: the force's area is meant here.
    wanted = force.strip().casefold().removesuffix(" police")
    forces = geo.hierarchy.areas_at(Level.POLICE_FORCE_AREA)
    named = [
        a
        for a in forces
        if wanted in (a.code.casefold(), a.name_en.casefold(), a.name_cy.casefold())
    ]
    if not named:
        raise _fail(
            f"{force!r} is not a police force area; choose from "
            f"{', '.join(f'{a.name_en} ({a.code})' for a in forces)}"
        )
    area = named[0]
    try:
        answer = force_reconciliation(geo, warehouse, area, month_from, month_to, category)
    except FigureError as exc:
        raise _fail(str(exc)) from exc
    if json_output:
        emit_json(answer.as_json())
        return
    if answer.state != "value":
        typer.echo(
            f"{answer.name_en}: no data for {', '.join(answer.months_without_data)}; "
            "no total is given"
        )
        return

    def line(label: str, count: int | None, sign: str = " ") -> None:
        typer.echo(f"{sign} {label:<52} {count or 0:>10,}")

    typer.echo(f"{answer.name_en}, {answer.month_from} to {answer.month_to}")
    line("Recorded by the force (its own files)", answer.recorded)
    line("No location", answer.no_location, "-")
    line("Located in England", answer.located_in_england, "-")
    for part in answer.elsewhere_in_wales_by_force:
        line(f"Located in the {part.name_en} police force area", part.count, "-")
    for part in answer.from_other_forces_by_force:
        line(f"From {part.name_en}'s files, located in the area", part.count, "+")
    line("Located in the area", answer.located, "=")
