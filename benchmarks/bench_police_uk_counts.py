"""Counting 24 months of police.uk Gwent records by month and crime type.

Diogel's warehouse engine (DuckDB reading the CSVs directly) against pandas
reading and grouping the same files, the way an analyst would otherwise do it.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from benchmarks.harness import SHARED_DATA, Comparison

FILES = sorted((SHARED_DATA / "police-uk" / "gwent").glob("*-gwent-street.csv"))


def with_duckdb() -> dict[tuple[str, str], int]:
    pattern = str(SHARED_DATA / "police-uk" / "gwent" / "*-gwent-street.csv")
    with duckdb.connect() as con:
        rows = con.execute(
            'select Month, "Crime type", count(*) from read_csv(?, header=true, all_varchar=true)'
            " group by all",
            [pattern],
        ).fetchall()
    return {(m, t): int(n) for m, t, n in rows}


def with_pandas() -> dict[tuple[str, str], int]:
    frame = pd.concat(
        (pd.read_csv(f, dtype=str, keep_default_na=False) for f in FILES), ignore_index=True
    )
    counts = frame.groupby(["Month", "Crime type"]).size().reset_index(name="n")
    return {
        (str(m), str(t)): int(n)
        for m, t, n in counts[["Month", "Crime type", "n"]].itertuples(index=False)
    }


def comparisons() -> list[Comparison]:
    return [
        Comparison(
            name=f"police.uk counts by month and type ({len(FILES)} files)",
            diogel=with_duckdb,
            baseline=with_pandas,
            baseline_name="pandas",
            same=lambda a, b: a == b,
        )
    ]
