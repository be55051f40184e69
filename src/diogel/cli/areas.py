"""``diogel areas`` and ``diogel footprints``: the geography from the command line.

``Geography`` (numpy, pandas, shapely) is imported when a command runs, not for
``--help``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from diogel.cli.output import emit_json
from diogel.geography import FootprintError, Level
from diogel.settings import load_settings

if TYPE_CHECKING:
    from diogel.geography import Geography

app = typer.Typer(help="Areas of Wales: list them, find them, locate points.")


def _geography() -> Geography:
    from diogel.geography import Geography, ReferenceDataError

    try:
        return Geography.from_settings(load_settings())
    except (ReferenceDataError, FootprintError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.callback(invoke_without_command=True)
def list_areas(
    ctx: typer.Context,
    level: Level = typer.Option(Level.LOCAL_AUTHORITY, help="Level of geography to list."),
    within: str = typer.Option(
        None, help="Only areas overlapping this area (code, or English or Welsh name)."
    ),
    json_output: bool = typer.Option(False, "--json", help="Print the areas as JSON."),
) -> None:
    """List the areas at a level, with names in English and Welsh, parents and population."""
    if ctx.invoked_subcommand is not None:
        return
    geography = _geography()
    container = None
    if within:
        try:
            container = geography.hierarchy.resolve(within)
        except LookupError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
    try:
        areas = geography.hierarchy.areas_at(level, container)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if json_output:
        emit_json([a.as_dict() for a in areas])
        return
    for a in areas:
        population = f"{a.population:>10,}" if a.population is not None else " " * 10
        typer.echo(f"{a.code:<24} {population}  {a.name_en} / {a.name_cy}")
    typer.echo(f"{len(areas)} areas", err=True)


@app.command("locate")
def locate(
    lon: float = typer.Option(..., help="Longitude (WGS84)."),
    lat: float = typer.Option(..., help="Latitude (WGS84)."),
    json_output: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Say which LSOA (and every parent) a point lies in."""
    geography = _geography()
    row = geography.locate([lon], [lat]).iloc[0]
    found = {
        level: (None if row[level] is None or str(row[level]) == "<NA>" else str(row[level]))
        for level in row.index
    }
    if json_output:
        emit_json(
            {"lon": lon, "lat": lat, "inside_wales": found["lsoa11"] is not None, "areas": found}
        )
        return
    if found["lsoa11"] is None:
        typer.echo(f"({lon}, {lat}) is not inside any Welsh LSOA")
        raise typer.Exit(1)
    for level, code in found.items():
        assert code is not None
        area = geography.hierarchy.area(code, Level(level))
        typer.echo(f"{level:<18} {code:<24} {area.name_en} / {area.name_cy}")


def footprints(
    json_output: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Report how police force areas, health boards, PSBs, CSPs and regions overlap."""
    report = _geography().overlap_report()
    if json_output:
        emit_json(report.as_dict())
        return
    typer.echo(f"{'level':<18} {'against':<18} nested  spans  crosses")
    for s in report.summary:
        typer.echo(
            f"{s.level.value:<18} {s.across.value:<18} {s.nested:>6} {s.spans:>6} {s.crosses:>8}"
        )
    for c in report.crossings:
        if c.relation == "crosses":
            parts = ", ".join(p.name_en for p in c.parts)
            typer.echo(f"CROSSES: {c.name_en} ({c.level.value}) takes in part of {parts}")
