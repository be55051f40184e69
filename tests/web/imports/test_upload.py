"""Uploading through the web runs the same import and shows its validation report."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from diogel.web.accounts.roles import Role
from diogel.web.audit.models import Entry
from tests.web.conftest import POLICE_HEADER

pytestmark = pytest.mark.django_db

GOOD = (
    POLICE_HEADER
    + "\n"
    + "b" * 64
    + ",2021-04,Gwent Police,Gwent Police,-3.19,51.79,On or near X,W01001440,"
    "x,Robbery,Under investigation,\n"
    + ",2021-04,Gwent Police,Gwent Police,-3.19,51.79,On or near X,W01001440,"
    "x,Anti-social behaviour,,\n"
    + ",2021-04,Gwent Police,Gwent Police,-3.19,51.79,On or near X,W01999999,"
    "x,Anti-social behaviour,,\n"
)


def post(
    client: Client,
    content: str | bytes,
    name: str = "2021-04-gwent-street.csv",
    source: str = "police_uk_street",
    supplier: str = "",
) -> object:
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        "/en/imports/upload/",
        {
            "source": source,
            "supplier": supplier,
            "file": SimpleUploadedFile(name, data),
        },
    )


def test_upload_imports_and_shows_the_report(client_for: Callable[[Role], Client]) -> None:
    client = client_for(Role.ANALYST)
    response = post(client, GOOD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    report = client.get(response["Location"])  # type: ignore[index]
    html = report.content.decode()
    assert '<dd class="govuk-summary-list__value" data-testid="rows-read">3</dd>' in html
    assert '<dd class="govuk-summary-list__value" data-testid="rows-rejected">1</dd>' in html
    assert "not a known Welsh LSOA (2011) code" in html
    assert "W01999999" in html
    assert Entry.objects.filter(action="import", channel="site").count() == 1
    assert Entry.objects.filter(action="view_import_report").count() == 1


def test_uploading_the_same_file_again_adds_nothing(client_for: Callable[[Role], Client]) -> None:
    client = client_for(Role.DATA_CONTROLLER)
    first = post(client, GOOD)
    second = post(client, GOOD)
    assert first["Location"] == second["Location"]  # type: ignore[index]
    page = client.get(second["Location"], follow=True).content.decode()  # type: ignore[index]
    assert "already imported" in page


def test_a_bad_file_is_refused_with_one_clear_message(client_for: Callable[[Role], Client]) -> None:
    client = client_for(Role.ANALYST)
    before = client.get("/en/imports/").content.decode().count('class="govuk-tag')
    response = post(client, b"\x00\x01 not a csv")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "not a CSV text file" in response.content.decode()  # type: ignore[attr-defined]
    after = client.get("/en/imports/").content.decode().count('class="govuk-tag')
    assert before == after


def test_generic_sources_need_a_supplier(client_for: Callable[[Role], Client]) -> None:
    response = post(client_for(Role.ANALYST), "x", source="generic:fire_incidents")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "Enter the organisation that sent the file." in response.content.decode()  # type: ignore[attr-defined]


def test_partners_cannot_upload(client_for: Callable[[Role], Client]) -> None:
    assert post(client_for(Role.PARTNER_MEMBER), GOOD).status_code == 403  # type: ignore[attr-defined]
    assert post(client_for(Role.PUBLIC), GOOD).status_code == 302  # type: ignore[attr-defined]


def test_a_file_from_another_force_is_refused(client_for: Callable[[Role], Client]) -> None:
    client = client_for(Role.ANALYST)
    before = client.get("/en/imports/").content.decode().count('class="govuk-tag')
    response = post(client, GOOD, supplier="Dyfed-Powys Police")
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "does not agree with the file" in page
    assert "Gwent Police" in page
    after = client.get("/en/imports/").content.decode().count('class="govuk-tag')
    assert before == after


def test_a_superseded_file_sent_again_is_not_counted(
    client_for: Callable[[Role], Client],
) -> None:
    client = client_for(Role.DATA_CONTROLLER)
    first = post(client, GOOD)
    post(client, GOOD.rstrip("\n").rsplit("\n", 1)[0] + "\n")  # a newer edition of April
    again = post(client, GOOD)
    assert again["Location"] == first["Location"]  # type: ignore[index]
    page = client.get(again["Location"], follow=True).content.decode()  # type: ignore[index]
    assert "no longer counted" in page
