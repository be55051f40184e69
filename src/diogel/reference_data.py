"""The open reference data Diogel's demo and analyses stand on.

Each dataset is declared once, with the files it must provide, its publisher
and licence. :func:`data_status` says what is present in a data directory;
:func:`install_from_directory` copies local copies into place (e.g. from
``../shared/data``); :func:`fetch_police_uk_archive` downloads a police.uk
monthly archive and extracts one force's street-level files.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Dataset:
    """One published dataset and the files Diogel expects from it.

    ``downloads`` maps a file to a direct download address at its publisher, for
    the files that have one; the others are downloaded by hand from ``source_url``.
    """

    key: str
    title: str
    publisher: str
    licence: str
    source_url: str
    files: tuple[str, ...]
    downloads: tuple[tuple[str, str], ...] = ()


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "lsoa_lookup",
        "Welsh LSOA 2011 look-up to MSOA, local authority and health board (WIMD 2019)",
        "Welsh Government",
        "Open Government Licence v3.0",
        "https://www.gov.wales/welsh-index-multiple-deprivation",
        ("geography/wales_lsoa11_lookup.csv",),
    ),
    Dataset(
        "wimd2019",
        "Welsh Index of Multiple Deprivation 2019 scores per LSOA",
        "Welsh Government",
        "Open Government Licence v3.0",
        "https://www.gov.wales/welsh-index-multiple-deprivation-full-index-update-ranks-2019",
        ("geography/wimd2019_lsoa11_scores.csv",),
    ),
    Dataset(
        "census2011_population",
        "Census 2011 usual residents per Welsh LSOA",
        "Office for National Statistics",
        "Open Government Licence v3.0",
        "https://www.nomisweb.co.uk/census/2011/ks101ew",
        ("geography/census2011_lsoa11_population.csv",),
    ),
    Dataset(
        "lsoa_boundaries",
        "LSOA 2011 and 2021 boundaries (super-generalised) and centroids",
        "Office for National Statistics (via github.com/stupidpupil/wales_lsoa_trip_points)",
        "Open Government Licence v3.0",
        "https://geoportal.statistics.gov.uk/",
        (
            "geography/lsoa11_boundaries.geojson",
            "geography/lsoa21_boundaries.geojson",
            "geography/lsoa11_centroids.geojson",
            "geography/lsoa21_centroids.geojson",
        ),
        (
            # ONS Open Geography Portal: LSOA (Dec 2011) boundaries, super generalised
            # clipped (BSC) EW v3, and population-weighted centroids; England and Wales,
            # of which Diogel keeps the Welsh LSOAs.
            (
                "geography/lsoa11_boundaries.geojson",
                "https://opendata.arcgis.com/api/v3/datasets/"
                "e9d10c36ebed4ff3865c4389c2c98827_0/downloads/data"
                "?format=geojson&spatialRefId=4326&where=1%3D1",
            ),
            (
                "geography/lsoa11_centroids.geojson",
                "https://opendata.arcgis.com/api/v3/datasets/"
                "b7c49538f0464f748dd7137247bbc41c_0/downloads/data"
                "?format=geojson&spatialRefId=4326&where=1%3D1",
            ),
        ),
    ),
    Dataset(
        "police_uk_gwent",
        "police.uk street-level crime and ASB, Gwent Police, 2020-01 to 2021-12",
        "Home Office (data.police.uk)",
        "Open Government Licence v3.0",
        "https://data.police.uk/data/archive/",
        tuple(
            f"police-uk/gwent/{year}-{month:02d}-gwent-street.csv"
            for year in (2020, 2021)
            for month in range(1, 13)
        ),
    ),
)

POLICE_UK_ARCHIVE_URL = "https://data.police.uk/data/archive/{month}.zip"


@dataclass(frozen=True)
class DatasetStatus:
    """Which of a dataset's files are present in a data directory."""

    dataset: Dataset
    missing: tuple[str, ...]

    @property
    def present(self) -> bool:
        return not self.missing


def data_status(data_dir: Path) -> list[DatasetStatus]:
    """Say, per dataset, which expected files are missing from ``data_dir``."""
    return [
        DatasetStatus(d, tuple(f for f in d.files if not (data_dir / f).is_file()))
        for d in DATASETS
    ]


def install_from_directory(
    source_dir: Path,
    data_dir: Path,
    on_file: Callable[[str], None] | None = None,
) -> list[str]:
    """Copy every catalogued file found under ``source_dir`` into ``data_dir``.

    Files already present are left alone. Each copy is written to a temporary
    name and renamed, so an interrupted copy never leaves a half file.
    Returns the relative paths copied.
    """
    copied: list[str] = []
    for dataset in DATASETS:
        for rel in dataset.files:
            src, dest = source_dir / rel, data_dir / rel
            if dest.is_file() or not src.is_file():
                continue
            with _atomic_destination(dest) as tmp:
                shutil.copyfile(src, tmp)
            copied.append(rel)
            if on_file:
                on_file(rel)
    return copied


def dataset(key: str) -> Dataset:
    """The catalogued dataset called ``key``."""
    for d in DATASETS:
        if d.key == key:
            return d
    raise KeyError(key)


def download(url: str, dest: Path, verify: Callable[[Path], object] | None = None) -> None:
    """Download ``url`` to ``dest``; ``verify`` checks the file before it replaces ``dest``.

    The download goes to a temporary file beside ``dest``: a failed download or
    a file that fails verification leaves ``dest`` as it was.
    """
    with _atomic_destination(dest) as tmp:
        with urllib.request.urlopen(url, timeout=300) as response, tmp.open("wb") as out:
            shutil.copyfileobj(response, out)
        if verify is not None:
            verify(tmp)


def fetch_police_uk_archive(
    month: str,
    force: str,
    data_dir: Path,
    url_template: str = POLICE_UK_ARCHIVE_URL,
    on_file: Callable[[str], None] | None = None,
) -> list[str]:
    """Download the police.uk archive for ``month`` (``YYYY-MM``) and extract one force.

    police.uk's archive for a month holds the street-level files for the
    preceding 36 months of every force; only ``*-{force}-street.csv`` members
    are kept, under ``police-uk/{force}/``.
    """
    url = url_template.format(month=month)
    with urllib.request.urlopen(url, timeout=120) as response:
        payload = response.read()
    extracted: list[str] = []
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        for member in archive.namelist():
            name = Path(member).name
            if not name.endswith(f"-{force}-street.csv"):
                continue
            rel = f"police-uk/{force}/{name}"
            with _atomic_destination(data_dir / rel) as tmp:
                tmp.write_bytes(archive.read(member))
            extracted.append(rel)
            if on_file:
                on_file(rel)
    if not extracted:
        raise LookupError(f"{url} holds no street-level files for force {force!r}")
    return extracted


@contextmanager
def _atomic_destination(dest: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``dest``; rename it onto ``dest`` only on success."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.replace(dest)
    finally:
        tmp.unlink(missing_ok=True)


def iter_missing(data_dir: Path) -> Iterator[str]:
    """Every catalogued file not present in ``data_dir``."""
    for status in data_status(data_dir):
        yield from status.missing
