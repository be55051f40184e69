"""Domestic Homicide Reviews recorded on the site: dates in order, recommendations and their
actions, overdue flags, the export, and nothing personal."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.test import Client

from diogel.landscape.dhr import ReviewDates, overdue
from diogel.web.accounts.roles import Role
from diogel.web.boards.forms import ReviewForm
from diogel.web.boards.models import Board, DomesticHomicideReview

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client_for: Callable[[Role], Client], seeded_register: None) -> Client:
    return client_for(Role.BOARD_SECRETARIAT)


def record(client: Client, **dates: str) -> object:
    newport = Board.objects.get(code="csp-newport")
    return client.post(
        "/en/boards/reviews/new/",
        {"form": "dates", "reference": "dhr-2021-07", "commissioning_board": newport.pk, **dates},
    )


def test_a_review_is_recorded_with_dates_in_order(secretariat: Client) -> None:
    bad = record(secretariat, notified="2021-03-01", decided="2021-02-01")
    assert bad.status_code == 400  # type: ignore[attr-defined]
    assert "This is before the notified date" in bad.content.decode()  # type: ignore[attr-defined]
    assert not DomesticHomicideReview.objects.exists()
    ok = record(
        secretariat,
        notified="2021-01-10",
        decided="2021-02-01",
        panel_meetings_text="2021-05-10\n2021-04-12\n",
    )
    assert ok.status_code == 302  # type: ignore[attr-defined]
    review = DomesticHomicideReview.objects.get(reference="dhr-2021-07")
    assert review.panel_meetings == ["2021-04-12", "2021-05-10"]


def test_the_review_page_flags_what_the_guidance_says_is_late(secretariat: Client) -> None:
    record(secretariat, notified="2021-01-10", decided="2021-02-01")
    review = DomesticHomicideReview.objects.get()
    page = secretariat.get(f"/en/boards/reviews/{review.reference}/").content.decode()
    late = overdue(ReviewDates(dt.date(2021, 1, 10), dt.date(2021, 2, 1)), dt.date.today())
    assert [o.step for o in late] == ["submission"]
    assert f"{late[0].days_late} days late" in page


def test_recommendations_and_their_actions(secretariat: Client) -> None:
    record(secretariat, notified="2021-01-10", decided="2021-02-01")
    url = "/en/boards/reviews/dhr-2021-07/"
    added = secretariat.post(
        url,
        {
            "form": "recommendation",
            "rec-text": "Train GP receptionists to ask about abuse",
            "rec-action": "Training plan",
            "rec-owner": "Aneurin Bevan UHB",
            "rec-due": "2021-06-30",
        },
    )
    assert added.status_code == 302
    page = secretariat.get(url).content.decode()
    assert "Train GP receptionists" in page
    assert "Overdue" in page  # due in 2021, not done
    assert secretariat.post(url, {"form": "recommendation_done", "number": "1", "done": "1"})
    review = DomesticHomicideReview.objects.get()
    assert review.recommendations[0]["done"] is True
    # A tampered number changes nothing and does not fail.
    tampered = secretariat.post(url, {"form": "recommendation_done", "number": "x", "done": "0"})
    assert tampered.status_code == 302
    assert DomesticHomicideReview.objects.get().recommendations[0]["done"] is True


def test_the_export_matches_the_tracker(secretariat: Client) -> None:
    record(secretariat, notified="2021-01-10", decided="2021-02-01")
    response = secretariat.get("/en/boards/reviews.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["reference"] == "dhr-2021-07"
    assert rows[0]["submission_due"] == "2021-08-01"
    assert rows[0]["overdue"].startswith("submission")


def test_the_form_asks_for_no_personal_details() -> None:
    # Case reference and dates only: no name, age, address or relationship fields.
    fields = set(ReviewForm(boards=Board.objects.none()).fields)
    assert fields == {
        "reference",
        "commissioning_board",
        "notified",
        "decided",
        "not_held",
        "commissioned",
        "submitted",
        "published",
        "panel_meetings_text",
    }
