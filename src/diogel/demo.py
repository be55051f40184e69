"""Demonstration content: the open police.uk files beside the repository and
24 months of SYNTHETIC emergency-department data, loaded into a warehouse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from diogel.geography import Geography
from diogel.warehouse import Warehouse

T = TypeVar("T")
Progress = Callable[[Iterable[T], str], Iterable[T]]


def _no_progress(items: Iterable[T], _label: str) -> Iterable[T]:
    return items


def load_demo_data(
    warehouse: Warehouse,
    geo: Geography,
    data_dir: Path,
    synthetic_dir: Path,
    track: Progress[Path] = _no_progress,
    first_month: dt.date = dt.date(2020, 1, 1),
    months: int = 24,
) -> tuple[int, int]:
    """Import every police.uk street file under ``data_dir`` and SYNTHETIC ISTV files
    for ``months`` months from ``first_month``; returns the numbers of files."""
    from diogel.sources.istv import parse_istv_file
    from diogel.sources.police_uk import parse_street_file
    from diogel.sources.synthetic.istv import site_health_boards, write_months
    from diogel.warehouse.imports import import_parsed

    police = sorted((data_dir / "police-uk").glob("*/*-street.csv"))
    codes = geo.hierarchy.lsoa11["code"]
    for path in track(police, "importing police.uk files"):
        import_parsed(warehouse, parse_street_file(path, codes), path, geo, "demo")
    synthetic = write_months(synthetic_dir, first_month, months)
    sites = site_health_boards()
    for path in track(synthetic, "importing SYNTHETIC emergency-department files"):
        import_parsed(warehouse, parse_istv_file(path, site_health_boards=sites), path, geo, "demo")
    return len(police), len(synthetic)
