"""The ``diogel`` command: core commands plus those other layers register.

The web site registers its own commands (``serve``, ``demo``, ``manage``)
through the ``diogel.commands`` entry-point group, so this package never
imports Django.
"""

from __future__ import annotations

from importlib.metadata import entry_points

import typer

from diogel import __version__
from diogel.cli import (
    analyse,
    areas,
    audit,
    data,
    funding,
    ingest,
    landscape,
    measures,
    programme,
    report,
    synthetic,
)
from diogel.cli.check import check
from diogel.cli.settings_cmd import settings

app = typer.Typer(
    help="Diogel: a hub for community safety partnership working.",
    no_args_is_help=True,
    add_completion=False,
)
app.command("check")(check)
app.command("settings")(settings)
app.add_typer(data.app, name="data")
app.add_typer(areas.app, name="areas")
app.command("footprints")(areas.footprints)
app.add_typer(ingest.ingest_app, name="ingest")
app.add_typer(ingest.imports_app, name="imports")
app.add_typer(audit.app, name="audit")
app.command("counts")(ingest.counts)
app.add_typer(synthetic.app, name="synthetic")
app.add_typer(analyse.app, name="analyse")
app.add_typer(report.app, name="report")
app.add_typer(landscape.app, name="landscape")
app.add_typer(programme.app, name="programme")
app.add_typer(measures.app, name="measures")
app.add_typer(funding.app, name="funding")


@app.command("version")
def version() -> None:
    """Print Diogel's version."""
    typer.echo(__version__)


def _register_plugins() -> None:
    for entry in entry_points(group="diogel.commands"):
        entry.load()(app)


def run() -> None:
    """Console-script entry point."""
    _register_plugins()
    app()
