"""The partnership landscape: boards, seats, people and the regional tracker.

The register is data (``data/wales_landscape.toml``, replaceable through
``DIOGEL_LANDSCAPE_FILE``); this package loads and validates it
(:mod:`~diogel.landscape.loader`), analyses it (:mod:`diogel.landscape.analysis`) and
holds the meeting logic the web layer builds on (:mod:`~diogel.landscape.meetings`).

Examples
--------
>>> landscape = load_landscape()
>>> board = landscape.board("gwent-csp-oversight-group")
>>> len(board.mandatory_agenda), sum(s.mandatory for s in board.seats)
(10, 9)
"""

from __future__ import annotations

from diogel.landscape.areas import AreaIndex
from diogel.landscape.loader import LandscapeError, default_landscape_path, load_landscape
from diogel.landscape.model import (
    Board,
    Document,
    Landscape,
    MandatoryAgendaItem,
    Membership,
    Organisation,
    Person,
    Seat,
    Source,
    StatusChange,
    TrackerAction,
    TrackerEntry,
)
from diogel.landscape.vocab import BoardLevel, BoardType, Status, Theme

__all__ = [
    "AreaIndex",
    "Board",
    "BoardLevel",
    "BoardType",
    "Document",
    "Landscape",
    "LandscapeError",
    "MandatoryAgendaItem",
    "Membership",
    "Organisation",
    "Person",
    "Seat",
    "Source",
    "Status",
    "StatusChange",
    "Theme",
    "TrackerAction",
    "TrackerEntry",
    "default_landscape_path",
    "load_landscape",
]
