"""Cost of crime: a versioned, cited unit-cost table applied to counts.

Unit costs come from a TOML file (default: Home Office RR99, 2015/16 prices,
``analysis/data/unit_costs_rr99.toml``) that says which records each cost line
applies to. Re-basing to another price year multiplies by a deflator ratio the
user states (e.g. GDP deflator index of the target year / index of 2015/16);
Diogel does not assume one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class UnitCosts:
    title: str
    price_year: str
    costs: dict[str, float]
    applies: dict[str, str]  # "source/subcategory" (or "source/*") -> cost line

    def line_for(self, source: str, subcategory: str | None) -> str | None:
        return self.applies.get(f"{source}/{subcategory}") or self.applies.get(f"{source}/*")


def default_unit_costs_path() -> Path:
    return Path(str(resources.files("diogel.analysis") / "data" / "unit_costs_rr99.toml"))


def load_unit_costs(path: Path | None = None) -> UnitCosts:
    path = path or default_unit_costs_path()
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    costs = {str(k): float(v) for k, v in doc["unit_cost"].items()}
    applies = {str(k): str(v) for k, v in doc.get("applies", {}).items()}
    unknown = sorted(set(applies.values()) - costs.keys())
    if unknown:
        raise ValueError(f"{path}: [applies] names cost lines with no unit cost: {unknown}")
    return UnitCosts(str(doc["title"]), str(doc["price_year"]), costs, applies)


@dataclass(frozen=True)
class CostLine:
    key: str
    source: str
    subcategory: str | None
    count: int
    cost_line: str | None
    unit_cost: float | None
    total: float | None


def estimate_costs(
    counts: list[tuple[str, str, str | None, int]],
    unit_costs: UnitCosts,
    deflator: float = 1.0,
) -> list[CostLine]:
    """Costs for (key, source, subcategory, count) rows; uncosted rows say so (None).

    ``deflator`` re-bases from the table's price year (1.0 keeps its prices).
    """
    if deflator <= 0:
        raise ValueError("the deflator ratio must be positive")
    out = []
    for key, source, subcategory, count in counts:
        line = unit_costs.line_for(source, subcategory)
        unit = unit_costs.costs[line] * deflator if line else None
        out.append(
            CostLine(
                key, source, subcategory, count, line, unit, None if unit is None else unit * count
            )
        )
    return out
