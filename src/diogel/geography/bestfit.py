"""Best fit between LSOA 2011 and LSOA 2021 by area of overlap.

Each LSOA of one vintage is matched to the LSOA of the other vintage that
covers most of its area, measured in British National Grid square metres.
Most Welsh LSOAs did not change in 2021 and match themselves with a share of
(close to) 1; split and merged ones match their largest piece.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from diogel.geography.boundaries import to_british_national_grid


@dataclass(frozen=True)
class BestFit:
    """Both directions of the best-fit look-up.

    ``lsoa11_to_21`` and ``lsoa21_to_11`` have columns ``from``, ``to`` and
    ``share`` (the share of the ``from`` LSOA's area inside ``to``).
    """

    lsoa11_to_21: pd.DataFrame
    lsoa21_to_11: pd.DataFrame
    overlaps: pd.DataFrame  # lsoa11, lsoa21, area_m2 for every overlapping pair


def best_fit(
    codes11: np.ndarray, polygons11: np.ndarray, codes21: np.ndarray, polygons21: np.ndarray
) -> BestFit:
    """Compute the best fit both ways from lon/lat polygons."""
    g11 = to_british_national_grid(polygons11)
    g21 = to_british_national_grid(polygons21)
    tree = shapely.STRtree(g21)
    i11, i21 = tree.query(g11, predicate="intersects")
    areas = shapely.area(shapely.intersection(g11[i11], g21[i21]))
    overlaps = pd.DataFrame(
        {
            "lsoa11": codes11[i11],
            "lsoa21": codes21[i21],
            "area_m2": areas,
        }
    )
    overlaps = overlaps[overlaps["area_m2"] > 0].reset_index(drop=True)
    area11 = pd.Series(shapely.area(g11), index=codes11)
    area21 = pd.Series(shapely.area(g21), index=codes21)
    return BestFit(
        _largest(overlaps, "lsoa11", "lsoa21", area11),
        _largest(overlaps, "lsoa21", "lsoa11", area21),
        overlaps,
    )


def _largest(overlaps: pd.DataFrame, source: str, target: str, area: pd.Series) -> pd.DataFrame:
    # Ties (equal areas) go to the smaller code, so the result is deterministic.
    ranked = overlaps.sort_values([source, "area_m2", target], ascending=[True, False, True])
    best = ranked.drop_duplicates(source)
    return pd.DataFrame(
        {
            "from": best[source].to_numpy(),
            "to": best[target].to_numpy(),
            "share": (best["area_m2"].to_numpy() / area.loc[best[source]].to_numpy()),
        }
    )
