"""Gi* including building the weights: Diogel against libpysal + esda, same data, same run.

Cases: Gwent LSOAs (368), all-Wales LSOAs (1,909), and a 100,489-cell grid. Both
sides build queen contiguity from scratch and compute analytic Gi* (esda:
``G_Local(star=True, transform="B", permutations=0)``); z-scores must agree to 1e-9.
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
from esda.getisord import G_Local
from libpysal.weights import Queen, lat2W

from benchmarks.harness import SHARED_DATA, Comparison
from diogel.analysis.hotspots import gi_star
from diogel.analysis.weights import grid_queen, queen
from diogel.geography import Geography, Level

GWENT_LAS = {"W06000018", "W06000019", "W06000020", "W06000021", "W06000022"}
GRID_SIDE = 317  # 100,489 cells


def _lsoa_case(geo: Geography, codes: list[str], label: str) -> Comparison:
    polygons = geo.boundaries.polygons(Level.LSOA11)
    shapes = [polygons[c] for c in codes]
    rng = np.random.default_rng(7)
    counts = rng.poisson(20, len(codes)).astype(float)
    frame = gpd.GeoDataFrame({"code": codes}, geometry=shapes, crs="EPSG:4326")

    def diogel() -> np.ndarray:
        return gi_star(counts, queen(codes, shapes)).z

    def pysal() -> np.ndarray:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            w = Queen.from_dataframe(frame, use_index=False)
            return np.asarray(G_Local(counts, w, transform="B", star=True, permutations=0).Zs)

    return Comparison(
        f"Gi* with queen weights, {label} ({len(codes):,} areas)",
        diogel,
        pysal,
        "libpysal Queen + esda G_Local",
        lambda a, b: bool(np.max(np.abs(a - b)) < 1e-9),
    )


def comparisons() -> list[Comparison]:
    geo = Geography.load(SHARED_DATA, cache_dir=Path(tempfile.mkdtemp()))
    lsoa = geo.hierarchy.lsoa11
    gwent = sorted(lsoa.loc[lsoa["local_authority"].isin(GWENT_LAS), "code"])
    wales = sorted(lsoa["code"])
    rng = np.random.default_rng(11)
    grid_counts = rng.poisson(1.5, GRID_SIDE * GRID_SIDE).astype(float)

    def diogel_grid() -> np.ndarray:
        return gi_star(grid_counts, grid_queen(GRID_SIDE, GRID_SIDE)).z

    def pysal_grid() -> np.ndarray:
        w = lat2W(GRID_SIDE, GRID_SIDE, rook=False)
        return np.asarray(G_Local(grid_counts, w, transform="B", star=True, permutations=0).Zs)

    return [
        _lsoa_case(geo, gwent, "Gwent LSOAs"),
        _lsoa_case(geo, wales, "all-Wales LSOAs"),
        Comparison(
            f"Gi* on a {GRID_SIDE}x{GRID_SIDE} grid ({GRID_SIDE**2:,} cells)",
            diogel_grid,
            pysal_grid,
            "libpysal lat2W + esda G_Local",
            lambda a, b: bool(np.max(np.abs(a - b)) < 1e-9),
        ),
    ]
