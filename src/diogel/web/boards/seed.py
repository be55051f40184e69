"""Load the cited Welsh landscape (``diogel.landscape``) into the boards register."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from diogel.landscape import load_landscape
from diogel.landscape.model import Document, Source
from diogel.web.boards.models import (
    AgendaItem,
    Board,
    MemberOrganisation,
    Person,
    Seat,
    SeatHolding,
    StatusChange,
    TrackerEntry,
)
from diogel.web.core.seeding import Seeding, SeedReport, present


def source_entries(
    sources: tuple[Source, ...], documents: tuple[Document, ...]
) -> list[dict[str, Any]]:
    """Citations as stored: each source with the title of the document it names."""
    titles = {d.file: d.title for d in documents}
    out = []
    for source in sources:
        entry = asdict(source)
        entry["title"] = next(
            (title for file, title in titles.items() if file.startswith(source.document)),
            source.document,
        )
        out.append(entry)
    return out


def seed_landscape(path: Path | None = None) -> SeedReport:
    """Bring the register up to the landscape at ``path`` (default: Wales).

    Additive (:mod:`diogel.web.core.seeding`): it creates what the file has and the
    register lacks, updates only the fields nobody changed on the site since the last
    seeding, and deletes nothing, so the seats, holders, status history, agenda items,
    meetings and reviews secretariats recorded stay as they are. All in one
    transaction: a landscape that fails validation changes nothing.
    """
    # The site's own footprints, so a deployment's partnerships are the ones checked.
    landscape = load_landscape(
        path or settings.DIOGEL.landscape_file, settings.DIOGEL.footprints_file
    )
    documents = landscape.documents
    with transaction.atomic():
        seeding = Seeding("wales-landscape")
        organisations: dict[str, MemberOrganisation] = {}
        for body in landscape.organisations:
            found = seeding.sync(
                MemberOrganisation,
                body.code,
                dict(
                    name_en=body.name_en,
                    name_cy=body.name_cy or "",
                    kind=body.kind,
                    sources=source_entries(body.sources, documents),
                ),
                find={"code": body.code},
            )
            if found is not None:
                organisations[body.code] = found
        boards: dict[str, Board] = {}
        for entry in landscape.boards:
            status = entry.status_history[-1].status.value if entry.status_history else ""
            board = seeding.sync(
                Board,
                entry.code,
                dict(
                    name_en=entry.name_en,
                    name_cy=entry.name_cy or "",
                    board_type=entry.type.value,
                    level=entry.level.value,
                    themes=[t.value for t in entry.themes],
                    footprint=list(entry.footprint),
                    statutory_basis=entry.statutory_basis or "",
                    purpose=entry.purpose or "",
                    chair_role=entry.chair_role or "",
                    meetings_per_year=entry.meetings_per_year,
                    count=entry.count,
                    status=status,
                    sources=source_entries(entry.sources, documents),
                ),
                find={"code": entry.code},
            )
            if board is not None:
                boards[entry.code] = board
        # Meeting back-to-back is one link seen from both boards, whichever names it.
        back_to_back: dict[str, set[str]] = {entry.code: set() for entry in landscape.boards}
        for entry in landscape.boards:
            for other in entry.back_to_back_with:
                back_to_back[entry.code].add(other)
                back_to_back[other].add(entry.code)
        for entry in landscape.boards:
            if entry.code not in boards:
                continue  # removed on the site: so are its seats, history and agenda
            board = boards[entry.code]
            seeding.sync(
                Board,
                entry.code,
                dict(
                    parent=boards.get(entry.parent or ""),
                    replaced_by=boards.get(entry.replaced_by or ""),
                ),
                find={"code": entry.code},
                links=dict(
                    escalates_to=present(boards, entry.escalates_to),
                    back_to_back_with=present(boards, sorted(back_to_back[entry.code])),
                    member_organisations=present(organisations, entry.member_organisations),
                ),
            )
            for order, change in enumerate(entry.status_history):
                seeding.sync(
                    StatusChange,
                    f"{entry.code}/{order}",
                    dict(
                        status=change.status.value,
                        date=change.date or "",
                        note=change.note,
                        sources=source_entries(change.sources, documents),
                        order=order,
                    ),
                    # Status changes have no code: one with the same step and date.
                    find={"board": board, "status": change.status.value, "date": change.date or ""},
                )
            for order, seat in enumerate(entry.seats):
                seeding.sync(
                    Seat,
                    f"{entry.code}/{seat.code}",
                    dict(
                        role=seat.role,
                        organisation=organisations.get(seat.organisation or ""),
                        mandatory=seat.mandatory,
                        holders=seat.holders,
                        note=seat.note,
                        sources=source_entries(seat.sources, documents),
                        order=order,
                    ),
                    find={"board": board, "code": seat.code},
                )
            for order, item in enumerate(entry.mandatory_agenda):
                seeding.sync(
                    AgendaItem,
                    f"{entry.code}/{item.code}",
                    dict(
                        title_en=item.title_en,
                        title_cy=item.title_cy or "",
                        sources=source_entries(item.sources, documents),
                        order=order,
                    ),
                    find={"board": board, "code": item.code},
                )
        people: dict[str, Person] = {}
        for person in landscape.people:
            found_person = seeding.sync(
                Person,
                person.code,
                dict(
                    name=person.name,
                    office=person.office,
                    as_of=person.as_of or "",
                    sources=source_entries(person.sources, documents),
                ),
                find={"code": person.code},
            )
            if found_person is not None:
                people[person.code] = found_person
        # Holdings have no code of their own: a person's n-th holding of a seat.
        nth: Counter[tuple[str, str, str]] = Counter()
        for holding in landscape.memberships:
            which = (holding.person, holding.board, holding.seat)
            key = "/".join(which) + f"/{nth[which]}"
            nth[which] += 1
            holder = people.get(holding.person)
            seat_row = Seat.objects.filter(board__code=holding.board, code=holding.seat).first()
            if holder is None or seat_row is None:
                continue  # the person or the seat was removed on the site
            seeding.sync(
                SeatHolding,
                key,
                dict(
                    start=holding.start or "",
                    end=holding.end or "",
                    as_of=holding.as_of or "",
                    deputy=holding.deputy,
                    sources=source_entries(holding.sources, documents),
                ),
                find={"person": holder, "seat": seat_row, "start": holding.start or ""},
            )
        for row in landscape.tracker:
            seeding.sync(
                TrackerEntry,
                f"{row.region}/{row.quarter}",
                dict(
                    current_position=row.current_position or "",
                    actions=[asdict(a) for a in row.actions],
                    sources=source_entries(row.sources, documents),
                ),
                find={"region": row.region, "quarter": row.quarter},
            )
        return seeding.finish()


#: The boards the demo's secretariat account keeps: Newport's partnership (its
#: organisation is Newport City Council) and the Gwent oversight group.
DEMO_SECRETARIAT_BOARDS = ("csp-newport", "gwent-csp-oversight-group")


def give_boards_to(username: str, codes: tuple[str, ...] = DEMO_SECRETARIAT_BOARDS) -> int:
    """Make ``username`` a keeper of the boards ``codes``; returns how many were found."""
    from diogel.web.accounts.models import User

    user = User.objects.get(username=username)
    boards = list(Board.objects.filter(code__in=codes))
    for board in boards:
        board.secretariat.add(user)
    return len(boards)
