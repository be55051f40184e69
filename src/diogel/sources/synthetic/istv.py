"""A deterministic SYNTHETIC ISTV generator for demonstrations and tests.

Real emergency-department assault data is personal-derived and not public, so
Diogel ships this generator. Its output is labelled SYNTHETIC in the file name
and in every location description, uses the SYNTHETIC code lists and site
codes, and follows plausible shapes: a few thousand attendances a year across
Wales, peaks on Friday and Saturday nights, mostly body-part assaults in streets
and pubs.
"""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from diogel.sources.istv import CSV_COLUMNS
from diogel.sources.istv_codes import IstvCodeLists, load_code_lists

#: Attendances a year across all sites (Wales sees a few thousand).
ANNUAL_ATTENDANCES = 4000

# Relative likelihood by weekday (Mon..Sun) and by hour: weekend nights dominate.
WEEKDAY_WEIGHT = np.array([0.8, 0.75, 0.8, 0.9, 1.3, 1.9, 1.55])
HOUR_WEIGHT = np.array(
    [
        3.2,
        3.4,
        3.0,
        2.2,
        1.2,
        0.6,
        0.4,
        0.4,
        0.5,
        0.6,
        0.7,
        0.8,
        0.9,
        1.0,
        1.0,
        1.1,
        1.2,
        1.4,
        1.6,
        1.8,
        2.0,
        2.3,
        2.7,
        3.0,
    ]
)
METHOD_WEIGHT = {"S1": 0.66, "S2": 0.07, "S3": 0.06, "S4": 0.12, "S5": 0.005, "S9": 0.085}
LOCATION_WEIGHT = {"L1": 0.42, "L2": 0.2, "L3": 0.22, "L4": 0.05, "L5": 0.02, "L9": 0.09}
LOCATION_TEXT = {
    "L1": ["High Street", "Queen Street", "bus station", "park", "outside takeaway"],
    "L2": ["pub on High Street", "nightclub", "bar in town centre"],
    "L3": ["home address", "friend's house"],
    "L4": ["shop where works", "hospital ward", "taxi"],
    "L5": ["school grounds", "college"],
    "L9": ["beach", "car park", "train"],
}


@dataclass(frozen=True)
class Site:
    code: str
    name: str
    town: str
    health_board: str
    local_authority: str
    weight: float


def load_sites() -> list[Site]:
    path = resources.files("diogel.sources.synthetic") / "ed_sites.toml"
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Site(**entry) for entry in document["site"]]


def site_health_boards() -> dict[str, str]:
    return {s.code: s.health_board for s in load_sites()}


