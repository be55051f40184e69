"""Latency of the JSON API under concurrent load (``make bench-api``).

Starts ``diogel serve`` (waitress) on a loopback port against a warehouse holding
the demo data (the real Gwent police.uk files and SYNTHETIC ED months) enlarged
10× (every record repeated, as ``bench_trends`` does), then drives it with
``wrk`` for a fixed time per endpoint, with a static file served by the same
server as the floor. Reports p50/p95 latency and requests per second, and each
endpoint's ratio to the floor; nothing is asserted.

Traffic goes only to 127.0.0.1, each run is bounded in time, and the server is
stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import REPO_ROOT, SHARED_DATA, Comparison

FACTORS = (1, 10)  # the Gwent demo data as it is, and enlarged ten times
DURATION_S = 10
CONNECTIONS = 8
THREADS = 2  # wrk threads: the machine has two cores, shared with the server
BIN = Path(sys.executable).parent
TARGETS: dict[str, str] = {
    "static file (floor)": "/static/ninja/favicon.svg",
    "areas (22 local authorities)": "/api/v1/areas?level=local_authority",
    "totals (22 local authorities, police.uk, 24 months)": "/api/v1/totals?source=police_uk_street",
    "totals (95 Newport LSOAs, police.uk)": (
        "/api/v1/totals?level=lsoa11&within=W06000022&source=police_uk_street"
    ),
    "trends (5 Gwent authorities, violence, 24 months)": (
        "/api/v1/trends?within=W15000003&category=violence"
    ),
    "hotspots (Gi*, 368 Gwent LSOAs, police.uk)": (
        "/api/v1/hotspots?within=W15000003&source=police_uk_street"
    ),
}
REPORT = """done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %d %f %f %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), errors))
end
"""


def comparisons() -> list[Comparison]:
    """None for ``make bench``: this one needs a server and wrk (``make bench-api``)."""
    return []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_var(var: Path, factor: int) -> int:
    """Demo data enlarged ``factor`` times in ``var/warehouse``; returns the rows."""
    import duckdb

    from diogel.demo import load_demo_data
    from diogel.geography import Geography
    from diogel.warehouse import Warehouse

    geo = Geography.load(SHARED_DATA, cache_dir=Path(tempfile.gettempdir()) / "diogel-bench-geo")
    warehouse = Warehouse(var / "warehouse")
    load_demo_data(warehouse, geo, SHARED_DATA, var / "synthetic")
    with duckdb.connect(str(warehouse.catalogue_path)) as con:
        con.execute("create temp table one as select * from incidents")
        for _ in range(factor - 1):
            con.execute("insert into incidents select * from one")
        con.execute("checkpoint")
        row = con.execute("select count(*) from current_incidents").fetchone()
    return int(row[0]) if row else 0


def _env(var: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DIOGEL_VAR_DIR": str(var),
        "DIOGEL_DATA_DIR": str(SHARED_DATA),
        "DIOGEL_REPORT_WORKER": "false",
        # The bench measures the answers, not the limiter turning wrk away.
        "DIOGEL_API_RATE_LIMIT": "0",
        "DIOGEL_API_ANONYMOUS_RATE_LIMIT": "0",
    }


def _wait_until_up(base: str, server: subprocess.Popen[bytes], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("diogel serve exited before answering")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("diogel serve did not answer in time")


def wrk(url: str, script: Path) -> dict[str, float]:
    """One bounded wrk run: requests/s, p50 and p95 in milliseconds, errors."""
    out = subprocess.run(
        ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{DURATION_S}s", "--timeout", "30s",
         "-s", str(script), url],
        capture_output=True, text=True, check=True, timeout=DURATION_S + 60,
    ).stdout  # fmt: skip
    line = next(row for row in out.splitlines() if row.startswith("RESULT "))
    requests, duration_us, p50, p95, errors = line.split()[1:]
    return {
        "rps": int(requests) / (int(duration_us) / 1e6),
        "p50_ms": float(p50) / 1000,
        "p95_ms": float(p95) / 1000,
        "errors": float(errors),
    }


def run_at(factor: int) -> tuple[int, dict[str, dict[str, float]]]:
    """Serve the demo data enlarged ``factor`` times and load each target with wrk."""
    var = Path(tempfile.mkdtemp(prefix="diogel-bench-api-"))
    rows = build_var(var, factor)
    env = _env(var)
    diogel = str(BIN / "diogel")
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input", "-v", "0"]):
        subprocess.run([diogel, "manage", *command], env=env, check=True, cwd=REPO_ROOT)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [diogel, "serve", "--host", "127.0.0.1", "--port", str(port), "--threads", "8"],
        env=env, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    results: dict[str, dict[str, float]] = {}
    try:
        _wait_until_up(base, server)
        script = var / "report.lua"
        script.write_text(REPORT, encoding="utf-8")
        for name, path in TARGETS.items():
            with urllib.request.urlopen(base + path, timeout=120) as response:  # warm caches
                assert response.status == 200, (name, response.status)
            results[name] = wrk(base + path, script)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(var, ignore_errors=True)
    return rows, results


def main() -> int:
    if shutil.which("wrk") is None:
        print("bench-api needs wrk: apt-get install wrk (skipped)", file=sys.stderr)
        return 0
    if not SHARED_DATA.is_dir():
        print(f"bench-api needs the open data at {SHARED_DATA}", file=sys.stderr)
        return 2
    factors = tuple(int(a) for a in sys.argv[1:]) or FACTORS
    for factor in factors:
        rows, results = run_at(factor)
        floor = results["static file (floor)"]
        print(
            f"\n{rows:,} incidents (demo data ×{factor}); wrk {THREADS} threads, "
            f"{CONNECTIONS} connections, {DURATION_S} s per endpoint; waitress 8 threads\n"
        )
        print("| endpoint | requests/s | p50 ms | p95 ms | p50 ÷ floor | errors |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, r in results.items():
            print(
                f"| {name} | {r['rps']:,.1f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} "
                f"| {r['p50_ms'] / floor['p50_ms']:,.1f}× | {int(r['errors'])} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
