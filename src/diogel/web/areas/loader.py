"""One Geography (and one index of footprints) per process, loaded on first use from the
settings in force."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

from diogel.geography import Geography, ReferenceDataError
from diogel.landscape.areas import AreaIndex


@lru_cache(maxsize=1)
def geography() -> Geography:
    """The site's geography. Raises ReferenceDataError when files are missing."""
    return Geography.from_settings(settings.DIOGEL)


@lru_cache(maxsize=4)
def _area_index(footprints_file: Path | None) -> AreaIndex:
    return AreaIndex.default(footprints_file)


def area_index() -> AreaIndex:
    """Wales, its forces, authorities and the site's footprints, read once per file
    (pages ask for it many times a request)."""
    return _area_index(settings.DIOGEL.footprints_file)


def area_name(code: str) -> str:
    """An area's name in the page's language; a footprint's name; else the code."""
    try:
        return geography().hierarchy.area(code).name("cy" if get_language() == "cy" else "en")
    except (KeyError, ReferenceDataError):
        return area_index().name(code)
