"""Cost per output or outcome, where a measure gives the number of units.

Money (an :class:`~diogel.funding.model.Allocation` or pence) divided by a measure's
value (a :class:`~diogel.performance.MeasureValue`, or a plain number): the cost of
one unit, in pounds to the penny (half a penny rounds up). Where the measure has no
data, is withheld by disclosure control, or is zero or negative there is no cost per
unit, and
:func:`cost_per_unit` refuses with :class:`CostError` rather than give one.

Examples
--------
>>> cost_per_unit(62454500, 6000).cost
Decimal('104.09')
>>> from diogel.performance import MeasureValue, Method
>>> empty = MeasureValue("asb", "W06000022", "Newport", "2021-01", None, Method.HUB,
...                      has_data=False)
>>> cost_per_unit(100, empty)
Traceback (most recent call last):
...
diogel.funding.cost.CostError: measure 'asb' has no data for W06000022 in 2021-01: no cost per unit
>>> cost_per_unit(100, 0)
Traceback (most recent call last):
...
diogel.funding.cost.CostError: the number of units is zero: no cost per unit
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from diogel.funding.model import Allocation, Funding, pounds
from diogel.performance.model import MeasureValue

__all__ = ["CostError", "CostLine", "CostPerUnit", "allocation_costs", "cost_per_unit"]

_PENNY = Decimal("0.01")


class CostError(ValueError):
    """No cost per unit can be given (no data, withheld, zero or negative units)."""


@dataclass(frozen=True)
class CostPerUnit:
    """``amount`` pence over ``units``: ``cost`` pounds a unit, to the penny."""

    amount: int
    units: Decimal
    cost: Decimal
    allocation: str | None = None
    measure: str | None = None
    area: str | None = None
    period: str | None = None


def _units(value: MeasureValue | int | float | Decimal) -> tuple[Decimal, MeasureValue | None]:
    measure = value if isinstance(value, MeasureValue) else None
    raw: object = measure.value if measure is not None else value
    if measure is not None:
        where = f"measure {measure.measure!r}"
        if measure.suppressed:
            raise CostError(
                f"{where} is withheld by disclosure control for {measure.area} in "
                f"{measure.period}: no cost per unit"
            )
        if raw is None or not measure.has_data:
            raise CostError(
                f"{where} has no data for {measure.area} in {measure.period}: no cost per unit"
            )
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        raise CostError(f"{raw!r} is not a number of units")
    try:
        # A float's shortest repr, so 0.1 is 0.1 and not its binary expansion.
        units = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - repr of a float always parses
        raise CostError(f"{raw!r} is not a number of units") from exc
    if not units.is_finite():
        raise CostError(f"{raw!r} is not a finite number of units")
    if units == 0:
        raise CostError("the number of units is zero: no cost per unit")
    if units < 0:
        raise CostError(f"the number of units is negative ({units}): no cost per unit")
    return units, measure


def cost_per_unit(
    money: Allocation | int, value: MeasureValue | int | float | Decimal
) -> CostPerUnit:
    """The cost of one unit of ``value`` for ``money`` (an allocation, or pence).

    Raises
    ------
    CostError
        When the measure has no data or is withheld, or the units are zero,
        negative or not a number.
    """
    amount = money.amount if isinstance(money, Allocation) else money
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise CostError(f"{amount!r} is not a whole number of pence")
    units, measure = _units(value)
    cost = (Decimal(amount) / 100 / units).quantize(_PENNY, ROUND_HALF_UP)
    return CostPerUnit(
        amount,
        units,
        cost,
        money.code if isinstance(money, Allocation) else None,
        measure.measure if measure else None,
        measure.area if measure else None,
        measure.period if measure else None,
    )


@dataclass(frozen=True)
class CostLine:
    """An allocation against one value of a measure it names: a cost, or why none."""

    allocation: str
    measure: str
    area: str
    period: str
    amount: int
    result: CostPerUnit | None
    refused: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "allocation": self.allocation,
            "measure": self.measure,
            "area": self.area,
            "period": self.period,
            "amount": str(pounds(self.amount)),
            "units": None if self.result is None else str(self.result.units),
            "cost_per_unit": None if self.result is None else str(self.result.cost),
            "refused": self.refused,
        }


def allocation_costs(funding: Funding, values: Iterable[MeasureValue]) -> list[CostLine]:
    """Cost per unit for every allocation naming measures, against each value of those
    measures in the allocation's area (any area when it names none)."""
    values = list(values)
    out = []
    for a in funding.allocations:
        for v in values:
            if v.measure not in a.measures or (a.area is not None and v.area != a.area):
                continue
            try:
                result, refused = cost_per_unit(a, v), None
            except CostError as exc:
                result, refused = None, str(exc)
            out.append(CostLine(a.code, v.measure, v.area, v.period, a.amount, result, refused))
    return out
