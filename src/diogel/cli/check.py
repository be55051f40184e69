"""``diogel check``: are the database, warehouse and reference data ready?"""

from __future__ import annotations

import typer

from diogel.cli.output import emit_json
from diogel.settings import load_settings


def check(
    json_output: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Check the database, the warehouse directory and the reference data.

    Exits 1 when any check fails.
    """
    # Imported here: the checks open the database and the warehouse (DuckDB).
    from diogel.health import run_checks

    results = run_checks(load_settings())
    if json_output:
        emit_json({"ok": all(r.ok for r in results), "checks": [r.as_dict() for r in results]})
    else:
        for r in results:
            mark = typer.style("ok  ", fg="green") if r.ok else typer.style("FAIL", fg="red")
            typer.echo(f"{mark} {r.name:<15} {r.detail}")
    if not all(r.ok for r in results):
        raise typer.Exit(1)
