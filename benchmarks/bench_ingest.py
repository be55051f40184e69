"""Ingest side by side: Diogel, pandas and bare DuckDB on 1×, 10× and 100× the Gwent data.

One run measures the three sides in turn (A B C A B C …, the order rotating each round,
so a drift in the machine's speed falls on all of them), each in a fresh process so
its peak memory (``ru_maxrss`` of that child, from ``wait4``) is its own:

- **diogel**: the whole batch into a fresh warehouse through the one import pipeline,
  :func:`diogel.ingest.ingest_batch` (as ``diogel ingest police-uk`` runs it, with an
  in-memory audit trail): every file parsed and checked
  (:func:`~diogel.sources.police_uk.parse_street_file`), checked for repetition and
  supersession, imported with provenance, quarantine and locations over one warehouse
  connection, audited, and the connection closed (checkpointed) at the end;
- **pandas**: ``read_csv`` of every file (all columns as text), ``concat``, one Parquet
  write: what an analyst would otherwise do;
- **duckdb**: bare DuckDB ``read_csv`` of all the files (all VARCHAR) into a table of a
  fresh database file: the engine's own speed, no checks.

The larger sizes are the 24 real monthly files copied with distinct months (and Crime
IDs), as more forces or years would be: 240 and 2,400 files, in a temporary
directory removed afterwards. Start-up (imports, the geography) is outside the timed
part and inside the peak memory. Speed ratios are pandas' or DuckDB's time over
Diogel's, pair by pair within a round, median over rounds: 1 means as fast.

Run: ``PYTHONPATH=. python benchmarks/bench_ingest.py [--factors 1 10 100] [--repeats N]``
(or ``make bench``, which runs every benchmark).

Measured 2026-12-07 on the shared 2-core machine (load average 4 to 6), with the files
read and written in bulk (:class:`~diogel.sources.police_uk.StreetParser`, as
``diogel ingest police-uk`` and the demo read them); medians, peak memory in brackets:

====  ======================  ===============  ===============  =====================
size  Diogel                  pandas           bare DuckDB      speed vs pandas/DuckDB
====  ======================  ===============  ===============  =====================
1×    1.10 s (451 MiB)        0.50 s (238)     1.02 s (268)     0.48 / 0.94
10×   8.9 s (1,015 MiB)       4.5 s (677)      5.1 s (477)      0.50 / 0.59
100×  87 s (1,515 MiB)        46 s (5,040)     44 s (864)       0.53 / 0.51
====  ======================  ===============  ===============  =====================

The target of a third of bare DuckDB's speed is met; pandas' speed is not (about half:
writing the 27 columns of ``incidents`` alone takes about as long as pandas' whole job;
see docs/data-hub.md, "Ingest speed").
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import REPO_ROOT, SHARED_DATA, Comparison

GWENT = SHARED_DATA / "police-uk" / "gwent"
GWENT_ROWS = 128_382
FACTORS = (1, 10, 100)
#: Rounds per size: 100× takes minutes a side.
REPEATS = {1: 5, 10: 3, 100: 1}

DIOGEL = """
import json, sys, time
from pathlib import Path
from diogel.geography import Geography
from diogel.ingest import IngestFile, ingest_batch
from diogel.services import memory_services
from diogel.sources.police_uk import StreetParser
from diogel.warehouse import Warehouse
geo = Geography.load(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
parse = StreetParser(known_lsoas=geo.hierarchy.lsoa11["code"])
geo.locator
warehouse = Warehouse(Path(sys.argv[3]))
files = [IngestFile(p, "police_uk_street", parse) for p in sorted(Path(sys.argv[4]).glob("*.csv"))]
services = memory_services()
start, cpu = time.perf_counter(), time.process_time()
outcomes = ingest_batch(warehouse, geo, files, services, actor="bench", channel="cli")
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
failed = [o.message for o in outcomes if not o.ok]
assert not failed, failed[:3]
print(json.dumps({"seconds": seconds, "rows": sum(o.result.rows_read for o in outcomes),
                  "cpu_s": cpu}))
"""

PANDAS = """
import json, sys, time
from pathlib import Path
import pandas as pd
files = sorted(Path(sys.argv[1]).glob("*.csv"))
start, cpu = time.perf_counter(), time.process_time()
frame = pd.concat((pd.read_csv(f, dtype=str, keep_default_na=False) for f in files),
                  ignore_index=True)
frame.to_parquet(Path(sys.argv[2]) / "all.parquet")
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(frame),
                  "cpu_s": time.process_time() - cpu}))
"""

DUCKDB = """
import json, sys, time
from pathlib import Path
import duckdb
start, cpu = time.perf_counter(), time.process_time()
con = duckdb.connect(str(Path(sys.argv[2]) / "bare.duckdb"))
con.execute("create table t as select * from read_csv(?, all_varchar = true)",
            [str(Path(sys.argv[1]) / "*.csv")])
rows = con.execute("select count(*) from t").fetchone()[0]
con.close()
print(json.dumps({"seconds": time.perf_counter() - start, "rows": rows,
                  "cpu_s": time.process_time() - cpu}))
