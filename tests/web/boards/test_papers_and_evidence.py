"""Meeting papers (kept off any public URL, checked by content) and evidence for duties,
including reports Diogel made."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from diogel.web.accounts.roles import Role
from diogel.web.boards.models import Board, DutyRecord, Meeting, MeetingItem
from tests.web.test_permission_matrix import published_report

pytestmark = pytest.mark.django_db
OVERSIGHT = "gwent-csp-oversight-group"


@pytest.fixture
def meeting(client_for: Callable[[Role], Client], seeded_register: None) -> Meeting:
    response = client_for(Role.BOARD_SECRETARIAT).post(
        f"/en/boards/{OVERSIGHT}/meetings/new/", {"date": "2021-03-25"}
    )
    assert response.status_code == 302
    return Meeting.objects.latest("pk")


def upload(client: Client, meeting: Meeting, item: MeetingItem, name: str, data: bytes) -> object:
    return client.post(
        f"/en/boards/{OVERSIGHT}/meetings/{meeting.pk}/",
        {"form": "paper", "item": item.pk, "paper": SimpleUploadedFile(name, data)},
    )


def test_a_paper_is_uploaded_and_partners_download_it(
    client_for: Callable[[Role], Client], meeting: Meeting
) -> None:
    item = meeting.items.first()
    assert item is not None
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    content = b"%PDF-1.7 finance report"
    assert upload(secretariat, meeting, item, "finance.pdf", content).status_code == 302  # type: ignore[attr-defined]
    item.refresh_from_db()
    assert item.paper_name == "finance.pdf"
    url = f"/en/boards/{OVERSIGHT}/meetings/{meeting.pk}/papers/{item.pk}/"
    # A new item is a draft: partners do not see it until its keepers publish it.
    assert client_for(Role.PARTNER_MEMBER).get(url).status_code == 404
    published = secretariat.post(
        f"/en/boards/{OVERSIGHT}/meetings/{meeting.pk}/items/{item.pk}/",
        {"action": "publish", "confidentiality": "partners"},
    )
    assert published.status_code == 302
    response = client_for(Role.PARTNER_MEMBER).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content  # type: ignore[attr-defined]
    assert client_for(Role.PUBLIC).get(url).status_code == 302  # sent to sign in
    # A new paper replaces the old one, whose file goes.
    first = item.paper_file
    assert upload(secretariat, meeting, item, "v2.pdf", b"%PDF-1.7 v2").status_code == 302  # type: ignore[attr-defined]
    item.refresh_from_db()
    assert item.paper_file != first


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.exe", b"MZ", "must be a PDF"),
        ("fake.pdf", b"<html>not a pdf</html>", "not a PDF file"),
        ("sheet.xlsx", b"%PDF-1.7", "not a XLSX file"),
    ],
)
def test_a_file_that_is_not_a_paper_is_refused(
    client_for: Callable[[Role], Client], meeting: Meeting, name: str, data: bytes, message: str
) -> None:
    item = meeting.items.first()
    assert item is not None
    response = upload(client_for(Role.BOARD_SECRETARIAT), meeting, item, name, data)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert message in response.content.decode()  # type: ignore[attr-defined]
    item.refresh_from_db()
    assert item.paper_file == ""


def test_evidence_can_be_a_published_diogel_report_or_minutes(
    client_for: Callable[[Role], Client], meeting: Meeting, demo_accounts: dict[Role, object]
) -> None:
    report = published_report(demo_accounts[Role.ANALYST])  # type: ignore[arg-type]
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    url = "/en/boards/csp-newport/duties/"
    response = secretariat.post(url, {"form": "evidence", "duty": "s17", "report": report.pk})
    assert response.status_code == 302
    record = DutyRecord.objects.get(board__code="csp-newport", duty="s17")
    evidence = record.evidence.get()
    assert evidence.report == report
    assert evidence.title == report.title_en
    page = client_for(Role.PARTNER_MEMBER).get(url).content.decode()
    assert f"/en/reports/published/{report.pk}/" in page


def test_a_link_that_would_run_script_is_refused(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    response = client_for(Role.BOARD_SECRETARIAT).post(
        "/en/boards/csp-newport/duties/",
        {"form": "evidence", "duty": "s17", "title": "x", "url": "javascript:alert(1)"},
    )
    assert response.status_code == 400
    assert not Board.objects.get(code="csp-newport").duties.filter(evidence__title="x").exists()


def test_actions_are_closed_and_escalations_move_on(
    client_for: Callable[[Role], Client], meeting: Meeting
) -> None:
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    url = f"/en/boards/{OVERSIGHT}/meetings/{meeting.pk}/"
    secretariat.post(url, {"form": "action", "text": "Share the SVD plan", "owner": "OPCC"})
    action = meeting.actions.get()
    assert secretariat.post(url, {"form": "action_done", "action": action.pk, "done": "1"})
    action.refresh_from_db()
    assert action.done
    target = (
        Board.objects.get(code=OVERSIGHT).parent
        or Board.objects.get(code=OVERSIGHT).escalates_to.first()
    )
    assert target is not None
    secretariat.post(url, {"form": "escalation", "subject": "Funding gap", "to": target.pk})
    escalation = meeting.escalations.get()
    moved = secretariat.post(
        url, {"form": "escalation_status", "escalation": escalation.pk, "status": "accepted"}
    )
    assert moved.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == "accepted"
    assert secretariat.post(url, {"form": "action_done", "action": "x"}).status_code == 400
