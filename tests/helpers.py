"""Helpers shared by several test packages."""

from __future__ import annotations

from pathlib import Path

from diogel.geography import Geography
from diogel.ingest import IngestFile, IngestOptions, ingest_batch
from diogel.services import Services, memory_services
from diogel.sources.base import ParsedFile
from diogel.sources.police_uk import parse_street_file
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import ImportResult

GWENT = "police-uk/gwent"


def parse_police_uk(path: Path, name: str, geo: Geography, agreement: str | None) -> ParsedFile:
    """The police.uk street adapter as the ingest service calls it."""
    return parse_street_file(path, geo.hierarchy.lsoa11["code"], name=name)


def ingest(
    warehouse: Warehouse,
    geo: Geography,
    path: Path,
    name: str | None = None,
    services: Services | None = None,
    options: IngestOptions | None = None,
) -> ImportResult:
    """Import one police.uk street file through the ingest service, as the CLI would
    (an in-memory audit trail unless ``services`` are given); fails on a refusal."""
    [outcome] = ingest_batch(
        warehouse,
        geo,
        [IngestFile(path, "police_uk_street", parse_police_uk, name=name or "")],
        services or memory_services(),
        actor="test",
        channel="cli",
        options=options,
    )
    if outcome.result is None:
        raise AssertionError(f"{outcome.file_name} not imported: {outcome.message}")
    return outcome.result
