"""Meeting logic the web layer builds on: agendas and representation against seats.

Examples
--------
>>> from diogel.landscape import load_landscape
>>> group = load_landscape().board("gwent-csp-oversight-group")
>>> agenda = agenda_for(group, ["Night-time economy"])
>>> len(agenda), agenda[0].title, agenda[-2].title, agenda[-1].title
(11, 'PSB update', 'Night-time economy', 'AOB')
>>> report = representation(group, {"2024-01": {"police-acc", "csp-chairs"}})
>>> len(report.meetings["2024-01"])
7
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from diogel.landscape.model import Board


@dataclass(frozen=True)
class AgendaLine:
    number: int
    title: str
    mandatory: bool
    code: str | None = None


def agenda_for(board: Board, extra_items: Iterable[str] = ()) -> list[AgendaLine]:
    """The board's mandatory items in their set order, then the ad-hoc items.

    An ad-hoc item repeating a mandatory one (same title, any case) is dropped, so
    the mandatory wording stands. "AOB" stays last when the board has it, since
    any other business closes a meeting.
    """
    mandatory = list(board.mandatory_agenda)
    closing = [m for m in mandatory if m.title_en.strip().lower() in {"aob", "any other business"}]
    opening = [m for m in mandatory if m not in closing]
    taken = {m.title_en.strip().lower() for m in mandatory}
    extras = []
    for item in extra_items:
        key = item.strip().lower()
        if key and key not in taken:
            taken.add(key)
            extras.append(item.strip())
    lines: list[AgendaLine] = []
    for m in opening:
        lines.append(AgendaLine(len(lines) + 1, m.title_en, True, m.code))
    for title in extras:
        lines.append(AgendaLine(len(lines) + 1, title, False))
    for m in closing:
        lines.append(AgendaLine(len(lines) + 1, m.title_en, True, m.code))
    return lines


@dataclass(frozen=True)
class RepresentationReport:
    board: str
    #: meeting → mandatory seat codes nobody represented
    meetings: dict[str, tuple[str, ...]]
    #: seat code → number of meetings it went unrepresented
    missed: dict[str, int]

    @property
    def meetings_held(self) -> int:
        return len(self.meetings)

    def as_dict(self) -> dict[str, object]:
        return {
            "board": self.board,
            "meetings_held": self.meetings_held,
            "unrepresented": {k: list(v) for k, v in self.meetings.items()},
            "missed": self.missed,
        }


def representation(board: Board, attendance: Mapping[str, Iterable[str]]) -> RepresentationReport:
    """Which mandatory seats went unrepresented at each meeting, and how often.

    ``attendance`` maps a meeting (its date or id) to the seat codes represented
    there, by the holder or a deputy. Unknown seat codes raise ``KeyError`` so a
    typo is not mistaken for an absence.
    """
    mandatory = [s.code for s in board.seats if s.mandatory]
    known = {s.code for s in board.seats}
    meetings: dict[str, tuple[str, ...]] = {}
    missed = dict.fromkeys(mandatory, 0)
    for meeting, present in attendance.items():
        present_set = set(present)
        unknown = present_set - known
        if unknown:
            raise KeyError(f"board {board.code!r} has no seat(s) {', '.join(sorted(unknown))}")
        absent = tuple(code for code in mandatory if code not in present_set)
        meetings[meeting] = absent
        for code in absent:
            missed[code] += 1
    return RepresentationReport(board.code, meetings, missed)
