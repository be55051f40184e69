"""The ``diogel`` command: help everywhere, JSON where it reports."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from diogel.cli.main import _register_plugins, app

_register_plugins()
runner = CliRunner()


def all_command_paths() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(command: Any, prefix: list[str]) -> None:
        paths.append(prefix)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*prefix, name])

    walk(get_command(app), [])
    return paths


COMMANDS = [p for p in all_command_paths() if p != ["manage"]]


def test_core_and_web_commands_are_all_registered() -> None:
    names = {" ".join(p) for p in all_command_paths()}
    expected = {"check", "settings", "version", "serve", "demo", "manage", "data status"}
    assert expected <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "diogel")
def test_every_command_has_help(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


@pytest.fixture
def ready_env(tmp_path: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    var = tmp_path / "var"
    var.mkdir()
    sqlite3.connect(var / "diogel.sqlite3").close()
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(var))
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(shared_data))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return var


def test_check_json_reports_every_check(ready_env: Path) -> None:
    result = runner.invoke(app, ["check", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert [c["name"] for c in report["checks"]] == ["database", "warehouse", "reference_data"]


def test_check_fails_with_exit_1_when_data_is_missing(
    ready_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(tmp_path / "nothing"))
    result = runner.invoke(app, ["check", "--json"])
    assert result.exit_code == 1
    checks = {c["name"]: c["ok"] for c in json.loads(result.stdout)["checks"]}
    assert checks == {"database": True, "warehouse": True, "reference_data": False}


def test_settings_json_hides_the_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "do-not-print-me")
    result = runner.invoke(app, ["settings", "--json"])
    assert result.exit_code == 0
    values = json.loads(result.stdout)
    assert values["SECRET_KEY"] == "***"
    assert "do-not-print-me" not in result.stdout


def test_data_status_json_lists_datasets(ready_env: Path) -> None:
    result = runner.invoke(app, ["data", "status", "--json"])
    assert result.exit_code == 0
    datasets = json.loads(result.stdout)["datasets"]
    assert all(d["present"] for d in datasets)


def test_data_install_from_a_missing_directory_exits_2(ready_env: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["data", "install", "--from", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "is not a directory" in result.output
