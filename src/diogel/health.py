"""Checks that the pieces Diogel needs are present and answering.

Used by ``diogel check`` and by the web site's ``/healthz``; it needs no web
framework, so the database is probed through its URL directly.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from diogel.reference_data import data_status
from diogel.settings import DiogelSettings
from diogel.warehouse import Warehouse


@dataclass(frozen=True)
class CheckResult:
    """One named check: did it pass, and what was seen."""

    name: str
    ok: bool
    detail: str
    #: What is wrong, without the host's paths (a public endpoint shows it); "" when ok.
    problem: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


def check_database(url: str) -> CheckResult:
    """Connect to the database named by ``url`` and run ``select 1``."""
    scheme = urlsplit(url).scheme
    try:
        if scheme == "sqlite":
            path = Path(url.removeprefix("sqlite:///"))
            if not path.exists():
                return CheckResult(
                    "database", False, f"SQLite file {path} does not exist (run migrations)"
                )
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
                con.execute("select 1").fetchone()
        elif scheme in {"postgres", "postgresql"}:
            import psycopg

            with psycopg.connect(url, connect_timeout=5) as con:
                con.execute("select 1").fetchone()
        else:
            return CheckResult("database", False, f"unsupported database scheme {scheme!r}")
    except Exception as exc:  # any driver error means "not answering"
        return CheckResult("database", False, f"{_redact(url)}: {type(exc).__name__}: {exc}")
    return CheckResult("database", True, f"{_redact(url)} answered")


def check_warehouse(directory: Path) -> CheckResult:
    """Open the warehouse catalogue with DuckDB."""
    status = Warehouse(directory).status()
    return CheckResult(
        "warehouse",
        status.ok,
        f"{status.path}: {status.detail} (DuckDB {status.duckdb_version})",
        status.problem,
    )


def check_reference_data(data_dir: Path) -> CheckResult:
    """Are all catalogued reference data files present?"""
    statuses = data_status(data_dir)
    missing = [f for s in statuses for f in s.missing]
    if not missing:
        return CheckResult(
            "reference_data", True, f"{data_dir}: all {len(statuses)} datasets present"
        )
    shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    return CheckResult(
        "reference_data",
        False,
        f"{data_dir}: {len(missing)} files missing ({shown}); run `diogel data install`",
    )


def run_checks(settings: DiogelSettings) -> list[CheckResult]:
    """Every check ``diogel check`` reports."""
    return [
        check_database(settings.effective_database_url),
        check_warehouse(settings.warehouse_dir),
        check_reference_data(settings.data_dir),
    ]
