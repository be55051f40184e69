"""Dissolved polygons, simplified GeoJSON and its cache."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely

from diogel.geography import Geography, Level
from diogel.geography.boundaries import to_british_national_grid

# Every LSOA may stick out of its dissolved parent by no more than this share of its
# area: the union is of the same polygons, so only floating-point noise remains.
COVER_TOLERANCE = 1e-6


@pytest.mark.parametrize(
    "level",
    [
        Level.MSOA11,
        Level.LOCAL_AUTHORITY,
        Level.HEALTH_BOARD,
        Level.POLICE_FORCE_AREA,
        Level.CSP,
        Level.REGION,
        Level.WALES,
    ],
)
def test_dissolved_polygons_cover_their_lsoas(geography: Geography, level: Level) -> None:
    parents = geography.boundaries.polygons(level)
    assert set(parents) == {a.code for a in geography.hierarchy.areas_at(level)}
    parent_of = dict(
        zip(
            geography.hierarchy.lsoa11["code"], geography.hierarchy.lsoa11[level.value], strict=True
        )
    )
    lsoas = geography.boundaries.polygons(Level.LSOA11)
    worst = 0.0
    for code, polygon in lsoas.items():
        outside = shapely.area(shapely.difference(polygon, parents[parent_of[code]]))
        worst = max(worst, outside / shapely.area(polygon))
    assert worst < COVER_TOLERANCE


def test_wales_area_is_about_right(geography: Geography) -> None:
    wales = geography.boundaries.polygons(Level.WALES)["W92000004"]
    km2 = float(shapely.area(to_british_national_grid(np.array([wales]))).sum()) / 1e6
    # Wales is 20,779 km2 (ONS Standard Area Measurements, extent of the realm
    # would be larger); super-generalised outlines land within a few percent.
    assert km2 == pytest.approx(20_779, rel=0.03)


#: Ceilings for the whole-Wales simplified file per level, in KiB (see docs).
SIZE_LIMIT_KIB = {
    Level.LSOA11: 1000,
    Level.LSOA21: 1000,
    Level.MSOA11: 400,
    Level.LOCAL_AUTHORITY: 150,
    Level.HEALTH_BOARD: 100,
    Level.POLICE_FORCE_AREA: 100,
    Level.PSB: 150,
    Level.CSP: 150,
    Level.REGION: 100,
    Level.WALES: 80,
}


@pytest.mark.parametrize(("level", "limit"), SIZE_LIMIT_KIB.items(), ids=str)
def test_simplified_geojson_is_browser_sized_and_complete(
    geography: Geography, level: Level, limit: int
) -> None:
    payload = geography.boundaries.geojson(level)
    assert len(payload) / 1024 < limit
    document = json.loads(payload)
    codes = {f["properties"]["code"] for f in document["features"]}
    assert codes == {a.code for a in geography.hierarchy.areas_at(level)}
    for feature in document["features"]:
        geometry = shapely.from_geojson(json.dumps(feature["geometry"]))
        assert geometry.is_valid
        assert not geometry.is_empty


def test_geojson_is_cached_not_rebuilt(geography: Geography) -> None:
    geography.boundaries.geojson(Level.LOCAL_AUTHORITY)
    cached = list(geography.boundaries.cache_dir.glob("local_authority-*.geojson"))
    assert len(cached) == 1
    before = cached[0].stat().st_mtime_ns
    geography.boundaries.geojson(Level.LOCAL_AUTHORITY)
    assert cached[0].stat().st_mtime_ns == before


def test_area_geojson_filters_features(geography: Geography) -> None:
    doc = geography.boundaries.area_geojson(Level.LOCAL_AUTHORITY, {"W06000015", "W06000014"})
    assert sorted(f["properties"]["code"] for f in doc["features"]) == ["W06000014", "W06000015"]
