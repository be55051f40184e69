"""Themes with no board in an area: per local authority, the themes no active board covers.

A gap here means the *register* holds no board for the theme there, which may be
a gap in the landscape or in the register; the report says which boards it knew.

Examples
--------
>>> from diogel.landscape import load_landscape, AreaIndex
>>> gaps = theme_gaps(load_landscape(), AreaIndex.default())
>>> newport = next(g for g in gaps if g.area == "W06000022")
>>> "vawdasv" in newport.missing, "safeguarding" in newport.missing
(False, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from diogel.landscape.analysis.overlap import active_boards
from diogel.landscape.areas import AreaIndex
from diogel.landscape.model import Landscape
from diogel.landscape.vocab import Theme


@dataclass(frozen=True)
class ThemeGap:
    area: str
    name: str
    missing: tuple[str, ...]
    covered_by: dict[str, tuple[str, ...]]

    def as_dict(self) -> dict[str, object]:
        return {
            "area": self.area,
            "name": self.name,
            "missing_themes": list(self.missing),
            "covered_by": {k: list(v) for k, v in self.covered_by.items()},
        }


def theme_gaps(
    landscape: Landscape,
    areas: AreaIndex,
    themes: Iterable[Theme] | None = None,
    local_authorities: Iterable[str] | None = None,
) -> list[ThemeGap]:
    """For each local authority, the themes (default: all) no active board covers there."""
    wanted = list(themes) if themes is not None else list(Theme)
    boards = [(b, areas.cover(b.footprint)) for b in active_boards(landscape)]
    out = []
    for la in local_authorities or areas.local_authority_codes:
        covered: dict[str, tuple[str, ...]] = {}
        for theme in wanted:
            codes = tuple(
                sorted(b.code for b, cover in boards if la in cover and theme in b.themes)
            )
            if codes:
                covered[theme.value] = codes
        missing = tuple(t.value for t in wanted if t.value not in covered)
        out.append(ThemeGap(la, areas.name(la), missing, covered))
    return out
