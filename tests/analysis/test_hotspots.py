"""Gi* against PySAL esda on the real Gwent data, and the corrections against scipy."""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from esda.getisord import G_Local
from libpysal.weights import Queen, W
from scipy.stats import false_discovery_control

from diogel.analysis.hotspots import gi_star
from diogel.analysis.multiple_testing import benjamini_hochberg, holm
from diogel.analysis.weights import grid_queen, queen
from diogel.geography import Geography, Level

GWENT_LAS = {"W06000018", "W06000019", "W06000020", "W06000021", "W06000022"}
Z_TOLERANCE = 1e-9


@pytest.fixture(scope="module")
def gwent(
    shared_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Gwent LSOA codes, polygons and violence counts (2020-2021) from the raw files."""
    geo = Geography.load(shared_data, cache_dir=tmp_path_factory.mktemp("cache"))
    lsoa = geo.hierarchy.lsoa11
    codes = sorted(lsoa.loc[lsoa["local_authority"].isin(GWENT_LAS), "code"])
    polygons = geo.boundaries.polygons(Level.LSOA11)
    raw = pd.concat(
        pd.read_csv(f, dtype=str)
        for f in sorted((shared_data / "police-uk" / "gwent").glob("*.csv"))
    )
    violence = raw[raw["Crime type"] == "Violence and sexual offences"]
    counts = violence["LSOA code"].value_counts().reindex(codes, fill_value=0)
    return codes, np.array([polygons[c] for c in codes]), counts.to_numpy(float)


def to_pysal(weights) -> W:
    neighbours = {str(i): [str(j) for j in weights.neighbours(i)] for i in range(weights.n)}
    return W(neighbours, id_order=[str(i) for i in range(weights.n)], silence_warnings=True)


def test_queen_matches_libpysal(gwent: tuple[list[str], np.ndarray, np.ndarray]) -> None:
    codes, polygons, _ = gwent
    ours = queen(codes, polygons)
    frame = gpd.GeoDataFrame({"code": codes}, geometry=list(polygons), crs=4326)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = Queen.from_dataframe(frame, use_index=False)
    assert (reference.sparse != ours.matrix).nnz == 0
    assert len(codes) == 368


def test_gi_star_equals_esda_on_gwent_violence(
    gwent: tuple[list[str], np.ndarray, np.ndarray],
) -> None:
    codes, polygons, counts = gwent
    weights = queen(codes, polygons)
    ours = gi_star(counts, weights)
    reference = G_Local(counts, to_pysal(weights), transform="B", star=True, permutations=0)
    assert np.max(np.abs(ours.z - reference.Zs)) < Z_TOLERANCE
    assert np.max(np.abs(ours.g - reference.Gs)) < Z_TOLERANCE
    # esda's p_norm is one-sided on |z|; ours is two-sided.
    assert np.allclose(ours.p, 2 * reference.p_norm, rtol=0, atol=1e-12)
    assert (ours.hot_cold > 0).sum() > 0, "Gwent has violence hotspots"


def test_gi_star_on_a_grid_equals_esda() -> None:
    rng = np.random.default_rng(42)
    counts = rng.poisson(2, 40 * 30).astype(float)
    counts[rng.integers(0, counts.size, 30)] += 25
    weights = grid_queen(40, 30)
    ours = gi_star(counts, weights)
    reference = G_Local(counts, to_pysal(weights), transform="B", star=True, permutations=0)
    assert np.max(np.abs(ours.z - reference.Zs)) < Z_TOLERANCE


def test_corrections_against_scipy_and_by_hand() -> None:
    p = np.random.default_rng(3).uniform(0, 1, 200) ** 4
    assert np.allclose(benjamini_hochberg(p), false_discovery_control(p), atol=1e-15)
    # Holm by its definition: sorted p times (n - rank), made monotone, capped at 1.
    order = np.argsort(p)
    by_hand = np.empty_like(p)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, p[i] * (p.size - rank)))
        by_hand[i] = running
    assert np.allclose(holm(p), by_hand)


def test_classes_follow_adjusted_p() -> None:
    rng = np.random.default_rng(8)
    counts = rng.poisson(3, (20, 20)).astype(float)
    counts[8:12, 8:12] += 30  # a 4 x 4 cluster
    result = gi_star(counts.ravel(), grid_queen(20, 20), correction="holm")
    assert result.hot_cold.reshape(20, 20)[9:11, 9:11].min() == 3
    assert set(result.hot_cold[result.p_adjusted > 0.1]) <= {0}


@pytest.mark.parametrize("bad", [np.zeros(9), np.array([1.0, np.nan, 2.0] * 3)])
def test_bad_input_is_refused(bad: np.ndarray) -> None:
    with pytest.raises(ValueError, match=r"non-zero total|finite"):
        gi_star(bad, grid_queen(3, 3))
