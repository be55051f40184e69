"""Area polygons: LSOAs from the ONS files, everything larger by dissolving LSOAs,
and simplified GeoJSON per level for browsers, cached on disk."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer

from diogel.geography.areas import LSOA11_PARENTS, AreaHierarchy
from diogel.geography.levels import Level
from diogel.geography.reference import (
    LSOA11_COUNT,
    LSOA21_COUNT,
    GeographyFiles,
    read_boundaries,
)

#: Simplification tolerance in degrees per level (0.0005 degrees is about 35-55 m in
#: Wales), chosen so each level's whole-Wales file stays small enough for a browser.
SIMPLIFY_TOLERANCE: dict[Level, float] = {
    Level.LSOA11: 0.0003,
    Level.LSOA21: 0.0003,
    Level.MSOA11: 0.0005,
    Level.LOCAL_AUTHORITY: 0.001,
    Level.HEALTH_BOARD: 0.0015,
    Level.POLICE_FORCE_AREA: 0.0015,
    Level.PSB: 0.001,
    Level.CSP: 0.001,
    Level.REGION: 0.0015,
    Level.WALES: 0.002,
}
COORDINATE_DECIMALS = 5  # about 1 m
CACHE_VERSION = "1"

_TO_BNG = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


def to_british_national_grid(geometries: np.ndarray) -> np.ndarray:
    """Project lon/lat geometries to British National Grid metres (for areas)."""
    return shapely.transform(
        geometries, lambda xy: np.column_stack(_TO_BNG.transform(xy[:, 0], xy[:, 1]))
    )


class Boundaries:
    """Polygons for every area of a hierarchy.

    LSOA polygons come from the files; the polygon of any larger area is the
    union of its LSOA 2011 polygons.
    """

    def __init__(self, files: GeographyFiles, hierarchy: AreaHierarchy, cache_dir: Path) -> None:
        self.files = files
        self.hierarchy = hierarchy
        self.cache_dir = cache_dir
        b11 = read_boundaries(files.lsoa11_boundaries, "11", LSOA11_COUNT)
        b21 = read_boundaries(files.lsoa21_boundaries, "21", LSOA21_COUNT)
        self.lsoa11_codes = np.array(b11.codes)
        self.lsoa11 = _valid(shapely.from_geojson([json.dumps(g) for g in b11.geometries]))
        self.lsoa21_codes = np.array(b21.codes)
        self.lsoa21 = _valid(shapely.from_geojson([json.dumps(g) for g in b21.geometries]))
        self._dissolved: dict[Level, dict[str, shapely.Geometry]] = {}

    def polygons(self, level: Level) -> dict[str, shapely.Geometry]:
        """Code -> polygon for every area at ``level``."""
        if level is Level.LSOA11:
            return dict(zip(self.lsoa11_codes, self.lsoa11, strict=True))
        if level is Level.LSOA21:
            return dict(zip(self.lsoa21_codes, self.lsoa21, strict=True))
        if level not in self._dissolved:
            self._dissolved[level] = self._dissolve(level)
        return self._dissolved[level]

    def _dissolve(self, level: Level) -> dict[str, shapely.Geometry]:
        if level not in LSOA11_PARENTS:
            raise ValueError(f"cannot build {level.value} polygons from LSOAs")
        parent_of = dict(
            zip(self.hierarchy.lsoa11["code"], self.hierarchy.lsoa11[level.value], strict=True)
        )
        groups: dict[str, list[shapely.Geometry]] = {}
        for code, polygon in zip(self.lsoa11_codes, self.lsoa11, strict=True):
            groups.setdefault(parent_of[code], []).append(polygon)
        # A tiny buffer closes the slivers between neighbouring generalised LSOAs,
        # then an equal negative one restores the outline.
        return {
            code: shapely.make_valid(shapely.union_all(parts).buffer(1e-7).buffer(-1e-7))
            for code, parts in groups.items()
        }

    def geojson(self, level: Level) -> bytes:
        """A simplified FeatureCollection of every area at ``level``, built once and cached."""
        path = self.cache_dir / f"{level.value}-{self._cache_key()}.geojson"
        if path.is_file():
            return path.read_bytes()
        areas = {a.code: a for a in self.hierarchy.areas_at(level)}
        features = []
        tolerance = SIMPLIFY_TOLERANCE[level]
        for code, polygon in self.polygons(level).items():
            simple = shapely.set_precision(
                shapely.simplify(polygon, tolerance, preserve_topology=True),
                10**-COORDINATE_DECIMALS,
            )
            area = areas[code]
            features.append(
                {
                    "type": "Feature",
                    "properties": {"code": code, "name_en": area.name_en, "name_cy": area.name_cy},
                    "geometry": json.loads(shapely.to_geojson(simple)),
                }
            )
        payload = json.dumps(
            {"type": "FeatureCollection", "features": features},
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(payload)
        tmp.replace(path)
        return payload

    def area_geojson(self, level: Level, codes: set[str]) -> dict[str, Any]:
        """The cached simplified features at ``level`` whose codes are in ``codes``."""
        document = json.loads(self.geojson(level))
        document["features"] = [f for f in document["features"] if f["properties"]["code"] in codes]
        return document

    def _cache_key(self) -> str:
        digest = hashlib.sha256(CACHE_VERSION.encode())
        for path in self.files.all():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        for footprint in self.hierarchy.footprints:
            digest.update(repr(footprint).encode())
        return digest.hexdigest()[:16]


def _valid(geometries: np.ndarray) -> np.ndarray:
    invalid = ~shapely.is_valid(geometries)
    if invalid.any():
        geometries = geometries.copy()
        geometries[invalid] = shapely.make_valid(geometries[invalid])
    return geometries
