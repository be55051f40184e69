"""``diogel funding``: funders, grants, pooled budgets, allocations and spend.

The funding, landscape, programme and measures modules (and openpyxl, pandas with
them) are imported when a command runs, not for ``--help``.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from diogel.cli.output import emit_json
from diogel.geography import FootprintError
from diogel.settings import load_settings

if TYPE_CHECKING:
    from diogel.funding import Funding
    from diogel.landscape.areas import AreaIndex

app = typer.Typer(
    help="Funding: funders, grants, pooled budgets, allocations, spend and their views.",
    no_args_is_help=True,
)


def _load(path: Path | None = None) -> tuple[Funding, AreaIndex]:
    from diogel.funding import FundingError, load_funding
    from diogel.landscape import LandscapeError, load_landscape
    from diogel.landscape.areas import AreaIndex
    from diogel.performance import MeasureFileError, load_framework
    from diogel.programme import ProgrammeError, load_programme

    settings = load_settings()
    try:
        landscape = load_landscape(settings.landscape_file, settings.footprints_file)
        programme = load_programme(settings.programme_file, landscape)
        framework = load_framework(settings.measures_file, programme)
        areas = AreaIndex.default(settings.footprints_file)
        funding = load_funding(
            path or settings.funding_file,
            programme=programme,
            landscape=landscape,
            areas=areas,
            framework=framework,
        )
    except (FundingError, ProgrammeError, LandscapeError, MeasureFileError, FootprintError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    return funding, areas


def _money(pence: int | None) -> str:
    from diogel.funding import pounds

    return "" if pence is None else f"£{pounds(pence):,}"


@app.command("show")
def show(
    json_output: bool = typer.Option(False, "--json", help="Print the views as JSON."),
) -> None:
    """Totals committed, allocated and spent, by source and for each grant and pool."""
    from diogel.funding import by_source, funding_lines, totals
    from diogel.funding.export import csv_rows, tables

    funding, areas = _load()
    if json_output:
        emit_json(
            {
                name: [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
                for name, rows in ((n, csv_rows(t)) for n, t in tables(funding, areas).items())
            }
        )
        return
    t = totals(funding)
    typer.echo(
        f"committed {_money(t.committed)}  allocated {_money(t.allocated)}  spent {_money(t.spent)}"
    )
    typer.echo("by source")
    for row in by_source(funding):
        typer.echo(
            f"  {row.label:<45} committed {_money(row.committed):>14}  "
            f"allocated {_money(row.allocated):>14}  spent {_money(row.spent):>14}"
        )
    typer.echo("grants and pooled budgets")
    for line in funding_lines(funding):
        typer.echo(
            f"  {line.code:<30} {line.kind:<13} {_money(line.committed):>14}  "
            f"unallocated {_money(line.unallocated):>14}  unspent {_money(line.unspent):>14}"
        )


@app.command("export")
def export(
    json_output: bool = typer.Option(False, "--json", help="The whole validated file as JSON."),
    csv_dir: Path = typer.Option(None, "--csv", help="Write one CSV file per view here."),
    xlsx_file: Path = typer.Option(None, "--xlsx", help="Write a workbook, a sheet per view."),
) -> None:
    """The records as JSON (amounts in pence), or the views as CSV files or a workbook."""
    from diogel.funding.export import write_csv, write_xlsx

    if not (json_output or csv_dir or xlsx_file):
        typer.echo("error: give --json, --csv DIR or --xlsx FILE", err=True)
        raise typer.Exit(2)
    funding, areas = _load()
    if csv_dir:
        for path in write_csv(funding, csv_dir, areas):
            typer.echo(f"wrote {path}", err=True)
    if xlsx_file:
        typer.echo(f"wrote {write_xlsx(funding, xlsx_file, areas)}", err=True)
    if json_output:
        emit_json(asdict(funding))


@app.command("validate")
def validate(path: Path = typer.Argument(..., help="Funding TOML file to check.")) -> None:
    """Check a funding file; every problem is listed with its entry and field."""
    funding, _ = _load(path)
    typer.echo(
        f"{path}: valid ({len(funding.funders)} funders, {len(funding.funds)} funds, "
        f"{len(funding.grants)} grants, {len(funding.pooled_budgets)} pooled budgets, "
        f"{len(funding.allocations)} allocations, {len(funding.spend)} spend entries)"
    )
