"""SYNTHETIC police.uk street files for the forces whose data is not beside the
repository, so benchmarks can produce every Welsh area's report.

Benchmarks only: the files are named SYNTHETIC-…, every location says SYNTHETIC,
and reports built from them say they include synthetic data. Each force-month
has Gwent's record count for that calendar month scaled by the force's
population, Gwent's mix of crime types, and LSOAs drawn by population, placed at
a point inside the LSOA.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from diogel.geography import Geography, Level
from diogel.sources.police_uk import FORCE_AREAS

HEADER = [
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location",
    "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context",
]  # fmt: skip


def _template(real_dir: Path, month: str) -> pd.DataFrame:
    path = real_dir / f"{month}-gwent-street.csv"
    if not path.exists():  # a month before the real files: borrow the same calendar month
        path = real_dir / f"2021-{month[5:]}-gwent-street.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def write_synthetic_forces(
    geo: Geography, real_dir: Path, out_dir: Path, months: list[str], seed: int = 7
) -> list[Path]:
    """Write SYNTHETIC files for every Welsh force without real data for a month."""
    rng = np.random.default_rng(seed)
    polygons = geo.boundaries.polygons(Level.LSOA11)
    points = shapely.point_on_surface(np.array(list(polygons.values())))
    centroids = {
        code: (float(shapely.get_x(p)), float(shapely.get_y(p)))
        for code, p in zip(polygons, points, strict=True)
    }
    lsoas = geo.hierarchy.lsoa11
    forces = {a.code: a for a in geo.hierarchy.areas_at(Level.POLICE_FORCE_AREA)}
    gwent = forces["W15000003"]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for month in months:
        template = _template(real_dir, month)
        in_wales = template[template["LSOA code"].str.startswith("W01")]
        for name, code in FORCE_AREAS.items():
            if code == gwent.code and (real_dir / f"{month}-gwent-street.csv").exists():
                continue
            force = forces[code]
            members = lsoas[lsoas["police_force_area"] == code]
            n = round(len(in_wales) * (force.population or 0) / (gwent.population or 1))
            weights = members["population"].to_numpy(float)
            chosen = rng.choice(len(members), size=n, p=weights / weights.sum())
            types = rng.choice(template["Crime type"].to_numpy(), size=n)
            path = out_dir / f"SYNTHETIC-{month}-{code}-street.csv"
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(HEADER)
                for i, crime_type in zip(chosen, types, strict=True):
                    lsoa = members.iloc[int(i)]
                    lon, lat = centroids[lsoa["code"]]
                    writer.writerow([
                        rng.bytes(32).hex() if crime_type != "Anti-social behaviour" else "",
                        month, name, name, f"{lon:.6f}", f"{lat:.6f}",
                        "SYNTHETIC: on or near the LSOA centre", lsoa["code"], lsoa["code"],
                        crime_type, "", "",
                    ])  # fmt: skip
            written.append(path)
    return written
