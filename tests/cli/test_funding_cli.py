"""``diogel funding show|validate|export`` and the DIOGEL_FUNDING_FILE setting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.funding import default_funding_path
from diogel.funding.export import read_xlsx

runner = CliRunner()


def test_funding_show_and_json() -> None:
    shown = runner.invoke(app, ["funding", "show"])
    assert shown.exit_code == 0, shown.output
    assert "committed £624,545.00  allocated £624,545.00" in shown.stdout
    assert "Police and Crime Commissioner for Gwent" in shown.stdout
    body = json.loads(runner.invoke(app, ["funding", "show", "--json"]).stdout)
    assert body["by area"] == [
        {"area": "W15000003", "name": "Gwent", "committed": "", "allocated": "624545.00",
         "spent": "0.00"},
    ]  # fmt: skip


def test_funding_export_json_csv_and_xlsx(tmp_path: Path) -> None:
    result = runner.invoke(app, ["funding", "export", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["grants"][0]["amount"] == 62454500
    assert body["grants"][0]["sources"][0]["document"].startswith("003_")
    out = runner.invoke(
        app,
        ["funding", "export", "--csv", str(tmp_path / "csv"), "--xlsx", str(tmp_path / "f.xlsx")],
    )
    assert out.exit_code == 0, out.output
    assert (tmp_path / "csv" / "by-source.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "pcc-gwent,Police and Crime Commissioner for Gwent,624545.00,624545.00,0.00"
    )
    assert "by source" in read_xlsx(tmp_path / "f.xlsx")
    assert runner.invoke(app, ["funding", "export"]).exit_code == 2


def test_funding_validate_lists_problems(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["funding", "validate", str(default_funding_path())])
    assert ok.exit_code == 0, ok.output
    assert "2 funders, 2 funds, 1 grants, 0 pooled budgets, 1 allocations" in ok.stdout
    broken = tmp_path / "f.toml"
    text = default_funding_path().read_text(encoding="utf-8")
    broken.write_text(
        text.replace('recipient = "safer-gwent"', 'recipient = "nobody"').replace(
            "amount = 624545.00\nproject", "amount = 624545.01\nproject"
        ),
        encoding="utf-8",
    )
    bad = runner.invoke(app, ["funding", "validate", str(broken)])
    assert bad.exit_code == 2
    assert "2 problems" in bad.output
    assert "grant 'pcc-safer-gwent-2017', field 'recipient'" in bad.output
    assert "allocations come to £624545.01 (safer-gwent-programmes)" in bad.output


def test_the_funding_file_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        default_funding_path().read_text(encoding="utf-8").replace("624545.00", "1000.00"),
        encoding="utf-8",
    )
    monkeypatch.setenv("DIOGEL_FUNDING_FILE", str(mine))
    shown = runner.invoke(app, ["funding", "show"])
    assert shown.exit_code == 0, shown.output
    assert "committed £1,000.00" in shown.stdout
