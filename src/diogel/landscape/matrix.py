"""The seat matrix: organisations down the side, boards across, seats in the cells.

Rows are the organisations on the boards chosen (most boards first, then by name);
columns are the boards (national, regional, local, each by name), chosen as
:func:`diogel.landscape.network.select_boards` chooses them. A cell holds how many
seats the organisation has on the board and how many of those are mandatory, and
whether the board names it as a member; an organisation named as a member with no
seat transcribed has a cell of no seats. Seats are counted by line, as the register
holds them: "Police and Crime Commissioners" (four holders) is one seat.

Each row's totals are its boards, seats and mandatory seats, and its meetings a year
where known with the number of boards of unknown frequency, taken from
:func:`diogel.landscape.analysis.load.organisation_load` over the same boards.
Each column's totals are its organisations, seats and mandatory seats, and the seats
with no organisation (Gwent's "CSP Chairs or Deputies"), which have no row.

Examples
--------
>>> from diogel.landscape import load_landscape
>>> matrix = seat_matrix(load_landscape(), region="W15000003")
>>> matrix.cell("opcc-gwent", "gwent-csp-oversight-group")
Cell(seats=2, mandatory=1, member=False)
>>> group = matrix.column("gwent-csp-oversight-group")
>>> group.seats, group.mandatory, group.seats_without_organisation
(9, 8, 1)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from diogel.landscape.analysis.load import organisation_load
from diogel.landscape.areas import AreaIndex
from diogel.landscape.model import Landscape
from diogel.landscape.network import select_boards


@dataclass(frozen=True)
class Cell:
    """An organisation's seats on a board, the mandatory ones, and whether it is a named member."""

    seats: int
    mandatory: int
    member: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"seats": self.seats, "mandatory": self.mandatory, "member": self.member}

    def text(self) -> str:
        """``"2/1"`` (seats/mandatory), or ``"member"`` for a member with no seat."""
        return f"{self.seats}/{self.mandatory}" if self.seats else "member"


@dataclass(frozen=True)
class Row:
    """An organisation and its totals over the matrix's boards."""

    code: str
    name_en: str
    name_cy: str | None
    boards: int
    seats: int
    mandatory: int
    meetings_known: int
    boards_frequency_unknown: int

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name_en": self.name_en,
            "name_cy": self.name_cy,
            "boards": self.boards,
            "seats": self.seats,
            "mandatory": self.mandatory,
            "meetings_a_year_known": self.meetings_known,
            "boards_frequency_unknown": self.boards_frequency_unknown,
        }


@dataclass(frozen=True)
class Column:
    """A board and its totals over the matrix's organisations."""

    code: str
    name_en: str
    name_cy: str | None
    level: str
    organisations: int
    seats: int
    mandatory: int
    seats_without_organisation: int
    meetings_per_year: int | None

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name_en": self.name_en,
            "name_cy": self.name_cy,
            "level": self.level,
            "organisations": self.organisations,
            "seats": self.seats,
            "mandatory": self.mandatory,
            "seats_without_organisation": self.seats_without_organisation,
            "meetings_per_year": self.meetings_per_year,
        }


@dataclass(frozen=True)
class SeatMatrix:
    """Rows (organisations), columns (boards) and the cells that are not empty."""

    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    cells: dict[tuple[str, str], Cell]

    def cell(self, organisation: str, board: str) -> Cell | None:
        return self.cells.get((organisation, board))

    def row(self, code: str) -> Row:
        return next(r for r in self.rows if r.code == code)

    def column(self, code: str) -> Column:
        return next(c for c in self.columns if c.code == code)

    def totals(self) -> dict[str, int]:
        return {
            "organisations": len(self.rows),
            "boards": len(self.columns),
            "seats": sum(c.seats for c in self.cells.values()),
            "mandatory": sum(c.mandatory for c in self.cells.values()),
            "seats_without_organisation": sum(c.seats_without_organisation for c in self.columns),
        }

    def as_dict(self) -> dict[str, object]:
        return {
            "columns": [c.as_dict() for c in self.columns],
            "rows": [
                {
                    **r.as_dict(),
                    "cells": {
                        c.code: cell.as_dict()
                        for c in self.columns
                        if (cell := self.cell(r.code, c.code)) is not None
                    },
                }
                for r in self.rows
            ],
            "totals": self.totals(),
        }

    def csv_rows(self) -> Iterator[list[str]]:
        """A header, one line per organisation (cells as ``seats/mandatory``), a totals line."""
        totals = [
            "boards",
            "seats",
            "mandatory",
            "meetings_a_year_known",
            "boards_frequency_unknown",
        ]
        yield ["organisation", "name", *(c.code for c in self.columns), *totals]
        for r in self.rows:
            cells = [self.cell(r.code, c.code) for c in self.columns]
            yield [
                r.code,
                r.name_en,
                *(cell.text() if cell else "" for cell in cells),
                *map(
                    str,
                    (r.boards, r.seats, r.mandatory, r.meetings_known, r.boards_frequency_unknown),
                ),
            ]
        yield ["total", "", *(f"{c.seats}/{c.mandatory}" for c in self.columns), "", "", "", "", ""]


def seat_matrix(
    landscape: Landscape,
    *,
    region: str | None = None,
    include_inactive: bool = False,
    areas: AreaIndex | None = None,
) -> SeatMatrix:
    """The seat matrix of the chosen boards (see the module's description).

    Raises
    ------
    KeyError
        When ``region`` is not a known area code.
    """
    boards = select_boards(landscape, region=region, include_inactive=include_inactive, areas=areas)
    cells: dict[tuple[str, str], Cell] = {}
    columns = []
    for board in boards:
        tally: dict[str, tuple[int, int]] = {}
        for seat in board.seats:
            if seat.organisation:
                seats, mandatory = tally.get(seat.organisation, (0, 0))
                tally[seat.organisation] = (seats + 1, mandatory + seat.mandatory)
        for org in board.organisations:
            seats, mandatory = tally.get(org, (0, 0))
            cells[(org, board.code)] = Cell(seats, mandatory, org in board.member_organisations)
        columns.append(
            Column(
                board.code,
                board.name_en,
                board.name_cy,
                board.level.value,
                len(board.organisations),
                sum(s for s, _ in tally.values()),
                sum(m for _, m in tally.values()),
                sum(1 for s in board.seats if not s.organisation),
                board.meetings_per_year,
            )
        )
    names = {o.code: o for o in landscape.organisations}
    rows = []
    for load in organisation_load(landscape, boards):
        mine = [cells[(load.code, b)] for b in load.boards]
        organisation = names[load.code]
        rows.append(
            Row(
                organisation.code,
                organisation.name_en,
                organisation.name_cy,
                len(load.boards),
                sum(c.seats for c in mine),
                sum(c.mandatory for c in mine),
                load.meetings_known,
                load.boards_frequency_unknown,
            )
        )
    rows.sort(key=lambda r: (-r.boards, r.name_en.casefold(), r.code))
    return SeatMatrix(tuple(rows), tuple(columns), cells)
