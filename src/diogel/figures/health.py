"""Emergency-department figures: monthly series beside police violence, ED/police
ratios by health board, and day × hour profiles, all from published cells.

Emergency-department attendances are known by the health board of the department
that treated them, and they are protected (:mod:`diogel.figures.publication`):
a series, a total or a ratio is published only where every month it is made of
is published, and a ratio only over the months both sources cover.
"""

from __future__ import annotations

import math

import numpy as np

from diogel.analysis.hidden_harm import hidden_harm
from diogel.disclosure.rules import OPEN_SOURCES, rule_for_source
from diogel.disclosure.suppression import protect_table
from diogel.figures.answers import Answer, State
from diogel.figures.base import incident_frame
from diogel.figures.cells import NO_DATA, Cell, area_month_cells, combine
from diogel.figures.query import FigureError
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse

EMERGENCY_DEPARTMENTS = "istv"
POLICE = "police_uk_street"
WALES = "W92000004"


class MonthPair(Answer):
    month: str
    ed: int | None
    ed_state: State
    police: int | None
    police_state: State


class EdPoliceSeries(Answer):
    """ED assault attendances and police-recorded violence a month for some boards."""

    boards: list[str]
    months: list[MonthPair]
    ed_withheld: int


class BoardComparison(Answer):
    code: str
    name_en: str
    name_cy: str
    months_compared: int
    state: State
    ed_assaults: int | None
    police_violence: int | None
    ratio: float | None
    ci_low: float | None
    ci_high: float | None


class TimeProfile(Answer):
    """Day (Monday first) × hour counts over a fixed publication window."""

    source: str
    area: str
    month_from: str
    month_to: str
    cells: list[list[int | None]]
    withheld: int
    without_time: int | None
    total: int | None


def _board_areas(geo: Geography, boards: list[Area]) -> list[Area]:
    """All of Wales's boards are counted as Wales: its published margin, not a sum."""
    every = {a.code for a in geo.hierarchy.areas_at(Level.HEALTH_BOARD)}
    if {b.code for b in boards} == every:
        return [geo.hierarchy.area(WALES, Level.WALES)]
    return boards


def ed_police_monthly(
    geo: Geography, warehouse: Warehouse, boards: list[Area], first: str, last: str
) -> EdPoliceSeries:
    """ED attendances (all of them) and police violence a month, summed over ``boards``."""
    areas = _board_areas(geo, boards)
    ed = area_month_cells(
        geo, warehouse, {EMERGENCY_DEPARTMENTS}, None, areas, first, last, Level.HEALTH_BOARD
    )
    police = area_month_cells(
        geo, warehouse, {POLICE}, "violence", boards, first, last, Level.HEALTH_BOARD
    )
    months = []
    for month in ed.months:
        e = combine([ed.cells[a.code][month] for a in areas])
        p = combine([police.cells[b.code][month] for b in boards])
        months.append(
            MonthPair(
                month=month, ed=e.value, ed_state=e.state, police=p.value, police_state=p.state
            )
        )
    return EdPoliceSeries(
        boards=[b.code for b in boards],
        months=months,
        ed_withheld=sum(1 for m in months if m.ed_state == "withheld"),
    )


def ed_against_police(
    geo: Geography, warehouse: Warehouse, first: str, last: str
) -> list[BoardComparison]:
    """ED assaults against police violence by health board, as ``analyse hidden-harm``:
    over the months both sources cover, and only where the ED total is published."""
    boards = sorted(geo.hierarchy.areas_at(Level.HEALTH_BOARD), key=lambda a: a.code)
    ed = area_month_cells(
        geo, warehouse, {EMERGENCY_DEPARTMENTS}, None, boards, first, last, Level.HEALTH_BOARD
    )
    police = area_month_cells(
        geo, warehouse, {POLICE}, "violence", boards, first, last, Level.HEALTH_BOARD
    )
    out = []
    for board in boards:
        both = [
            m
            for m in ed.months
            if ed.cells[board.code][m].state != "no_data"
            and police.cells[board.code][m].state != "no_data"
        ]
        e = combine([ed.cells[board.code][m] for m in both]) if both else NO_DATA
        p = combine([police.cells[board.code][m] for m in both]) if both else NO_DATA
        ratio = low = high = None
        if e.value is not None and p.value is not None:
            (h,) = hidden_harm({board.code: e.value}, {board.code: p.value})
            ratio, low, high = _finite(h.ratio), _finite(h.ratio_low), _finite(h.ratio_high)
        out.append(
            BoardComparison(
                code=board.code,
                name_en=board.name_en,
                name_cy=board.name_cy,
                months_compared=len(both),
                state=e.state,
                ed_assaults=e.value,
                police_violence=p.value,
                ratio=ratio,
                ci_low=low,
                ci_high=high,
            )
        )
    return out


