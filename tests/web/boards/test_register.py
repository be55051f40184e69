"""The register in the database, read back in the core's terms."""

from __future__ import annotations

import pytest

from diogel.landscape import AreaIndex, load_landscape
from diogel.landscape.analysis import analyse
from diogel.web.boards.models import Board, Person, Seat, SeatHolding, StatusChange
from diogel.web.boards.register import landscape_from_register
from diogel.web.boards.seed import seed_landscape

pytestmark = pytest.mark.django_db


def test_the_seeded_register_analyses_as_the_file_does() -> None:
    # The site's analysis and `diogel landscape analyse` must agree on the seed.
    seed_landscape()
    areas = AreaIndex.default()
    from_site = analyse(landscape_from_register(), areas).as_dict()
    from_file = analyse(load_landscape(), areas).as_dict()
    assert from_site == from_file


def test_the_seed_holds_people_history_and_organisations() -> None:
    seed_landscape()
    landscape = load_landscape()
    assert Person.objects.count() == len(landscape.people) == 10
    assert SeatHolding.objects.count() == len(landscape.memberships)
    assert StatusChange.objects.count() == sum(len(b.status_history) for b in landscape.boards)
    svoc = Board.objects.get(code="dyfed-powys-svoc-board")
    assert "dyfed-powys-contest-board" in {b.code for b in svoc.back_to_back_with.all()}
    seat = Seat.objects.filter(board__code="gwent-csp-oversight-group", mandatory=True)
    assert seat.count() == 9
    assert all(s.sources for s in seat)


def test_an_edit_on_the_site_changes_the_analysis() -> None:
    seed_landscape()
    areas = AreaIndex.default()
    before = analyse(landscape_from_register(), areas)
    orphan = next(x.board for x in before.no_escalation)
    board = Board.objects.get(code=orphan)
    board.parent = Board.objects.get(code="safer-communities-board")
    board.save()
    after = analyse(landscape_from_register(), areas)
    assert orphan not in {x.board for x in after.no_escalation}
    assert len(after.no_escalation) == len(before.no_escalation) - 1
