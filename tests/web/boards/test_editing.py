"""A secretariat keeps its board's record: details, status history, seats and holders."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from diogel.web.accounts.roles import Role
from diogel.web.boards.models import Board, Person, SeatHolding

pytestmark = pytest.mark.django_db
NEWPORT = "csp-newport"


@pytest.fixture
def secretariat(client_for: Callable[[Role], Client], seeded_register: None) -> Client:
    return client_for(Role.BOARD_SECRETARIAT)


def test_details_are_saved_and_shown_to_the_public(
    secretariat: Client, client_for: Callable[[Role], Client]
) -> None:
    response = secretariat.post(
        f"/en/boards/{NEWPORT}/edit/",
        {
            "form": "details",
            "purpose": "Keeps Newport safe",
            "terms_of_reference": "Meets quarterly; reports to the PSB.",
            "terms_of_reference_url": "example.org/tor.pdf",
            "chair_role": "Head of Community Safety",
            "meetings_per_year": "4",
        },
    )
    assert response.status_code == 302
    board = Board.objects.get(code=NEWPORT)
    assert board.terms_of_reference_url == "https://example.org/tor.pdf"
    page = client_for(Role.PUBLIC).get(f"/en/boards/{NEWPORT}/").content.decode()
    assert "Meets quarterly; reports to the PSB." in page
    assert "Edit this board" not in page  # the public cannot edit


def test_bad_details_are_named_and_nothing_is_saved(secretariat: Client) -> None:
    response = secretariat.post(
        f"/en/boards/{NEWPORT}/edit/",
        {"form": "details", "purpose": "x", "meetings_per_year": "often"},
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert Board.objects.get(code=NEWPORT).purpose != "x"


def test_a_status_change_joins_the_history(
    secretariat: Client, client_for: Callable[[Role], Client]
) -> None:
    before = Board.objects.get(code=NEWPORT).history.count()
    bad = secretariat.post(
        f"/en/boards/{NEWPORT}/edit/",
        {"form": "status", "status-status": "merged", "status-date": "2021-13"},
    )
    assert bad.status_code == 400
    ok = secretariat.post(
        f"/en/boards/{NEWPORT}/edit/",
        {"form": "status", "status-status": "merged", "status-date": "2021-04", "status-note": "n"},
    )
    assert ok.status_code == 302
    board = Board.objects.get(code=NEWPORT)
    assert board.status == "merged"
    assert board.history.count() == before + 1
    assert board.history.last().date == "2021-04"  # type: ignore[union-attr]
    welsh = client_for(Role.PUBLIC).get(f"/cy/boards/{NEWPORT}/").content.decode()
    assert "Wedi&#x27;i uno" in welsh or "Wedi'i uno" in welsh


def test_seats_and_holders_over_time(secretariat: Client) -> None:
    added = secretariat.post(
        f"/en/boards/{NEWPORT}/seats/",
        {"form": "seat", "seat-role": "Fire – Station Manager", "seat-mandatory": "on"},
    )
    assert added.status_code == 302
    seat = Board.objects.get(code=NEWPORT).seats.get(role="Fire – Station Manager")
    assert seat.mandatory
    holder = {
        "form": "holding",
        "holding-seat": seat.pk,
        "holding-name": "A. Officer",
        "holding-office": "Station Manager, South Wales Fire and Rescue Service",
        "holding-start": "2021-04",
        "holding-end": "2020",
    }
    backwards = secretariat.post(f"/en/boards/{NEWPORT}/seats/", holder)
    assert backwards.status_code == 400  # ends before it starts
    holder["holding-end"] = ""
    assert secretariat.post(f"/en/boards/{NEWPORT}/seats/", holder).status_code == 302
    deputy = {
        **holder,
        "holding-name": "",
        "holding-person": Person.objects.get(name="A. Officer").pk,
        "holding-deputy": "on",
    }
    assert secretariat.post(f"/en/boards/{NEWPORT}/seats/", deputy).status_code == 302
    holdings = SeatHolding.objects.filter(seat=seat)
    assert [h.deputy for h in holdings] == [False, True]
    page = secretariat.get(f"/en/boards/{NEWPORT}/seats/").content.decode()
    assert page.count('data-testid="holding"') >= 2


def test_the_public_board_page_shows_roles_not_names(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    page = client_for(Role.PUBLIC).get("/en/boards/safer-communities-board/").content.decode()
    assert "Alun Michael" not in page  # a named office holder: shown to partners, by seat
    assert "seats" in page.lower()
    partner = client_for(Role.PARTNER_MEMBER)
    seats = partner.get("/en/boards/safer-communities-board/seats/").content.decode()
    assert "Alun Michael" in seats
