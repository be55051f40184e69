"""``diogel synthetic``: write SYNTHETIC data files for demonstrations and tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

app = typer.Typer(help="Write clearly labelled SYNTHETIC data files.", no_args_is_help=True)


@app.command("istv")
def istv(
    out: Path = typer.Option(Path("var/synthetic/istv"), help="Directory to write to."),
    first: str = typer.Option("2020-01", "--from", help="First month, YYYY-MM."),
    months: int = typer.Option(24, help="Number of months."),
    seed: int = typer.Option(1, help="Random seed: the same seed writes the same files."),
) -> None:
    """Write SYNTHETIC emergency-department assault (ISTV) files, one per site and month."""
    from diogel.sources.synthetic.istv import write_months

    try:
        start = dt.date.fromisoformat(f"{first}-01")
    except ValueError as exc:
        typer.echo(f"error: {first!r} is not a month (YYYY-MM)", err=True)
        raise typer.Exit(2) from exc
    paths = write_months(out, start, months, seed)
    typer.echo(f"wrote {len(paths)} SYNTHETIC ISTV files to {out}")


@app.command("youth-justice")
def youth_justice(
    out: Path = typer.Option(Path("var/synthetic/youth-justice"), help="Directory to write to."),
    month: str = typer.Option("2021-03", help="Month, YYYY-MM."),
    rows: int = typer.Option(40, help="Number of offences."),
    seed: int = typer.Option(1, help="Random seed: the same seed writes the same file."),
) -> None:
    """Write a SYNTHETIC youth-justice extract with invented identifiers (999 NHS numbers)."""
    from diogel.sources.synthetic.youth_justice import write_extract

    try:
        start = dt.date.fromisoformat(f"{month}-01")
    except ValueError as exc:
        typer.echo(f"error: {month!r} is not a month (YYYY-MM)", err=True)
        raise typer.Exit(2) from exc
    path, _ = write_extract(out, start, rows, seed)
    typer.echo(f"wrote SYNTHETIC youth-justice extract {path}")
