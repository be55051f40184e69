"""Load the cited Welsh landscape (``diogel.landscape``) into the boards register."""

from __future__ import annotations

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


def seed_landscape(path: Path | None = None) -> dict[str, int]:
    """Bring the register up to the landscape at ``path`` (default: Wales).

    Boards, seats, agenda items and tracker rows are updated in place by their
    codes, so seeding again never loses the meetings, attendance, duties and
    reviews recorded against them. All in one transaction: a landscape that fails
    validation changes nothing. Returns how many of each entry were loaded.
    """
    # The site's own footprints, so a deployment's partnerships are the ones checked.
    landscape = load_landscape(
        path or settings.DIOGEL.landscape_file, settings.DIOGEL.footprints_file
    )
    with transaction.atomic():
        organisations: dict[str, MemberOrganisation] = {}
        for body in landscape.organisations:
            organisations[body.code], _created = MemberOrganisation.objects.update_or_create(
                code=body.code,
                defaults=dict(
                    name_en=body.name_en,
                    name_cy=body.name_cy or "",
                    kind=body.kind,
                    sources=source_entries(body.sources, landscape.documents),
                ),
            )
        boards: dict[str, Board] = {}
        for entry in landscape.boards:
            status = entry.status_history[-1].status.value if entry.status_history else ""
            boards[entry.code], _created = Board.objects.update_or_create(
                code=entry.code,
                defaults=dict(
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
                    sources=source_entries(entry.sources, landscape.documents),
                ),
            )
        seats = items = 0
        Board.back_to_back_with.through.objects.all().delete()  # symmetrical: set from the seed
        for entry in landscape.boards:
            board = boards[entry.code]
            board.parent = boards[entry.parent] if entry.parent else None
            board.replaced_by = boards[entry.replaced_by] if entry.replaced_by else None
            board.save(update_fields=["parent", "replaced_by"])
            board.escalates_to.set([boards[c] for c in entry.escalates_to])
            board.back_to_back_with.add(*[boards[c] for c in entry.back_to_back_with])
            board.member_organisations.set([organisations[c] for c in entry.member_organisations])
            board.history.all().delete()  # the seed's history is the record: replace
            for order, change in enumerate(entry.status_history):
                StatusChange.objects.create(
                    board=board,
                    status=change.status.value,
                    date=change.date or "",
                    note=change.note,
                    sources=source_entries(change.sources, landscape.documents),
                    order=order,
                )
            # Seats the landscape no longer has go, with their attendance; the rest stay.
            board.seats.exclude(code__in=[seat.code for seat in entry.seats]).delete()
            board.agenda_items.all().delete()  # nothing refers to them: replace
            for order, seat in enumerate(entry.seats):
                Seat.objects.update_or_create(
                    board=board,
                    code=seat.code,
                    defaults=dict(
                        role=seat.role,
                        organisation=organisations.get(seat.organisation or ""),
                        mandatory=seat.mandatory,
                        holders=seat.holders,
                        note=seat.note,
                        sources=source_entries(seat.sources, landscape.documents),
                        order=order,
                    ),
                )
                seats += 1
            for order, item in enumerate(entry.mandatory_agenda):
                AgendaItem.objects.create(
                    board=board,
                    code=item.code,
                    title_en=item.title_en,
                    title_cy=item.title_cy or "",
                    sources=source_entries(item.sources, landscape.documents),
                    order=order,
                )
                items += 1
        people = {}
        for person in landscape.people:
            people[person.code], _created = Person.objects.update_or_create(
                code=person.code,
                defaults=dict(
                    name=person.name,
                    office=person.office,
                    as_of=person.as_of or "",
                    sources=source_entries(person.sources, landscape.documents),
                ),
            )
        # Holdings have no code of their own: the seed's are replaced as a set.
        SeatHolding.objects.filter(person__in=people.values()).delete()
        for holding in landscape.memberships:
            SeatHolding.objects.create(
                person=people[holding.person],
                seat=Seat.objects.get(board=boards[holding.board], code=holding.seat),
                start=holding.start or "",
                end=holding.end or "",
                as_of=holding.as_of or "",
                deputy=holding.deputy,
                sources=source_entries(holding.sources, landscape.documents),
            )
        for row in landscape.tracker:
            TrackerEntry.objects.update_or_create(
                region=row.region,
                quarter=row.quarter,
                defaults=dict(
                    current_position=row.current_position or "",
                    actions=[asdict(a) for a in row.actions],
                    sources=source_entries(row.sources, landscape.documents),
                ),
            )
    return {
        "organisations": len(organisations),
        "boards": len(boards),
        "people": len(people),
        "seat holders": len(landscape.memberships),
        "seats": seats,
        "agenda items": items,
        "tracker entries": len(landscape.tracker),
    }


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
