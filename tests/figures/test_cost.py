"""Cost of crime by area gives away no withheld count: a protected source is costed only
through its published figures."""

from __future__ import annotations

from diogel.analysis.cost import load_unit_costs
from diogel.figures import FigureQuery, area_totals
from diogel.figures.cost import cost_by_area
from diogel.geography import Level
from diogel.reports import ReportContext


def test_ed_costs_by_health_board_follow_the_protected_counts(hub: ReportContext) -> None:
    costs = load_unit_costs()
    unit = costs.costs[costs.applies["istv/*"]]
    for month in ("2021-01", "2021-06"):
        answer = cost_by_area(hub.geo, hub.warehouse, Level.HEALTH_BOARD, None, month, month, costs)
        ed = {
            a.code: a
            for a in area_totals(
                hub.geo,
                hub.warehouse,
                FigureQuery(Level.HEALTH_BOARD, None, None, "istv", month, month),
            ).areas
        }
        for area in answer.areas:
            if ed[area.code].state != "value":
                assert area.cost is None
                assert area.state == ed[area.code].state
            else:
                assert area.cost is not None
        published = [a for a in answer.areas if a.cost is not None]
        assert published
        for area in published:
            count = ed[area.code].count or 0
            # police.uk's costed types (robbery) plus the ED attendances at their unit cost
            assert (area.cost or 0.0) >= count * unit - 1e-6


def test_local_authority_costs_leave_out_sources_not_placed_there(hub: ReportContext) -> None:
    costs = load_unit_costs()
    answer = cost_by_area(
        hub.geo, hub.warehouse, Level.LOCAL_AUTHORITY, None, "2021-01", "2021-12", costs
    )
    gwent = {"W06000018", "W06000019", "W06000020", "W06000021", "W06000022"}
    rows = {a.code: a for a in answer.areas}
    assert all(rows[c].state == "value" and (rows[c].cost or 0) > 0 for c in gwent)
