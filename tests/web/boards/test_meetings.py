"""Meetings of the Gwent oversight group: agenda from the mandatory items, representation
against the nine mandatory seats, actions, escalations, export."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils.html import escape

from diogel.web.accounts.roles import Role
from diogel.web.boards.models import Board, Meeting

pytestmark = pytest.mark.django_db
OVERSIGHT = "gwent-csp-oversight-group"


@pytest.fixture
def board(seeded_register: None) -> Board:
    return Board.objects.get(code=OVERSIGHT)


def schedule(client: Client, extra: str = "") -> Meeting:
    response = client.post(
        f"/en/boards/{OVERSIGHT}/meetings/new/", {"date": "2021-03-25", "items": extra}
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    meeting = Meeting.objects.latest("pk")
    assert response["Location"].endswith(f"/meetings/{meeting.pk}/")
    return meeting


def test_a_meeting_gets_all_ten_mandatory_items_then_the_others(
    client_for: Callable[[Role], Client], board: Board
) -> None:
    meeting = schedule(client_for(Role.BOARD_SECRETARIAT), "Knife crime summer plan\n\n")
    items = list(meeting.items.all())
    mandatory = [i for i in items if i.mandatory]
    assert len(mandatory) == 10
    assert [i.title for i in mandatory] == [
        a.title_en for a in board.agenda_items.all() if a.title_en.lower() not in {"aob"}
    ] + [a.title_en for a in board.agenda_items.all() if a.title_en.lower() == "aob"]
    assert "Knife crime summer plan" in [i.title for i in items if not i.mandatory]


def test_representation_names_the_mandatory_seats_not_represented(
    client_for: Callable[[Role], Client], board: Board
) -> None:
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    meeting = schedule(secretariat)
    mandatory = [s for s in board.seats.all() if s.mandatory]
    assert len(mandatory) == 9
    present = mandatory[:6]  # three mandatory seats sent nobody
    response = secretariat.post(
        f"/en/boards/{OVERSIGHT}/meetings/{meeting.pk}/",
        {"form": "record", "represented": [str(s.pk) for s in present], "minutes": "Met."},
    )
    assert response.status_code == 302
    html = secretariat.get(f"/en/boards/{OVERSIGHT}/meetings/{meeting.pk}/").content.decode()
    missing = html.split('data-testid="unrepresented"')[1].split("</ul>")[0]
    for seat in mandatory[6:]:
        assert escape(seat.role) in missing
    for seat in present:
        assert escape(seat.role) not in missing
    # Over the board's meetings: how often each mandatory seat went unrepresented.
    listing = client_for(Role.PARTNER_MEMBER).get(f"/en/boards/{OVERSIGHT}/meetings/")
    report = listing.content.decode().split('data-testid="representation"')[1]
    assert report.count("<td") == 9 * 2
    exported = client_for(Role.PARTNER_MEMBER).get(f"/en/boards/{OVERSIGHT}/representation.csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    absent = {r["mandatory_seat"] for r in rows if r["representation"] == "not represented"}
    assert absent == {seat.role for seat in mandatory[6:]}
    assert sum(r["meeting"] == "all meetings" for r in rows) == 9


def test_actions_escalations_and_the_export(
    client_for: Callable[[Role], Client], board: Board
) -> None:
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    meeting = schedule(secretariat)
    url = f"/en/boards/{OVERSIGHT}/meetings/{meeting.pk}/"
    bad = secretariat.post(url, {"form": "action", "text": "", "owner": "", "due": "soon"})
    assert bad.status_code == 400
    assert 'href="#meeting-owner"' in bad.content.decode()
    secretariat.post(
        url, {"form": "action", "text": "Map the boards", "owner": "OPCC", "due": "2021-04-30"}
    )
    target = board.parent or board.escalates_to.first()
    assert target is not None
    secretariat.post(url, {"form": "escalation", "subject": "Funding gap", "to": str(target.pk)})
    # The agenda is a draft until its keepers publish it: partners' exports leave it out.
    drafts = client_for(Role.PARTNER_MEMBER).get(url + "export.csv").content.decode()
    assert "agenda" not in {r["part"] for r in csv.DictReader(io.StringIO(drafts))}
    assert secretariat.post(url, {"form": "publish_drafts"}).status_code == 302
    rows = list(csv.DictReader(io.StringIO(
        client_for(Role.PARTNER_MEMBER).get(url + "export.csv").content.decode()
    )))  # fmt: skip
    parts = [r["part"] for r in rows]
    assert parts.count("agenda") == meeting.items.count()
    assert parts.count("seat") == board.seats.count()
    assert {"part": "action", "text": "Map the boards"}.items() <= next(
        r for r in rows if r["part"] == "action"
    ).items()
    assert next(r for r in rows if r["part"] == "escalation")["detail"] == target.name_en


def test_partners_read_meetings_but_cannot_change_them(
    client_for: Callable[[Role], Client], board: Board
) -> None:
    meeting = schedule(client_for(Role.BOARD_SECRETARIAT))
    partner = client_for(Role.PARTNER_MEMBER)
    url = f"/en/boards/{OVERSIGHT}/meetings/{meeting.pk}/"
    assert partner.get(url).status_code == 200
    assert partner.post(url, {"form": "record", "minutes": "x"}).status_code == 403
    meeting.refresh_from_db()
    assert meeting.minutes == ""


def test_the_dhr_item_lists_reviews_agreed_and_not_yet_published(
    client_for: Callable[[Role], Client], board: Board
) -> None:
    import datetime as dt

    from diogel.web.boards.models import DomesticHomicideReview

    csp = Board.objects.filter(escalates_to=board).first() or board
    DomesticHomicideReview.objects.create(
        reference="dhr-newport-2021-01", commissioning_board=csp,
        notified=dt.date(2021, 1, 4), decided=dt.date(2021, 1, 25),
    )  # fmt: skip
    DomesticHomicideReview.objects.create(
        reference="dhr-newport-2020-03", commissioning_board=csp,
        notified=dt.date(2020, 3, 2), decided=dt.date(2020, 3, 20), published=dt.date(2021, 2, 1),
    )  # fmt: skip
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    meeting = schedule(secretariat)
    html = secretariat.get(f"/en/boards/{OVERSIGHT}/meetings/{meeting.pk}/").content.decode()
    listed = html.split('data-testid="agenda-reviews"')[1].split("</ul>")[0]
    assert "dhr-newport-2021-01" in listed
    assert "dhr-newport-2020-03" not in listed  # already published
    tracker = client_for(Role.PARTNER_MEMBER).get("/en/boards/reviews/").content.decode()
    row = tracker.split('data-reference="dhr-newport-2021-01"')[1].split("</tr>")[0]
    assert "Report to the Home Office" in row  # decided January 2021: due July 2021
    assert "days late" in row
