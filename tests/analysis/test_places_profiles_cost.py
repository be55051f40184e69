"""Repeat locations, time profiles, kernel density, grids, hidden harm and cost."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from diogel.analysis.cost import estimate_costs, load_unit_costs
from diogel.analysis.grid import GridTooLargeError, grid_counts, to_bng
from diogel.analysis.hidden_harm import hidden_harm
from diogel.analysis.kde import quartic_density, silverman_bandwidth
from diogel.analysis.places import concentration, gini, top_places
from diogel.analysis.time_profile import day_hour_profile


@pytest.fixture(scope="module")
def newport_2021(shared_data: Path) -> pd.DataFrame:
    frames = [
        pd.read_csv(f, dtype=str)
        for f in sorted((shared_data / "police-uk" / "gwent").glob("2021-*.csv"))
    ]
    raw = pd.concat(frames)
    return raw[raw["LSOA name"].str.startswith("Newport", na=False)]


def test_top_places_and_concentration_equal_pandas(newport_2021: pd.DataFrame) -> None:
    frame = newport_2021.rename(columns={"LSOA code": "lsoa11", "Location": "place"})
    top = top_places(frame, 5)
    expected = frame.groupby(["lsoa11", "place"]).size().sort_values(ascending=False)
    assert list(top["count"]) == list(expected.iloc[:5])
    summary = concentration(frame)
    counts = np.sort(expected.to_numpy())[::-1]
    k = int(np.ceil(0.05 * counts.size))
    assert summary.top_5pc_share == pytest.approx(counts[:k].sum() / counts.sum())
    assert summary.places == counts.size


def test_gini_against_the_mean_difference_definition() -> None:
    x = np.random.default_rng(2).poisson(3, 300).astype(float)
    mean_difference = np.abs(x[:, None] - x[None, :]).mean()
    assert gini(x) == pytest.approx(mean_difference / (2 * x.mean()), rel=1e-12)


def test_day_hour_profile_equals_pandas() -> None:
    rng = np.random.default_rng(4)
    stamps = pd.to_datetime("2021-01-01") + pd.to_timedelta(
        rng.integers(0, 365 * 24 * 60, 5000), unit="min"
    )
    frame = pd.DataFrame({"occurred_date": stamps.date, "occurred_time": stamps.time})
    frame.loc[0, "occurred_time"] = None
    table = day_hour_profile(frame)
    expected = pd.crosstab(stamps[1:].day_of_week, stamps[1:].hour)
    assert table.to_numpy().sum() == 4999
    assert (table.to_numpy() == expected.to_numpy()).all()
    assert list(table.index)[4] == "Friday"


def test_grid_guard_against_a_stray_point() -> None:
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.normal(330_000, 2_000, 1000), [10_000_000]])
    y = np.concatenate([rng.normal(190_000, 2_000, 1000), [10_000_000]])
    grid = grid_counts(x, y, 100)  # default bounds ignore the stray point
    assert grid.rows * grid.columns < 100_000
    assert grid.outside >= 1
    assert grid.counts.sum() + grid.outside == 1001
    with pytest.raises(GridTooLargeError, match="cells"):
        grid_counts(x, y, 1, bounds=(0, 0, 700_000, 1_300_000))


def test_bng_projection_of_a_known_point() -> None:
    # Cardiff Castle, roughly: E 318 100, N 176 500.
    x, y = to_bng(np.array([-3.1812]), np.array([51.4826]))
    assert abs(float(x[0]) - 318_100) < 300
    assert abs(float(y[0]) - 176_500) < 300


def test_kernel_density_integrates_to_the_number_of_points() -> None:
    rng = np.random.default_rng(9)
    x = rng.normal(0, 1000, 2000)
    y = rng.normal(0, 1000, 2000)
    grid = grid_counts(x, y, 50, bounds=(-10_000, -10_000, 10_000, 10_000))
    bandwidth = silverman_bandwidth(x, y)
    density = quartic_density(grid, bandwidth)
    assert density.sum() * (grid.cell / 1000) ** 2 == pytest.approx(2000, rel=0.01)
    assert bandwidth == pytest.approx(0.9 * 1000 * 2000 ** (-0.2), rel=0.1)


def test_hidden_harm_ratio_and_interval() -> None:
    rows = {h.area: h for h in hidden_harm({"A": 60, "B": 0}, {"A": 40, "C": 10})}
    assert rows["A"].ratio == 1.5
    assert rows["A"].ratio_low < 1.5 < rows["A"].ratio_high
    assert rows["C"].ed_assaults == 0


def test_costs_from_the_cited_table() -> None:
    costs = load_unit_costs()
    assert costs.costs["robbery"] == 11_320
    assert costs.costs["violence_with_injury"] == 14_050
    lines = estimate_costs(
        [
            ("A", "police_uk_street", "robbery", 10),
            ("A", "istv", "body", 3),
            ("A", "police_uk_street", "violence_and_sexual_offences", 50),
        ],
        costs,
        deflator=1.2,
    )
    assert lines[0].total == pytest.approx(10 * 11_320 * 1.2)
    assert lines[1].total == pytest.approx(3 * 14_050 * 1.2)
    assert lines[2].total is None, "police.uk violence is not costed: it merges offence types"
    with pytest.raises(ValueError, match="positive"):
        estimate_costs([], costs, deflator=0)
