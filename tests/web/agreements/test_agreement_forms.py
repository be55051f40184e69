"""Data controllers register, change, review, renew and revoke their own organisation's
agreements on the site; every change is one audit entry listing each field before → after.

The organisations are the real Gwent partners of the demo; the people and agreements are
SYNTHETIC.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import itertools
import stat
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diogel.governance import DataLevel
from diogel.web.accounts.models import Organisation, User
from diogel.web.accounts.roles import Role
from diogel.web.agreements import documents
from diogel.web.agreements.access import access_for
from diogel.web.agreements.forms import AgreementForm, GovukDateField
from diogel.web.agreements.models import Agreement, AgreementReview
from diogel.web.audit.models import Entry
from tests.web.agreements.factories import attach_document, pdf_bytes
from tests.web.agreements.test_agreements import make_agreement

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
#: The demo data controller's organisation, and one it has nothing to do with.
HEALTH_BOARD, POLICE, COUNCIL = "aneurin-bevan-uhb", "gwent-police", "newport-cc"


def org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def date_parts(name: str, day: dt.date | None) -> dict[str, str]:
    if day is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def register_data(**changes: Any) -> dict[str, Any]:
    """A complete registration: the health board discloses ISTV data to Gwent Police."""
    starts = changes.pop("starts", TODAY - dt.timedelta(days=30))
    ends = changes.pop("ends", TODAY + dt.timedelta(days=700))
    review = changes.pop("review_date", TODAY + dt.timedelta(days=300))
    data: dict[str, Any] = {
        "kind": "dda",
        "reference": "dda-istv-abuhb-gwent",
        "title_en": "ED assault data for Gwent",
        "title_cy": "Data ymosodiadau adrannau brys ar gyfer Gwent",
        "status": "draft",
        "purpose": "Preventing violence under the Serious Violence Duty.",
        "purposes": ["violence-prevention"],
        "other_purposes": "",
        "legal_bases": ["UK GDPR Art. 6(1)(e)", "Crime and Disorder Act 1998 s115"],
        "other_legal_basis": "",
        "parties": [str(org(POLICE).pk)],
        "disclosing_parties": [str(org(HEALTH_BOARD).pk)],
        "sources": ["istv"],
        "data_items": "Arrival date\nAssault location",
        "level": "1",
        "retention_days": "",
        **date_parts("starts", starts),
        **date_parts("ends", ends),
        **date_parts("review_date", review),
    }
    data.update(changes)
    return data


def entries() -> list[Entry]:
    return list(Entry.objects.order_by("entry_id"))


def latest() -> Entry:
    return Entry.objects.latest("entry_id")


def chain_links() -> bool:
    """Does every entry of the trail name the one before it as its predecessor?"""
    rows = entries()
    return all(b.previous_hash == a.entry_hash for a, b in itertools.pairwise(rows))


def health_board_agreement(reference: str = "dda-hb", **changes: Any) -> Agreement:
    """An active agreement by which the data controller's health board discloses."""
    values: dict[str, Any] = {"ends": TODAY + dt.timedelta(days=365), "review_date": None}
    values.update(changes)
    agreement = make_agreement(reference, **values)
    agreement.disclosing_parties.add(org(HEALTH_BOARD))
    return agreement


@pytest.fixture
def controller(client_for: Callable[[Role], Client]) -> Client:
    """The demo data controller, of Aneurin Bevan University Health Board."""
    return client_for(Role.DATA_CONTROLLER)


# --- registering -------------------------------------------------------------------------


