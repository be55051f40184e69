"""SYNTHETIC emergency-department files imported under named agreements and providers.

The record-access tests share this plan: a Data Disclosure Agreement under which
Torfaen receives ED data that Aneurin Bevan UHB discloses (``AGREEMENT``), and
imports from that provider under it, from another provider under it, under no
agreement, under a revoked agreement and under an agreement naming someone else.
Every file also holds one rejected row whose quarantined values look like a
name, a date of birth and an NHS number (all SYNTHETIC), each carrying the
import's marker (``[key]``), so a test can tell whose values reached a page.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from diogel.geography import Geography
from diogel.sources.istv import CSV_COLUMNS, parse_istv_file
from diogel.sources.synthetic.istv import generate_month, load_sites, site_health_boards
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed

TORFAEN = "torfaen-cbc"  # the receiving party
ABUHB = "aneurin-bevan-uhb"  # the disclosing party the agreement names
CAV = "cardiff-and-vale-uhb"  # a provider the agreement does not name
PURPOSE = "violence-prevention"
OTHER_PURPOSE = "research"
AGREEMENT = "dda-ed-torfaen"  # the agreement under test
REVOKED = "dda-ed-revoked"  # names Torfaen and ABUHB, always revoked
ELSEWHERE = "dda-ed-gwent-police"  # in force, but names only Gwent Police as receiving
MONTHS = ("2022-01", "2022-02")


@dataclass(frozen=True)
class EdImport:
    """One planned import: which file, under which agreement, from which provider."""

    key: str
    site: str
    month: dt.date
    agreement: str | None
    provider: str | None
    rows: int  # accepted rows (the file has one more, rejected)
    import_id: int = 0

    @property
    def marker(self) -> str:
        """Carried by each of this import's quarantined values."""
        return f"[{self.key}]"


PLAN: tuple[EdImport, ...] = (
    EdImport("named", "SYN-GUH", dt.date(2022, 1, 1), AGREEMENT, ABUHB, 3),
    EdImport("named-again", "SYN-GUH", dt.date(2022, 2, 1), AGREEMENT, ABUHB, 2),
    EdImport("other-provider", "SYN-UHW", dt.date(2022, 1, 1), AGREEMENT, CAV, 4),
    EdImport("no-agreement", "SYN-MORR", dt.date(2022, 1, 1), None, None, 5),
    EdImport("no-agreement-same-provider", "SYN-RGH", dt.date(2022, 1, 1), None, ABUHB, 2),
    EdImport("revoked", "SYN-GGH", dt.date(2022, 1, 1), REVOKED, ABUHB, 3),
    EdImport("elsewhere", "SYN-PCH", dt.date(2022, 1, 1), ELSEWHERE, ABUHB, 2),
)


def synthetic_personal_values(marker: str) -> dict[str, str]:
    """A rejected row's values that look like personal data (SYNTHETIC)."""
    return {
        "ASSAULT_METHOD": f"SYNTHETIC Jane Doe {marker}",
        "ARRIVAL_DATE_TIME": f"SYNTHETIC DOB 1970-01-31 {marker}",
        "ASSAULT_LOCATION_TYPE": f"SYNTHETIC NHS 999 000 0000 {marker}",
    }


def write_ed_file(directory: Path, planned: EdImport) -> Path:
    """A SYNTHETIC ISTV CSV: ``planned.rows`` good rows and one rejected row."""
    site = next(s for s in load_sites() if s.code == planned.site)
    rows = generate_month(site, planned.month, seed=16, count=planned.rows)
    bad = dict(rows[0])
    bad.update(synthetic_personal_values(planned.marker))
    path = directory / f"SYNTHETIC-istv-{planned.site}-{planned.month:%Y-%m}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows([*rows, bad])
    return path


def load_plan(
    warehouse: Warehouse, geo: Geography, directory: Path, plan: tuple[EdImport, ...] = PLAN
) -> dict[str, EdImport]:
    """Import every planned file; the plan back with each import's id."""
    directory.mkdir(parents=True, exist_ok=True)
    sites = site_health_boards()
    done = {}
    for planned in plan:
        path = write_ed_file(directory, planned)
        result = import_parsed(
            warehouse,
            parse_istv_file(path, site_health_boards=sites),
            path,
            geo,
            "SYNTHETIC test",
            agreement=planned.agreement,
            provider=planned.provider,
        )
        assert result.status == "imported", result
        assert result.rows_accepted == planned.rows, result
        done[planned.key] = dataclasses.replace(planned, import_id=result.import_id)
    return done
