"""Ingesting the 24 Gwent months, and a 10x enlargement, into the warehouse.

Diogel's import (parse, validate, locate, write to DuckDB with provenance)
against what an analyst would otherwise do: pandas ``read_csv`` of every file,
``concat`` and one Parquet write. Each side runs in a fresh process so peak
memory (max RSS) is its own; rows/s and memory are printed alongside the ratio.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.harness import REPO_ROOT, SHARED_DATA, Comparison

GWENT = SHARED_DATA / "police-uk" / "gwent"

DIOGEL = """
import json, sys, time

def peak_mb():
    # VmHWM is this process's own peak: ru_maxrss would carry the parent's from before exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
from pathlib import Path
from diogel.geography import Geography
from diogel.sources.police_uk import parse_street_file
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed
geo = Geography.load(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
codes = geo.hierarchy.lsoa11["code"]
geo.locator
warehouse = Warehouse(Path(sys.argv[3]))
start = time.perf_counter()
rows = 0
for path in sorted(Path(sys.argv[4]).glob("*.csv")):
    result = import_parsed(warehouse, parse_street_file(path, codes), path, geo, "bench")
    rows += result.rows_accepted
print(json.dumps({"seconds": time.perf_counter() - start, "rows": rows,
                  "max_rss_mb": peak_mb()}))
"""

PANDAS = """
import json, sys, time

def peak_mb():
    # VmHWM is this process's own peak: ru_maxrss would carry the parent's from before exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
from pathlib import Path
import pandas as pd
start = time.perf_counter()
files = sorted(Path(sys.argv[1]).glob("*.csv"))
frame = pd.concat((pd.read_csv(f, dtype=str, keep_default_na=False) for f in files),
                  ignore_index=True)
frame.to_parquet(sys.argv[2])
print(json.dumps({"seconds": time.perf_counter() - start, "rows": len(frame),
                  "max_rss_mb": peak_mb()}))
"""


def _enlarged(factor: int) -> Path:
    """The 24 months with every file's rows repeated ``factor`` times."""
    if factor == 1:
        return GWENT
    out = Path(tempfile.mkdtemp(prefix=f"gwent-x{factor}-"))
    for path in sorted(GWENT.glob("*.csv")):
        header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
        (out / path.name).write_text(header + "".join(rows) * factor, encoding="utf-8")
    return out


def _run(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def comparisons() -> list[Comparison]:
    cache = tempfile.mkdtemp(prefix="bench-cache-")
    # Build the geography caches once, as a running site would have them.
    _run(DIOGEL, str(SHARED_DATA), cache, tempfile.mkdtemp(), tempfile.mkdtemp())
    out = []
    for factor in (1, 10):
        source = _enlarged(factor)

        def diogel(source: Path = source, factor: int = factor) -> dict[str, Any]:
            result = _run(DIOGEL, str(SHARED_DATA), cache, tempfile.mkdtemp(), str(source))
            print(
                f"  diogel x{factor}: {result['rows'] / result['seconds']:,.0f} rows/s, "
                f"peak {result['max_rss_mb']:,.0f} MB"
            )
            return result

        def pandas(source: Path = source, factor: int = factor) -> dict[str, Any]:
            target = Path(tempfile.mkdtemp()) / "all.parquet"
            result = _run(PANDAS, str(source), str(target))
            print(
                f"  pandas x{factor}: {result['rows'] / result['seconds']:,.0f} rows/s, "
                f"peak {result['max_rss_mb']:,.0f} MB"
            )
            return result

        out.append(
            Comparison(
                name=f"ingest 24 Gwent months x{factor} ({128_382 * factor:,} rows)",
                diogel=diogel,
                baseline=pandas,
                baseline_name="pandas read_csv+concat+parquet",
                same=lambda a, b: a["rows"] == b["rows"],
                measured=lambda result: float(result["seconds"]),
            )
        )
    return out
