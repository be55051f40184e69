"""``diogel analyse reconcile``: the core's answer, as JSON and as a table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.figures.reconcile import force_reconciliation
from diogel.reports import ReportContext

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("cli_env")


def test_the_json_is_the_core_answer(hub: ReportContext, cli_env: Path) -> None:
    result = runner.invoke(
        app,
        [
            "analyse",
            "reconcile",
            "--force",
            "Gwent",
            "--from",
            "2020-01",
            "--to",
            "2021-12",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    gwent = hub.geo.hierarchy.area("W15000003")
    core = force_reconciliation(hub.geo, hub.warehouse, gwent, "2020-01", "2021-12")
    assert body == core.as_json()
    assert body["from"] == "2020-01"
    assert body["recorded"] == 128382


def test_the_table_names_each_part(hub: ReportContext) -> None:
    result = runner.invoke(
        app,
        ["analyse", "reconcile", "--force", "W15000003", "--category", "violence"],
    )
    assert result.exit_code == 0, result.output
    gwent = hub.geo.hierarchy.area("W15000003")
    core = force_reconciliation(hub.geo, hub.warehouse, gwent, "2020-01", "2021-12", "violence")
    assert f"{core.recorded:,}" in result.stdout
    assert f"{core.located:,}" in result.stdout
    assert "Located in England" in result.stdout
    assert "Located in the South Wales police force area" in result.stdout


def test_an_area_that_is_not_a_force_is_refused() -> None:
    result = runner.invoke(app, ["analyse", "reconcile", "--force", "Newport"])
    assert result.exit_code == 2
    assert "not a police force area" in result.output
