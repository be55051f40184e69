"""Boards with no escalation route: nowhere to take what they cannot resolve.

Seed 004 names the problem ("nowhere to escalate issues that cannot be resolved by
individual boards"). National boards are reported too, marked as such, because the
register cannot tell whether a Minister or a UK department is their route.

Examples
--------
>>> from diogel.landscape import load_landscape
>>> codes = [x.board for x in boards_without_escalation(load_landscape())]
>>> "dyfed-powys-svoc-board" in codes, "csp-newport" in codes
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass

from diogel.landscape.analysis.overlap import active_boards
from diogel.landscape.model import Landscape
from diogel.landscape.vocab import BoardLevel


@dataclass(frozen=True)
class NoEscalation:
    board: str
    name: str
    level: BoardLevel

    def as_dict(self) -> dict[str, object]:
        return {"board": self.board, "name": self.name, "level": self.level.value}


def boards_without_escalation(landscape: Landscape) -> list[NoEscalation]:
    """Active boards with neither a parent nor an escalation line, regional and local first."""
    order = {BoardLevel.LOCAL: 0, BoardLevel.REGIONAL: 1, BoardLevel.NATIONAL: 2}
    found = [
        NoEscalation(b.code, b.name_en, b.level)
        for b in active_boards(landscape)
        if not b.escalation_route
    ]
    return sorted(found, key=lambda x: (order[x.level], x.board))
