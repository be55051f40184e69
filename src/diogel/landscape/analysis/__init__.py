"""Landscape analysis, one module per question; :func:`analyse` runs them all.

Examples
--------
>>> from diogel.landscape import load_landscape, AreaIndex
>>> result = analyse(load_landscape(), AreaIndex.default())
>>> sorted(result.as_dict())  # doctest: +NORMALIZE_WHITESPACE
['board_overlaps', 'no_escalation_route', 'organisation_load', 'person_load',
 'rationalisation_candidates', 'theme_gaps']
"""

from __future__ import annotations

from dataclasses import dataclass

from diogel.landscape.analysis.escalation import NoEscalation, boards_without_escalation
from diogel.landscape.analysis.gaps import ThemeGap, theme_gaps
from diogel.landscape.analysis.load import Load, organisation_load, person_load
from diogel.landscape.analysis.overlap import Overlap, board_overlaps
from diogel.landscape.analysis.rationalisation import Candidate, rationalisation_candidates
from diogel.landscape.areas import AreaIndex
from diogel.landscape.model import Landscape

__all__ = [
    "Candidate",
    "LandscapeAnalysis",
    "Load",
    "NoEscalation",
    "Overlap",
    "ThemeGap",
    "analyse",
    "board_overlaps",
    "boards_without_escalation",
    "organisation_load",
    "person_load",
    "rationalisation_candidates",
    "theme_gaps",
]


@dataclass(frozen=True)
class LandscapeAnalysis:
    overlaps: list[Overlap]
    candidates: list[Candidate]
    no_escalation: list[NoEscalation]
    organisation_load: list[Load]
    person_load: list[Load]
    theme_gaps: list[ThemeGap]

    def as_dict(self) -> dict[str, object]:
        return {
            "board_overlaps": [o.as_dict() for o in self.overlaps],
            "rationalisation_candidates": [c.as_dict() for c in self.candidates],
            "no_escalation_route": [x.as_dict() for x in self.no_escalation],
            "organisation_load": [x.as_dict() for x in self.organisation_load],
            "person_load": [x.as_dict() for x in self.person_load],
            "theme_gaps": [g.as_dict() for g in self.theme_gaps],
        }


def analyse(landscape: Landscape, areas: AreaIndex) -> LandscapeAnalysis:
    """Every analysis of the landscape, for ``diogel landscape analyse``."""
    return LandscapeAnalysis(
        board_overlaps(landscape, areas),
        rationalisation_candidates(landscape, areas),
        boards_without_escalation(landscape),
        organisation_load(landscape),
        person_load(landscape),
        theme_gaps(landscape, areas),
    )
