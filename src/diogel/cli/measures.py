"""``diogel measures``: the performance framework, computed from the warehouse.

The performance framework, the geography and the warehouse (pandas, DuckDB) are
imported when a command runs, not for ``--help``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from diogel.cli.output import emit_json
from diogel.settings import load_settings

if TYPE_CHECKING:
    from diogel.geography import Area, Geography
    from diogel.performance import Framework
    from diogel.warehouse import Warehouse

app = typer.Typer(
    help="Performance framework: measures, values per area and period, scorecards.",
    no_args_is_help=True,
)

FROM = typer.Option("2020-01", "--from", help="First month, YYYY-MM.")
TO = typer.Option("2021-12", "--to", help="Last month, YYYY-MM.")
AREA = typer.Option(None, help="Only areas within this one (code or name).")
JSON = typer.Option(False, "--json", help="Print the result as JSON.")


def _framework(path: Path | None = None) -> Framework:
    from diogel.performance import MeasureFileError, load_framework
    from diogel.programme import ProgrammeError, load_programme

    settings = load_settings()
    try:
        programme = load_programme(settings.programme_file)
        return load_framework(path or settings.measures_file, programme)
    except (MeasureFileError, ProgrammeError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


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


@app.command("list")
def list_measures(json_output: bool = JSON) -> None:
    """Every measure with its level, type, method, polarity and what it evidences."""
    framework = _framework()
    if json_output:
        emit_json(
            [
                {
                    "code": m.code,
                    "name_en": m.name_en,
                    "level": m.level.value,
                    "type": m.type.value,
                    "unit": m.unit,
                    "polarity": m.polarity.value,
                    "frequency": m.frequency.value,
                    "method": m.method.value,
                    "hub": m.hub.describe() if m.hub else None,
                    "owner": m.owner,
                    "public": m.public,
                    "target": None if m.target is None else m.target.basis,
                    "objectives": list(m.objectives),
                    "recommendations": list(m.recommendations),
                    "sources": [s.as_dict() for s in m.sources],
                }
                for m in framework.measures
            ]
        )
        return
    for m in framework.measures:
        typer.echo(
            f"{m.code:<46} {m.level.value:<8} {m.type.value:<7} {m.method.value:<6} "
            f"{m.frequency.value:<9} {m.unit}"
        )


@app.command("compute")
def compute(
    month_from: str = FROM,
    month_to: str = TO,
    area: str = AREA,
    measure: list[str] = typer.Option(None, help="Only this measure (repeatable)."),
    json_output: bool = JSON,
) -> None:
    """Each measure's value per area and period: hub measures computed from the
    warehouse now, manual and survey measures as recorded."""
    from diogel.performance import MeasureError, compute_measures

    framework = _framework()
    if measure:
        unknown = [c for c in measure if c not in {m.code for m in framework.measures}]
        if unknown:
            typer.echo(f"error: no measure {', '.join(unknown)}", err=True)
            raise typer.Exit(2)
    geo, warehouse, within = _context(area)
    try:
        values = compute_measures(
            framework, geo, warehouse, month_from, month_to, within, measure or None
        )
    except MeasureError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if json_output:
        emit_json(
            {
                "from": month_from,
                "to": month_to,
                "within": within.code if within else None,
                "values": [v.as_dict() for v in values],
            }
        )
        return
    for v in values:
        if v.suppressed:
            shown = "*"
        elif v.value is None:
            shown = "no data"
        else:
            shown = f"{v.value:,.4g}"
        typer.echo(f"{v.measure:<46} {v.period:<8} {v.area:<10} {v.area_name or '':<24} {shown}")


@app.command("scorecard")
def scorecard_cmd(
    area: str = typer.Option(..., help="The area (code or name)."),
    month_from: str = FROM,
    month_to: str = TO,
    json_output: bool = JSON,
) -> None:
    """The latest value of every measure for one area, with target, RAG and trend.

    Values are computed for the area itself (the year before ``--from`` is needed
    for year-before targets: give a range of at least two years)."""
    from diogel.performance import MeasureError, compute_measures, scorecard

    framework = _framework()
    geo, warehouse, chosen = _context(area)
    if chosen is None:
        raise typer.Exit(2)
    try:
        # Every measure over all of Wales: the card then has the area's rows at
        # whatever level the area is (local authority, police force area, Wales).
        values = compute_measures(framework, geo, warehouse, month_from, month_to)
    except MeasureError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    rows = scorecard(framework, values, chosen.code)
    if json_output:
        emit_json(
            {"area": chosen.code, "name_en": chosen.name_en, "rows": [r.as_dict() for r in rows]}
        )
        return
    typer.echo(f"{chosen.name_en} ({chosen.code})")
    for r in rows:
        if r.period is None:
            continue
        value = "*" if r.suppressed else ("no data" if r.value is None else f"{r.value:,.4g}")
        target = "" if r.target is None else f"target {r.target:,.4g}"
        rag = r.rag.value if r.rag else "-"
        direction = r.trend.direction.value if r.trend else "-"
        typer.echo(
            f"  {r.measure.code:<46} {r.period:<8} {value:>10} {target:<18} {rag:<6} {direction}"
        )


@app.command("validate")
def validate(path: Path = typer.Argument(..., help="Measures TOML file to check.")) -> None:
    """Check a measures file; every problem is listed with its entry and field."""
    framework = _framework(path)
    typer.echo(
        f"{path}: valid ({len(framework.measures)} measures, {len(framework.values)} values)"
    )
