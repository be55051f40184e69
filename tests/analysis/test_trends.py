"""Trends and rates against pandas on the raw files, intervals against scipy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from diogel.analysis.trends import (
    add_rates,
    exceedance,
    rate_ratio,
    rolling_12_months,
    year_on_year,
)
from diogel.figures.base import monthly_counts
from diogel.geography import Geography, Level
from diogel.warehouse import Warehouse

GWENT_LAS = ["W06000018", "W06000019", "W06000020", "W06000021", "W06000022"]


@pytest.fixture(scope="module")
def raw(shared_data: Path) -> pd.DataFrame:
    return pd.concat(
        pd.read_csv(f, dtype=str)
        for f in sorted((shared_data / "police-uk" / "gwent").glob("*.csv"))
    )


@pytest.fixture(scope="module")
def la_violence(gwent_warehouse: Warehouse) -> pd.DataFrame:
    return monthly_counts(
        gwent_warehouse, Level.LOCAL_AUTHORITY, GWENT_LAS, "2020-01", "2021-12", category="violence"
    )


def test_monthly_counts_equal_pandas(
    la_violence: pd.DataFrame, raw: pd.DataFrame, geo: Geography
) -> None:
    la_of = geo.hierarchy.lsoa11.set_index("code")["local_authority"]
    v = raw[raw["Crime type"] == "Violence and sexual offences"].assign(
        area=lambda d: d["LSOA code"].map(la_of)
    )
    expected = v[v["area"].isin(GWENT_LAS)].groupby(["area", "Month"]).size()
    ours = la_violence.set_index(["area", "month"])["count"]
    assert len(ours) == 5 * 24
    assert ours.to_dict() == {k: int(n) for k, n in expected.items()}


def test_rates_per_thousand_equal_pandas(la_violence: pd.DataFrame, shared_data: Path) -> None:
    census = pd.read_csv(
        shared_data / "geography" / "census2011_lsoa11_population.csv", thousands=","
    )
    population = {
        str(k): int(v) for k, v in census.groupby("Local authority code")["Persons"].sum().items()
    }
    rated = add_rates(la_violence, population)
    newport = rated[(rated["area"] == "W06000022") & (rated["month"] == "2021-07")].iloc[0]
    assert newport["rate"] == pytest.approx(
        newport["count"] / population["W06000022"] * 1000, rel=1e-12
    )


def test_rolling_twelve_months(la_violence: pd.DataFrame) -> None:
    rolled = rolling_12_months(la_violence)
    torfaen = rolled[rolled["area"] == "W06000020"].set_index("month")
    assert np.isnan(torfaen["rolling_12"].to_numpy(float)[10])
    assert torfaen.loc["2020-12", "rolling_12"] == torfaen.loc["2020-01":"2020-12", "count"].sum()
    assert torfaen.loc["2021-12", "rolling_12"] == torfaen.loc["2021-01":"2021-12", "count"].sum()


def clopper_pearson_ratio(x: int, y: int, level: float = 0.95) -> tuple[float, float]:
    """Independent: the Clopper-Pearson limits from the beta distribution."""
    n, alpha = x + y, 1 - level
    low = stats.beta.ppf(alpha / 2, x, n - x + 1) if x > 0 else 0.0
    high = stats.beta.ppf(1 - alpha / 2, x + 1, n - x) if x < n else 1.0
    return low / (1 - low), high / (1 - high)


@pytest.mark.parametrize(("x", "y"), [(130, 100), (5, 12), (0, 7), (1000, 1020)])
def test_rate_ratio_interval_matches_the_beta_form(x: int, y: int) -> None:
    ratio, low, high, p = rate_ratio(x, y)
    expected_low, expected_high = clopper_pearson_ratio(x, y)
    assert low == pytest.approx(expected_low, rel=1e-9, abs=1e-12)
    assert high == pytest.approx(expected_high, rel=1e-9)
    assert p == pytest.approx(stats.binomtest(x, x + y, 0.5).pvalue)
    assert low <= ratio <= high


def test_year_on_year(la_violence: pd.DataFrame) -> None:
    changes = {c.area: c for c in year_on_year(la_violence, "2021-12")}
    newport = la_violence[la_violence["area"] == "W06000022"]
    assert changes["W06000022"].current == newport[newport["month"] >= "2021-01"]["count"].sum()
    assert changes["W06000022"].previous == newport[newport["month"] < "2021-01"]["count"].sum()
    with pytest.raises(ValueError, match="not all present"):
        year_on_year(la_violence, "2020-12")


def test_exceedance_flags_a_planted_spike() -> None:
    months = [f"{y}-{m:02d}" for y in range(2020, 2023) for m in range(1, 13)]
    rng = np.random.default_rng(5)
    counts = rng.poisson(50, len(months))
    counts[30] = 120
    frame = pd.DataFrame({"area": "X", "month": months, "count": counts})
    flagged = exceedance(frame)
    assert flagged.loc[30, "exceeds"] == "above"
    assert (flagged["exceeds"].iloc[:12] == "").all(), "no baseline in the first year"
    assert (flagged["exceeds"] == "above").sum() <= 2


def test_all_categories_together(
    gwent_warehouse: Warehouse, raw: pd.DataFrame, geo: Geography
) -> None:
    frame = monthly_counts(gwent_warehouse, Level.LOCAL_AUTHORITY, GWENT_LAS, "2021-01", "2021-03")
    la_of = geo.hierarchy.lsoa11.set_index("code")["local_authority"]
    sub = raw[raw["Month"].between("2021-01", "2021-03")]
    expected = sub.assign(area=sub["LSOA code"].map(la_of)).groupby(["area", "Month"]).size()
    ours = frame.set_index(["area", "month"])["count"]
    wanted = expected.reset_index(name="n")
    wanted = wanted[wanted["area"].isin(GWENT_LAS)]
    assert {k: int(v) for k, v in ours.items()} == {
        (a, m): int(n) for a, m, n in wanted[["area", "Month", "n"]].itertuples(index=False)
    }
