"""Who reads a report, and who publishes it.

A report is a draft until a keeper of one of its area's boards (a board whose
footprint holds the report's area) or an administrator publishes it, for a
confidentiality level: public, partners, board members, named people. Before
this, every signed-in account read every report, published or not, and any
board secretariat published any area's report.

The boards, people and organisations here are SYNTHETIC; the report is a small
hand-made document.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from diogel.web.accounts.models import Organisation, User
from diogel.web.accounts.roles import Role
from diogel.web.audit.models import Entry
from diogel.web.boards.models import Board, Person, Seat, SeatHolding
from diogel.web.reports.models import Report
from tests.web.reports.documents import small_document

pytestmark = pytest.mark.django_db
GWENT, NEWPORT, CARDIFF = "W15000003", "W06000022", "W06000015"
LEVELS = ("public", "partners", "board_members", "named")
STATES = ("draft", "published", "withdrawn")
RELATIONS = ("keeper", "member", "named", "none")
SIGNED_IN = (
    Role.PARTNER_MEMBER,
    Role.ANALYST,
    Role.DATA_CONTROLLER,
    Role.BOARD_SECRETARIAT,
    Role.ADMINISTRATOR,
)


def expected_sight(role: Role, relation: str, level: str, state: str) -> bool:
    """The rule for reports, as the issue states it: administrators, analysts (who make
    reports) and the secretariats keeping a board of the report's area see drafts and
    every level; anyone else sees published reports for the public, for partners when
    signed in, for board members when holding a seat on one of the area's boards, and
    for named people when named."""
    if role in (Role.ADMINISTRATOR, Role.ANALYST):
        return True
    if role is Role.BOARD_SECRETARIAT and relation == "keeper":
        return True
    if state != "published":
        return False
    if level == "public":
        return True
    if role is Role.PUBLIC:
        return False
    return {
        "partners": True,
        "board_members": relation == "member",
        "named": relation == "named",
    }[level]


def expected_publisher(role: Role, relation: str) -> bool:
    return role is Role.ADMINISTRATOR or (role is Role.BOARD_SECRETARIAT and relation == "keeper")


@pytest.fixture
def site(settings: Any, tmp_path: Path) -> None:
    """Report files in a fresh directory; three SYNTHETIC boards with real footprints."""
    settings.DIOGEL = dataclasses.replace(settings.DIOGEL, var_dir=tmp_path, demo=False)
    for code, footprint in (
        ("gwent-synthetic", [GWENT]),
        ("newport-synthetic", [NEWPORT]),
        ("cardiff-synthetic", [CARDIFF]),
    ):
        board = Board.objects.create(
            code=code, name_en=f"{code} (SYNTHETIC)", board_type="csp", level="local",
            footprint=footprint,
        )  # fmt: skip
        Seat.objects.create(board=board, code="chair", role="Chair", mandatory=True)


@pytest.fixture
def unrelated() -> Organisation:
    return Organisation.objects.create(
        slug="elsewhere-synthetic", name_en="Elsewhere (SYNTHETIC)", name_cy="", kind="other"
    )


def account(username: str, role: Role, organisation: Organisation) -> User:
    return User.objects.create(username=username, role=role, organisation=organisation)


def keeper_of(board: str, username: str, organisation: Organisation) -> User:
    user = account(username, Role.BOARD_SECRETARIAT, organisation)
    Board.objects.get(code=board).secretariat.add(user)
    return user


def seated(board: str, user: User) -> None:
    person = Person.objects.create(code=f"p-{user.username}", name="SYNTHETIC", office="Member")
    person.account = user
    person.save()
    seat = Seat.objects.get(board__code=board)
    SeatHolding.objects.create(person=person, seat=seat, start="2020")


def report(area: str = GWENT, level: str = "public", state: str = "draft") -> Report:
    """A ready report with its files in place (their content is not what is tested)."""
    document = small_document()
    made = Report.objects.create(
        kind=Report.Kind.VIOLENCE_MONITORING,
        parameters={**document.parameters, "area": area},
        area_code=area,
        title_en=f"SYNTHETIC report {area} {level} {state}",
        title_cy=f"Adroddiad SYNTHETIG {area} {level} {state}",
        status=Report.Status.READY,
        document=document.to_json(),
    )
    if (level, state) != ("public", "draft"):  # the defaults
        Report.objects.filter(pk=made.pk).update(confidentiality=level, publication=state)
        made.refresh_from_db()
    made.files_dir.mkdir(parents=True, exist_ok=True)
    for language in ("en", "cy"):
        made.file_path(language, "html").write_text(f"<p>{made.title_en}</p>", encoding="utf-8")
        made.file_path(language, "pdf").write_bytes(b"%PDF-1.7 SYNTHETIC")
    return made


def client_of(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_an_account_of_an_unrelated_organisation_cannot_read_an_unpublished_report(
    site: None, unrelated: Organisation
) -> None:
    """Found on the code before: every signed-in account read every report."""
    draft = Report.objects.get(pk=report().pk)
    outsider = client_of(account("outsider", Role.PARTNER_MEMBER, unrelated))
    for url in ("", "report/", "report.pdf", "report.json"):
        assert outsider.get(f"/en/reports/{draft.pk}/{url}").status_code == 404, url
    assert draft.title_en not in outsider.get("/en/reports/").content.decode()
    assert client_of(None).get(f"/en/reports/published/{draft.pk}/").status_code == 404


def test_a_secretariat_keeping_only_cardiffs_board_cannot_publish_gwents_report(
    site: None, unrelated: Organisation
) -> None:
    """Found on the code before: any secretariat published any area's report."""
    gwent = report(GWENT)
    cardiff = client_of(keeper_of("cardiff-synthetic", "cardiff-keeper", unrelated))
    assert cardiff.post(f"/en/reports/{gwent.pk}/publish/").status_code in (403, 404)
    gwent.refresh_from_db()
    assert gwent.published_at is None
    assert not Entry.objects.filter(target=f"report {gwent.pk}").exists()
    # Cardiff's keeper publishes Cardiff's report; Gwent's keeper publishes Gwent's and
    # Newport's (inside Gwent); Newport's keeper does not publish Gwent's.
    own = report(CARDIFF)
    assert cardiff.post(f"/en/reports/{own.pk}/publish/").status_code == 302
    own.refresh_from_db()
    assert own.publication == "published"
    gwent_keeper = client_of(keeper_of("gwent-synthetic", "gwent-keeper", unrelated))
    newport_report = report(NEWPORT)
    assert gwent_keeper.post(f"/en/reports/{newport_report.pk}/publish/").status_code == 302
    newport_keeper = client_of(keeper_of("newport-synthetic", "newport-keeper", unrelated))
    assert newport_keeper.post(f"/en/reports/{gwent.pk}/publish/").status_code in (403, 404)
    gwent.refresh_from_db()
    assert gwent.published_at is None


