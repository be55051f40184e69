"""``diogel data``: see, install and fetch the open reference data."""

from __future__ import annotations

from pathlib import Path

import typer

from diogel.cli.output import emit_json
from diogel.cli.progress import track
from diogel.reference_data import (
    DATASETS,
    data_status,
    fetch_police_uk_archive,
    install_from_directory,
)
from diogel.settings import load_settings

app = typer.Typer(help="See, install and fetch the open reference data.", no_args_is_help=True)


@app.command("status")
def status(
    json_output: bool = typer.Option(False, "--json", help="Print the status as JSON."),
) -> None:
    """List each dataset, its publisher and whether its files are present."""
    data_dir = load_settings().data_dir
    statuses = data_status(data_dir)
    if json_output:
        emit_json(
            {
                "data_dir": str(data_dir),
                "datasets": [
                    {
                        "key": s.dataset.key,
                        "title": s.dataset.title,
                        "publisher": s.dataset.publisher,
                        "source_url": s.dataset.source_url,
                        "present": s.present,
                        "missing": list(s.missing),
                    }
                    for s in statuses
                ],
            }
        )
        return
    typer.echo(f"data directory: {data_dir}")
    for s in statuses:
        state = "present" if s.present else f"{len(s.missing)} of {len(s.dataset.files)} missing"
        typer.echo(f"  {s.dataset.key:<24} {state:<22} {s.dataset.publisher}")


@app.command("install")
def install(
    source: Path = typer.Option(
        Path("../shared/data"),
        "--from",
        help="Directory holding local copies laid out as in docs/data-sources.md.",
    ),
) -> None:
    """Copy local copies of the reference data into the data directory."""
    data_dir = load_settings().data_dir
    if source.resolve() == data_dir.resolve():
        typer.echo(f"{data_dir} is already the data directory; nothing to copy.")
        return
    if not source.is_dir():
        typer.echo(f"error: {source} is not a directory", err=True)
        raise typer.Exit(2)
    wanted = [f for d in DATASETS for f in d.files]
    copied = install_from_directory(source, data_dir)
    for _ in track(copied, "copying reference files"):
        pass
    typer.echo(f"copied {len(copied)} of {len(wanted)} files into {data_dir}")


@app.command("fetch-police-uk")
def fetch_police_uk(
    month: str = typer.Argument(..., help="Archive month, YYYY-MM (holds the 36 months before)."),
    force: str = typer.Option("gwent", help="police.uk force identifier, e.g. gwent."),
) -> None:
    """Download a police.uk archive and keep one force's street-level files."""
    data_dir = load_settings().data_dir
    files = fetch_police_uk_archive(month, force, data_dir, on_file=typer.echo)
    typer.echo(f"extracted {len(files)} files into {data_dir / 'police-uk' / force}")
