"""``diogel data``: see, install and fetch the open reference data.

The reference-data module (urllib, ssl, zipfile) is imported when a command runs,
not for ``--help``.
"""

from __future__ import annotations

from pathlib import Path

import typer

from diogel.cli.output import emit_json
from diogel.cli.progress import track
from diogel.settings import load_settings

app = typer.Typer(help="See, install and fetch the open reference data.", no_args_is_help=True)


@app.command("status")
def status(
    json_output: bool = typer.Option(False, "--json", help="Print the status as JSON."),
) -> None:
    """List each dataset, its publisher and whether its files are present."""
    from diogel.reference_data import data_status

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
    from diogel.reference_data import DATASETS, install_from_directory

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
    from diogel.reference_data import fetch_police_uk_archive

    data_dir = load_settings().data_dir
    files = fetch_police_uk_archive(month, force, data_dir, on_file=typer.echo)
    typer.echo(f"extracted {len(files)} files into {data_dir / 'police-uk' / force}")


@app.command("verify")
def verify(
    json_output: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Read every geography file as Diogel will and report any that are wrong."""
    from diogel.geography.verify import verify_geography

    data_dir = load_settings().data_dir
    results = verify_geography(data_dir)
    if json_output:
        emit_json(
            [{"file": rel, "ok": problem is None, "problem": problem} for rel, problem in results]
        )
    else:
        for rel, problem in results:
            typer.echo(
                f"{'ok  ' if problem is None else 'FAIL'} {rel}"
                + (f": {problem}" if problem else "")
            )
    if any(problem for _, problem in results):
        raise typer.Exit(1)


@app.command("fetch")
def fetch(
    what: str = typer.Argument(..., help="What to fetch: geography."),
    force: bool = typer.Option(False, "--force", help="Download even files already present."),
) -> None:
    """Download reference data from its publishers, verifying each file.

    Files with no direct download address are listed with the publisher's page
    to download them from by hand.
    """
    from diogel.geography.verify import VERIFIERS
    from diogel.reference_data import DATASETS, download

    if what != "geography":
        typer.echo(f"error: unknown data set {what!r}; try `geography`", err=True)
        raise typer.Exit(2)
    data_dir = load_settings().data_dir
    wanted = [d for d in DATASETS if any(f.startswith("geography/") for f in d.files)]
    by_hand: list[tuple[str, str]] = []
    jobs: list[tuple[str, str]] = []
    for d in wanted:
        urls = dict(d.downloads)
        for rel in d.files:
            if (data_dir / rel).is_file() and not force:
                continue
            if rel in urls:
                jobs.append((rel, urls[rel]))
            else:
                by_hand.append((rel, d.source_url))
    failed = False
    for rel, url in track(jobs, "downloading geography"):
        try:
            download(url, data_dir / rel, VERIFIERS.get(rel))
        except Exception as exc:  # network, HTTP or verification: report and go on
            failed = True
            typer.echo(f"FAIL {rel}: {exc}", err=True)
        else:
            typer.echo(f"ok   {rel}")
    for rel, page in by_hand:
        failed = True
        typer.echo(f"MISSING {rel}: download it from {page} and save it as {data_dir / rel}")
    if failed:
        raise typer.Exit(1)
    typer.echo(f"geography reference data complete in {data_dir}")
