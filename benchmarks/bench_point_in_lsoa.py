"""One million random points inside Wales to LSOA 2011: Diogel's locator against
geopandas.sjoin (what an analyst would otherwise use) on the same points.

The locator's grid index is built once beforehand (Diogel caches it on disk);
its build time is reported separately. Assignments must be identical, with the
same rule for points touching two polygons (the smaller code).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from benchmarks.harness import SHARED_DATA, Comparison
from diogel.geography import Geography, Level

POINTS = 1_000_000


def _setup() -> tuple[Geography, np.ndarray, np.ndarray, gpd.GeoDataFrame]:
    geography = Geography.load(SHARED_DATA, cache_dir=Path(tempfile.mkdtemp()))
    start = time.perf_counter()
    locator = geography.locator
    print(f"  (locator grid built once in {time.perf_counter() - start:.1f}s, then cached)")
    wales = geography.boundaries.polygons(Level.WALES)["W92000004"]
    rng = np.random.default_rng(1)
    west, south, east, north = shapely.bounds(wales)
    lon, lat = np.empty(0), np.empty(0)
    while lon.size < POINTS:
        x, y = rng.uniform(west, east, POINTS), rng.uniform(south, north, POINTS)
        inside = shapely.contains_xy(wales, x, y)
        lon, lat = np.concatenate([lon, x[inside]]), np.concatenate([lat, y[inside]])
    lon, lat = lon[:POINTS], lat[:POINTS]
    polygons = gpd.GeoDataFrame(
        {"code": locator.codes}, geometry=list(locator.polygons), crs="EPSG:4326"
    )
    return geography, lon, lat, polygons


def comparisons() -> list[Comparison]:
    geography, lon, lat, polygons = _setup()

    def diogel() -> np.ndarray:
        return geography.locator.locate(lon, lat)

    def geopandas_sjoin() -> np.ndarray:
        points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")
        joined = gpd.sjoin(points, polygons, how="left", predicate="intersects")
        # Polygons are in code order, so the smallest index_right is the smallest code.
        first = joined.groupby(level=0)["index_right"].min().reindex(range(len(lon)))
        codes = polygons["code"].to_numpy(dtype=object)
        result = np.full(len(lon), None, dtype=object)
        found = first.notna().to_numpy()
        result[found] = codes[first[found].astype(int).to_numpy()]
        return result

    def identical(a: np.ndarray, b: np.ndarray) -> bool:
        return bool(len(a) == len(b) and all(x == y for x, y in zip(a, b, strict=True)))

    return [
        Comparison(
            name=f"point in LSOA, {POINTS:,} random points inside Wales",
            diogel=diogel,
            baseline=geopandas_sjoin,
            baseline_name="geopandas.sjoin",
            same=identical,
        )
    ]
