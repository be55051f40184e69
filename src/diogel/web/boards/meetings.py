"""Meetings on the site, through the core rules (``diogel.landscape.meetings``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from diogel.landscape import model as core
from diogel.landscape.meetings import RepresentationReport, agenda_for, representation
from diogel.landscape.vocab import BoardLevel, BoardType, Theme
from diogel.web.boards.models import Attendance, Board, Meeting, MeetingItem


def as_core(board: Board) -> core.Board:
    """The board as the core rules see it: its seats and mandatory agenda."""
    return core.Board(
        code=board.code,
        name_en=board.name_en,
        name_cy=board.name_cy or None,
        type=BoardType(board.board_type),
        level=BoardLevel(board.level),
        themes=tuple(Theme(t) for t in board.themes),
        footprint=tuple(board.footprint),
        sources=(),
        seats=tuple(
            core.Seat(s.code, s.role, None, s.mandatory, (), s.holders, s.note)
            for s in board.seats.all()
        ),
        mandatory_agenda=tuple(
            core.MandatoryAgendaItem(i.code, i.title_en, i.title_cy or None, ())
            for i in board.agenda_items.all()
        ),
    )


def schedule(board: Board, day: dt.date, extra_items: list[str], location: str = "") -> Meeting:
    """A meeting with its agenda: the board's mandatory items first, then the ad-hoc ones;
    every seat starts unrepresented until the secretariat records who came."""
    with transaction.atomic():
        meeting = Meeting.objects.create(board=board, date=day, location=location)
        for line in agenda_for(as_core(board), extra_items):
            MeetingItem.objects.create(
                meeting=meeting, number=line.number, title=line.title, mandatory=line.mandatory
            )
        for seat in board.seats.all():
            Attendance.objects.create(meeting=meeting, seat=seat)
    return meeting


def representation_of(board: Board) -> RepresentationReport:
    """Which mandatory seats went unrepresented at each meeting held, and how often."""
    attendance = {
        meeting.date.isoformat(): [a.seat.code for a in meeting.attendance.all() if a.represented]
        for meeting in board.meetings.filter(status=Meeting.Status.HELD).prefetch_related(
            "attendance__seat"
        )
    }
    return representation(as_core(board), attendance)
