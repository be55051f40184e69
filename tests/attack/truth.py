"""The referee: the true counts, read from the warehouse. The attacker never uses this;
the tests use it to say which withheld values are small (1 to 4) and whether the
attacker pinned them, and to check every observation holds for the truth."""

from __future__ import annotations

from collections import Counter

from diogel.analysis.time_profile import day_hour_profile
from diogel.figures.base import count_incidents, incident_frame
from diogel.warehouse import Warehouse
from tests.attack.observe import Cell, Terms

SOURCE = "istv"


def board_months(warehouse: Warehouse) -> dict[Cell, int]:
    """(health board, month) -> ED assaults placed there (the board of the department)."""
    rows = count_incidents(warehouse, ["reporting_area", "month"], SOURCE)
    return {(str(r.keys["reporting_area"]), str(r.keys["month"])): r.count for r in rows}


def day_hour_cells(warehouse: Warehouse, board: str) -> dict[Cell, int]:
    """(board, month, day 0-6 Monday first, hour) -> the board's ED assaults, as the
    reports' day x hour table counts them (by the assault's date and time)."""
    frame = incident_frame(
        warehouse,
        ["month", "occurred_date", "occurred_time"],
        SOURCE,
        None,
        None,
        None,
        "reporting_area",
        board,
    )
    out: Counter[Cell] = Counter()
    for month, group in frame.groupby(frame["month"].astype(str).str[:7]):
        table = day_hour_profile(group).to_numpy()
        for d in range(7):
            for h in range(24):
                if table[d, h]:
                    out[(board, str(month), str(d), str(h))] += int(table[d, h])
    return dict(out)


def value(truth: dict[Cell, int], terms: Terms) -> float:
    return sum(coefficient * truth.get(cell, 0) for cell, coefficient in terms)
