"""``diogel settings``: show the settings table and the values in force."""

from __future__ import annotations

import typer

from diogel.cli.output import emit_json
from diogel.settings import SETTINGS, load_settings, settings_markdown


def settings(
    json_output: bool = typer.Option(False, "--json", help="Print the values as JSON."),
    markdown: bool = typer.Option(False, "--markdown", help="Print the table as Markdown."),
) -> None:
    """Show every setting, its environment variable and the value in force."""
    if markdown:
        typer.echo(settings_markdown(), nl=False)
        return
    current = load_settings()
    values = {
        s.env: (
            "***"
            if s.type_name == "secret" and getattr(current, s.name)
            else getattr(current, s.name)
        )
        for s in SETTINGS
    }
    if json_output:
        emit_json(values)
        return
    for s in SETTINGS:
        typer.echo(f"{s.env:<30} {values[s.env]!s:<40} {s.description}")
