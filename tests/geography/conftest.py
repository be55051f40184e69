from __future__ import annotations

from pathlib import Path

import pytest

from diogel.geography import Geography


@pytest.fixture(scope="session")
def geography(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Geography:
    """The real geography of Wales, from ../shared/data, with a private cache."""
    return Geography.load(shared_data, cache_dir=tmp_path_factory.mktemp("cache"))
