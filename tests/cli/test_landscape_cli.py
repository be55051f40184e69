from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.landscape import default_landscape_path

runner = CliRunner()


@pytest.fixture(autouse=True)
def var_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.delenv("DIOGEL_LANDSCAPE_FILE", raising=False)


def test_show_json_lists_boards_with_sources() -> None:
    result = runner.invoke(app, ["landscape", "show", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    group = next(b for b in payload["boards"] if b["code"] == "gwent-csp-oversight-group")
    assert len(group["mandatory_agenda"]) == 10
    assert all(b["sources"] for b in payload["boards"])
    assert len(payload["tracker"]) == 16


def test_show_text() -> None:
    result = runner.invoke(app, ["landscape", "show"])
    assert result.exit_code == 0, result.output
    assert "dyfed-powys-svoc-board" in result.stdout


def test_analyse_json_flags_the_dyfed_powys_pair() -> None:
    result = runner.invoke(app, ["landscape", "analyse", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    pairs = {tuple(c["boards"]): c for c in payload["rationalisation_candidates"]}
    assert pairs[("dyfed-powys-contest-board", "dyfed-powys-svoc-board")]["kind"] == "merge"


def test_analyse_text() -> None:
    result = runner.invoke(app, ["landscape", "analyse"])
    assert result.exit_code == 0, result.output
    assert "boards with no escalation route" in result.stdout


def test_validate_the_shipped_file() -> None:
    result = runner.invoke(app, ["landscape", "validate", str(default_landscape_path())])
    assert result.exit_code == 0, result.output
    assert "valid (44 boards" in result.stdout


def test_validate_reports_problems_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    text = default_landscape_path().read_text(encoding="utf-8")
    bad.write_text(
        text.replace('themes = ["vawdasv"]', 'themes = ["vawdasvv"]', 1), encoding="utf-8"
    )
    result = runner.invoke(app, ["landscape", "validate", str(bad)])
    assert result.exit_code == 2
    assert "board 'gwent-vawdasv-board', field 'themes': unknown theme 'vawdasvv'" in result.output


def test_setting_replaces_the_seed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIOGEL_LANDSCAPE_FILE", str(tmp_path / "missing.toml"))
    result = runner.invoke(app, ["landscape", "show"])
    assert result.exit_code == 2
    assert "file not found" in result.output


def test_network_json_for_gwent() -> None:
    result = runner.invoke(app, ["landscape", "network", "--region", "W15000003", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    codes = {n["code"] for n in payload["nodes"] if n["kind"] == "board"}
    assert "gwent-csp-oversight-group" in codes
    assert "north-wales-safer-communities-board" not in codes
    assert payload["counts"]["edges"] == len(payload["edges"])


def test_network_writes_the_svg(tmp_path: Path) -> None:
    out = tmp_path / "network.svg"
    result = runner.invoke(app, ["landscape", "network", "--svg", str(out)])
    assert result.exit_code == 0, result.output
    assert "40 boards" in result.stdout
    root = ElementTree.parse(out).getroot()
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None
    assert title.text == "Partnership network: Wales"


def test_matrix_json_csv_and_text() -> None:
    result = runner.invoke(app, ["landscape", "matrix", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["totals"]["boards"] == len(payload["columns"])
    result = runner.invoke(app, ["landscape", "matrix", "--region", "W15000003", "--csv"])
    assert result.exit_code == 0, result.output
    lines = list(csv.reader(io.StringIO(result.stdout)))
    assert lines[0][:2] == ["organisation", "name"]
    assert "gwent-csp-oversight-group" in lines[0]
    assert len(lines) == 1 + 8 + 1  # header, eight organisations, totals
    result = runner.invoke(app, ["landscape", "matrix"])
    assert result.exit_code == 0, result.output
    assert "welsh-government" in result.stdout


def test_unknown_region_is_reported() -> None:
    for command in ("network", "matrix"):
        result = runner.invoke(app, ["landscape", command, "--region", "W99"])
        assert result.exit_code == 2
        assert "unknown area code 'W99'" in result.output
