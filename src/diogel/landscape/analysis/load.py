"""Load per person and per organisation: how many boards, and meetings a year where known.

Frequencies are known for few boards, so the load reports the meetings it can
count and, separately, how many boards it could not: a total that silently left
them out would understate the burden the seeds complain of.

Examples
--------
>>> from diogel.landscape import load_landscape
>>> loads = organisation_load(load_landscape())
>>> wg = next(x for x in loads if x.code == "welsh-government")
>>> wg.meetings_known, "policing-partnership-board-wales" in wg.boards
(4, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from diogel.landscape.analysis.overlap import active_boards, people_by_board
from diogel.landscape.model import Board, Landscape


@dataclass(frozen=True)
class Load:
    code: str
    name: str
    boards: tuple[str, ...]
    meetings_known: int
    boards_frequency_unknown: int

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "boards": list(self.boards),
            "board_count": len(self.boards),
            "meetings_a_year_known": self.meetings_known,
            "boards_frequency_unknown": self.boards_frequency_unknown,
        }


def _load(code: str, name: str, boards: list[str], landscape: Landscape) -> Load:
    known = unknown = 0
    for board_code in boards:
        meetings = landscape.board(board_code).meetings_per_year
        if meetings is None:
            unknown += 1
        else:
            known += meetings
    return Load(code, name, tuple(sorted(boards)), known, unknown)


def _order(loads: list[Load]) -> list[Load]:
    return sorted(loads, key=lambda x: (-len(x.boards), -x.meetings_known, x.code))


def organisation_load(landscape: Landscape, boards: Iterable[Board] | None = None) -> list[Load]:
    """Each organisation's boards (by seat or membership), most first.

    ``boards`` limits the count to those boards (a region's, for the seat matrix);
    by default every active board.
    """
    among = active_boards(landscape) if boards is None else list(boards)
    loads = []
    for org in landscape.organisations:
        boards_of = [b.code for b in among if org.code in b.organisations]
        if boards_of:
            loads.append(_load(org.code, org.name_en, boards_of, landscape))
    return _order(loads)


def person_load(landscape: Landscape) -> list[Load]:
    """Each named person's boards (any status: people are dated to their document)."""
    by_board = people_by_board(landscape)
    loads = []
    for person in landscape.people:
        boards = [b for b, people in by_board.items() if person.code in people]
        if boards:
            loads.append(_load(person.code, person.name, boards, landscape))
    return _order(loads)
