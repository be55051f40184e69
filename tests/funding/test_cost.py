"""Cost per unit: exact to the penny, refused where the measure has no data or is zero."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from diogel.funding import Allocation, CostError, Source, allocation_costs, cost_per_unit
from diogel.funding.model import Funding
from diogel.performance import MeasureValue, Method

SRC = (Source("003_x.txt", "q"),)


def value(v: float | None, **kw: object) -> MeasureValue:
    return MeasureValue("idva-cases", "W15000003", "Gwent", "2018", v, Method.MANUAL, **kw)  # type: ignore[arg-type]


def test_cost_of_one_unit_from_a_measure_and_a_plain_number() -> None:
    allocation = Allocation("a", "g", 62454500, SRC)
    result = cost_per_unit(allocation, value(1000.0))
    assert result.cost == Decimal("624.55")
    assert (result.allocation, result.measure, result.area, result.period) == (
        "a", "idva-cases", "W15000003", "2018",
    )  # fmt: skip
    assert cost_per_unit(100, Decimal("3")).cost == Decimal("0.33")
    assert cost_per_unit(1, 0.1).units == Decimal("0.1")


@pytest.mark.parametrize(
    ("units", "message"),
    [
        (value(None, has_data=False), "has no data for W15000003 in 2018"),
        (value(None), "has no data"),
        (value(None, suppressed=True), "withheld by disclosure control"),
        (value(0.0), "zero"),
        (0, "zero"),
        (Decimal("0.00"), "zero"),
        (-3, "negative"),
        (math.nan, "not a finite number"),
        (math.inf, "not a finite number"),
        (True, "not a number"),
    ],
)
def test_refused_without_data_or_with_zero_units(units: object, message: str) -> None:
    with pytest.raises(CostError, match=message):
        cost_per_unit(100, units)  # type: ignore[arg-type]


def test_allocation_costs_pair_allocations_with_their_measures_values() -> None:
    with_measure = Allocation("a", "g", 1000, SRC, area="W15000003", measures=("idva-cases",))
    elsewhere = Allocation("b", "g", 1000, SRC, area="W06000022", measures=("idva-cases",))
    funding = Funding((), (), (), (), (), (with_measure, elsewhere), ())
    lines = allocation_costs(funding, [value(4.0), value(0.0), value(None, has_data=False)])
    assert [(x.allocation, x.result.cost if x.result else x.refused) for x in lines] == [
        ("a", Decimal("2.50")),
        ("a", "the number of units is zero: no cost per unit"),
        ("a", "measure 'idva-cases' has no data for W15000003 in 2018: no cost per unit"),
    ]
    assert lines[0].as_dict()["cost_per_unit"] == "2.50"
