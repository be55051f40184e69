"""Overlap between boards: shared themes, shared ground and shared people.

Two boards overlap when they work on a common theme over common local
authorities, or when the same organisations or named people sit on both. The
footprint relation says how their ground compares: ``same``, ``nested`` (one
within the other) or ``partial``.

Examples
--------
>>> from diogel.landscape import load_landscape, AreaIndex
>>> areas = AreaIndex.default()
>>> pairs = board_overlaps(load_landscape(), areas)
>>> dp = next(p for p in pairs if p.boards == ("dyfed-powys-county-svoc", "dyfed-powys-svoc-board"))
>>> dp.footprint, dp.shared_themes
('same', ('organised-crime', 'serious-violence'))
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from diogel.landscape.areas import AreaIndex
from diogel.landscape.model import Board, Landscape
from diogel.landscape.vocab import Status

#: Statuses of boards that no longer meet, left out of every analysis.
INACTIVE = frozenset({Status.CLOSED, Status.REPLACED, Status.SUSPENDED})


def active_boards(landscape: Landscape) -> list[Board]:
    """Boards that meet, or are planned or proposed to (history's last word)."""
    return [b for b in landscape.boards if b.status not in INACTIVE]


def footprint_relation(a: frozenset[str], b: frozenset[str]) -> str | None:
    """``same``, ``nested``, ``partial``, or None when two sets of authorities do not meet.

    Examples
    --------
    >>> footprint_relation(frozenset({"x", "y"}), frozenset({"x"}))
    'nested'
    >>> footprint_relation(frozenset({"x"}), frozenset({"y"})) is None
    True
    """
    if not a or not b or not (a & b):
        return None
    if a == b:
        return "same"
    if a <= b or b <= a:
        return "nested"
    return "partial"


@dataclass(frozen=True)
class Overlap:
    boards: tuple[str, str]
    shared_themes: tuple[str, ...]
    footprint: str | None
    shared_local_authorities: tuple[str, ...]
    shared_organisations: tuple[str, ...]
    shared_people: tuple[str, ...]

    @property
    def score(self) -> int:
        """A rough ordering: themes on common ground count most, then people, then bodies."""
        ground = 2 if self.footprint else 0
        return (
            len(self.shared_themes) * ground
            + 2 * len(self.shared_people)
            + len(self.shared_organisations)
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "boards": list(self.boards),
            "shared_themes": list(self.shared_themes),
            "footprint": self.footprint,
            "shared_local_authorities": list(self.shared_local_authorities),
            "shared_organisations": list(self.shared_organisations),
            "shared_people": list(self.shared_people),
            "score": self.score,
        }


def people_by_board(landscape: Landscape) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in landscape.memberships:
        out.setdefault(m.board, set()).add(m.person)
    return out


def board_overlaps(landscape: Landscape, areas: AreaIndex) -> list[Overlap]:
    """Every pair of active boards sharing themes on common ground, bodies or people.

    Sorted by score, highest first, then by the pair's codes.
    """
    boards = sorted(active_boards(landscape), key=lambda b: b.code)
    people = people_by_board(landscape)
    out = []
    for a, b in combinations(boards, 2):
        la_a, la_b = areas.cover(a.footprint), areas.cover(b.footprint)
        relation = footprint_relation(la_a, la_b)
        themes = sorted(set(a.themes) & set(b.themes)) if relation else []
        orgs = sorted(a.organisations & b.organisations)
        shared_people = sorted(people.get(a.code, set()) & people.get(b.code, set()))
        if not (themes or orgs or shared_people):
            continue
        out.append(
            Overlap(
                (a.code, b.code),
                tuple(t.value for t in themes),
                relation,
                tuple(sorted(la_a & la_b)),
                tuple(orgs),
                tuple(shared_people),
            )
        )
    return sorted(out, key=lambda o: (-o.score, o.boards))
