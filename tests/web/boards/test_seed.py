"""Seeding the landscape again (``diogel demo`` does on every start) never deletes or
overwrites what secretariats recorded: seats, holders, status history, agenda items,
board details, meetings. What the file changes is applied where nobody changed it.

The rows recorded here are SYNTHETIC; the landscape is the shipped Welsh one.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import models

from diogel.landscape import load_landscape
from diogel.landscape.loader import default_landscape_path
from diogel.web.boards.models import (
    AgendaItem,
    Attendance,
    Board,
    Meeting,
    MemberOrganisation,
    Person,
    Seat,
    SeatHolding,
    StatusChange,
    TrackerEntry,
)
from diogel.web.core.models import SeedRecord
from tests.web.core.tables import tables

pytestmark = pytest.mark.django_db
OVERSIGHT = "gwent-csp-oversight-group"
REGISTER = (
    MemberOrganisation,
    Board,
    StatusChange,
    Seat,
    Person,
    SeatHolding,
    AgendaItem,
    TrackerEntry,
    Meeting,
    Attendance,
    SeedRecord,
)


def seed(file: Path | None = None) -> tuple[str, str]:
    """``diogel seed wales-landscape`` (with ``file``): what it wrote, and its warnings."""
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "seed_wales_landscape", *(["--file", str(file)] if file else []), stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def stored(row: models.Model) -> dict[str, Any] | None:
    """The row as the database holds it now (None once it is gone)."""
    return type(row)._default_manager.filter(pk=row.pk).values().first()


def wales_with(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """The Welsh landscape file with each ``(old, new)`` text replaced once."""
    text = default_landscape_path().read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "landscape.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_seat_and_its_holder_recorded_on_the_site_stay() -> None:
    seed()
    board = Board.objects.get(code=OVERSIGHT)
    seat = Seat.objects.create(
        board=board, code="syn-probation", role="SYNTHETIC Probation – Head of Service", order=9
    )
    person = Person.objects.create(code="syn-holder", name="SYNTHETIC Holder", office="Head")
    holding = SeatHolding.objects.create(person=person, seat=seat, start="2022-04", end="2023-03")
    before = [stored(seat), stored(person), stored(holding)]
    seed()
    assert [stored(seat), stored(person), stored(holding)] == before


def test_a_holder_recorded_on_a_seeded_seat_stays() -> None:
    seed()
    # Someone the file names, in another seat of theirs, with dates.
    person = Person.objects.get(code=load_landscape().people[0].code)
    seat = Seat.objects.get(board__code=OVERSIGHT, code="police-acc")
    holding = SeatHolding.objects.create(
        person=person, seat=seat, start="2021-06", end="2022-05", deputy=True
    )
    before = stored(holding)
    seed()
    assert stored(holding) == before


def test_a_status_change_recorded_on_the_site_stays() -> None:
    seed()
    board = Board.objects.get(code=OVERSIGHT)
    # As the board's edit page records one.
    change = StatusChange.objects.create(
        board=board, status="active", date="2021-04", note="first met", order=board.history.count()
    )
    Board.objects.filter(pk=board.pk).update(status="active")
    before = stored(change)
    seed()
    assert stored(change) == before
    assert Board.objects.get(pk=board.pk).status == "active"


def test_an_agenda_item_recorded_on_the_site_stays() -> None:
    seed()
    board = Board.objects.get(code=OVERSIGHT)
    item = AgendaItem.objects.create(
        board=board, code="partnership-risks", title_en="Partnership risk register", order=10
    )
    before = stored(item)
    seed()
    assert stored(item) == before


def test_board_details_and_links_edited_on_the_site_stay() -> None:
    seed()
    board = Board.objects.get(code=OVERSIGHT)
    board.purpose = "SYNTHETIC purpose, as the secretariat wrote it"
    board.meetings_per_year = 4
    board.save()
    other = Board.objects.get(code="gwent-psb")
    board.back_to_back_with.add(other)  # as an administrator might, in the admin
    before = stored(board)
    _out, err = seed()
    assert stored(board) == before
    assert other in board.back_to_back_with.all()
    assert err == ""  # the file did not change those fields: nothing to say


def test_what_the_file_drops_is_kept_and_named(tmp_path: Path) -> None:
    seed()
    board = Board.objects.get(code=OVERSIGHT)
    seat = Seat.objects.get(board=board, code="police-acc")
    meeting = Meeting.objects.create(board=board, date=dt.date(2021, 5, 4), status="held")
    attended = Attendance.objects.create(meeting=meeting, seat=seat, represented=True)
    item = AgendaItem.objects.get(board=board, code="aob")
    before = [stored(seat), stored(attended), stored(item)]
    smaller = wales_with(
        tmp_path,
        (
            '[[board.seat]]\ncode = "police-acc"\nrole = "Police – Assistant Chief Constable"\n'
            'organisation = "gwent-police"\nmandatory = true\nsource = { document = "004", '
            'section = "Mandatory attendees", quote = "Police – Assistant Chief Constable" }\n',
            "",
        ),
        (
            '[[board.agenda]]\ncode = "aob"\ntitle_en = "AOB"\nsource = { document = "004", '
            'section = "Mandatory agenda items", quote = "Finance AOB" }\n',
            "",
        ),
    )
    assert "police-acc" not in {s.code for s in load_landscape(smaller).board(OVERSIGHT).seats}
    _out, err = seed(smaller)
    assert [stored(seat), stored(attended), stored(item)] == before
    assert f"warning: kept seat {OVERSIGHT}/police-acc: the file no longer has it" in err
    assert f"warning: kept mandatory agenda item {OVERSIGHT}/aob: the file no longer" in err


def test_a_field_the_file_changes_is_updated_when_nobody_edited_it(tmp_path: Path) -> None:
    seed()
    board = Board.objects.get(code=OVERSIGHT)
    Board.objects.filter(pk=board.pk).update(purpose="SYNTHETIC purpose from the site")
    changed = wales_with(
        tmp_path,
        (
            'chair_role = "Police and Crime Commissioner or their Deputy"\npurpose = "Strategic',
            'chair_role = "SYNTHETIC chair"\npurpose = "SYNTHETIC new purpose. Strategic',
        ),
        ('role = "Local Authority – Director or Deputy Director"', 'role = "SYNTHETIC role"'),
    )
    out, err = seed(changed)
    board.refresh_from_db()
    assert board.chair_role == "SYNTHETIC chair"  # nobody had changed it: the file's
    assert board.purpose == "SYNTHETIC purpose from the site"  # edited on the site: kept
    seat = Seat.objects.get(board=board, code="local-authority-director")
    assert seat.role == "SYNTHETIC role"
    assert "0 created, 2 updated" in out  # the board and the seat
    assert err.splitlines() == [
        f"warning: kept the site's purpose of board {OVERSIGHT}: it was changed on the site, "
        "and the file now changes it too"
    ]


def test_a_row_removed_on_the_site_is_not_brought_back() -> None:
    seed()
    item = AgendaItem.objects.get(board__code=OVERSIGHT, code="aob")
    item.delete()  # as an administrator might, in the admin
    _out, err = seed()
    assert not AgendaItem.objects.filter(board__code=OVERSIGHT, code="aob").exists()
    assert f"not recreated: mandatory agenda item {OVERSIGHT}/aob, removed on the site" in err


def test_seeding_twice_changes_nothing() -> None:
    out, err = seed()
    # The first seeding creates one row per entry of the file, counted here from the file.
    landscape = load_landscape()
    entries = (
        len(landscape.organisations)
        + len(landscape.boards)
        + sum(
            len(b.status_history) + len(b.seats) + len(b.mandatory_agenda) for b in landscape.boards
        )
        + len(landscape.people)
        + len(landscape.memberships)
        + len(landscape.tracker)
    )
    assert f"{entries} created, 0 updated, 0 unchanged" in out
    before = tables(*REGISTER)
    out, err = seed()
    assert out.splitlines() == [f"wales-landscape: 0 created, 0 updated, {entries} unchanged"]
    assert err == ""
    after = tables(*REGISTER)
    for table, rows in before.items():
        assert after[table] == rows, table


def test_a_register_seeded_before_records_were_kept_is_taken_as_it_is() -> None:
    # As after upgrading a site seeded by the earlier seed, which kept no records.
    seed()
    Board.objects.filter(code=OVERSIGHT).update(purpose="SYNTHETIC purpose from the site")
    SeedRecord.objects.all().delete()
    before = tables(*REGISTER[:-1])
    out, err = seed()
    assert "wales-landscape: 0 created, 0 updated" in out
    assert tables(*REGISTER[:-1]) == before
    assert err.splitlines() == [
        f"warning: kept the site's purpose of board {OVERSIGHT}: it differs from the file"
    ]
    assert seed()[1] == ""  # said once
