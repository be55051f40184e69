"""Geography of Wales: areas, footprints, boundaries and look-ups.

The public entry point is :class:`Geography`::

    geo = Geography.load(Path("../shared/data"))
    geo.hierarchy.area("W06000015").name_cy        # 'Caerdydd'
    geo.locate([-3.18], [51.48])                    # LSOA and every parent per point

Everything costly (polygons, the point index, the 2011/2021 best fit) is built
on first use and cached under ``cache_dir``.

``Level`` and the footprints need only the standard library and are imported at
once; the names whose modules need numpy and pandas (``Geography``, ``Area``,
``ReferenceDataError``...) are imported on first use, so that ``diogel --help``
and whatever else needs only ``Level`` start without loading them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from diogel.geography.footprints import Footprint, FootprintError
from diogel.geography.levels import Level

if TYPE_CHECKING:
    from diogel.geography.areas import Area
    from diogel.geography.bestfit import BestFit
    from diogel.geography.geography import Geography
    from diogel.geography.overlaps import OverlapReport
    from diogel.geography.reference import ReferenceDataError

__all__ = [
    "Area",
    "BestFit",
    "Footprint",
    "FootprintError",
    "Geography",
    "Level",
    "OverlapReport",
    "ReferenceDataError",
]

#: Where each name imported on first use lives.
_LAZY = {
    "Area": "diogel.geography.areas",
    "BestFit": "diogel.geography.bestfit",
    "Geography": "diogel.geography.geography",
    "OverlapReport": "diogel.geography.overlaps",
    "ReferenceDataError": "diogel.geography.reference",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value
