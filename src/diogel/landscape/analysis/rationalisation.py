"""Candidates for merger or back-to-back meetings, each with the reasons shown.

The rules follow what the seeds describe as duplication:

* boards that already meet back-to-back on the same footprint (Dyfed-Powys SVOC
  and CONTEST; the All Wales Criminal Justice Board and IOM Cymru) are candidates
  to **merge**, as South Wales merged its LCJB and IOM Board;
* boards of the same type holding the same themes at regional level and again at
  local level inside the regional footprint ("duplicative local structures at
  county level") are candidates to **merge** into one tier (a national board over
  regional ones is a hierarchy, not a duplicate, so it is left alone);
* boards of the same type on overlapping ground with a common theme are
  candidates to **merge**;
* boards on overlapping ground with a common theme and two or more organisations
  in common are candidates to meet **back-to-back**.

Examples
--------
>>> from diogel.landscape import load_landscape, AreaIndex
>>> found = rationalisation_candidates(load_landscape(), AreaIndex.default())
>>> pair = ("dyfed-powys-contest-board", "dyfed-powys-svoc-board")
>>> dp = next(c for c in found if c.boards == pair)
>>> dp.kind, dp.reasons[0].text
('merge', 'already meet back-to-back on the same footprint (Dyfed-Powys)')
>>> dp.reasons[0].code
'back-to-back-same-footprint'
"""

from __future__ import annotations

from dataclasses import dataclass

from diogel.landscape.analysis.overlap import active_boards, board_overlaps, footprint_relation
from diogel.landscape.areas import AreaIndex
from diogel.landscape.model import Board, Landscape

_LEVEL_RANK = {"local": 0, "regional": 1, "national": 2}


@dataclass(frozen=True)
class Reason:
    """Why a pair is a candidate: a code and its particulars, so a page can say it in
    Welsh; ``text`` says it in English for the command line."""

    code: str
    text: str
    themes: tuple[str, ...] = ()
    ground: str = ""
    relation: str = ""
    upper: str = ""
    lower: str = ""
    organisations: int = 0

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "text": self.text}


@dataclass(frozen=True)
class Candidate:
    boards: tuple[str, str]
    kind: str  # "merge" or "back-to-back"
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "boards": list(self.boards),
            "kind": self.kind,
            "reasons": [r.text for r in self.reasons],
            "reason_codes": [r.code for r in self.reasons],
        }


def _ground(board: Board, areas: AreaIndex) -> str:
    return ", ".join(areas.name(c) for c in board.footprint) or "footprint not stated"


def rationalisation_candidates(landscape: Landscape, areas: AreaIndex) -> list[Candidate]:
    """Pairs of active boards worth merging or meeting back-to-back, merge first."""
    boards = {b.code: b for b in active_boards(landscape)}
    overlaps = {o.boards: o for o in board_overlaps(landscape, areas)}
    pairs: set[tuple[str, str]] = set(overlaps)
    for board in boards.values():
        for other in board.back_to_back_with:
            if other in boards:
                pairs.add(tuple(sorted((board.code, other))))  # type: ignore[arg-type]
    out = []
    for pair in sorted(pairs):
        a, b = boards[pair[0]], boards[pair[1]]
        overlap = overlaps.get(pair)
        # Computed here, not taken from the overlap, because boards that meet
        # back-to-back need not share a theme (SVOC and CONTEST do not).
        relation = footprint_relation(areas.cover(a.footprint), areas.cover(b.footprint))
        themes = overlap.shared_themes if overlap else ()
        merge: list[Reason] = []
        back: list[Reason] = []
        already = b.code in a.back_to_back_with or a.code in b.back_to_back_with
        if already and relation == "same":
            ground = _ground(a, areas)
            merge.append(
                Reason(
                    "back-to-back-same-footprint",
                    f"already meet back-to-back on the same footprint ({ground})",
                    ground=ground,
                )
            )
        elif already:
            back.append(
                Reason(
                    "back-to-back-footprint-unknown",
                    "already meet back-to-back; footprints not known to match",
                )
            )
        levels = {a.level.value, b.level.value}
        if (
            themes
            and relation in ("same", "nested")
            and a.type == b.type
            and levels == {"regional", "local"}
        ):
            upper, lower = sorted((a, b), key=lambda x: -_LEVEL_RANK[x.level.value])
            merge.append(
                Reason(
                    "duplicated-structure",
                    f"duplicated structure: {', '.join(themes)} held at {upper.level.value} "
                    f"level ({upper.code}) and again at {lower.level.value} level within it "
                    f"({lower.code})",
                    themes=themes,
                    upper=upper.code,
                    lower=lower.code,
                )
            )
        if themes and relation and a.type == b.type and a.level == b.level:
            merge.append(
                Reason(
                    "same-type",
                    f"same type ({a.type.label_en}) on overlapping ground, common themes",
                    themes=themes,
                    relation=relation,
                )
            )
        if themes and relation and overlap and len(overlap.shared_organisations) >= 2:
            shared = len(overlap.shared_organisations)
            back.append(
                Reason(
                    "shared-organisations",
                    f"common themes ({', '.join(themes)}) on {relation} ground with "
                    f"{shared} organisations in common",
                    themes=themes,
                    relation=relation,
                    organisations=shared,
                )
            )
        if merge:
            out.append(Candidate(pair, "merge", tuple(merge + back)))
        elif back and not already:
            out.append(Candidate(pair, "back-to-back", tuple(back)))
    return sorted(out, key=lambda c: (c.kind != "merge", c.boards))
