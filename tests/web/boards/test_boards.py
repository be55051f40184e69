"""The boards register, seeded from the cited Welsh landscape, in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from diogel.landscape import load_landscape
from diogel.web.accounts.roles import Role
from diogel.web.boards.models import AgendaItem, Board, Seat, TrackerEntry

pytestmark = pytest.mark.django_db
OVERSIGHT = "gwent-csp-oversight-group"


@pytest.fixture
def seeded() -> None:
    call_command("seed_wales_landscape", verbosity=0)


@pytest.mark.usefixtures("seeded")
def test_the_seed_holds_every_board_and_each_cites_its_source() -> None:
    landscape = load_landscape()
    assert Board.objects.count() == len(landscape.boards)
    assert TrackerEntry.objects.count() == len(landscape.tracker)
    for model in (Board, Seat, AgendaItem, TrackerEntry):
        for entry in model.objects.all():
            assert entry.sources, f"{model.__name__} {entry} cites nothing"
            assert all(s["document"] and s["title"] for s in entry.sources)


@pytest.mark.usefixtures("seeded")
def test_seeding_again_gives_the_same_register() -> None:
    before = (Board.objects.count(), Seat.objects.count(), AgendaItem.objects.count())
    call_command("seed_wales_landscape", verbosity=0)
    assert (Board.objects.count(), Seat.objects.count(), AgendaItem.objects.count()) == before


@pytest.mark.usefixtures("seeded")
def test_a_bad_landscape_file_changes_nothing(tmp_path: Path) -> None:
    before = Board.objects.count()
    bad = tmp_path / "bad.toml"
    bad.write_text('[[board]]\ncode = "x"\ntype = "no-such-type"\n', encoding="utf-8")
    with pytest.raises(CommandError, match="problem"):
        call_command("seed_wales_landscape", file=bad, verbosity=0)
    assert Board.objects.count() == before


@pytest.mark.usefixtures("seeded")
def test_the_gwent_oversight_group_page(client_for: Callable[[Role], Client]) -> None:
    html = client_for(Role.PUBLIC).get(f"/en/boards/{OVERSIGHT}/").content.decode()
    agenda = html.split('data-testid="agenda"')[1].split("</ol>")[0]
    assert agenda.count("<li") == 10  # seed 004's ten mandatory agenda items
    assert html.count('data-mandatory="true"') == 9  # and its nine mandatory attendees
    # Seats by role only: no e-mail addresses or telephone numbers on public pages.
    assert not re.search(r"[\w.]+@[\w.]+\.\w+", html)
    assert not re.search(r"\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b", html)


@pytest.mark.usefixtures("seeded")
def test_the_register_in_welsh(client_for: Callable[[Role], Client]) -> None:
    client = client_for(Role.PUBLIC)
    listing = client.get("/cy/boards/").content.decode()
    assert '<html lang="cy"' in listing
    assert "Rhanbarthol" in listing  # Regional
    detail = client.get(f"/cy/boards/{OVERSIGHT}/").content.decode()
    assert "Rhaid bod yn bresennol" in detail  # Must attend
    tracker = client.get("/cy/boards/tracker/").content.decode()
    assert "TBC – whose actions?" in tracker  # the seed's own words, marked as English
    assert 'lang="en"' in tracker


@pytest.mark.usefixtures("seeded")
def test_boards_without_an_escalation_route_say_so(client_for: Callable[[Role], Client]) -> None:
    html = client_for(Role.PUBLIC).get("/en/boards/gwent-vawdasv-board/").content.decode()
    route = html.split('data-testid="escalation"')[1].split("</dd>")[0]
    assert "No escalation route is recorded" in route


@pytest.mark.usefixtures("seeded")
def test_seeding_again_keeps_what_was_recorded_against_the_boards() -> None:
    import datetime as dt

    from diogel.web.boards.meetings import schedule
    from diogel.web.boards.models import DomesticHomicideReview, Meeting

    board = Board.objects.get(code=OVERSIGHT)
    meeting = schedule(board, dt.date(2021, 3, 25), ["Summer plan"])
    DomesticHomicideReview.objects.create(
        reference="dhr-1", commissioning_board=board, notified=dt.date(2021, 1, 4)
    )
    call_command("seed_wales_landscape", verbosity=0)
    assert Meeting.objects.get(pk=meeting.pk).attendance.count() == board.seats.count()
    assert DomesticHomicideReview.objects.filter(reference="dhr-1").exists()
