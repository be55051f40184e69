"""Run every ``bench_*.py`` comparison and print the ratios (``make bench``)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import SHARED_DATA, run


def main() -> int:
    if not SHARED_DATA.is_dir():
        print(f"benchmarks need the open data at {SHARED_DATA}", file=sys.stderr)
        return 2
    results = []
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        module = importlib.import_module(f"benchmarks.{path.stem}")
        if hasattr(module, "interleaved"):
            # A benchmark of more than two sides, run in turn (it prints its own table).
            module.interleaved()
        for comparison in module.comparisons():
            results.append(run(comparison))
    for r in results:
        agree = "answers agree" if r["answers_agree"] else "ANSWERS DIFFER"
        print(
            f"{r['benchmark']}: diogel {r['diogel_min_s']:.3f}s, {r['baseline']} "
            f"{r['baseline_min_s']:.3f}s (min of 3) -> {r['speed_up']:.2f}x; {agree}"
        )
    if "--json" in sys.argv:
        print(json.dumps(results, indent=2))
    return 0 if all(r["answers_agree"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
