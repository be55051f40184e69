"""Where the warehouse lives and whether it is usable."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class WarehouseStatus:
    """Result of probing the warehouse directory."""

    ok: bool
    path: str
    duckdb_version: str
    detail: str


class Warehouse:
    """The warehouse directory and its DuckDB catalogue file.

    Parameters
    ----------
    directory
        Folder holding ``catalogue.duckdb`` and the Parquet partitions.
    """

    CATALOGUE = "catalogue.duckdb"

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def catalogue_path(self) -> Path:
        return self.directory / self.CATALOGUE

    def connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        """Open the catalogue, creating the directory on first use."""
        if not read_only:
            self.directory.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(self.catalogue_path), read_only=read_only)

    def status(self) -> WarehouseStatus:
        """Probe the warehouse: can the directory be created and DuckDB answer?"""
        try:
            with self.connect() as con:
                row = con.execute("select 1").fetchone()
            ok = row == (1,)
            detail = "DuckDB answered" if ok else "DuckDB gave an unexpected answer"
        except (OSError, duckdb.Error) as exc:
            ok, detail = False, f"{type(exc).__name__}: {exc}"
        return WarehouseStatus(ok, str(self.directory), duckdb.__version__, detail)