def test_every_role_and_relation_reads_and_publishes_as_the_rule_says(
    site: None, unrelated: Organisation
) -> None:
    reports = {
        (level, state): report(GWENT, level, state)
        for level, state in itertools.product(LEVELS, STATES)
    }
    viewers: list[tuple[Role, str, User | None]] = [(Role.PUBLIC, "none", None)]
    for role, relation in itertools.product(SIGNED_IN, RELATIONS):
        user = account(f"{role.value}-{relation}", role, unrelated)
        if relation == "keeper":
            Board.objects.get(code="gwent-synthetic").secretariat.add(user)
        elif relation == "member":
            seated("gwent-synthetic", user)
        elif relation == "named":
            for each in reports.values():
                each.named_readers.add(user)
        viewers.append((role, relation, user))
    failures = []
    for role, relation, viewer in viewers:
        client = client_of(viewer)
        for (level, state), each in reports.items():
            sees = expected_sight(role, relation, level, state)
            # Partners' pages send the public to sign in; the public pages serve only
            # reports published for everyone, to whoever asks.
            partner_status = 302 if viewer is None else (200 if sees else 404)
            public_status = 200 if (level, state) == ("public", "published") else 404
            for url, want in (
                (f"/en/reports/{each.pk}/", partner_status),
                (f"/en/reports/{each.pk}/report.pdf", partner_status),
                (f"/en/reports/published/{each.pk}/report.pdf", public_status),
            ):
                got = client.get(url).status_code
                if got != want:
                    failures.append(f"{role.value}/{relation} GET {url} ({level}, {state}): {got}")
            action = "withdraw" if state == "published" else "publish"
            named = [u.pk for u in each.named_readers.all()]
            posted = client.post(
                f"/en/reports/{each.pk}/publish/",
                {"action": action, "confidentiality": level, "named_readers": named},
            ).status_code
            publishes = sees and expected_publisher(role, relation)
            if viewer is None:
                want = 302  # sent to sign in
            elif role is not Role.BOARD_SECRETARIAT and role is not Role.ADMINISTRATOR:
                want = 403  # only secretariats and administrators publish at all
            else:
                want = (302 if publishes else 403) if sees else 404
            if posted != want:
                failures.append(f"{role.value}/{relation} {action} ({level}, {state}): {posted}")
            each.refresh_from_db()
            if (each.publication != state) != publishes:
                failures.append(f"{role.value}/{relation} {action} ({level}, {state}) changed")
            Report.objects.filter(pk=each.pk).update(publication=state)
    assert not failures, "\n".join(failures)


