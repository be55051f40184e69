"""SYNTHETIC ISTV files through the warehouse, checked against pandas on the files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from diogel.figures.base import count_incidents
from diogel.geography import Geography
from diogel.sources.istv import parse_istv_file
from diogel.sources.synthetic.istv import site_health_boards, write_months
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed


def test_synthetic_year_counts_match_pandas(geo: Geography, tmp_path: Path) -> None:
    paths = write_months(tmp_path / "istv", dt.date(2021, 1, 1), 12, seed=11)
    warehouse = Warehouse(tmp_path / "wh")
    sites = site_health_boards()
    for path in paths:
        import_parsed(warehouse, parse_istv_file(path, site_health_boards=sites), path, geo, "t")
    raw = pd.concat((pd.read_csv(p, dtype=str) for p in paths), ignore_index=True)
    raw["month"] = raw["ASSAULT_DATE_TIME"].str[:7]
    raw["reporting_area"] = raw["SITE_CODE_OF_TREATMENT"].map(sites)
    expected = raw.groupby(["month", "reporting_area"]).size()
    ours = {
        (r.keys["month"], r.keys["reporting_area"]): r.count
        for r in count_incidents(warehouse, ["month", "reporting_area"], source="istv")
    }
    assert ours == {(str(k[0]), str(k[1])): int(v) for k, v in expected.items()}  # type: ignore[index]
    with warehouse.connect() as con:
        detail = con.execute(
            "select count(distinct line || '-' || import_id) from incident_detail "
            "where field = 'assault_method'"
        ).fetchone()
    assert detail == (len(raw),)
