"""The register as the core sees it, so the site analyses what secretariats have recorded.

The seed file is where the register starts; after that, boards, seats and holders
are edited on the site. :func:`landscape_from_register` turns the database back
into a :class:`diogel.landscape.model.Landscape`, and every analysis, network and
matrix on the site is the core's, run on it.
"""

from __future__ import annotations

from typing import Any

from diogel.landscape import model as core
from diogel.landscape.vocab import BoardLevel, BoardType, Status, Theme
from diogel.web.boards.models import (
    Board,
    MemberOrganisation,
    Person,
    SeatHolding,
    TrackerEntry,
)


def _sources(entries: list[dict[str, Any]]) -> tuple[core.Source, ...]:
    return tuple(
        core.Source(
            document=str(e.get("document", "")),
            quote=str(e.get("quote", "")),
            section=str(e.get("section", "")),
            date=e.get("date"),
        )
        for e in entries
    )


def _board(board: Board) -> core.Board:
    return core.Board(
        code=board.code,
        name_en=board.name_en,
        name_cy=board.name_cy or None,
        type=BoardType(board.board_type),
        level=BoardLevel(board.level),
        themes=tuple(Theme(t) for t in board.themes),
        footprint=tuple(board.footprint),
        sources=_sources(board.sources),
        statutory_basis=board.statutory_basis or None,
        purpose=board.purpose or None,
        parent=board.parent.code if board.parent else None,
        escalates_to=tuple(b.code for b in board.escalates_to.all()),
        chair_role=board.chair_role or None,
        meetings_per_year=board.meetings_per_year,
        back_to_back_with=tuple(sorted(b.code for b in board.back_to_back_with.all())),
        replaced_by=board.replaced_by.code if board.replaced_by else None,
        count=board.count,
        status_history=tuple(
            core.StatusChange(Status(c.status), c.date or None, c.note, _sources(c.sources))
            for c in board.history.all()
        ),
        seats=tuple(
            core.Seat(
                s.code,
                s.role,
                s.organisation.code if s.organisation else None,
                s.mandatory,
                _sources(s.sources),
                s.holders,
                s.note,
            )
            for s in board.seats.all()
        ),
        mandatory_agenda=tuple(
            core.MandatoryAgendaItem(i.code, i.title_en, i.title_cy or None, _sources(i.sources))
            for i in board.agenda_items.all()
        ),
        member_organisations=tuple(o.code for o in board.member_organisations.all()),
    )


def landscape_from_register() -> core.Landscape:
    """The whole register, as it stands in the database, in the core's terms."""
    boards = Board.objects.select_related("parent", "replaced_by").prefetch_related(
        "escalates_to",
        "back_to_back_with",
        "history",
        "seats__organisation",
        "agenda_items",
        "member_organisations",
    )
    return core.Landscape(
        documents=(),
        organisations=tuple(
            core.Organisation(o.code, o.name_en, o.name_cy or None, o.kind, _sources(o.sources))
            for o in MemberOrganisation.objects.all()
        ),
        boards=tuple(_board(b) for b in boards),
        people=tuple(
            core.Person(p.code, p.name, p.office, p.as_of or None, _sources(p.sources))
            for p in Person.objects.all()
        ),
        memberships=tuple(
            core.Membership(
                person=h.person.code,
                board=h.seat.board.code,
                seat=h.seat.code,
                sources=_sources(h.sources),
                as_of=h.as_of or None,
                start=h.start or None,
                end=h.end or None,
                deputy=h.deputy,
            )
            for h in SeatHolding.objects.select_related("person", "seat__board")
        ),
        tracker=tuple(
            core.TrackerEntry(
                row.region,
                row.quarter,
                row.current_position or None,
                tuple(core.TrackerAction(a.get("text", ""), a.get("owner")) for a in row.actions),
                _sources(row.sources),
            )
            for row in TrackerEntry.objects.all()
        ),
    )
