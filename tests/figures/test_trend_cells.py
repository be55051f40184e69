"""Derived trend figures come from published months only, month by month: a month with
no data (or withheld) blanks the figures it is part of and no others."""

from __future__ import annotations

import numpy as np
import pandas as pd

from diogel.figures.cells import NO_DATA, WITHHELD, Cell, CellGrid
from diogel.figures.coverage import months_between
from diogel.figures.trends import trend_frame, year_on_year
from diogel.geography import Area, Level

AREA = Area("A1", Level.LOCAL_AUTHORITY, "Somewhere", "Rhywle", population=10_000)


def grid(values: list[Cell], first: str = "2020-01") -> CellGrid:
    months = months_between(
        first, f"{2020 + (len(values) - 1) // 12}-{(len(values) - 1) % 12 + 1:02d}"
    )
    return CellGrid(
        ("test",), False, tuple(months), {AREA.code: dict(zip(months, values, strict=True))}
    )


def test_a_leading_month_with_no_data_blanks_only_the_rolling_totals_it_is_in() -> None:
    cells = [NO_DATA] + [Cell(10 + i, "value") for i in range(23)]
    frame = trend_frame(AREA, grid(cells))
    rolling = frame["rolling_12"].to_numpy()
    # Month i (from 1) holds 9 + i. December 2020 (index 11) needs January: none. From
    # January 2021 (index 12) on, every 12 months are known and each total is given.
    assert np.isnan(rolling[:12]).all()
    assert rolling[12:].tolist() == [
        sum(9 + i for i in range(k - 11, k + 1)) for k in range(12, 24)
    ]
    # The expected count is the mean of the 12 months before: January 2021's includes
    # the missing month, February 2021's does not.
    exp = frame["expected"].to_numpy()
    assert np.isnan(exp[12])
    assert exp[13] == np.mean([9 + i for i in range(1, 13)])


def test_a_withheld_month_is_no_part_of_any_derived_figure() -> None:
    cells = [Cell(20, "value") for _ in range(24)]
    cells[5] = WITHHELD
    frame = trend_frame(AREA, grid(cells))
    usable = frame["usable"].to_numpy()
    assert not usable[5]
    rolling = frame["rolling_12"].to_numpy()
    assert np.isnan(rolling[11:17]).all()  # every 12 months holding June 2020
    assert rolling[17] == 12 * 20
    assert np.isnan(frame["expected"].to_numpy()[12:18]).all()
    assert frame["exceeds"].iloc[5] == ""  # no flag on a withheld month
    assert year_on_year(frame, "2021-12") is None  # its previous year holds the month


def test_year_on_year_needs_every_month_of_both_years() -> None:
    cells = [Cell(10, "value") for _ in range(12)] + [Cell(13, "value") for _ in range(12)]
    change = year_on_year(trend_frame(AREA, grid(cells)), "2021-12")
    assert change is not None
    assert (change.current, change.previous) == (156, 120)
    assert change.ratio == 156 / 120


def test_rates_are_of_published_months_only() -> None:
    cells = [Cell(50, "value"), NO_DATA, Cell(0, "value")]
    frame = trend_frame(AREA, grid(cells))
    assert frame["rate"].iloc[0] == 50 / 10_000 * 1000
    assert frame["usable"].tolist() == [True, False, True]
    assert isinstance(frame, pd.DataFrame)
