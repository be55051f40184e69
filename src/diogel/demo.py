"""Demonstration content: the open police.uk files beside the repository and
24 months of SYNTHETIC emergency-department data, loaded into a warehouse through
the one ingest service (:mod:`diogel.ingest`).

The SYNTHETIC ED files come under a SYNTHETIC demonstration agreement
(:func:`demo_ed_agreement`) from a SYNTHETIC provider, as real ED data would come
under a Data Disclosure Agreement from the health board that disclosed it. ``diogel
demo`` registers both on the site; library use and tests get them from
:func:`demo_services`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from diogel.audit import MemoryAuditTrail
from diogel.geography import Geography
from diogel.governance.agreements import Agreement, AgreementKind, AgreementStatus, DataLevel
from diogel.ingest import IngestFile, IngestOptions, ingest_batch
from diogel.services import Services
from diogel.sources.base import ParsedFile
from diogel.warehouse import Warehouse

T = TypeVar("T")
Progress = Callable[[Iterable[T], str], Iterable[T]]

#: The SYNTHETIC agreement the demo's SYNTHETIC ED files come under, and who discloses them.
DEMO_ED_AGREEMENT = "SYNTHETIC-DDA-ED"
DEMO_ED_PROVIDER = "synthetic-emergency-departments"
DEMO_ED_PROVIDER_NAME = "SYNTHETIC emergency departments (demonstration)"
DEMO_ED_PURPOSE = "violence-prevention"


def demo_ed_agreement() -> Agreement:
    """The SYNTHETIC demonstration agreement for the SYNTHETIC ED files.

    Its only party is the SYNTHETIC provider, at aggregate level: it lets the files
    be imported under governance without granting any demo account record-level
    access (as the demo had before imports were checked against agreements).
    """
    return Agreement(
        reference=DEMO_ED_AGREEMENT,
        kind=AgreementKind.DISCLOSURE,
        status=AgreementStatus.ACTIVE,
        parties=frozenset({DEMO_ED_PROVIDER}),
        sources=frozenset({"istv"}),
        purposes=frozenset({DEMO_ED_PURPOSE}),
        level=DataLevel.AGGREGATE,
        starts=dt.date(2020, 1, 1),
        legal_basis=("SYNTHETIC demonstration data: no real person's data",),
        disclosing_parties=frozenset({DEMO_ED_PROVIDER}),
    )


def demo_services() -> Services:
    """Services for loading the demo with no site: an in-memory trail, the SYNTHETIC
    agreement."""
    agreement = demo_ed_agreement()
    return Services(audit=MemoryAuditTrail(), agreements=lambda: (agreement,))


def _no_progress(items: Iterable[T], _label: str) -> Iterable[T]:
    return items


def load_demo_data(
    warehouse: Warehouse,
    geo: Geography,
    data_dir: Path,
    synthetic_dir: Path,
    track: Progress[IngestFile] = _no_progress,
    first_month: dt.date = dt.date(2020, 1, 1),
    months: int = 24,
    services: Services | None = None,
) -> tuple[int, int]:
    """Import every police.uk street file under ``data_dir`` and SYNTHETIC ISTV files
    for ``months`` months from ``first_month``; returns the numbers of files.

    Raises
    ------
    RuntimeError
        When a file is not imported (the demo's files always should be).
    """
    from diogel.sources.istv import parse_istv_file
    from diogel.sources.police_uk import StreetParser
    from diogel.sources.synthetic.istv import site_health_boards, write_months

    services = services or demo_services()
    codes = geo.hierarchy.lsoa11["code"]
    sites = site_health_boards()

    police_file = StreetParser(known_lsoas=codes)

    def ed_file(path: Path, name: str, _geo: Geography, _agreement: str | None) -> ParsedFile:
        return parse_istv_file(path, site_health_boards=sites, name=name)

    police = sorted((data_dir / "police-uk").glob("*/*-street.csv"))
    synthetic = write_months(synthetic_dir, first_month, months)
    batches = [
        (
            "importing police.uk files",
            [IngestFile(p, "police_uk_street", police_file) for p in police],
            IngestOptions(),
        ),
        (
            "importing SYNTHETIC emergency-department files",
            [IngestFile(p, "istv", ed_file) for p in synthetic],
            IngestOptions(agreement=DEMO_ED_AGREEMENT, provider=DEMO_ED_PROVIDER),
        ),
    ]
    for label, files, options in batches:
        outcomes = ingest_batch(
            warehouse, geo, track(files, label), services, "demo", "cli", options
        )
        refused = [o for o in outcomes if not o.ok]
        if refused:
            raise RuntimeError(
                "demo files not imported: "
                + "; ".join(f"{o.file_name}: {o.message}" for o in refused)
            )
    return len(police), len(synthetic)
