"""A secretariat changes the boards it keeps and no others: every changing request, by
role and by whether the board is the secretariat's own.

The demo secretariat keeps Newport's partnership and the Gwent oversight group
(``seeded_register``); Torfaen's partnership is somebody else's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from diogel.web.accounts.permissions import has_capability
from diogel.web.accounts.roles import Role
from diogel.web.boards.models import Board, DomesticHomicideReview, Meeting
from diogel.web.boards.seed import DEMO_SECRETARIAT_BOARDS

pytestmark = pytest.mark.django_db
OWN, OTHER = "csp-newport", "csp-torfaen"


def requests_for(code: str) -> dict[str, tuple[str, str, dict[str, str]]]:
    """Each changing request against one board: (method, URL, data)."""
    board = Board.objects.get(code=code)
    meeting, _ = Meeting.objects.get_or_create(board=board, date=dt.date(2021, 3, 25))
    review, _ = DomesticHomicideReview.objects.get_or_create(
        reference=f"dhr-{code}", commissioning_board=board, notified=dt.date(2021, 1, 4)
    )
    return {
        "edit page": ("get", f"/en/boards/{code}/edit/", {}),
        "edit": ("post", f"/en/boards/{code}/edit/", {"form": "details", "purpose": "changed"}),
        "schedule": ("post", f"/en/boards/{code}/meetings/new/", {"date": "2021-06-01"}),
        "record meeting": (
            "post",
            f"/en/boards/{code}/meetings/{meeting.pk}/",
            {"form": "record", "minutes": "changed"},
        ),
        "duty": (
            "post",
            f"/en/boards/{code}/duties/",
            {"form": "status", "duty": "s17", "status": "met"},
        ),
        "seat": (
            "post",
            f"/en/boards/{code}/seats/",
            {"form": "seat", "seat-role": "Fire – Area Manager"},
        ),
        "review": (
            "post",
            f"/en/boards/reviews/{review.reference}/",
            {"form": "recommendation", "rec-text": "Train staff"},
        ),
    }


ROLES = (Role.PUBLIC, Role.PARTNER_MEMBER, Role.BOARD_SECRETARIAT, Role.ADMINISTRATOR)


def outcomes(
    client_for: Callable[[Role], Client], roles: tuple[Role, ...] = ROLES
) -> dict[tuple[Role, str, str], int]:
    found = {}
    for role in roles:
        client = client_for(role)
        for which in (OWN, OTHER):
            for name, (method, url, data) in requests_for(which).items():
                response = getattr(client, method)(url, data)
                found[(role, which, name)] = response.status_code
    return found


def expected() -> dict[tuple[Role, str, str], int]:
    out = {}
    for which in (OWN, OTHER):
        for name in ("edit page", "edit", "schedule", "record meeting", "duty", "seat", "review"):
            ok = 200 if name == "edit page" else 302
            out[(Role.PUBLIC, which, name)] = 302  # sent to sign in
            out[(Role.PARTNER_MEMBER, which, name)] = 403
            out[(Role.BOARD_SECRETARIAT, which, name)] = ok if which == OWN else 403
            out[(Role.ADMINISTRATOR, which, name)] = ok
    return out


def test_secretariats_change_their_own_boards_only(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    assert OWN in DEMO_SECRETARIAT_BOARDS
    assert OTHER not in DEMO_SECRETARIAT_BOARDS
    found = outcomes(client_for, ROLES[:-1])
    # Refused requests changed nothing of the other board.
    assert Board.objects.get(code=OTHER).purpose != "changed"
    assert not Board.objects.get(code=OTHER).seats.filter(role="Fire – Area Manager").exists()
    assert Board.objects.get(code=OWN).purpose == "changed"
    found |= outcomes(client_for, ROLES[-1:])
    wrong = {k: (v, expected()[k]) for k, v in found.items() if v != expected()[k]}
    assert not wrong, wrong


def test_the_check_catches_a_rule_that_lets_any_secretariat_edit(
    client_for: Callable[[Role], Client],
    seeded_register: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "diogel.web.boards.keepers.may_keep",
        lambda user, capability, keepers: has_capability(user, capability),
    )
    found = outcomes(client_for)
    assert found != expected()
    assert found[(Role.BOARD_SECRETARIAT, OTHER, "edit")] == 302


def test_a_secretariat_cannot_record_a_review_for_a_partnership_it_does_not_keep(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    other = Board.objects.get(code=OTHER)
    response = client_for(Role.BOARD_SECRETARIAT).post(
        "/en/boards/reviews/new/",
        {"reference": "dhr-x", "commissioning_board": other.pk, "notified": "2021-01-04"},
    )
    assert response.status_code == 400
    assert not DomesticHomicideReview.objects.filter(reference="dhr-x").exists()


def test_the_tracker_is_kept_by_secretariats_of_boards_in_the_region(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    page = secretariat.get("/en/boards/tracker/").content.decode()
    assert 'data-testid="tracker-form"' in page
    data = {"tracker-quarter": "2021-04", "tracker-actions_text": "Review the APB | APB chair"}
    north = secretariat.post("/en/boards/tracker/", {**data, "tracker-region": "W15000001"})
    assert north.status_code == 400  # the secretariat keeps no North Wales board
    gwent = secretariat.post("/en/boards/tracker/", {**data, "tracker-region": "W15000003"})
    assert gwent.status_code == 302
    partner = client_for(Role.PARTNER_MEMBER)
    assert 'data-testid="tracker-form"' not in partner.get("/en/boards/tracker/").content.decode()
    refused = partner.post("/en/boards/tracker/", {**data, "tracker-region": "W15000003"})
    assert refused.status_code == 403
