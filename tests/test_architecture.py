"""The core package must never depend on the web layer or on Django."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

SRC = REPO_ROOT / "src" / "diogel"
CORE_MODULES = sorted(p for p in SRC.rglob("*.py") if "web" not in p.relative_to(SRC).parts)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_modules_were_found() -> None:
    assert len(CORE_MODULES) > 5


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_core_module_imports_neither_django_nor_web(path: Path) -> None:
    forbidden = {
        name
        for name in imported_modules(path)
        if name.split(".")[0] == "django" or name.startswith("diogel.web")
    }
    assert not forbidden, f"{path.relative_to(SRC)} imports {sorted(forbidden)}"


def test_the_scan_detects_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport diogel.web.core\n")
    assert {"django.db", "diogel.web.core"} <= imported_modules(bad)


#: Where SQL over the incident tables may live: the figures layer reads them (every
#: published figure comes from it); the warehouse writes, upgrades and purges them.
SQL_OVER_INCIDENTS_ALLOWED = (
    "figures/",
    "warehouse/schema.py",
    "warehouse/imports.py",
    "warehouse/purge.py",
)
_INCIDENT_SQL = re.compile(
    r"\b(from|join|into|update|table)\s+(current_incidents|incidents|crime_outcomes)\b",
    re.IGNORECASE,
)


def sql_over_incidents(path: Path) -> list[int]:
    """Lines of string constants (docstrings aside) that read or write the incident tables."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and _INCIDENT_SQL.search(node.value)
    ]


ALL_MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", ALL_MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_only_the_figures_layer_reads_the_incident_tables(path: Path) -> None:
    """One path per figure: no module outside the figures layer holds its own SQL over
    the incident tables (the warehouse's writing, upgrading and purging aside)."""
    relative = str(path.relative_to(SRC))
    if relative.startswith(SQL_OVER_INCIDENTS_ALLOWED):
        return
    lines = sql_over_incidents(path)
    assert not lines, f"{relative} holds SQL over the incident tables at lines {lines}"


def test_the_sql_scan_finds_a_query(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        '"""Counts from incidents, in prose."""\n'
        'SQL = "select count(*) from current_incidents where source = ?"\n'
        'OTHER = f"select 1 from incidents join x on {1}"\n'
    )
    assert sql_over_incidents(bad) == [2, 3]