def test_public_pages_list_only_public_published_reports(
    site: None, client_for: Callable[[Role], Client]
) -> None:
    made = {
        (level, state): report(GWENT, level, state)
        for level, state in itertools.product(LEVELS, STATES)
    }
    for role in (Role.PUBLIC, Role.PARTNER_MEMBER, Role.ADMINISTRATOR):
        page = client_for(role).get("/en/reports/published/").content.decode()
        listed = {key for key, each in made.items() if f"/published/{each.pk}/" in page}
        assert listed == {("public", "published")}, role
    # The query the public pages use says what the rule says for someone not signed in.
    from diogel.web.accounts.permissions import may_see, public_items

    by_rule = {each.pk for each in made.values() if may_see(AnonymousUser(), each)}
    assert set(public_items(Report.objects.all()).values_list("pk", flat=True)) == by_rule
    # A partner's list: published reports for the public and for partners.
    page = client_for(Role.PARTNER_MEMBER).get("/en/reports/").content.decode()
    listed = {key for key, each in made.items() if f"/en/reports/{each.pk}/" in page}
    assert listed == {("public", "published"), ("partners", "published")}
    assert "Who may see it" in page


def test_confidential_report_downloads_are_audited_and_public_ones_are_not(
    site: None, client_for: Callable[[Role], Client]
) -> None:
    public = report(GWENT, "public", "published")
    partners = report(GWENT, "partners", "published")
    partner = client_for(Role.PARTNER_MEMBER)
    assert client_for(Role.PUBLIC).get(f"/en/reports/published/{public.pk}/").status_code == 200
    assert partner.get(f"/en/reports/{public.pk}/report.pdf").status_code == 200
    assert not Entry.objects.exists()
    for url in ("report/", "report.pdf", "report.json"):
        assert partner.get(f"/en/reports/{partners.pk}/{url}").status_code == 200
    actions = set(
        Entry.objects.filter(target=f"report {partners.pk}").values_list("action", flat=True)
    )
    assert actions == {"download_report_html", "download_report_pdf", "download_report_json"}


def test_a_keeper_publishes_to_named_people_and_withdraws_each_step_audited(
    site: None, unrelated: Organisation
) -> None:
    each = report(GWENT)
    keeper = client_of(keeper_of("gwent-synthetic", "gwent-keeper", unrelated))
    reader = account("reader", Role.DATA_CONTROLLER, unrelated)
    page = keeper.get(f"/en/reports/{each.pk}/").content.decode()
    assert 'data-testid="publish-form"' in page
    url = f"/en/reports/{each.pk}/publish/"
    missing = keeper.post(url, {"action": "publish", "confidentiality": "named"})
    assert missing.status_code == 400
    assert "Name at least one person who may see it." in missing.content.decode()
    published = keeper.post(
        url, {"action": "publish", "confidentiality": "named", "named_readers": [reader.pk]}
    )
    assert published.status_code == 302
    assert client_of(reader).get(f"/en/reports/{each.pk}/").status_code == 200
    other = account("other", Role.DATA_CONTROLLER, unrelated)
    assert client_of(other).get(f"/en/reports/{each.pk}/").status_code == 404
    assert keeper.post(url, {"action": "withdraw"}).status_code == 302
    assert client_of(reader).get(f"/en/reports/{each.pk}/").status_code == 404
    actions = list(
        Entry.objects.filter(target=f"report {each.pk}")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["change_report_confidentiality", "publish_report", "withdraw_report"]
    # Withdrawn: not on the public page, and the keeper sees its state in words.
    detail = keeper.get(f"/cy/reports/{each.pk}/").content.decode()
    assert "Tynnwyd yn ôl" in detail
