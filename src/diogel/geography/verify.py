"""Checks that a geography file is the one Diogel expects, by reading it as Diogel will."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from diogel.geography.reference import (
    LSOA11_COUNT,
    LSOA21_COUNT,
    ReferenceDataError,
    read_boundaries,
    read_lookup,
    read_population,
    read_wimd,
)


def _centroids(vintage: str, expected: int) -> Callable[[Path], None]:
    def check(path: Path) -> None:
        import json

        try:
            features = json.loads(path.read_bytes())["features"]
        except (ValueError, KeyError, TypeError) as exc:
            raise ReferenceDataError(f"{path} is not a GeoJSON FeatureCollection") from exc
        welsh = {
            f["properties"].get(f"LSOA{vintage}CD")
            for f in features
            if str(f["properties"].get(f"LSOA{vintage}CD", "")).startswith("W01")
        }
        if len(welsh) != expected:
            raise ReferenceDataError(
                f"{path} holds {len(welsh):,} Welsh LSOA centroids, expected {expected:,}"
            )

    return check


#: relative path under the data directory -> reader that raises ReferenceDataError
VERIFIERS: dict[str, Callable[[Path], object]] = {
    "geography/wales_lsoa11_lookup.csv": read_lookup,
    "geography/census2011_lsoa11_population.csv": read_population,
    "geography/wimd2019_lsoa11_scores.csv": read_wimd,
    "geography/lsoa11_boundaries.geojson": lambda p: read_boundaries(p, "11", LSOA11_COUNT),
    "geography/lsoa21_boundaries.geojson": lambda p: read_boundaries(p, "21", LSOA21_COUNT),
    "geography/lsoa11_centroids.geojson": _centroids("11", LSOA11_COUNT),
    "geography/lsoa21_centroids.geojson": _centroids("21", LSOA21_COUNT),
}


def verify_geography(data_dir: Path) -> list[tuple[str, str | None]]:
    """Verify every geography file: (relative path, problem or None)."""
    results: list[tuple[str, str | None]] = []
    for rel, check in VERIFIERS.items():
        path = data_dir / rel
        try:
            check(path)
        except ReferenceDataError as exc:
            results.append((rel, str(exc)))
        except FileNotFoundError:
            results.append((rel, f"{path} is missing"))
        else:
            results.append((rel, None))
    return results
