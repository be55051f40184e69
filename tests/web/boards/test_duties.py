"""Statutory duties: a partnership records status and evidence; the chief executive's
view shows each duty at the weakest status of the partnerships covering the authority."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from diogel.landscape.duties import DUTIES
from diogel.web.accounts.roles import Role
from diogel.web.boards.models import Board, DutyRecord

pytestmark = pytest.mark.django_db
NEWPORT = "W06000022"


@pytest.fixture
def newport_csp(seeded_register: None) -> Board:
    return Board.objects.get(code="csp-newport")


def test_a_secretariat_records_status_and_evidence(
    client_for: Callable[[Role], Client], newport_csp: Board
) -> None:
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    url = f"/en/boards/{newport_csp.code}/duties/"
    assert (
        secretariat.post(url, {"form": "status", "duty": "dhr", "status": "met"}).status_code == 302
    )
    secretariat.post(
        url,
        {"form": "evidence", "duty": "dhr", "title": "DHR panel minutes", "dated": "2021-03-25"},
    )
    html = client_for(Role.PARTNER_MEMBER).get(url).content.decode()
    section = html.split('data-duty="dhr"')[1].split("</section>")[0]
    assert "Met" in section
    assert "DHR panel minutes" in section
    assert html.count("data-duty=") == len(DUTIES)
    bad = secretariat.post(url, {"form": "status", "duty": "dhr", "status": "perfect"})
    assert bad.status_code == 400
    assert (
        client_for(Role.PARTNER_MEMBER)
        .post(url, {"form": "status", "duty": "dhr", "status": "not-met"})
        .status_code
        == 403
    )
    assert DutyRecord.objects.get(board=newport_csp, duty="dhr").status == "met"


def test_the_chief_executives_view_takes_the_weakest_status(
    client_for: Callable[[Role], Client], newport_csp: Board
) -> None:
    DutyRecord.objects.create(board=newport_csp, duty="s17", status="met")
    DutyRecord.objects.create(board=newport_csp, duty="prevent", status="not-met")
    html = client_for(Role.PARTNER_MEMBER).get(f"/en/boards/duties/{NEWPORT}/").content.decode()
    row = lambda code: html.split(f'data-duty="{code}"')[1].split("</tr>")[0]  # noqa: E731
    assert "Newport" in html
    assert ">Met<" in row("s17")
    assert "Not met" in row("prevent")
    assert "Not yet assessed" in row("protect")
    welsh = client_for(Role.PARTNER_MEMBER).get(f"/cy/boards/duties/{NEWPORT}/")
    assert "Casnewydd" in welsh.content.decode()
