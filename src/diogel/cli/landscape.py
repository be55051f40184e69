"""``diogel landscape``: the partnership landscape from the command line.

The landscape modules are imported when a command runs, not for ``--help``.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from diogel.cli.output import emit_json
from diogel.geography import FootprintError
from diogel.settings import load_settings

if TYPE_CHECKING:
    from diogel.landscape import AreaIndex, Landscape
    from diogel.landscape.network import Network

app = typer.Typer(help="Partnership landscape: boards, seats, people and the regional tracker.")


def _load(path: Path | None = None) -> tuple[Landscape, AreaIndex]:
    from diogel.landscape import AreaIndex, LandscapeError, load_landscape

    settings = load_settings()
    try:
        areas = AreaIndex.default(settings.footprints_file)
        return load_landscape(path or settings.landscape_file, areas=areas), areas
    except (LandscapeError, FootprintError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def _board_dict(landscape: Landscape, code: str) -> dict[str, object]:
    b = landscape.board(code)
    return {
        "code": b.code,
        "name_en": b.name_en,
        "name_cy": b.name_cy,
        "type": b.type.value,
        "level": b.level.value,
        "themes": [t.value for t in b.themes],
        "footprint": list(b.footprint),
        "statutory_basis": b.statutory_basis,
        "purpose": b.purpose,
        "escalation_route": list(b.escalation_route),
        "chair_role": b.chair_role,
        "meetings_per_year": b.meetings_per_year,
        "back_to_back_with": list(b.back_to_back_with),
        "replaced_by": b.replaced_by,
        "count": b.count,
        "status": b.status.value,
        "status_history": [
            {"status": s.status.value, "date": s.date, "note": s.note} for s in b.status_history
        ],
        "seats": [
            {
                "code": s.code,
                "role": s.role,
                "organisation": s.organisation,
                "mandatory": s.mandatory,
                "holders": s.holders,
            }
            for s in b.seats
        ],
        "mandatory_agenda": [a.title_en for a in b.mandatory_agenda],
        "organisations": sorted(b.organisations),
        "sources": [s.as_dict() for s in b.sources],
    }


@app.command("show")
def show(
    json_output: bool = typer.Option(False, "--json", help="Print the register as JSON."),
) -> None:
    """List the boards by level, with type, footprint and status; the tracker after."""
    landscape, areas = _load()
    if json_output:
        emit_json(
            {
                "boards": [_board_dict(landscape, b.code) for b in landscape.boards],
                "organisations": [
                    {"code": o.code, "name_en": o.name_en, "kind": o.kind}
                    for o in landscape.organisations
                ],
                "people": [
                    {"code": p.code, "name": p.name, "office": p.office, "as_of": p.as_of}
                    for p in landscape.people
                ],
                "memberships": [
                    {"person": m.person, "board": m.board, "seat": m.seat, "as_of": m.as_of}
                    for m in landscape.memberships
                ],
                "tracker": [
                    {
                        "region": t.region,
                        "quarter": t.quarter,
                        "current_position": t.current_position,
                        "actions": [{"text": a.text, "owner": a.owner} for a in t.actions],
                    }
                    for t in landscape.tracker
                ],
            }
        )
        return
    for level in ("national", "regional", "local"):
        boards = [b for b in landscape.boards if b.level.value == level]
        typer.echo(f"{level} ({len(boards)})")
        for b in boards:
            ground = ", ".join(areas.name(c) for c in b.footprint) or "footprint not stated"
            typer.echo(f"  {b.code:<46} {b.type.label_en} · {ground} · {b.status.value}")
    typer.echo("tracker")
    for t in landscape.tracker:
        owners = ", ".join(a.owner or "no owner stated" for a in t.actions) or "no actions"
        position = "recorded" if t.current_position else "blank"
        typer.echo(f"  {t.quarter} {areas.name(t.region):<12} position {position}; {owners}")


@app.command("analyse")
def analyse_cmd(
    json_output: bool = typer.Option(False, "--json", help="Print every analysis as JSON."),
) -> None:
    """Overlaps, merger and back-to-back candidates, escalation gaps, load, theme gaps."""
    from diogel.landscape.analysis import analyse

    landscape, areas = _load()
    result = analyse(landscape, areas)
    if json_output:
        emit_json(result.as_dict())
        return
    typer.echo("candidates for merger or back-to-back meetings")
    for c in result.candidates:
        typer.echo(f"  {c.kind:<12} {' + '.join(c.boards)}")
        for reason in c.reasons:
            typer.echo(f"               {reason.text}")
    typer.echo("boards with no escalation route")
    for x in result.no_escalation:
        typer.echo(f"  {x.level.value:<9} {x.board}")
    typer.echo("load per organisation (boards; meetings a year where known)")
    for load in result.organisation_load:
        typer.echo(
            f"  {load.code:<28} {len(load.boards):>3} boards, "
            f"{load.meetings_known} meetings known, "
            f"{load.boards_frequency_unknown} of unknown frequency"
        )
    typer.echo(f"{len(result.overlaps)} overlapping pairs of boards (see --json)")


def _region_option() -> str | None:
    return typer.Option(
        None, "--region", help="Area code (W15000003 Gwent, a footprint code, ...)."
    )


def _region_name(areas: AreaIndex, region: str | None) -> str:
    return areas.name(region) if region else "Wales"


def _unknown_region(region: str | None) -> typer.Exit:
    typer.echo(f"error: unknown area code {region!r}", err=True)
    return typer.Exit(2)


@app.command("network")
def network_cmd(
    region: str | None = _region_option(),
    include_inactive: bool = typer.Option(
        False, "--include-inactive", help="Closed, replaced and suspended boards too."
    ),
    json_output: bool = typer.Option(False, "--json", help="Print nodes and edges as JSON."),
    svg: Path | None = typer.Option(None, "--svg", help="Write the network drawing to FILE."),
) -> None:
    """Boards, the organisations and named people on them, and the links between."""
    from diogel.landscape.network import landscape_network
    from diogel.landscape.network_svg import network_svg

    landscape, areas = _load()
    try:
        network: Network = landscape_network(
            landscape, region=region, include_inactive=include_inactive, areas=areas
        )
    except KeyError as exc:
        raise _unknown_region(region) from exc
    if svg is not None:
        title = f"Partnership network: {_region_name(areas, region)}"
        svg.write_text(network_svg(network, title=title), encoding="utf-8")
    if json_output:
        emit_json(network.as_dict())
        return
    counts = network.counts()
    typer.echo(
        f"{_region_name(areas, region)}: {counts['boards']} boards, "
        f"{counts['organisations']} organisations, {counts['people']} people, "
        f"{counts['edges']} links ({sum(e.mandatory for e in network.edges)} mandatory)"
    )
    for board in network.of_kind("board"):
        linked = network.neighbours(board.id)
        if linked:
            typer.echo(f"  {board.code:<46} {', '.join(n.code for n in linked)}")
    if svg is not None:
        typer.echo(f"drawing written to {svg}")


@app.command("matrix")
def matrix_cmd(
    region: str | None = _region_option(),
    json_output: bool = typer.Option(False, "--json", help="Print the matrix as JSON."),
    csv_output: bool = typer.Option(
        False, "--csv", help="Print the matrix as CSV (cells are seats/mandatory)."
    ),
) -> None:
    """Seats per organisation and board, with each organisation's boards and meetings."""
    from diogel.landscape.matrix import seat_matrix

    landscape, areas = _load()
    try:
        matrix = seat_matrix(landscape, region=region, areas=areas)
    except KeyError as exc:
        raise _unknown_region(region) from exc
    if json_output:
        emit_json(matrix.as_dict())
        return
    if csv_output:
        csv.writer(sys.stdout, lineterminator="\n").writerows(matrix.csv_rows())
        return
    totals = matrix.totals()
    typer.echo(
        f"{_region_name(areas, region)}: {totals['organisations']} organisations on "
        f"{totals['boards']} boards, {totals['seats']} seats ({totals['mandatory']} mandatory)"
    )
    for row in matrix.rows:
        typer.echo(
            f"  {row.code:<28} {row.boards:>3} boards, {row.seats:>3} seats "
            f"({row.mandatory} mandatory), {row.meetings_known} meetings known, "
            f"{row.boards_frequency_unknown} of unknown frequency"
        )


@app.command("validate")
def validate(path: Path = typer.Argument(..., help="Landscape TOML file to check.")) -> None:
    """Check a landscape file; every problem is listed with its entry and field."""
    landscape, _ = _load(path)
    typer.echo(
        f"{path}: valid ({len(landscape.boards)} boards, {len(landscape.organisations)} "
        f"organisations, {len(landscape.people)} people, {len(landscape.tracker)} tracker rows)"
    )
