"""The seat matrix: cells, totals, order, and agreement with the load analysis."""

from __future__ import annotations

import json

import pytest

from diogel.landscape import Landscape, load_landscape
from diogel.landscape.analysis.load import organisation_load
from diogel.landscape.matrix import Cell, SeatMatrix, seat_matrix
from diogel.landscape.network import LEVEL_ORDER
from diogel.landscape.vocab import BoardLevel
from tests.landscape import builders as b


@pytest.fixture(scope="module")
def wales() -> Landscape:
    return load_landscape()


def assert_totals_add_up(matrix: SeatMatrix) -> None:
    for row in matrix.rows:
        cells = [c for (o, _), c in matrix.cells.items() if o == row.code]
        assert row.boards == len(cells)
        assert row.seats == sum(c.seats for c in cells)
        assert row.mandatory == sum(c.mandatory for c in cells)
    for column in matrix.columns:
        cells = [c for (_, board), c in matrix.cells.items() if board == column.code]
        assert column.organisations == len(cells)
        assert column.seats == sum(c.seats for c in cells)
        assert column.mandatory == sum(c.mandatory for c in cells)
    totals = matrix.totals()
    assert (
        totals["seats"] == sum(r.seats for r in matrix.rows) == sum(c.seats for c in matrix.columns)
    )
    assert totals["mandatory"] == sum(r.mandatory for r in matrix.rows)


@pytest.mark.parametrize("region", [None, "W15000003", "W15000001", "W92000004"])
def test_wales_totals_add_up_and_match_the_load(wales: Landscape, region: str | None) -> None:
    matrix = seat_matrix(wales, region=region)
    assert_totals_add_up(matrix)
    if region is None:
        loads = {x.code: x for x in organisation_load(wales)}
        assert {r.code for r in matrix.rows} == set(loads)
        for row in matrix.rows:
            load = loads[row.code]
            assert (row.boards, row.meetings_known, row.boards_frequency_unknown) == (
                len(load.boards),
                load.meetings_known,
                load.boards_frequency_unknown,
            )


def test_wales_seats_match_the_model(wales: Landscape) -> None:
    matrix = seat_matrix(wales)
    codes = {c.code for c in matrix.columns}
    boards = [x for x in wales.boards if x.code in codes]
    assert matrix.totals()["seats"] == sum(1 for x in boards for s in x.seats if s.organisation)
    assert matrix.totals()["mandatory"] == sum(
        1 for x in boards for s in x.seats if s.organisation and s.mandatory
    )
    assert matrix.row("welsh-government").meetings_known == 4  # the quarterly PPB


def test_order_of_rows_and_columns(wales: Landscape) -> None:
    matrix = seat_matrix(wales)
    keys = [(-r.boards, r.name_en.casefold()) for r in matrix.rows]
    assert keys == sorted(keys)
    levels = [LEVEL_ORDER[BoardLevel(c.level)] for c in matrix.columns]
    assert levels == sorted(levels)
    for level in BoardLevel:
        names = [c.name_en.casefold() for c in matrix.columns if c.level == level.value]
        assert names == sorted(names)


def test_gwent_region(wales: Landscape) -> None:
    matrix = seat_matrix(wales, region="W15000003")
    codes = {c.code for c in matrix.columns}
    assert "gwent-csp-oversight-group" in codes
    assert "north-wales-safer-communities-board" not in codes
    group = matrix.column("gwent-csp-oversight-group")
    assert (group.seats, group.mandatory, group.seats_without_organisation) == (9, 8, 1)
    assert matrix.cell("gwent-police", "gwent-csp-oversight-group") == Cell(1, 1)
    assert len(matrix.rows) == 8


def test_tiny_matrix() -> None:
    matrix = seat_matrix(b.tiny())
    # Two boards each, so by name ("Heddlu & <Police>" after "Health").
    assert [r.code for r in matrix.rows] == ["council", "health", "police"]
    assert [c.code for c in matrix.columns] == ["national", "csp", "gwynedd", "vawdasv"]
    assert matrix.cell("police", "csp") == Cell(2, 1, member=True)
    assert matrix.cell("health", "csp") == Cell(0, 0, member=True)
    assert matrix.cell("council", "vawdasv") == Cell(0, 0, member=True)
    assert matrix.cell("lonely", "closed") is None
    council = matrix.row("council")
    assert (council.boards, council.seats, council.meetings_known) == (2, 1, 6)
    assert matrix.row("health").boards_frequency_unknown == 1
    assert matrix.column("csp").seats_without_organisation == 1
    assert matrix.totals() == {
        "organisations": 3,
        "boards": 4,
        "seats": 5,
        "mandatory": 2,
        "seats_without_organisation": 1,
    }
    assert_totals_add_up(matrix)
    lines = list(matrix.csv_rows())
    assert lines[0][:6] == ["organisation", "name", "national", "csp", "gwynedd", "vawdasv"]
    assert lines[3][:6] == ["police", "Heddlu & <Police>", "1/0", "2/1", "", ""]
    assert lines[2][3] == "member"
    assert lines[-1][:6] == ["total", "", "1/0", "3/1", "1/1", "0/0"]


def test_as_dict_is_json(wales: Landscape) -> None:
    data = json.loads(json.dumps(seat_matrix(wales).as_dict()))
    assert data["totals"]["boards"] == len(data["columns"])
    first = data["rows"][0]
    assert sum(c["seats"] for c in first["cells"].values()) == first["seats"]