def test_a_data_controller_registers_their_organisations_agreement(controller: Client) -> None:
    before = len(entries())
    response = controller.post("/en/agreements/new/", register_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(reference="dda-istv-abuhb-gwent")
    assert agreement.status == Agreement.Status.DRAFT
    assert agreement.purposes == ["violence-prevention"]
    assert agreement.sources == ["istv"]
    assert agreement.legal_basis == "UK GDPR Art. 6(1)(e); Crime and Disorder Act 1998 s115"
    assert [p.slug for p in agreement.parties.all()] == [POLICE]
    assert [p.slug for p in agreement.disclosing_parties.all()] == [HEALTH_BOARD]
    assert agreement.review_date == TODAY + dt.timedelta(days=300)
    new = entries()[before:]
    assert [e.action for e in new] == ["register agreement"]
    assert new[0].agreement == "dda-istv-abuhb-gwent"
    assert new[0].organisation == HEALTH_BOARD
    lines = new[0].detail.splitlines()
    assert "reference: – → dda-istv-abuhb-gwent" in lines
    assert "disclosing_parties: – → aneurin-bevan-uhb" in lines
    assert "sources: – → istv" in lines
    assert "status: – → draft" in lines
    assert new[0].actor == "demo-controller"
    assert chain_links()
    # A draft gives nobody anything.
    analyst = User.objects.create(username="syn-police-analyst", organisation=org(POLICE))
    analyst.role = Role.ANALYST
    analyst.save()
    assert access_for(analyst, "istv", "violence-prevention", TODAY).level is DataLevel.NONE


def test_registering_as_active_keeps_the_signed_pdf_privately_with_its_hash(
    controller: Client,
) -> None:
    content = pdf_bytes(pages=2)
    upload = SimpleUploadedFile("signed dda.pdf", content, content_type="application/pdf")
    response = controller.post(
        "/en/agreements/new/", register_data(status="active", document=upload)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(reference="dda-istv-abuhb-gwent")
    assert agreement.status == Agreement.Status.ACTIVE
    document = agreement.document
    assert document is not None
    expected = hashlib.sha256(content).hexdigest()
    assert document.sha256 == expected
    assert document.name == "signed dda.pdf"
    path = documents.path_of(document)
    assert path is not None
    assert path.read_bytes() == content
    assert path.is_relative_to(documents.documents_dir())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    entry = latest()
    assert f"document: – → signed dda.pdf (sha256 {expected})" in entry.detail.splitlines()


def test_an_active_agreement_needs_its_signed_copy(controller: Client) -> None:
    response = controller.post("/en/agreements/new/", register_data(status="active"))
    assert response.status_code == 400
    assert "Upload the signed agreement" in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_data_controller_cannot_register_an_agreement_between_others(
    controller: Client,
) -> None:
    before = len(entries())
    data = register_data(parties=[str(org(POLICE).pk)], disclosing_parties=[str(org(COUNCIL).pk)])
    response = controller.post("/en/agreements/new/", data)
    assert response.status_code == 400
    assert "Your organisation must be one of the parties" in response.content.decode()
    assert not Agreement.objects.exists()
    assert len(entries()) == before


@pytest.mark.parametrize("role", [Role.PARTNER_MEMBER, Role.ANALYST, Role.BOARD_SECRETARIAT])
def test_nobody_else_registers(client_for: Callable[[Role], Client], role: Role) -> None:
    response = client_for(role).post("/en/agreements/new/", register_data())
    assert response.status_code == 403
    assert not Agreement.objects.exists()


def test_an_administrator_registers_any_agreement(client_for: Callable[[Role], Client]) -> None:
    data = register_data(parties=[str(org(POLICE).pk)], disclosing_parties=[str(org(COUNCIL).pk)])
    response = client_for(Role.ADMINISTRATOR).post("/en/agreements/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.mark.parametrize(
    ("missing", "field", "message"),
    [
        ("disclosing_parties", "disclosing_parties", "at least one party disclosing data"),
        ("parties", "parties", "at least one party receiving data"),
        ("sources", "sources", "at least one source"),
    ],
)
def test_a_disclosure_agreement_names_disclosers_receivers_and_a_source(
    controller: Client, missing: str, field: str, message: str
) -> None:
    response = controller.post("/en/agreements/new/", register_data(**{missing: []}))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    # The error summary links to the first box of the group.
    assert f'href="#id_{field}_0"' in page
    assert not Agreement.objects.exists()


def test_purposes_are_codes_chosen_or_written_as_codes(controller: Client) -> None:
    response = controller.post(
        "/en/agreements/new/",
        register_data(purposes=[], other_purposes='["Violence Prevention"]'),
    )
    assert response.status_code == 400
    assert "lower-case words joined by hyphens" in response.content.decode()
    response = controller.post(
        "/en/agreements/new/",
        register_data(other_purposes="night-time-economy, county-lines"),
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.purposes == ["violence-prevention", "night-time-economy", "county-lines"]


def test_no_purpose_and_no_legal_basis_are_refused(controller: Client) -> None:
    response = controller.post("/en/agreements/new/", register_data(purposes=[], legal_bases=[]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose at least one purpose" in page
    assert "legal basis for sharing" in page


def test_another_legal_basis_is_kept_line_by_line(controller: Client) -> None:
    response = controller.post(
        "/en/agreements/new/",
        register_data(legal_bases=[], other_legal_basis="Children Act 2004 s11\nNHS Act 2006 s251"),
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.as_policy().legal_basis == ("Children Act 2004 s11", "NHS Act 2006 s251")


def test_record_level_data_needs_a_retention_period(controller: Client) -> None:
    response = controller.post("/en/agreements/new/", register_data(level="2"))
    assert response.status_code == 400
    assert "how long record-level data may be kept" in response.content.decode()


@pytest.mark.parametrize("reference", ["new", "dda-taken"])
def test_a_reference_is_unique_and_not_the_sites_own(controller: Client, reference: str) -> None:
    health_board_agreement("dda-taken")
    response = controller.post("/en/agreements/new/", register_data(reference=reference))
    assert response.status_code == 400
    assert Agreement.objects.filter(reference=reference).count() == (reference == "dda-taken")


# --- dates -------------------------------------------------------------------------------


def test_the_end_follows_the_start_and_the_review_comes_before_the_end(
    controller: Client,
) -> None:
    response = controller.post(
        "/en/agreements/new/",
        register_data(
            starts=TODAY, ends=TODAY - dt.timedelta(days=1), review_date=TODAY + dt.timedelta(9)
        ),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The end date must be after the start date" in page
    assert "The review date must be before the end date" in page
    assert 'href="#id_ends_0"' in page
    assert "govuk-input--error" in page


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    day=st.text(alphabet="0123456789 x", max_size=3),
    month=st.text(alphabet="0123456789", max_size=3),
    year=st.text(alphabet="0123456789", max_size=5),
)
def test_a_date_is_a_real_day_month_and_year(day: str, month: str, year: str) -> None:
    field = GovukDateField(required=False)
    expected: dt.date | None
    try:
        ok = day.strip().isdigit() and month.isdigit() and len(year) == 4
        expected = dt.date(int(year), int(month), int(day)) if ok else None
    except ValueError:
        expected = None
    if not (day.strip() or month or year):
        assert field.clean([day, month, year]) is None
    elif expected is None:
        with pytest.raises(Exception, match="date"):
            field.clean([day, month, year])
    else:
        assert field.clean([day, month, year]) == expected


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
    length=st.integers(-30, 3000),
    review_after=st.integers(-60, 3100),
    open_ended=st.booleans(),
)
def test_the_date_rules_hold_for_any_dates(
    demo_accounts: dict[Role, User],
    start: dt.date,
    length: int,
    review_after: int,
    open_ended: bool,
) -> None:
    ends = None if open_ended else start + dt.timedelta(days=length)
    review = start + dt.timedelta(days=review_after)
    form = AgreementForm(
        register_data(starts=start, ends=ends, review_date=review),
        user=demo_accounts[Role.DATA_CONTROLLER],
    )
    # Written out here, not taken from the form: the end after the start, the review
    # on or after the start and before the end.
    valid = (ends is None or ends > start) and review >= start and (ends is None or review < ends)
    assert form.is_valid() is valid, form.errors


# --- who may change what -----------------------------------------------------------------


@pytest.mark.parametrize("page", ["edit", "review", "revoke"])
def test_a_data_controller_cannot_touch_another_organisations_agreement(
    controller: Client, page: str
) -> None:
    other = make_agreement("dda-police-council", ends=TODAY + dt.timedelta(days=365))
    other.disclosing_parties.add(org(COUNCIL))
    before = len(entries())
    assert controller.get(f"/en/agreements/dda-police-council/{page}/").status_code == 403
    posted = {
        **date_parts("revoked_on", TODAY),
        "reason": "syn",
        "title_en": "Changed",
        **date_parts("reviewed_on", TODAY),
        "note": "syn",
        **date_parts("review_date", TODAY + dt.timedelta(days=30)),
    }
    assert controller.post(f"/en/agreements/dda-police-council/{page}/", posted).status_code == 403
    other.refresh_from_db()
    assert other.status == Agreement.Status.ACTIVE
    assert other.title_en != "Changed"
    assert not other.reviews.exists()
    assert len(entries()) == before
    detail = controller.get("/en/agreements/dda-police-council/").content.decode()
    assert 'data-testid="manage"' not in detail


def test_an_unknown_agreement_is_not_found(controller: Client) -> None:
    assert controller.get("/en/agreements/no-such-thing/edit/").status_code == 404


def test_a_draft_is_changed_in_full_and_each_change_is_audited(controller: Client) -> None:
    controller.post("/en/agreements/new/", register_data())
    before = len(entries())
    new_end = TODAY + dt.timedelta(days=800)
    data = register_data(title_en="ED assault data for Gwent (v2)", ends=new_end, level="1")
    data.pop("reference")
    response = controller.post("/en/agreements/dda-istv-abuhb-gwent/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    new = entries()[before:]
    assert [e.action for e in new] == ["change agreement"]
    old_end = TODAY + dt.timedelta(days=700)
    assert new[0].detail.splitlines() == [
        "title_en: ED assault data for Gwent → ED assault data for Gwent (v2)",
        f"ends: {old_end} → {new_end}",
    ]
    # Saving again unchanged writes nothing.
    controller.post("/en/agreements/dda-istv-abuhb-gwent/edit/", data)
    assert len(entries()) == before + 1


def test_a_data_controller_cannot_take_their_organisation_off_an_agreement(
    controller: Client,
) -> None:
    controller.post("/en/agreements/new/", register_data())
    data = register_data(disclosing_parties=[str(org(COUNCIL).pk)])
    data.pop("reference")
    response = controller.post("/en/agreements/dda-istv-abuhb-gwent/edit/", data)
    assert response.status_code == 400
    agreement = Agreement.objects.get()
    assert [p.slug for p in agreement.disclosing_parties.all()] == [HEALTH_BOARD]


def test_a_draft_becomes_active_with_its_signed_copy(controller: Client) -> None:
    controller.post("/en/agreements/new/", register_data())
    data = register_data(status="active")
    data.pop("reference")
    response = controller.post("/en/agreements/dda-istv-abuhb-gwent/edit/", data)
    assert response.status_code == 400  # not signed yet
    data["document"] = SimpleUploadedFile("signed.pdf", pdf_bytes())
    response = controller.post("/en/agreements/dda-istv-abuhb-gwent/edit/", data)
    assert response.status_code == 302
    entry = latest()
    assert entry.action == "activate agreement"
    assert "status: draft → active" in entry.detail.splitlines()


def test_an_active_agreements_terms_are_fixed(controller: Client) -> None:
    agreement = health_board_agreement()
    page = controller.get("/en/agreements/dda-hb/edit/").content.decode()
    assert 'data-testid="terms-fixed"' in page
    assert 'name="level"' not in page
    assert 'name="parties"' not in page
    response = controller.post(
        "/en/agreements/dda-hb/edit/",
        {
            "title_en": "Corrected title",
            "title_cy": agreement.title_cy,
            "purpose": agreement.purpose,
            "data_items": "",
            "level": "3",  # not offered, so ignored
            "parties": [str(org(COUNCIL).pk)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement.refresh_from_db()
    assert agreement.title_en == "Corrected title"
    assert agreement.level == Agreement.Level.PSEUDONYMISED
    assert [p.slug for p in agreement.parties.all()] == [POLICE]
    assert latest().detail.splitlines() == [
        "title_en: Emergency department assault data for Gwent → Corrected title"
    ]


# --- review, renewal, revocation ---------------------------------------------------------


def test_a_review_keeps_the_end_and_records_the_next_review(controller: Client) -> None:
    agreement = health_board_agreement()
    next_review = TODAY + dt.timedelta(days=180)
    response = controller.post(
        "/en/agreements/dda-hb/review/",
        {
            **date_parts("reviewed_on", TODAY),
            "note": "Still needed; contacts updated.",
            **date_parts("ends", agreement.ends),
            **date_parts("review_date", next_review),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement.refresh_from_db()
    assert agreement.review_date == next_review
    review = AgreementReview.objects.get()
    assert (review.reviewed_on, review.renewed) == (TODAY, False)
    entry = latest()
    assert entry.action == "review agreement"
    assert f"review_date: – → {next_review}" in entry.detail.splitlines()
    assert (
        "Still needed; contacts updated."
        in controller.get("/en/agreements/dda-hb/").content.decode()
    )


def test_a_renewal_keeps_the_reference_and_moves_the_end(controller: Client) -> None:
    agreement = health_board_agreement()
    old_end = agreement.ends
    new_end = TODAY + dt.timedelta(days=3 * 365)
    response = controller.post(
        "/en/agreements/dda-hb/review/",
        {
            **date_parts("reviewed_on", TODAY),
            "note": "Renewed for three years.",
            **date_parts("ends", new_end),
            **date_parts("review_date", TODAY + dt.timedelta(days=365)),
            "document": SimpleUploadedFile("renewed.pdf", pdf_bytes()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement.refresh_from_db()
    assert (agreement.reference, agreement.ends) == ("dda-hb", new_end)
    review = AgreementReview.objects.get()
    assert review.renewed
    assert review.ends_before == old_end
    assert review.document is not None
    entry = latest()
    assert entry.action == "renew agreement"
    assert f"ends: {old_end} → {new_end}" in entry.detail.splitlines()


@pytest.mark.parametrize(
    ("ends", "review", "message"),
    [
        (TODAY - dt.timedelta(days=1), TODAY - dt.timedelta(days=5), "cannot end in the past"),
        (TODAY + dt.timedelta(days=30), TODAY + dt.timedelta(days=60), "before the end date"),
        (TODAY + dt.timedelta(days=300), TODAY, "after this one"),
        (None, TODAY + dt.timedelta(days=60), "revoke it instead"),
    ],
)
def test_a_review_is_refused_when_its_dates_do_not_hold(
    controller: Client, ends: dt.date | None, review: dt.date, message: str
) -> None:
    health_board_agreement()
    response = controller.post(
        "/en/agreements/dda-hb/review/",
        {
            **date_parts("reviewed_on", TODAY),
            "note": "syn",
            **date_parts("ends", ends),
            **date_parts("review_date", review),
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AgreementReview.objects.exists()


def test_revoking_ends_access_for_good(controller: Client, demo_accounts: dict[Role, User]) -> None:
    agreement = health_board_agreement()
    analyst = demo_accounts[Role.ANALYST]
    analyst.organisation = org(POLICE)
    analyst.save()
    assert access_for(analyst, "istv", "violence-prevention").level is DataLevel.PSEUDONYMISED
    response = controller.post("/en/agreements/dda-hb/revoke/", {**date_parts("revoked_on", TODAY)})
    assert response.status_code == 400  # a reason is needed
    assert "Say why the agreement is revoked" in response.content.decode()
    response = controller.post(
        "/en/agreements/dda-hb/revoke/",
        {**date_parts("revoked_on", TODAY), "reason": "The health board withdrew."},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.revoked_on) == (Agreement.Status.REVOKED, TODAY)
    entry = latest()
    assert entry.action == "revoke agreement"
    assert entry.detail.splitlines() == [
        "status: active → revoked",
        f"revoked_on: – → {TODAY}",
        "revocation_reason: – → The health board withdrew.",
    ]
    assert access_for(analyst, "istv", "violence-prevention").level is DataLevel.NONE
    # It can never be made active again, nor reviewed or renewed.
    before = len(entries())
    for page in ("edit", "review", "revoke"):
        assert controller.get(f"/en/agreements/dda-hb/{page}/").status_code == 302
        response = controller.post(f"/en/agreements/dda-hb/{page}/", register_data(status="active"))
        assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.REVOKED
    assert len(entries()) == before
    page = controller.get("/en/agreements/dda-hb/").content.decode()
    assert "The health board withdrew." in page
    assert 'data-testid="manage"' not in page


def test_a_revocation_cannot_be_dated_in_the_future(controller: Client) -> None:
    health_board_agreement()
    response = controller.post(
        "/en/agreements/dda-hb/revoke/",
        {**date_parts("revoked_on", TODAY + dt.timedelta(days=1)), "reason": "syn"},
    )
    assert response.status_code == 400
    assert Agreement.objects.get().status == Agreement.Status.ACTIVE


def test_an_expired_agreement_is_closed(controller: Client) -> None:
    health_board_agreement(starts=TODAY - dt.timedelta(days=400), ends=TODAY - dt.timedelta(1))
    assert controller.get("/en/agreements/dda-hb/review/").status_code == 302


# --- signed copies -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("agreement.docx", b"PK\x03\x04 not a pdf", "must be a PDF"),
        ("agreement.pdf", b"<html>not a pdf</html>", "must be a PDF"),
        ("agreement.pdf", b"%PDF-1.7\n broken beyond repair", "could not be opened"),
    ],
)
def test_only_a_pdf_is_accepted(
    controller: Client, name: str, content: bytes, message: str
) -> None:
    data = register_data(status="active", document=SimpleUploadedFile(name, content))
    response = controller.post("/en/agreements/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Agreement.objects.exists()
    stored = documents.documents_dir().rglob("*") if documents.documents_dir().exists() else []
    assert all(p.read_bytes() != content for p in stored if p.is_file())


def test_a_pdf_larger_than_the_cap_is_refused(
    controller: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = pdf_bytes()
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", len(content) - 1)
    data = register_data(status="active", document=SimpleUploadedFile("big.pdf", content))
    response = controller.post("/en/agreements/new/", data)
    assert response.status_code == 400
    assert "must be smaller than" in response.content.decode()
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    ("role", "organisation", "status"),
    [
        (Role.PARTNER_MEMBER, POLICE, 200),  # any member of a party
        (Role.ANALYST, HEALTH_BOARD, 200),
        (Role.PARTNER_MEMBER, COUNCIL, 403),  # not a party
        (Role.DATA_CONTROLLER, COUNCIL, 403),
        (Role.ADMINISTRATOR, COUNCIL, 200),
    ],
)
def test_a_signed_copy_is_for_parties_and_every_download_is_audited(
    client_for: Callable[[Role], Client],
    demo_accounts: dict[Role, User],
    role: Role,
    organisation: str,
    status: int,
) -> None:
    agreement = health_board_agreement()
    content = pdf_bytes()
    document = attach_document(agreement, demo_accounts[Role.ADMINISTRATOR], content)
    person = demo_accounts[role]
    person.organisation = org(organisation)
    person.save()
    before = len(entries())
    response = client_for(role).get(f"/en/agreements/dda-hb/documents/{document.pk}/")
    assert response.status_code == status
    new = entries()[before:]
    if status == 200:
        assert b"".join(response.streaming_content) == content  # type: ignore[attr-defined]
        assert response["Content-Type"] == "application/pdf"
        assert [(e.action, e.actor, e.agreement) for e in new] == [
            ("download agreement document", person.get_username(), "dda-hb")
        ]
        assert document.sha256 in new[0].detail
    else:
        assert new == []  # nothing was read


def test_the_public_are_sent_to_sign_in_for_a_signed_copy(
    client_for: Callable[[Role], Client], demo_accounts: dict[Role, User]
) -> None:
    agreement = health_board_agreement()
    document = attach_document(agreement, demo_accounts[Role.ADMINISTRATOR])
    response = client_for(Role.PUBLIC).get(f"/en/agreements/dda-hb/documents/{document.pk}/")
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_a_signed_copy_of_another_agreement_is_not_served(
    controller: Client, demo_accounts: dict[Role, User]
) -> None:
    health_board_agreement()
    other = make_agreement("dda-other", ends=TODAY + dt.timedelta(days=30))
    document = attach_document(other, demo_accounts[Role.ADMINISTRATOR])
    assert controller.get(f"/en/agreements/dda-hb/documents/{document.pk}/").status_code == 404


# --- the page: history, Welsh ------------------------------------------------------------


def test_the_page_shows_the_change_history_and_names_people_only_to_the_audit_readers(
    controller: Client, client_for: Callable[[Role], Client]
) -> None:
    health_board_agreement()
    controller.post(
        "/en/agreements/dda-hb/revoke/",
        {**date_parts("revoked_on", TODAY), "reason": "Withdrawn."},
    )
    mine = controller.get("/en/agreements/dda-hb/").content.decode()
    assert "status: active → revoked" in mine
    assert "Siân Controller" in mine
    partner = client_for(Role.PARTNER_MEMBER).get("/en/agreements/dda-hb/").content.decode()
    assert "status: active → revoked" in partner
    assert "Aneurin Bevan University Health Board" in partner
    assert "Siân Controller" not in partner


def test_the_register_form_is_in_welsh(controller: Client) -> None:
    page = html.unescape(controller.get("/cy/agreements/new/").content.decode())
    for welsh in (
        "Cofrestru cytundeb",  # Register an agreement
        "Diwrnod",
        "Mis",
        "Blwyddyn",
        "Partïon sy'n datgelu data",  # Parties disclosing data
        "Heddlu Gwent",  # organisations in Welsh
        "Sail gyfreithiol",
    ):
        assert welsh in page, welsh
    response = controller.post("/cy/agreements/new/", register_data(sources=[]))
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Mae problem wedi codi" in page
    assert "o leiaf un ffynhonnell" in page  # at least one source
