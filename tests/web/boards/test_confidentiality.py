"""Who sees a meeting's agenda items and papers, and who publishes them.

Each item carries a confidentiality level (public, partners, board members, named
people) and a publication state (draft, published, withdrawn). Before this, every
signed-in account of every organisation read every paper. The matrix below
requests each item's page, its paper and its publishing as every role in every
relation to the board, and compares with :func:`expected_sight`, the rule as the
issue states it, written here without the code under test.

All people, organisations and papers here are SYNTHETIC.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from diogel.web.accounts.models import Organisation, User
from diogel.web.accounts.roles import Role
from diogel.web.audit.models import Entry
from diogel.web.boards.models import Board, Meeting, MeetingItem, Person, SeatHolding

pytestmark = pytest.mark.django_db
OVERSIGHT = "gwent-csp-oversight-group"
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
    """The issue's rule for papers: keepers (a secretariat keeping the board) and
    administrators see everything of their boards, drafts included; everyone else sees
    published items only: public ones all, partners' ones when signed in, board members'
    ones when holding a seat on the board, named ones when named."""
    if role is Role.ADMINISTRATOR or (role is Role.BOARD_SECRETARIAT and relation == "keeper"):
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
    """Only the board's keepers and administrators publish or withdraw."""
    return role is Role.ADMINISTRATOR or (role is Role.BOARD_SECRETARIAT and relation == "keeper")


@pytest.fixture
def unrelated() -> Organisation:
    """A partner organisation with no seat, keeper or name on the Gwent boards."""
    return Organisation.objects.create(
        slug="cardiff-synthetic", name_en="Cardiff (SYNTHETIC)", name_cy="Caerdydd", kind="other"
    )


def account(username: str, role: Role, organisation: Organisation) -> User:
    return User.objects.create(username=username, role=role, organisation=organisation)


def seat_on(board: Board, user: User, start: str = "2020", end: str = "") -> None:
    """Link an office holder to ``user`` holding a seat on ``board`` from ``start`` to ``end``."""
    person = Person.objects.create(
        code=f"synthetic-{user.username}", name=f"{user.username} (SYNTHETIC)", office="Member"
    )
    person.account = user
    person.save()
    seat = board.seats.order_by("order").first()
    assert seat is not None
    SeatHolding.objects.create(person=person, seat=seat, start=start, end=end)


def with_paper(meeting: Meeting, number: int, level: str, state: str) -> MeetingItem:
    item = MeetingItem.objects.create(
        meeting=meeting,
        number=number,
        title=f"{level} {state}",
        confidentiality=level,
        publication=state,
    )
    papers = Path(settings.DIOGEL.var_dir) / "papers"
    path = papers / str(meeting.pk) / f"{item.pk}-synthetic.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7 SYNTHETIC " + item.title.encode())
    item.paper_file, item.paper_name = str(path.relative_to(papers)), f"{level}-{state}.pdf"
    item.save()
    return item


