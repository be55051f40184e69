"""``diogel programme``: the programme tracker from the command line.

The programme and landscape modules are imported when a command runs, not for
``--help``.
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
    from diogel.landscape import Landscape
    from diogel.programme import Programme

app = typer.Typer(
    help="Programme tracker: recommendations, work-streams, objectives, hand-overs.",
    no_args_is_help=True,
)


def _load(path: Path | None = None) -> tuple[Programme, Landscape]:
    from diogel.landscape import LandscapeError, load_landscape
    from diogel.programme import ProgrammeError, load_programme

    settings = load_settings()
    try:
        landscape = load_landscape(settings.landscape_file, settings.footprints_file)
        return load_programme(path or settings.programme_file, landscape), landscape
    except (ProgrammeError, LandscapeError, FootprintError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@app.command("show")
def show(
    json_output: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Recommendations, work-streams with their SROs, and objectives by progress."""
    from diogel.programme import closure_report

    programme, landscape = _load()
    names = {b.code: b.name_en for b in landscape.boards}
    report = closure_report(programme)
    if json_output:
        emit_json(
            {
                "programme": programme.code,
                "recommendations": {
                    s.code: len(programme.recommendations_in(s.code))
                    for s in programme.recommendation_sets
                },
                "workstreams": [
                    {
                        "code": w.code,
                        "title_en": w.title_en,
                        "sro_role": w.sro.role,
                        "sro_name": w.sro.name,
                        "objectives": len(programme.objectives_of(w.code)),
                    }
                    for w in programme.workstreams
                ],
                **report.as_dict()["totals"],
            }
        )
        return
    typer.echo(f"{programme.name_en} ({programme.start}–{programme.closed or 'open'})")
    for s in programme.recommendation_sets:
        labels = ", ".join(r.label for r in programme.recommendations_in(s.code))
        typer.echo(f"  {s.title}: {labels}")
    typer.echo("work-streams")
    for w in report.workstreams:
        sro = f"{w.sro_name}, {w.sro_role}" if w.sro_name else w.sro_role
        typer.echo(
            f"  {w.workstream:<11} {len(w.achieved):>2} achieved {len(w.outstanding):>2} "
            f"outstanding  SRO {sro}"
        )
    typer.echo("outstanding objectives governed by")
    for board, n in sorted(report.governors.items()):
        typer.echo(f"  {n:>3}  {names.get(board, board)}")


@app.command("export")
def export(
    json_output: bool = typer.Option(True, "--json", help="JSON (the only format)."),
) -> None:
    """The whole validated tracker as JSON, every record with its sources."""
    programme, _ = _load()
    emit_json(asdict(programme))


@app.command("closure")
def closure(
    on: str = typer.Option(None, help="Governance as it stood on this day (YYYY-MM-DD)."),
    json_output: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """The closure report: achieved, outstanding, and who governs each outstanding objective."""
    from diogel.programme import closure_markdown, closure_report

    programme, landscape = _load()
    report = closure_report(programme, on)
    if json_output:
        emit_json(report.as_dict())
        return
    typer.echo(closure_markdown(report, {b.code: b.name_en for b in landscape.boards}))


@app.command("validate")
def validate(path: Path = typer.Argument(..., help="Programme TOML file to check.")) -> None:
    """Check a programme file; every problem is listed with its entry and field."""
    programme, _ = _load(path)
    typer.echo(
        f"{path}: valid ({len(programme.recommendations)} recommendations, "
        f"{len(programme.workstreams)} work-streams, {len(programme.objectives)} objectives, "
        f"{len(programme.handovers)} hand-overs)"
    )