def is_calendar_year(first: str, last: str) -> bool:
    """Whether ``first``..``last`` is one whole calendar year.

    Examples
    --------
    >>> is_calendar_year("2021-01", "2021-12"), is_calendar_year("2021-02", "2022-01")
    (True, False)
    """
    return first[5:] == "01" and last[5:] == "12" and first[:4] == last[:4]


def time_profile(
    geo: Geography,
    warehouse: Warehouse,
    source: str,
    area: Area | None,
    first: str,
    last: str,
    category: str | None = None,
) -> TimeProfile:
    """Day-of-week × hour counts of ``source`` in ``area`` (Wales when None).

    A protected source's tables are published for whole calendar years only: a
    fixed window, so a series of reports or queries cannot be differenced into the
    months between. The table is protected with its margins, and its total is
    withheld whenever the same count is withheld elsewhere (the area's year) or the
    records without a time are few enough to identify.
    """
    from diogel.analysis.time_profile import day_hour_profile

    protected = source not in OPEN_SOURCES
    if protected and not is_calendar_year(first, last):
        raise FigureError(
            f"day and hour tables of {source} are published for whole calendar years only "
            "(from YYYY-01 to YYYY-12), so that overlapping windows cannot be differenced"
        )
    wales = area is None or area.level is Level.WALES
    columns = ["occurred_date", "occurred_time"]
    if wales:
        frame = incident_frame(warehouse, columns, source, category, first, last)
        scope = geo.hierarchy.area(WALES, Level.WALES)
    elif source == EMERGENCY_DEPARTMENTS:
        assert area is not None
        boards = (
            [area]
            if area.level is Level.HEALTH_BOARD
            else [
                geo.hierarchy.area(c, Level.HEALTH_BOARD)
                for c in sorted(geo.hierarchy.overlapping(Level.HEALTH_BOARD, area))
            ]
        )
        import pandas as pd

        frames = [
            incident_frame(
                warehouse, columns, source, category, first, last, "reporting_area", b.code
            )
            for b in boards
        ]
        frame = pd.concat(frames, ignore_index=True)
        scope = boards[0] if len(boards) == 1 else area
    else:
        assert area is not None
        from diogel.figures.base import AREA_COLUMNS

        frame = incident_frame(
            warehouse, columns, source, category, first, last, AREA_COLUMNS[area.level], area.code
        )
        scope = area
    table = day_hour_profile(frame).to_numpy()
    timed = int(table.sum())
    untimed = len(frame) - timed
    rule = rule_for_source(source)
    forced = np.zeros((table.shape[0] + 1, table.shape[1] + 1), dtype=bool)
    if protected:
        year = area_month_cells(
            geo,
            warehouse,
            {source},
            category,
            [scope],
            first,
            last,
            Level.HEALTH_BOARD if source == EMERGENCY_DEPARTMENTS else scope.level,
        ).window(scope.code)
        if not year.published or rule.low <= untimed <= rule.high:
            forced[-1, -1] = True
    result = protect_table(table, rule, forced)
    cells = [
        [None if result.suppressed[d, h] else int(table[d, h]) for h in range(table.shape[1])]
        for d in range(table.shape[0])
    ]
    total_hidden = bool(result.suppressed[-1, -1])
    return TimeProfile(
        source=source,
        area=scope.code,
        month_from=first,
        month_to=last,
        cells=cells,
        withheld=int(result.suppressed[:-1, :-1].sum()),
        without_time=None if protected and total_hidden else untimed,
        total=None if total_hidden else timed,
    )


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


__all__ = [
    "BoardComparison",
    "Cell",
    "EdPoliceSeries",
    "MonthPair",
    "TimeProfile",
    "ed_against_police",
    "ed_police_monthly",
    "time_profile",
]