"""

SIDES = {"diogel": DIOGEL, "pandas": PANDAS, "duckdb": DUCKDB}


def make_batch(factor: int, root: Path) -> Path:
    """The 24 Gwent months, or ``factor`` copies of them with distinct months.

    Copy ``j`` moves every month back ``2 * j`` years (2020–2021 become 2018–2019, …)
    in its file name and Month column, and puts ``j`` in the first hex digits of each
    Crime ID, so every file is a distinct import of distinct crimes.
    """
    if factor == 1:
        return GWENT
    out = root / f"gwent-x{factor}"
    out.mkdir()
    for path in sorted(GWENT.glob("*.csv")):
        year, month = int(path.name[:4]), path.name[5:7]
        data = path.read_bytes()
        header, _, body = data.partition(b"\n")
        for j in range(factor):
            period = f"{year - 2 * j:04d}-{month}"
            text = body.replace(f",{path.name[:7]},".encode(), f",{period},".encode())
            prefix = f"{j:04x}".encode()
            # Crime IDs start each line; ASB rows (no ID) start with a comma.
            text = re.sub(rb"(?m)^[0-9a-f]{4}(?=[0-9a-f]{60},)", prefix, text)
            (out / f"{period}-gwent-street.csv").write_bytes(header + b"\n" + text)
    return out


def run_side(side: str, source: Path, scratch: Path, cache: Path) -> dict[str, Any]:
    """One side in a fresh process: its time, rows, CPU and peak memory (``ru_maxrss``)."""
    work = Path(tempfile.mkdtemp(dir=scratch))
    args = {
        "diogel": [str(SHARED_DATA), str(cache), str(work / "warehouse"), str(source)],
        "pandas": [str(source), str(work)],
        "duckdb": [str(source), str(work)],
    }[side]
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [sys.executable, "-c", SIDES[side], *args], stdout=out, stderr=err, env=env
        )
        # wait4, not wait: the rusage of this child alone.
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        shutil.rmtree(work, ignore_errors=True)
        if child.returncode != 0:
            raise RuntimeError(f"{side} failed: {err.read().decode(errors='replace')[-2000:]}")
        result: dict[str, Any] = json.loads(out.read().decode().strip().splitlines()[-1])
    result["peak_mib"] = usage.ru_maxrss / 1024  # KiB on Linux
    return result


def measure(factors: tuple[int, ...] = FACTORS, repeats: int | None = None) -> list[dict[str, Any]]:
    """Every size, every side, interleaved; one summary per size (also printed)."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    summaries = []
    try:
        cache = scratch / "geo-cache"
        run_side("diogel", GWENT, scratch, cache)  # builds the geography caches once
        for factor in factors:
            source = make_batch(factor, scratch)
            rounds = repeats or REPEATS.get(factor, 1)
            runs: dict[str, list[dict[str, Any]]] = {side: [] for side in SIDES}
            order = list(SIDES)
            for r in range(rounds):
                for side in order[r % 3 :] + order[: r % 3]:
                    runs[side].append(run_side(side, source, scratch, cache))
            summaries.append(summarise(factor, runs))
            print(report(summaries[-1]), flush=True)
            if source != GWENT:
                shutil.rmtree(source, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return summaries


def summarise(factor: int, runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    sides = {}
    for side, results in runs.items():
        seconds = [r["seconds"] for r in results]
        sides[side] = {
            "min_s": min(seconds),
            "median_s": statistics.median(seconds),
            "rows": results[0]["rows"],
            "rows_per_s": results[0]["rows"] / statistics.median(seconds),
            "cpu_s": statistics.median(r["cpu_s"] for r in results),
            "peak_mib": max(r["peak_mib"] for r in results),
        }
    diogel = [r["seconds"] for r in runs["diogel"]]
    return {
        "factor": factor,
        "files": 24 * factor,
        "rounds": len(diogel),
        "sides": sides,
        "rows_agree": len({s["rows"] for s in sides.values()}) == 1,
        # Speed ratios pair by pair within a round: > 1 means Diogel was faster.
        "vs_pandas": statistics.median(
            p["seconds"] / d for p, d in zip(runs["pandas"], diogel, strict=True)
        ),
        "vs_duckdb": statistics.median(
            b["seconds"] / d for b, d in zip(runs["duckdb"], diogel, strict=True)
        ),
    }


def report(summary: dict[str, Any]) -> str:
    lines = [
        f"ingest {summary['factor']}x: {summary['files']} files, "
        f"{summary['sides']['diogel']['rows']:,} rows, {summary['rounds']} round(s)"
        + ("" if summary["rows_agree"] else " -- ROW COUNTS DIFFER")
    ]
    for side, s in summary["sides"].items():
        lines.append(
            f"  {side:7} min {s['min_s']:8.2f} s  median {s['median_s']:8.2f} s  "
            f"{s['rows_per_s']:>12,.0f} rows/s  cpu {s['cpu_s']:8.2f} s  "
            f"peak {s['peak_mib']:7,.0f} MiB"
        )
    lines.append(
        f"  speed of Diogel: {summary['vs_pandas']:.2f}x pandas' "
        f"(target >= 1), {summary['vs_duckdb']:.2f}x bare DuckDB's (target >= 0.33)"
    )
    return "\n".join(lines)


def interleaved() -> list[dict[str, Any]]:
    """What ``benchmarks/run.py`` runs: every size, printed as it goes."""
    return measure()


def comparisons() -> list[Comparison]:
    """None for the two-sided harness: this benchmark interleaves three sides itself."""
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", type=int, nargs="+", default=list(FACTORS))
    parser.add_argument("--repeats", type=int, default=None, help="rounds for every size")
    parser.add_argument("--json", action="store_true", help="also print the summaries as JSON")
    args = parser.parse_args()
    started = time.perf_counter()
    summaries = measure(tuple(args.factors), args.repeats)
    if args.json:
        print(json.dumps(summaries, indent=2))
    print(f"(whole run {time.perf_counter() - started:,.0f} s)")
    return 0 if all(s["rows_agree"] for s in summaries) else 1


if __name__ == "__main__":
    sys.exit(main())
