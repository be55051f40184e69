"""The :class:`Geography` of Wales: the hierarchy, boundaries, point index and best fit.

Imported through :mod:`diogel.geography`, which loads this module (and numpy,
pandas, shapely and pyproj with it) only when ``Geography`` is first asked for.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from diogel.geography.areas import LSOA11_PARENTS, AreaHierarchy
from diogel.geography.bestfit import BestFit, best_fit
from diogel.geography.boundaries import Boundaries
from diogel.geography.locate import PointLocator
from diogel.geography.overlaps import OverlapReport, overlap_report
from diogel.geography.reference import GeographyFiles
from diogel.settings import DiogelSettings


class Geography:
    """The whole geography of Wales, loaded from a data directory."""

    def __init__(self, files: GeographyFiles, hierarchy: AreaHierarchy, cache_dir: Path) -> None:
        self.files = files
        self.hierarchy = hierarchy
        self.cache_dir = cache_dir

    @classmethod
    def load(
        cls,
        data_dir: Path,
        footprints_file: Path | None = None,
        cache_dir: Path | None = None,
    ) -> Geography:
        files = GeographyFiles(data_dir)
        hierarchy = AreaHierarchy.from_files(files, footprints_file)
        return cls(files, hierarchy, cache_dir or data_dir / ".diogel-cache")

    @classmethod
    def from_settings(cls, settings: DiogelSettings) -> Geography:
        return cls.load(settings.data_dir, settings.footprints_file, settings.cache_dir)

    @cached_property
    def boundaries(self) -> Boundaries:
        return Boundaries(self.files, self.hierarchy, self.cache_dir / "geography")

    @cached_property
    def locator(self) -> PointLocator:
        """The LSOA 2011 point index; its grid is cached on disk once built."""
        b = self.boundaries
        path = self.cache_dir / "geography" / f"lsoa11-grid-{b._cache_key()}.npz"
        if path.is_file():
            return PointLocator(b.lsoa11_codes, b.lsoa11, grid=PointLocator.load_grid(path))
        locator = PointLocator(b.lsoa11_codes, b.lsoa11)
        locator.save_grid(path)
        return locator

    @cached_property
    def best_fit(self) -> BestFit:
        b = self.boundaries
        return best_fit(b.lsoa11_codes, b.lsoa11, b.lsoa21_codes, b.lsoa21)

    def overlap_report(self) -> OverlapReport:
        return overlap_report(self.hierarchy)

    def locate(self, lon: np.ndarray | list[float], lat: np.ndarray | list[float]) -> pd.DataFrame:
        """LSOA 2011 and every parent code for each point (empty where outside Wales)."""
        codes = self.locator.locate(lon, lat)
        frame = pd.DataFrame({"lsoa11": pd.Series(codes, dtype="string")})
        parents = self.hierarchy.lsoa11.set_index("code")
        for level in LSOA11_PARENTS:
            frame[level.value] = frame["lsoa11"].map(parents[level.value]).astype("string")
        return frame
