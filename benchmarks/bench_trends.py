"""Monthly counts per local authority: Diogel's warehouse against pandas groupby, and how
both grow from 1x to 10x to 100x the real Gwent rows (synthetic enlargement: every record
repeated)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from benchmarks.harness import SHARED_DATA, Comparison
from diogel.figures.base import monthly_counts
from diogel.geography import Geography, Level
from diogel.sources.police_uk import parse_street_file
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed

GWENT_LAS = ["W06000018", "W06000019", "W06000020", "W06000021", "W06000022"]
FACTORS = (1, 10, 100)


def _base_warehouse(geo: Geography) -> Warehouse:
    warehouse = Warehouse(Path(tempfile.mkdtemp(prefix="bench-wh-")))
    for path in sorted((SHARED_DATA / "police-uk" / "gwent").glob("*.csv")):
        import_parsed(
            warehouse, parse_street_file(path, geo.hierarchy.lsoa11["code"]), path, geo, "bench"
        )
    return warehouse


def _enlarge(base: Warehouse, factor: int) -> Warehouse:
    target = Warehouse(Path(tempfile.mkdtemp(prefix=f"bench-wh-x{factor}-")))
    shutil.copyfile(base.catalogue_path, target.catalogue_path)
    if factor > 1:
        with duckdb.connect(str(target.catalogue_path)) as con:
            con.execute("create temp table one as select * from incidents")
            for _ in range(factor - 1):
                con.execute("insert into incidents select * from one")
            con.execute("checkpoint")
    return target


def comparisons() -> list[Comparison]:
    geo = Geography.load(SHARED_DATA, cache_dir=Path(tempfile.mkdtemp()))
    base = _base_warehouse(geo)
    with base.connect() as con:
        one = con.execute(
            "select local_authority, strftime(month, '%Y-%m') as month, category "
            "from current_incidents"
        ).fetchdf()
    out = []
    for factor in FACTORS:
        warehouse = _enlarge(base, factor)
        frame = pd.concat([one] * factor, ignore_index=True)

        def diogel(warehouse: Warehouse = warehouse) -> dict[tuple[str, str], int]:
            counts = monthly_counts(
                warehouse,
                Level.LOCAL_AUTHORITY,
                GWENT_LAS,
                "2020-01",
                "2021-12",
                category="violence",
            )
            return {(a, m): int(n) for a, m, n in counts.itertuples(index=False)}

        def pandas_groupby(frame: pd.DataFrame = frame) -> dict[tuple[str, str], int]:
            v = frame[(frame["category"] == "violence") & frame["local_authority"].isin(GWENT_LAS)]
            grouped = v.groupby(["local_authority", "month"]).size().reset_index(name="n")
            return {(a, m): int(n) for a, m, n in grouped.itertuples(index=False)}

        out.append(
            Comparison(
                f"monthly violence by local authority, x{factor} ({len(frame):,} rows)",
                diogel,
                pandas_groupby,
                "pandas groupby (data already in memory)",
                # Diogel lists empty months as zero; pandas leaves them out.
                lambda a, b: {k: v for k, v in a.items() if v} == b,
            )
        )
    return out
