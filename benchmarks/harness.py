"""A small harness: time Diogel's way and the usual tool's way on the same input."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@dataclass(frozen=True)
class Comparison:
    """One task done two ways; ``same`` says whether the answers agree."""

    name: str
    diogel: Callable[[], Any]
    baseline: Callable[[], Any]
    baseline_name: str
    same: Callable[[Any, Any], bool]
    #: When set, the time a result reports for itself (e.g. measured inside a fresh
    #: process, excluding start-up) is used instead of the call's wall time.
    measured: Callable[[Any], float] | None = None


def best_of(
    fn: Callable[[], Any], repeat: int, measured: Callable[[Any], float] | None = None
) -> tuple[float, float, Any]:
    """Minimum and median time over ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        times.append(measured(result) if measured else elapsed)
    return min(times), statistics.median(times), result


def run(comparison: Comparison, repeat: int = 3) -> dict[str, Any]:
    d_min, d_med, d_result = best_of(comparison.diogel, repeat, comparison.measured)
    b_min, b_med, b_result = best_of(comparison.baseline, repeat, comparison.measured)
    return {
        "benchmark": comparison.name,
        "diogel_min_s": d_min,
        "diogel_median_s": d_med,
        "baseline": comparison.baseline_name,
        "baseline_min_s": b_min,
        "baseline_median_s": b_med,
        "speed_up": b_min / d_min if d_min else float("inf"),
        "answers_agree": comparison.same(d_result, b_result),
    }
