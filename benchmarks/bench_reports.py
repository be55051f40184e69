"""Producing every monthly Violence Monitoring Report: Wales, the 4 police force
areas and the 22 local authorities (27 reports), and how the time grows with the
months of data in the warehouse.

Police data: the real Gwent files plus SYNTHETIC files for the other three forces
(``benchmarks/synthetic_police.py``); ED data: the SYNTHETIC ISTV generator.

``make bench`` runs the side-by-side comparison (headline figures for all 27
areas: Diogel's report measures against pandas on the raw files, the way an
analyst would otherwise do it). ``make bench-reports`` runs the scaling study:
the full reports (document, HTML and PDF, English and Welsh) with 12, 24 and 36
months of data.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.harness import SHARED_DATA, Comparison
from benchmarks.synthetic_police import write_synthetic_forces
from diogel.analysis.trends import month_range, shift_month
from diogel.geography import Area, Geography, Level
from diogel.reports import Renderer, ReportContext
from diogel.reports.measures import headlines
from diogel.reports.sections import HEADLINE_CATEGORIES
from diogel.reports.violence_monitoring import violence_monitoring
from diogel.warehouse import Warehouse

REAL = SHARED_DATA / "police-uk" / "gwent"
MONTH = "2021-12"


@lru_cache(maxsize=1)
def geography() -> Geography:
    return Geography.load(SHARED_DATA, cache_dir=Path(tempfile.gettempdir()) / "diogel-bench-geo")


def areas(geo: Geography) -> list[Area]:
    return [
        geo.hierarchy.area("W92000004", Level.WALES),
        *geo.hierarchy.areas_at(Level.POLICE_FORCE_AREA),
        *geo.hierarchy.areas_at(Level.LOCAL_AUTHORITY),
    ]


def build_hub(directory: Path, months: int) -> tuple[ReportContext, list[Path], float]:
    """A warehouse with ``months`` months to December 2021 for every force and ED."""
    from diogel.sources.istv import parse_istv_file
    from diogel.sources.police_uk import parse_street_file
    from diogel.sources.synthetic.istv import site_health_boards, write_months
    from diogel.warehouse.imports import import_parsed

    geo = geography()
    wanted = [m.strftime("%Y-%m") for m in month_range(shift_month(MONTH, 1 - months), MONTH)]
    police = [
        REAL / f"{m}-gwent-street.csv" for m in wanted if (REAL / f"{m}-gwent-street.csv").exists()
    ]
    police += write_synthetic_forces(geo, REAL, directory / "police", wanted)
    first = dt.date.fromisoformat(f"{wanted[0]}-01")
    ed = write_months(directory / "istv", first, months)
    warehouse = Warehouse(directory / "warehouse")
    codes = geo.hierarchy.lsoa11["code"]
    start = time.perf_counter()
    for path in police:
        import_parsed(warehouse, parse_street_file(path, codes), path, geo, "bench")
    sites = site_health_boards()
    for path in ed:
        import_parsed(
            warehouse, parse_istv_file(path, site_health_boards=sites), path, geo, "bench"
        )
    return ReportContext(geo, warehouse), police, time.perf_counter() - start


# -- side by side: headline figures -------------------------------------------------


def headlines_with_diogel(ctx: ReportContext) -> dict[tuple[str, str], tuple[int, ...]]:
    first = shift_month(MONTH, -23)
    out: dict[tuple[str, str], tuple[int, ...]] = {}
    for area in areas(ctx.geo):
        for row in headlines(ctx, area, MONTH, HEADLINE_CATEGORIES, first):
            out[(area.code, row["category"])] = (
                row["count"], row["previous"], row["twelve_months"], row["previous_twelve_months"]
            )  # fmt: skip
    return out


def headlines_with_pandas(
    files: list[Path], geo: Geography
) -> dict[tuple[str, str], tuple[int, ...]]:
    """What an analyst would write: read every file, join the LSOA lookup, group."""
    from diogel.sources.categories import POLICE_UK_CRIME_TYPES

    wanted = ["Month", "LSOA code", "Crime type"]
    frame = pd.concat(
        (pd.read_csv(f, dtype=str, keep_default_na=False, usecols=wanted) for f in files),
        ignore_index=True,
    )
    lookup = geo.hierarchy.lsoa11[["code", "local_authority", "police_force_area"]]
    frame = frame.merge(lookup, left_on="LSOA code", right_on="code")  # Welsh LSOAs only
    frame["category"] = frame["Crime type"].map(
        {t: c for t, (c, _) in POLICE_UK_CRIME_TYPES.items()}
    )
    year = {m.strftime("%Y-%m") for m in month_range("2021-01", MONTH)}
    before = {m.strftime("%Y-%m") for m in month_range("2020-01", "2020-12")}
    out: dict[tuple[str, str], tuple[int, ...]] = {}
    for area in areas(geo):
        if area.level is Level.WALES:
            rows = frame
        else:
            column = (
                "police_force_area" if area.level is Level.POLICE_FORCE_AREA else "local_authority"
            )
            rows = frame[frame[column] == area.code]
        for category in HEADLINE_CATEGORIES:
            months = rows.loc[rows["category"] == category, "Month"]
            out[(area.code, category)] = (
                int((months == MONTH).sum()), int((months == "2020-12").sum()),
                int(months.isin(year).sum()), int(months.isin(before).sum()),
            )  # fmt: skip
    return out


def comparisons() -> list[Comparison]:
    directory = Path(tempfile.mkdtemp(prefix="diogel-bench-reports-"))
    ctx, files, _ingest = build_hub(directory, 24)
    geo = ctx.geo
    return [
        Comparison(
            name="headline figures of all 27 monthly reports (24 months, 4 forces)",
            diogel=lambda: headlines_with_diogel(ctx),
            baseline=lambda: headlines_with_pandas(files, geo),
            baseline_name="pandas on the raw files",
            same=lambda a, b: a == b,
        )
    ]


# -- scaling study: the full reports ------------------------------------------------


def produce_all(ctx: ReportContext) -> dict[str, float]:
    geo = ctx.geo
    renderers = {lang: Renderer.for_geography(lang, geo) for lang in ("en", "cy")}
    spent = {"document": 0.0, "html": 0.0, "pdf": 0.0}
    for area in areas(geo):
        start = time.perf_counter()
        document = violence_monitoring(ctx, area.code, MONTH)
        spent["document"] += time.perf_counter() - start
        for renderer in renderers.values():
            start = time.perf_counter()
            renderer.html(document)
            spent["html"] += time.perf_counter() - start
            start = time.perf_counter()
            renderer.pdf(document)
            spent["pdf"] += time.perf_counter() - start
    return spent


def scaling(months: list[int]) -> list[dict[str, Any]]:
    results = []
    for n in months:
        with tempfile.TemporaryDirectory(prefix="diogel-bench-reports-") as tmp:
            ctx, files, ingest = build_hub(Path(tmp), n)
            rows = sum(1 for f in files for _ in f.open(encoding="utf-8")) - len(files)
            spent = produce_all(ctx)
            results.append({"months": n, "police_rows": rows, "ingest_s": ingest, **spent})
    return results


def main() -> int:
    months = [int(a) for a in sys.argv[1:]] or [12, 24, 36]
    results = scaling(months)
    print(
        "months  police rows  ingest s  documents s  HTML (en+cy) s  PDF (en+cy) s  total s"
        "  per report s"
    )
    for r in results:
        total = r["document"] + r["html"] + r["pdf"]
        print(
            f"{r['months']:>6}  {r['police_rows']:>11,}  {r['ingest_s']:>8.1f}"
            f"  {r['document']:>11.1f}  {r['html']:>14.1f}  {r['pdf']:>13.1f}  {total:>7.1f}"
            f"  {total / 27:>12.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
