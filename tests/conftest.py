"""Shared fixtures: where the real open data lives, and small helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from diogel.demo import load_demo_data
from diogel.geography import Geography
from diogel.reports import ReportContext
from diogel.warehouse import Warehouse

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language. Django's LocaleMiddleware activates a
    request's language for its thread and leaves it active, so a Welsh page in one test
    would otherwise make the next test's commands and messages Welsh."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real open data beside the repository. A test that needs it fails when it is
    missing (CI always has it; a skip would hide a broken checkout)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"{SHARED_DATA} is not present: the integration tests need it")
    return SHARED_DATA


@pytest.fixture(scope="session")
def geo(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Geography:
    """The real geography with a private cache, shared by the whole session."""
    return Geography.load(shared_data, cache_dir=tmp_path_factory.mktemp("geo-cache"))


@pytest.fixture(scope="session")
def gwent_warehouse(
    shared_data: Path, geo: Geography, tmp_path_factory: pytest.TempPathFactory
) -> Warehouse:
    """All 24 real Gwent months imported once."""
    from tests.helpers import GWENT, ingest

    warehouse = Warehouse(tmp_path_factory.mktemp("warehouse"))
    for path in sorted((shared_data / GWENT).glob("*.csv")):
        ingest(warehouse, geo, path)
    return warehouse


@pytest.fixture(scope="session")
def hub_var(shared_data: Path, geo: Geography, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DIOGEL_VAR_DIR whose warehouse holds what ``diogel demo`` loads."""
    var = tmp_path_factory.mktemp("hub-var")
    load_demo_data(Warehouse(var / "warehouse"), geo, shared_data, var / "synthetic")
    return var


@pytest.fixture(scope="session")
def hub(hub_var: Path, geo: Geography) -> ReportContext:
    return ReportContext(geo, Warehouse(hub_var / "warehouse"))


@pytest.fixture
def cli_env(hub_var: Path, shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(hub_var))
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(shared_data))
    return hub_var


# Tests that share one expensive session fixture run in one xdist process (make test
# uses --dist loadgroup): the browser tests share a demo server, the attack suite its
# warehouse and collected observations.
_GROUPS = {"e2e": "browser", "attack": "attack"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        parts = item.path.relative_to(REPO_ROOT / "tests").parts
        group = _GROUPS.get(parts[0]) if len(parts) > 1 else None
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
