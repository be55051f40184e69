"""One Geography per process, loaded on first use from the settings in force."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from diogel.geography import Geography


@lru_cache(maxsize=1)
def geography() -> Geography:
    """The site's geography. Raises ReferenceDataError when files are missing."""
    return Geography.from_settings(settings.DIOGEL)
