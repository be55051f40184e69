"""docs/reports.md stays true to the code: every report command and theme is in it."""

from __future__ import annotations

from pathlib import Path

import typer.main

from diogel.cli.report import app
from diogel.reports.thematic import THEMES

DOC = Path(__file__).resolve().parents[2] / "docs" / "reports.md"


def test_every_report_command_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    group = typer.main.get_group(app)
    for name in group.commands:
        assert f"diogel report {name}" in text, name


def test_every_theme_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for theme in THEMES:
        assert f"`{theme}`" in text, theme
