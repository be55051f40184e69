"""``diogel --help`` as a whole command, against ``python -c 'import duckdb'`` as the floor.

Every ``diogel`` command pays the start-up: Python, typer, the command modules and
the web commands' registration. The floor is the least any command that reads the
warehouse must pay (the interpreter and DuckDB). Three sides, each a fresh process,
in turn (A B C A B C …, the order rotating each round, so a drift in the machine's
speed falls on all of them):

- **diogel --help**: the ``diogel`` console script of this interpreter's environment,
  with this checkout's ``src`` first on the path;
- **diogel analyse --help**: a command group's help (the largest group);
- **import duckdb**: ``python -c 'import duckdb'``.

Wall and CPU time of each whole process (CPU from ``wait4``); the ratios are
Diogel's time over the floor's, pair by pair within a round, median over rounds.
The target (issue 17) is ``diogel --help`` under 0.3 s; nothing here fails on it.

Run: ``PYTHONPATH=. python benchmarks/bench_cli_startup.py [--rounds N]`` (or
``make bench``, which runs every benchmark).

Measured 2026-12-07 on the shared 2-core machine, this script before the lazy imports
(10 rounds) and after (20 rounds); medians of whole processes:

=========================  ==========================  ==========================
side                       before (÷ floor)            after (÷ floor)
=========================  ==========================  ==========================
``diogel --help``          2.03 s (20.0×)              0.22 s (2.4×)
``diogel analyse --help``  2.03 s (20.2×)              0.30 s (3.2×)
``import duckdb`` (floor)  0.10 s                      0.09 s
=========================  ==========================  ==========================

Before, every command module imported pandas, numpy, scipy, DuckDB, pyarrow and
openpyxl at start-up (20× the floor); they are now imported inside the commands
that use them. What remains is typer and rich (about 0.12 s, to lay out the help),
``importlib.metadata`` for the web commands' entry point and the interpreter. A
group's help costs about 0.08 s more: typer (0.29) coerces the unset top-level
``--help`` flag through a pydantic ``TypeAdapter`` whenever a subcommand runs, and
importing pydantic is most of that.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import REPO_ROOT, Comparison

ROUNDS = 20
TARGET_S = 0.3


def _diogel() -> list[str]:
    """The console script beside this interpreter, or what it runs when there is none."""
    script = Path(sys.executable).parent / "diogel"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from diogel.cli.main import run; sys.exit(run())"]


def sides() -> dict[str, list[str]]:
    return {
        "diogel --help": [*_diogel(), "--help"],
        "diogel analyse --help": [*_diogel(), "analyse", "--help"],
        "import duckdb": [sys.executable, "-c", "import duckdb"],
    }


FLOOR = "import duckdb"


def run_side(command: list[str]) -> dict[str, Any]:
    """One whole process: wall and CPU seconds (its own ``wait4`` usage) and its output."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT / "src")}
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        output = out.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {output[-2000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "output": output}


def measure(rounds: int = ROUNDS) -> dict[str, Any]:
    """Every side, interleaved, once to warm the file cache and then ``rounds`` times."""
    commands = sides()
    order = list(commands)
    for name in order:
        run_side(commands[name])
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in order}
    for r in range(rounds):
        for name in order[r % len(order) :] + order[: r % len(order)]:
            runs[name].append(run_side(commands[name]))
    floor = [run["wall_s"] for run in runs[FLOOR]]
    summary: dict[str, Any] = {"rounds": rounds, "target_s": TARGET_S, "sides": {}}
    for name, results in runs.items():
        wall = [run["wall_s"] for run in results]
        summary["sides"][name] = {
            "min_s": min(wall),
            "median_s": statistics.median(wall),
            "cpu_s": statistics.median(run["cpu_s"] for run in results),
            "over_floor": statistics.median(w / f for w, f in zip(wall, floor, strict=True)),
            "printed_help": all("Usage" in run["output"] for run in results if name != FLOOR),
        }
    return summary


def report(summary: dict[str, Any]) -> str:
    lines = [f"command-line start-up, whole processes, {summary['rounds']} rounds interleaved"]
    for name, s in summary["sides"].items():
        lines.append(
            f"  {name:<22} min {s['min_s']:6.3f} s  median {s['median_s']:6.3f} s  "
            f"cpu {s['cpu_s']:6.3f} s  {s['over_floor']:5.2f}x {FLOOR}"
            + ("" if s["printed_help"] else "  -- NO HELP PRINTED")
        )
    help_s = summary["sides"]["diogel --help"]["median_s"]
    lines.append(
        f"  diogel --help: {help_s:.3f} s median (target < {summary['target_s']} s), "
        f"{summary['sides']['diogel --help']['over_floor']:.2f}x python -c 'import duckdb'"
    )
    return "\n".join(lines)


def interleaved() -> dict[str, Any]:
    """What ``benchmarks/run.py`` runs: printed as it goes."""
    summary = measure()
    print(report(summary), flush=True)
    return summary


def comparisons() -> list[Comparison]:
    """None for the two-sided harness: this benchmark interleaves its sides itself."""
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--json", action="store_true", help="also print the summary as JSON")
    args = parser.parse_args()
    summary = measure(args.rounds)
    print(report(summary))
    if args.json:
        print(json.dumps(summary, indent=2))
    return 0 if all(s["printed_help"] for s in summary["sides"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
