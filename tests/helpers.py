"""Helpers shared by several test packages."""

from __future__ import annotations

from pathlib import Path

from diogel.geography import Geography
from diogel.sources.police_uk import parse_street_file
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import ImportResult, import_parsed

GWENT = "police-uk/gwent"


def ingest(
    warehouse: Warehouse, geo: Geography, path: Path, name: str | None = None
) -> ImportResult:
    """Import one police.uk street file, as the CLI would."""
    parsed = parse_street_file(path, geo.hierarchy.lsoa11["code"], name=name)
    return import_parsed(warehouse, parsed, path, geo, imported_by="test", file_name=name)
