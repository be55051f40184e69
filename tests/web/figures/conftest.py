"""A warehouse with gaps and partial coverage, built once through the real ingest path.

- police.uk: the 24 real Gwent months except :data:`POLICE_GAPS` (left out, so every
  window over them is "no data", never 0);
- SYNTHETIC ED (ISTV): ordinary volumes for some boards and part of the span, one board
  stopping early, and a low-volume extract (small counts disclosure control withholds)
  for a few months; the other boards never send.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from diogel.figures.coverage import months_between
from diogel.geography import Geography
from diogel.reports import ReportContext
from diogel.sources.istv import parse_istv_file
from diogel.sources.synthetic.istv import (
    site_health_boards,
    write_low_volume_months,
    write_months,
)
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed
from tests.helpers import GWENT, ingest

POLICE = "police_uk_street"
ED = "istv"
#: Gwent months left out of the warehouse.
POLICE_GAPS = ("2020-06", "2021-03")
POLICE_MONTHS = tuple(m for m in months_between("2020-01", "2021-12") if m not in POLICE_GAPS)
ANEURIN_BEVAN = "W11000028"
CARDIFF_VALE = "W11000029"
CWM_TAF = "W11000030"
#: Health board -> the months its emergency departments sent (ordinary volume).
ED_ORDINARY: dict[str, tuple[str, str]] = {
    ANEURIN_BEVAN: ("2020-07", "2021-06"),
    CWM_TAF: ("2020-07", "2021-06"),
    CARDIFF_VALE: ("2020-07", "2020-12"),
}
#: Boards and months of the low-volume extract (2 to 6 attendances a board-month).
ED_LOW_VOLUME = ((ANEURIN_BEVAN, CARDIFF_VALE), ("2021-07", "2021-09"))


def ed_months() -> dict[str, set[str]]:
    """The months each board sent, as the fixture writes them."""
    sent: dict[str, set[str]] = {b: set(months_between(*span)) for b, span in ED_ORDINARY.items()}
    boards, span = ED_LOW_VOLUME
    for board in boards:
        sent[board] |= set(months_between(*span))
    return sent


def _first(month: str) -> dt.date:
    return dt.date.fromisoformat(f"{month}-01")


@pytest.fixture(scope="session")
def gappy_var(shared_data: Path, geo: Geography, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DIOGEL_VAR_DIR whose warehouse holds the gappy police and partial ED data."""
    var = tmp_path_factory.mktemp("gappy-var")
    warehouse = Warehouse(var / "warehouse")
    for path in sorted((shared_data / GWENT).glob("*-street.csv")):
        if path.name[:7] not in POLICE_GAPS:
            ingest(warehouse, geo, path)
    boards_of = site_health_boards()
    paths: list[Path] = []
    for board, (first, last) in ED_ORDINARY.items():
        written = write_months(
            var / f"istv-{board}", _first(first), len(months_between(first, last))
        )
        paths += [p for p in written if boards_of[p.name.split("-istv-")[1][:-12]] == board]
    boards, (first, last) = ED_LOW_VOLUME
    low = write_low_volume_months(var / "istv-low", _first(first), len(months_between(first, last)))
    paths += [p for p in low if boards_of[p.name.split("-istv-")[1][:-12]] in boards]
    for path in sorted(paths):
        parsed = parse_istv_file(path, site_health_boards=boards_of)
        import_parsed(warehouse, parsed, path, geo, "test")
    return var


@pytest.fixture(scope="session")
def gappy(gappy_var: Path, geo: Geography) -> ReportContext:
    return ReportContext(geo, Warehouse(gappy_var / "warehouse"))


@pytest.fixture
def gappy_site(settings: Any, gappy_var: Path, tmp_path: Path) -> None:
    """The site (pages and API) reading the gappy warehouse, rate limits off."""
    from django.core.cache import cache

    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL,
        warehouse_dir=gappy_var / "warehouse",
        var_dir=tmp_path,
        demo=False,
        api_rate_limit=0,
        api_anonymous_rate_limit=0,
    )
    cache.clear()
