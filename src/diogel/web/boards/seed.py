"""Load the cited Welsh landscape (``diogel.landscape``) into the boards register."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from diogel.landscape import load_landscape
from diogel.landscape.model import Landscape, Source
from diogel.web.boards.models import AgendaItem, Board, Seat, TrackerEntry


def _sources(sources: tuple[Source, ...], landscape: Landscape) -> list[dict[str, Any]]:
    titles = {d.file: d.title for d in landscape.documents}
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
    organisations = {o.code: o for o in landscape.organisations}
    with transaction.atomic():
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
                    sources=_sources(entry.sources, landscape),
                ),
            )
        seats = items = 0
        for entry in landscape.boards:
            board = boards[entry.code]
            board.parent = boards[entry.parent] if entry.parent else None
            board.save(update_fields=["parent"])
            board.escalates_to.set([boards[c] for c in entry.escalates_to])
            # Seats the landscape no longer has go, with their attendance; the rest stay.
            board.seats.exclude(code__in=[seat.code for seat in entry.seats]).delete()
            board.agenda_items.all().delete()  # nothing refers to them: replace
            for order, seat in enumerate(entry.seats):
                organisation = organisations.get(seat.organisation or "")
                Seat.objects.update_or_create(
                    board=board,
                    code=seat.code,
                    defaults=dict(
                        role=seat.role,
                        organisation=organisation.name_en if organisation else "",
                        mandatory=seat.mandatory,
                        holders=seat.holders,
                        note=seat.note,
                        sources=_sources(seat.sources, landscape),
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
                    sources=_sources(item.sources, landscape),
                    order=order,
                )
                items += 1
        for row in landscape.tracker:
            TrackerEntry.objects.update_or_create(
                region=row.region,
                quarter=row.quarter,
                defaults=dict(
                    current_position=row.current_position or "",
                    actions=[asdict(a) for a in row.actions],
                    sources=_sources(row.sources, landscape),
                ),
            )
    return {
        "boards": len(boards),
        "seats": seats,
        "agenda items": items,
        "tracker entries": len(landscape.tracker),
    }
