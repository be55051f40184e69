"""Diogel's settings: one typed, documented table, read from the environment.

Every setting the product reads is declared once in :data:`SETTINGS`. The
table is the documentation (``diogel settings --markdown`` writes
``docs/settings.md`` from it, and a test keeps the two in step) and the parser
(:func:`load_settings` converts and validates each value).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any


class SettingsError(ValueError):
    """An environment variable holds a value Diogel cannot use."""


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected true/false, got {raw!r}")


def _parse_port(raw: str) -> int:
    port = int(raw)
    if not 1 <= port <= 65535:
        raise ValueError(f"port must be between 1 and 65535, got {port}")
    return port


def _parse_count(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError(f"must be 0 or more, got {value}")
    return value


def _parse_positive(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise ValueError(f"must be 1 or more, got {value}")
    return value


def _parse_fraction(raw: str) -> float:
    value = float(raw)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"must be between 0 and 1, got {value}")
    return value


def _parse_list(raw: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in raw.split(",") if item.strip())


@dataclass(frozen=True)
class Setting:
    """One row of the settings table."""

    name: str
    env: str
    type_name: str
    default: str
    description: str
    parse: Callable[[str], Any]


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "var_dir",
        "DIOGEL_VAR_DIR",
        "path",
        "./var",
        "Directory for the embedded database, warehouse, collected static files and logs.",
        Path,
    ),
    Setting(
        "database_url",
        "DATABASE_URL",
        "url",
        "",
        "Database for the web site. Empty means the embedded SQLite file "
        "`<var_dir>/diogel.sqlite3`; use `postgresql://user@host:5432/name` for PostgreSQL.",
        str,
    ),
    Setting(
        "warehouse_dir",
        "DIOGEL_WAREHOUSE_DIR",
        "path",
        "",
        "Directory of the analytical warehouse (DuckDB over Parquet). Empty means "
        "`<var_dir>/warehouse`.",
        Path,
    ),
    Setting(
        "data_dir",
        "DIOGEL_DATA_DIR",
        "path",
        "",
        "Directory of reference and open data (geography, police.uk files). Empty means "
        "`../shared/data` when it exists beside the working directory, else `<var_dir>/data`.",
        Path,
    ),
    Setting(
        "footprints_file",
        "DIOGEL_FOOTPRINTS_FILE",
        "path",
        "",
        "TOML file of PSB, CSP and region footprints. Empty means the shipped Welsh "
        "defaults (`src/diogel/geography/footprints_wales.toml`): copy and edit that file "
        "to change them.",
        Path,
    ),
    Setting(
        "landscape_file",
        "DIOGEL_LANDSCAPE_FILE",
        "path",
        "",
        "TOML file of the partnership landscape (boards, seats, people, regional tracker). "
        "Empty means the shipped Welsh landscape transcribed from the seed documents "
        "(`src/diogel/landscape/data/wales_landscape.toml`): copy and edit that file to "
        "change it.",
        Path,
    ),
    Setting(
        "programme_file",
        "DIOGEL_PROGRAMME_FILE",
        "path",
        "",
        "TOML file of the programme tracker (recommendations, work-streams, objectives, "
        "hand-overs). Empty means the shipped Safer Communities Programme transcribed from "
        "the seed documents (`src/diogel/programme/data/wales_programme.toml`).",
        Path,
    ),
    Setting(
        "measures_file",
        "DIOGEL_MEASURES_FILE",
        "path",
        "",
        "TOML file of the performance framework (measures, targets, manual and survey "
        "values). Empty means the shipped framework "
        "(`src/diogel/performance/data/measures.toml`).",
        Path,
    ),
    Setting(
        "funding_file",
        "DIOGEL_FUNDING_FILE",
        "path",
        "",
        "TOML file of funding (funders, funds, grants, pooled budgets, allocations, spend). "
        "Empty means the shipped Gwent example transcribed from seed 003 "
        "(`src/diogel/funding/data/gwent_example.toml`).",
        Path,
    ),
    Setting(
        "istv_codes_file",
        "DIOGEL_ISTV_CODES_FILE",
        "path",
        "",
        "TOML file of the ISTV (ISB 1594) assault method and location type code lists. "
        "Empty means the SYNTHETIC demonstration lists, which real files will not match.",
        Path,
    ),
    Setting(
        "disclosure_rules_file",
        "DIOGEL_DISCLOSURE_RULES_FILE",
        "path",
        "",
        "TOML file of disclosure rules per source (`[sources.istv]`) and per data-sharing "
        'agreement (`[agreements."CODE"]`): `low`, `high`, `rounding`, `base_level`. Data '
        "that came under an agreement is protected by the strictest rule that applies. "
        "Empty means the defaults (counts 1 to 4 withheld; open police.uk data published).",
        Path,
    ),
    Setting(
        "cache_dir",
        "DIOGEL_CACHE_DIR",
        "path",
        "",
        "Directory for derived files that are costly to rebuild (simplified boundaries, "
        "the point index). Empty means `<var_dir>/cache`.",
        Path,
    ),
    Setting(
        "pseudonym_keys_dir",
        "DIOGEL_PSEUDONYM_KEYS_DIR",
        "path",
        "",
        "Directory of the pseudonymisation keys, one file per agreement (mode 0600), kept "
        "apart from the warehouse so a copy of the data alone reveals nobody. Back it up "
        "separately: without a key, new records no longer link to old pseudonyms. Empty "
        "means `<var_dir>/pseudonym-keys`.",
        Path,
    ),
    Setting(
        "ingest_shrink_threshold",
        "DIOGEL_INGEST_SHRINK_THRESHOLD",
        "float",
        "0.5",
        "A file replacing current imports with fewer accepted rows than this fraction of "
        "theirs (e.g. 13 rows for 4,546) is refused unless the import is confirmed "
        "(`--confirm-shrink`, or the upload page's confirmation). 0 never asks.",
        _parse_fraction,
    ),
    Setting(
        "secret_key",
        "SECRET_KEY",
        "secret",
        "",
        "Django secret key. Required under production settings; development and demo "
        "settings make a throwaway one.",
        str,
    ),
    Setting(
        "debug",
        "DIOGEL_DEBUG",
        "bool",
        "false",
        "Show Django's debug pages. Never true in production.",
        _parse_bool,
    ),
    Setting(
        "demo",
        "DIOGEL_DEMO",
        "bool",
        "false",
        "Demo mode: allows `diogel demo` to create one demo account per role. "
        "Refused under production settings.",
        _parse_bool,
    ),
    Setting(
        "allowed_hosts",
        "DIOGEL_ALLOWED_HOSTS",
        "list",
        "127.0.0.1,localhost",
        "Comma-separated host names the site answers to.",
        _parse_list,
    ),
    Setting(
        "csrf_trusted_origins",
        "DIOGEL_CSRF_TRUSTED_ORIGINS",
        "list",
        "",
        "Comma-separated origins (scheme and host) trusted for CSRF, e.g. "
        "`https://diogel.example.org`.",
        _parse_list,
    ),
    Setting(
        "host",
        "DIOGEL_HOST",
        "str",
        "127.0.0.1",
        "Interface `diogel serve` listens on.",
        str,
    ),
    Setting(
        "port",
        "PORT",
        "int",
        "8000",
        "Port `diogel serve` listens on.",
        _parse_port,
    ),
    Setting(
        "login_failure_limit",
        "DIOGEL_LOGIN_FAILURE_LIMIT",
        "int",
        "5",
        "Failed log-in attempts before an account and address are locked out.",
        int,
    ),
    Setting(
        "lockout_minutes",
        "DIOGEL_LOCKOUT_MINUTES",
        "int",
        "30",
        "How long a lock-out lasts, in minutes.",
        int,
    ),
    Setting(
        "report_areas",
        "DIOGEL_REPORT_AREAS",
        "list",
        "",
        "Comma-separated area codes whose monthly Violence Monitoring Report is generated "
        "when a new month of data is imported (e.g. `W92000004,W15000003`). Empty: none.",
        _parse_list,
    ),
    Setting(
        "report_worker",
        "DIOGEL_REPORT_WORKER",
        "bool",
        "true",
        "Run the background report worker inside `diogel serve`. Set false when "
        "`diogel manage run_report_jobs` runs as its own process.",
        _parse_bool,
    ),
    Setting(
        "api_rate_limit",
        "DIOGEL_API_RATE_LIMIT",
        "int",
        "300",
        "API requests allowed per minute for each token or signed-in person (0: no limit).",
        _parse_count,
    ),
    Setting(
        "api_anonymous_rate_limit",
        "DIOGEL_API_ANONYMOUS_RATE_LIMIT",
        "int",
        "60",
        "API requests allowed per minute from each client address without a token or "
        "session (0: no limit).",
        _parse_count,
    ),
    Setting(
        "max_months",
        "DIOGEL_MAX_MONTHS",
        "int",
        "120",
        "The most months one dashboard view, records page or API answer may cover (first "
        "and last counted); a longer run is refused with a message, as are months before "
        "2000 or after next year. Bounds what one anonymous request may cost.",
        _parse_positive,
    ),
)


@dataclass(frozen=True)
class DiogelSettings:
    """Parsed settings; build with :func:`load_settings`."""

    var_dir: Path
    database_url: str
    warehouse_dir: Path
    data_dir: Path
    footprints_file: Path | None
    landscape_file: Path | None
    programme_file: Path | None
    measures_file: Path | None
    funding_file: Path | None
    istv_codes_file: Path | None
    disclosure_rules_file: Path | None
    cache_dir: Path
    pseudonym_keys_dir: Path
    ingest_shrink_threshold: float
    secret_key: str
    debug: bool
    demo: bool
    allowed_hosts: tuple[str, ...]
    csrf_trusted_origins: tuple[str, ...]
    host: str
    port: int
    login_failure_limit: int
    lockout_minutes: int
    report_areas: tuple[str, ...]
    report_worker: bool
    api_rate_limit: int
    api_anonymous_rate_limit: int
    max_months: int

    @property
    def sqlite_path(self) -> Path:
        """Where the embedded database lives when ``database_url`` is empty."""
        return self.var_dir / "diogel.sqlite3"

    @property
    def effective_database_url(self) -> str:
        """The database URL in use, embedded SQLite when none is set."""
        return self.database_url or f"sqlite:///{self.sqlite_path.resolve()}"


def _default_data_dir(var_dir: Path) -> Path:
    shared = Path.cwd().parent / "shared" / "data"
    return shared if shared.is_dir() else var_dir / "data"


def load_settings(environ: Mapping[str, str] | None = None) -> DiogelSettings:
    """Read and validate every setting from ``environ`` (default: ``os.environ``).

    Raises
    ------
    SettingsError
        Naming the variable and the reason when a value cannot be parsed.

    Examples
    --------
    >>> s = load_settings({"PORT": "8080", "DIOGEL_VAR_DIR": "/tmp/d"})
    >>> s.port, str(s.warehouse_dir)
    (8080, '/tmp/d/warehouse')
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = env.get(setting.env, setting.default)
        if setting.type_name == "path" and raw == "":
            values[setting.name] = None
            continue
        try:
            values[setting.name] = setting.parse(raw)
        except ValueError as exc:
            raise SettingsError(f"{setting.env}={raw!r} is not valid: {exc}") from exc
    var_dir: Path = values["var_dir"]
    values["warehouse_dir"] = values["warehouse_dir"] or var_dir / "warehouse"
    values["data_dir"] = values["data_dir"] or _default_data_dir(var_dir)
    values["cache_dir"] = values["cache_dir"] or var_dir / "cache"
    values["pseudonym_keys_dir"] = values["pseudonym_keys_dir"] or var_dir / "pseudonym-keys"
    expected = {f.name for f in fields(DiogelSettings)}
    if expected != set(values):  # pragma: no cover - guards the table against drift
        raise SettingsError(f"settings table and DiogelSettings differ: {expected ^ set(values)}")
    return DiogelSettings(**values)


def settings_markdown() -> str:
    """The settings table as Markdown, for ``docs/settings.md``."""
    lines = [
        "# Settings",
        "",
        "Diogel reads these environment variables (generated by `diogel settings --markdown`;",
        "a test fails when this page and the code disagree).",
        "",
        "| variable | type | default | meaning |",
        "| --- | --- | --- | --- |",
    ]
    for s in SETTINGS:
        default = f"`{s.default}`" if s.default else "(empty)"
        lines.append(f"| `{s.env}` | {s.type_name} | {default} | {s.description} |")
    return "\n".join(lines) + "\n"