def client_of(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def urls(item: MeetingItem) -> tuple[str, str]:
    base = f"/en/boards/{OVERSIGHT}/meetings/{item.meeting_id}"
    return f"{base}/items/{item.pk}/", f"{base}/papers/{item.pk}/"


def test_an_account_of_an_unrelated_organisation_cannot_read_a_board_members_paper(
    client_for: Callable[[Role], Client], seeded_register: None, unrelated: Organisation
) -> None:
    """Found on the code before: every signed-in account read every paper."""
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    day = {"date": "2021-03-25"}
    assert secretariat.post(f"/en/boards/{OVERSIGHT}/meetings/new/", day).status_code == 302
    meeting = Meeting.objects.latest("pk")
    item = meeting.items.order_by("number").first()
    assert item is not None
    upload = secretariat.post(
        f"/en/boards/{OVERSIGHT}/meetings/{meeting.pk}/",
        {"form": "paper", "item": item.pk, "paper": _pdf("exempt.pdf")},
    )
    assert upload.status_code == 302
    page, paper = urls(item)
    chosen = secretariat.post(page, {"action": "publish", "confidentiality": "board_members"})
    outsider = client_of(account("outsider", Role.PARTNER_MEMBER, unrelated))
    assert outsider.get(paper).status_code == 404
    assert chosen.status_code == 302
    assert outsider.get(page).status_code == 404
    assert (
        f"/items/{item.pk}/"
        not in outsider.get(f"/en/boards/{OVERSIGHT}/meetings/{meeting.pk}/").content.decode()
    )
    # Someone holding a seat on the board reads it, and the download is audited.
    member = account("member", Role.PARTNER_MEMBER, unrelated)
    seat_on(Board.objects.get(code=OVERSIGHT), member)
    assert client_of(member).get(paper).status_code == 200
    assert Entry.objects.filter(
        user=member, action="download_paper", target=f"meeting item {item.pk}"
    ).exists()


def _pdf(name: str) -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.7 SYNTHETIC exempt paper")


def test_a_seat_held_no_longer_gives_sight_of_board_members_papers(
    seeded_register: None, unrelated: Organisation
) -> None:
    board = Board.objects.get(code=OVERSIGHT)
    meeting = Meeting.objects.create(board=board, date=dt.date(2021, 3, 25))
    item = with_paper(meeting, 1, "board_members", "published")
    former = account("former", Role.PARTNER_MEMBER, unrelated)
    seat_on(board, former, start="2015", end="2019-03")
    future = account("future", Role.PARTNER_MEMBER, unrelated)
    seat_on(board, future, start="2099")
    _, paper = urls(item)
    assert client_of(former).get(paper).status_code == 404
    assert client_of(future).get(paper).status_code == 404


def test_every_role_and_relation_sees_and_publishes_as_the_rule_says(
    seeded_register: None, unrelated: Organisation
) -> None:
    board = Board.objects.get(code=OVERSIGHT)
    meeting = Meeting.objects.create(board=board, date=dt.date(2021, 3, 25))
    items = {
        (level, state): with_paper(meeting, n, level, state)
        for n, (level, state) in enumerate(itertools.product(LEVELS, STATES), start=1)
    }
    viewers: list[tuple[Role, str, User | None]] = [(Role.PUBLIC, "none", None)]
    for role, relation in itertools.product(SIGNED_IN, RELATIONS):
        user = account(f"{role.value}-{relation}", role, unrelated)
        if relation == "keeper":
            board.secretariat.add(user)
        elif relation == "member":
            seat_on(board, user)
        elif relation == "named":
            for item in items.values():
                item.named_readers.add(user)
        viewers.append((role, relation, user))
    failures = []
    for role, relation, viewer in viewers:
        client = client_of(viewer)
        refused = 302 if viewer is None else 404  # the public are sent to sign in
        for (level, state), item in items.items():
            page, paper = urls(item)
            sees = expected_sight(role, relation, level, state)
            for url in (page, paper):
                got = client.get(url).status_code
                if got != (200 if sees else refused):
                    failures.append(f"{role.value}/{relation} GET {url} ({level}, {state}): {got}")
            # Publish a draft or withdrawn item, withdraw a published one.
            action = "withdraw" if state == "published" else "publish"
            named = [u.pk for u in item.named_readers.all()]
            posted = client.post(
                page, {"action": action, "confidentiality": level, "named_readers": named}
            ).status_code
            publishes = sees and expected_publisher(role, relation)
            want = (302 if publishes else 403) if sees else refused
            if posted != want:
                failures.append(f"{role.value}/{relation} {action} ({level}, {state}): {posted}")
            item.refresh_from_db()
            if (item.publication != state) != publishes:
                failures.append(f"{role.value}/{relation} {action} ({level}, {state}) changed")
            MeetingItem.objects.filter(pk=item.pk).update(publication=state)
    assert not failures, "\n".join(failures)


def test_the_public_see_only_public_published_papers(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    board = Board.objects.get(code=OVERSIGHT)
    meeting = Meeting.objects.create(board=board, date=dt.date(2021, 3, 25))
    for n, (level, state) in enumerate(itertools.product(LEVELS, STATES), start=1):
        with_paper(meeting, n, level, state)
    listed = client_for(Role.PUBLIC).get(f"/en/boards/{OVERSIGHT}/papers/").content.decode()
    shown = {f"{level}-{state}.pdf" for level, state in itertools.product(LEVELS, STATES)}
    assert {name for name in shown if name in listed} == {"public-published.pdf"}
    assert "Who may see it" in listed
    # A partner (not on the board, not named) sees public and partners' published papers.
    partner = client_for(Role.PARTNER_MEMBER).get(f"/en/boards/{OVERSIGHT}/papers/")
    seen = {name for name in shown if name in partner.content.decode()}
    assert seen == {"public-published.pdf", "partners-published.pdf"}
    # The board's page links to its papers for everyone.
    assert (
        f"/en/boards/{OVERSIGHT}/papers/"
        in client_for(Role.PUBLIC).get(f"/en/boards/{OVERSIGHT}/").content.decode()
    )


def test_confidential_downloads_are_audited_and_public_ones_are_not(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    board = Board.objects.get(code=OVERSIGHT)
    meeting = Meeting.objects.create(board=board, date=dt.date(2021, 3, 25))
    open_item = with_paper(meeting, 1, "public", "published")
    partners_item = with_paper(meeting, 2, "partners", "published")
    partner = client_for(Role.PARTNER_MEMBER)
    assert client_for(Role.PUBLIC).get(urls(open_item)[1]).status_code == 200
    assert partner.get(urls(open_item)[1]).status_code == 200
    assert not Entry.objects.filter(action="download_paper").exists()
    assert partner.get(urls(partners_item)[1]).status_code == 200
    event = Entry.objects.get(action="download_paper")
    assert event.target == f"meeting item {partners_item.pk}"
    assert event.detail.startswith("partners published")


def test_keepers_choose_the_level_publish_and_withdraw_and_each_step_is_audited(
    client_for: Callable[[Role], Client], seeded_register: None, unrelated: Organisation
) -> None:
    board = Board.objects.get(code=OVERSIGHT)
    meeting = Meeting.objects.create(board=board, date=dt.date(2021, 3, 25))
    item = with_paper(meeting, 1, "partners", "draft")
    page, paper = urls(item)
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    form = secretariat.get(page).content.decode()
    for label in ("Public", "Partners", "Board members", "Named people", "Publish"):
        assert label in form
    # Named people need at least one name.
    refused = secretariat.post(page, {"action": "publish", "confidentiality": "named"})
    assert refused.status_code == 400
    assert "Name at least one person who may see it." in refused.content.decode()
    reader = account("reader", Role.PARTNER_MEMBER, unrelated)
    ok = secretariat.post(
        page, {"action": "publish", "confidentiality": "named", "named_readers": [reader.pk]}
    )
    assert ok.status_code == 302
    assert client_of(reader).get(paper).status_code == 200
    assert client_for(Role.PARTNER_MEMBER).get(paper).status_code == 404
    assert secretariat.post(page, {"action": "withdraw"}).status_code == 302
    assert client_of(reader).get(paper).status_code == 404
    actions = list(
        Entry.objects.filter(target=f"meeting item {item.pk}")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "change_paper_confidentiality",
        "publish_paper",
        "download_paper",
        "withdraw_paper",
    ]
    welsh = secretariat.get(page.replace("/en/", "/cy/")).content.decode()
    assert "Pwy gaiff ei weld" in welsh


def test_a_secretariat_publishes_only_the_agendas_of_boards_it_keeps(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    other = Board.objects.get(code="csp-torfaen")  # not the demo secretariat's
    meeting = Meeting.objects.create(board=other, date=dt.date(2021, 3, 25))
    item = with_paper(meeting, 1, "partners", "draft")
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    url = f"/en/boards/csp-torfaen/meetings/{meeting.pk}/"
    assert secretariat.post(url, {"form": "publish_drafts"}).status_code == 403
    item_url = f"{url}items/{item.pk}/"
    assert secretariat.post(item_url, {"action": "publish"}).status_code == 404  # a draft
    item.refresh_from_db()
    assert item.publication == "draft"
    own = Meeting.objects.create(board=Board.objects.get(code=OVERSIGHT), date=dt.date(2021, 4, 1))
    drafts = [with_paper(own, n, "partners", "draft") for n in (1, 2)]
    assert (
        secretariat.post(
            f"/en/boards/{OVERSIGHT}/meetings/{own.pk}/", {"form": "publish_drafts"}
        ).status_code
        == 302
    )
    assert {d.pk for d in drafts} == set(
        MeetingItem.objects.filter(meeting=own, publication="published").values_list(
            "pk", flat=True
        )
    )