def generate_month(
    site: Site,
    month: dt.date,
    seed: int = 1,
    codes: IstvCodeLists | None = None,
    count: int | None = None,
) -> list[dict[str, str]]:
    """One site's SYNTHETIC submission for ``month`` (first day of the month).

    ``count`` fixes the number of attendances (default: drawn around the site's
    share of :data:`ANNUAL_ATTENDANCES`).
    """
    codes = codes or load_code_lists()
    sites = load_sites()
    share = site.weight / sum(s.weight for s in sites)
    rng = np.random.default_rng([seed, month.year, month.month, sum(map(ord, site.code))])
    end = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    days = np.array([month + dt.timedelta(days=i) for i in range((end - month).days + 1)])
    day_weight = np.array([WEEKDAY_WEIGHT[d.weekday()] for d in days])
    expected = ANNUAL_ATTENDANCES / 12 * share * (1.15 if month.month == 12 else 1.0)
    drawn = int(rng.poisson(expected))
    count = drawn if count is None else count
    methods = [m for m in METHOD_WEIGHT if m in codes.assault_method]
    locations = [loc for loc in LOCATION_WEIGHT if loc in codes.assault_location_type]
    m_weight = np.array([METHOD_WEIGHT[m] for m in methods])
    l_weight = np.array([LOCATION_WEIGHT[loc] for loc in locations])
    rows = []
    for _ in range(count):
        day = days[rng.choice(len(days), p=day_weight / day_weight.sum())]
        hour = int(rng.choice(24, p=HOUR_WEIGHT / HOUR_WEIGHT.sum()))
        assaulted = dt.datetime.combine(day, dt.time(hour, int(rng.integers(0, 60))))
        arrived = assaulted + dt.timedelta(minutes=int(rng.gamma(2.0, 45)) + 10)
        if arrived.date() > end:
            arrived = dt.datetime.combine(end, dt.time(23, 59))
        method = str(rng.choice(methods, p=m_weight / m_weight.sum()))
        location = str(rng.choice(locations, p=l_weight / l_weight.sum()))
        place = LOCATION_TEXT.get(location, ["unspecified"])
        rows.append(
            {
                "REPORTING_PERIOD_START_DATE": month.isoformat(),
                "REPORTING_PERIOD_END_DATE": end.isoformat(),
                "SITE_CODE_OF_TREATMENT": site.code,
                "ARRIVAL_DATE_TIME": ""
                if rng.random() < 0.02
                else arrived.strftime("%Y-%m-%d %H:%M"),
                "ASSAULT_DATE_TIME": assaulted.strftime("%Y-%m-%d %H:%M"),
                "ASSAULT_METHOD": method,
                "ASSAULT_METHOD_OTHER_DESCRIPTION": "SYNTHETIC other" if method == "S9" else "",
                "ASSAULT_LOCATION_TYPE": location,
                "ASSAULT_LOCATION_DESCRIPTION": (
                    f"SYNTHETIC: {place[int(rng.integers(len(place)))]}, {site.town}"
                ),
            }
        )
    rows.sort(key=lambda r: r["ASSAULT_DATE_TIME"])
    return rows


def write_months(directory: Path, first: dt.date, months: int, seed: int = 1) -> list[Path]:
    """Write one SYNTHETIC CSV per site and month; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for site in load_sites():
        month = first.replace(day=1)
        for _ in range(months):
            rows = generate_month(site, month, seed)
            path = directory / f"SYNTHETIC-istv-{site.code}-{month:%Y-%m}.csv"
            with path.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
                writer.writeheader()
                writer.writerows(rows)
            paths.append(path)
            month = (month + dt.timedelta(days=32)).replace(day=1)
    return paths


def write_low_volume_months(
    directory: Path,
    first: dt.date,
    months: int,
    seed: int = 1,
    low: int = 2,
    high: int = 6,
) -> list[Path]:
    """Write a SYNTHETIC low-volume extract: ``low`` to ``high`` attendances in each
    health board each month (drawn evenly), shared among the board's sites by their
    weights; one CSV per site and month that has any (a file cannot be empty).

    Small counts everywhere are what disclosure control has to protect; the
    adversarial tests attack this extract. Deterministic for a ``seed``.
    """
    if not 0 <= low <= high:
        raise ValueError("need 0 <= low <= high")
    directory.mkdir(parents=True, exist_ok=True)
    codes = load_code_lists()
    boards: dict[str, list[Site]] = {}
    for site in load_sites():
        boards.setdefault(site.health_board, []).append(site)
    paths = []
    month = first.replace(day=1)
    for _ in range(months):
        for board in sorted(boards):
            sites = boards[board]
            rng = np.random.default_rng([seed, month.year, month.month, sum(map(ord, board))])
            total = int(rng.integers(low, high + 1))
            weights = np.array([s.weight for s in sites], dtype=float)
            shares = rng.multinomial(total, weights / weights.sum())
            for site, share in zip(sites, shares, strict=True):
                if share == 0:
                    continue
                rows = generate_month(site, month, seed, codes, count=int(share))
                path = directory / f"SYNTHETIC-istv-{site.code}-{month:%Y-%m}.csv"
                with path.open("w", encoding="utf-8", newline="") as handle:
                    writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
                    writer.writeheader()
                    writer.writerows(rows)
                paths.append(path)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return paths
