"""Reading the geography reference files defensively.

Every reader checks the file is there, has the columns it needs and holds the
values it should; a fault raises :class:`ReferenceDataError` naming the file,
the row and column where there is one, and the fix.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

FIX = "run `diogel data status` to see what is missing, then `diogel data fetch geography`"


class ReferenceDataError(RuntimeError):
    """A reference file is missing, unreadable or not what Diogel expects."""


@dataclass(frozen=True)
class GeographyFiles:
    """Where each geography file lives under a data directory."""

    data_dir: Path

    @property
    def lookup(self) -> Path:
        return self.data_dir / "geography" / "wales_lsoa11_lookup.csv"

    @property
    def population(self) -> Path:
        return self.data_dir / "geography" / "census2011_lsoa11_population.csv"

    @property
    def wimd(self) -> Path:
        return self.data_dir / "geography" / "wimd2019_lsoa11_scores.csv"

    @property
    def lsoa11_boundaries(self) -> Path:
        return self.data_dir / "geography" / "lsoa11_boundaries.geojson"

    @property
    def lsoa21_boundaries(self) -> Path:
        return self.data_dir / "geography" / "lsoa21_boundaries.geojson"

    def all(self) -> tuple[Path, ...]:
        return (
            self.lookup,
            self.population,
            self.wimd,
            self.lsoa11_boundaries,
            self.lsoa21_boundaries,
        )


def _read_csv(path: Path, columns: dict[str, str]) -> pd.DataFrame:
    """Read ``path`` keeping ``columns`` (file header -> our name), all as text.

    Headers are compared with surrounding spaces removed: the published WIMD file
    has trailing spaces in some column names.
    """
    if not path.is_file():
        raise ReferenceDataError(f"{path} is missing; {FIX}")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
        if not header:
            raise ReferenceDataError(f"{path} is empty; {FIX}")
        stripped = {h.strip(): h for h in header}
        missing = [c for c in columns if c not in stripped]
        if missing:
            raise ReferenceDataError(
                f"{path} lacks the column(s) {', '.join(map(repr, missing))}; "
                f"is it the right file? {FIX}"
            )
        frame = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            encoding="utf-8-sig",
            usecols=[stripped[c] for c in columns],
        )
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path} is not UTF-8 text ({exc}); {FIX}") from exc
    except (pd.errors.ParserError, csv.Error) as exc:
        raise ReferenceDataError(f"{path} is not a readable CSV file ({exc}); {FIX}") from exc
    frame.columns = [columns[c.strip()] for c in frame.columns]
    return frame


def _to_number(frame: pd.DataFrame, column: str, path: Path, integer: bool) -> pd.Series:
    cleaned = frame[column].str.replace(",", "", regex=False).str.strip()
    numbers = pd.to_numeric(cleaned, errors="coerce")
    bad = numbers.isna()
    if bad.any():
        row = int(np.argmax(bad.to_numpy()))
        raise ReferenceDataError(
            f"{path}, line {row + 2}, column {column!r}: {frame[column].iloc[row]!r} "
            "is not a number"
        )
    return numbers.astype("int64") if integer else numbers.astype("float64")


def _require_unique_codes(frame: pd.DataFrame, column: str, path: Path) -> None:
    duplicated = frame[column].duplicated()
    if duplicated.any():
        row = int(np.argmax(duplicated.to_numpy()))
        raise ReferenceDataError(
            f"{path}, line {row + 2}: code {frame[column].iloc[row]} appears more than once"
        )


def _require_count(frame: pd.DataFrame, expected: int, what: str, path: Path) -> None:
    if len(frame) != expected:
        raise ReferenceDataError(
            f"{path} holds {len(frame):,} {what}, expected {expected:,}; "
            f"the file may be truncated or of another vintage. {FIX}"
        )


LSOA11_COUNT = 1909
LSOA21_COUNT = 1917
MSOA11_COUNT = 410


def read_lookup(path: Path) -> pd.DataFrame:
    """The WIMD 2019 look-up: one row per Welsh LSOA 2011 with its MSOA, LA and LHB."""
    frame = _read_csv(
        path,
        {
            "Lower Layer Super Output Area (LSOA) Code": "lsoa11",
            "LSOA Name": "local_name",
            "Local Authority (LA) Code": "local_authority",
            "Middle Layer Super Output Area (MSOA) Code": "msoa11",
            "Middle Layer Super Output Area (MSOA) Name": "msoa11_name",
            "Local Health Board (LHB) Code": "health_board",
        },
    )
    _require_unique_codes(frame, "lsoa11", path)
    _require_count(frame, LSOA11_COUNT, "LSOAs", path)
    return frame


def read_population(path: Path) -> pd.DataFrame:
    """Census 2011 usual residents, households and hectares per Welsh LSOA 2011."""
    frame = _read_csv(
        path,
        {
            "LSOA Code": "lsoa11",
            "Persons": "population",
            "Households": "households",
            "Hectares": "hectares",
        },
    )
    _require_unique_codes(frame, "lsoa11", path)
    _require_count(frame, LSOA11_COUNT, "LSOAs", path)
    for column in ("population", "households", "hectares"):
        frame[column] = _to_number(frame, column, path, integer=column != "hectares")
    return frame


WIMD_DOMAINS = {
    "WIMD 2019": "wimd",
    "Income": "income",
    "Employment": "employment",
    "Health": "health",
    "Education": "education",
    "Access to Services": "access_to_services",
    "Housing": "housing",
    "Community Safety": "community_safety",
    "Physical Environment": "physical_environment",
}


def read_wimd(path: Path) -> pd.DataFrame:
    """WIMD 2019 overall and domain scores per Welsh LSOA 2011 (higher = more deprived)."""
    frame = _read_csv(path, {"LSOA Code": "lsoa11", **WIMD_DOMAINS})
    _require_unique_codes(frame, "lsoa11", path)
    _require_count(frame, LSOA11_COUNT, "LSOAs", path)
    for column in WIMD_DOMAINS.values():
        frame[column] = _to_number(frame, column, path, integer=False)
    return frame


@dataclass(frozen=True)
class BoundaryFeatures:
    """LSOA polygons as read from a GeoJSON file: Welsh ones only, in file order."""

    codes: list[str]
    names_en: list[str]
    names_cy: list[str | None]
    geometries: list[dict[str, Any]]


def read_boundaries(path: Path, vintage: str, expected: int) -> BoundaryFeatures:
    """Read Welsh LSOA polygons (codes starting W01) from an ONS GeoJSON file."""
    if not path.is_file():
        raise ReferenceDataError(f"{path} is missing; {FIX}")
    try:
        document = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReferenceDataError(f"{path} is not valid GeoJSON ({exc}); {FIX}") from exc
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise ReferenceDataError(f"{path} is not a GeoJSON FeatureCollection; {FIX}")
    code_key, name_key, welsh_key = f"LSOA{vintage}CD", f"LSOA{vintage}NM", f"LSOA{vintage}NMW"
    result = BoundaryFeatures([], [], [], [])
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        code = properties.get(code_key)
        if code is None:
            raise ReferenceDataError(f"{path}, feature {number}: no {code_key} property")
        if not str(code).startswith("W01"):
            continue
        if not feature.get("geometry"):
            raise ReferenceDataError(f"{path}, feature {number} ({code}): no geometry")
        result.codes.append(str(code))
        result.names_en.append(str(properties.get(name_key, code)))
        result.names_cy.append(properties.get(welsh_key))
        result.geometries.append(feature["geometry"])
    if len(result.codes) != expected or len(set(result.codes)) != expected:
        raise ReferenceDataError(
            f"{path} holds {len(set(result.codes)):,} distinct Welsh LSOAs, expected {expected:,}; "
            f"{FIX}"
        )
    return result
