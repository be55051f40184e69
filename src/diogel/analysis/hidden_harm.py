"""Hidden harm: assaults seen by emergency departments against violence recorded by police.

The ratio ED assaults / police-recorded violence, per area and period, with an
exact interval (see :func:`diogel.analysis.trends.rate_ratio`). Caveats that go
with every figure: ED data counts attendances at a site, placed by the site's
health board, not where the assault happened; police "violence and sexual
offences" includes offences with no injury; people from outside the area attend
its EDs; and ED recording completeness varies by site and month.
"""

from __future__ import annotations

from dataclasses import dataclass

from diogel.analysis.trends import rate_ratio

CAVEATS = (
    "ED attendances are placed by the treating site's health board, not the assault location.",
    "Police 'violence and sexual offences' includes offences without injury.",
    "ED recording completeness varies between sites and months.",
    "Residents of other areas attend an area's emergency departments.",
)


@dataclass(frozen=True)
class HiddenHarm:
    area: str
    ed_assaults: int
    police_violence: int
    ratio: float
    ratio_low: float
    ratio_high: float


def hidden_harm(ed: dict[str, int], police: dict[str, int]) -> list[HiddenHarm]:
    """ED assaults against police violence for each area present in either."""
    out = []
    for area in sorted(set(ed) | set(police)):
        e, p = int(ed.get(area, 0)), int(police.get(area, 0))
        ratio, low, high, _ = rate_ratio(e, p)
        out.append(HiddenHarm(area, e, p, ratio, low, high))
    return out
