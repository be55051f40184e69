"""The footprint overlap report: where the map of boards does not line up.

For every pair of local-authority-based levels (police force area, health
board, PSB, CSP, region) each area of one level relates to the other level in
one of three ways:

- *nested*: it lies inside one area of the other level (a CSP inside one health board);
- *spans*: it takes in several whole areas of the other level (a police force area
  working with three health boards);
- *crosses*: it takes in part of an area of the other level (a CSP split between
  two health boards): boundaries that do not line up.

The report lists every area that spans or crosses. It serves the seeds' call
for a "cross-governmental review of regional footprints".
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

from diogel.geography.areas import LA_GROUP_LEVELS, AreaHierarchy
from diogel.geography.levels import Level

NESTED, SPANS, CROSSES = "nested", "spans", "crosses"


@dataclass(frozen=True)
class Part:
    code: str
    name_en: str
    name_cy: str
    local_authorities: tuple[str, ...]
    whole: bool  # the other area lies wholly inside this one


@dataclass(frozen=True)
class Crossing:
    """One area of ``level`` that spans several areas of ``across``."""

    code: str
    name_en: str
    name_cy: str
    level: Level
    across: Level
    relation: str  # SPANS or CROSSES
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class PairSummary:
    level: Level
    across: Level
    nested: int
    spans: int
    crosses: int


@dataclass(frozen=True)
class OverlapReport:
    crossings: tuple[Crossing, ...]
    summary: tuple[PairSummary, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "summary": [
                {
                    "level": s.level.value,
                    "across": s.across.value,
                    NESTED: s.nested,
                    SPANS: s.spans,
                    CROSSES: s.crosses,
                }
                for s in self.summary
            ],
            "crossings": [
                {
                    "code": c.code,
                    "name_en": c.name_en,
                    "name_cy": c.name_cy,
                    "level": c.level.value,
                    "across": c.across.value,
                    "relation": c.relation,
                    "parts": [
                        {
                            "code": p.code,
                            "name_en": p.name_en,
                            "name_cy": p.name_cy,
                            "local_authorities": list(p.local_authorities),
                            "whole": p.whole,
                        }
                        for p in c.parts
                    ],
                }
                for c in self.crossings
            ],
        }


def overlap_report(
    hierarchy: AreaHierarchy, levels: tuple[Level, ...] = LA_GROUP_LEVELS
) -> OverlapReport:
    """Which areas of each level cut across the areas of each other level."""
    by_la = hierarchy.lsoa11.drop_duplicates("local_authority").set_index("local_authority")
    members: dict[Level, dict[str, set[str]]] = {
        level: {
            str(code): {str(la) for la in las}
            for code, las in by_la.groupby(level.value).groups.items()
        }
        for level in levels
    }
    crossings: list[Crossing] = []
    summary: list[PairSummary] = []
    for level, across in permutations(levels, 2):
        counts = {NESTED: 0, SPANS: 0, CROSSES: 0}
        for code, las in sorted(members[level].items()):
            parts = [
                (other, tuple(sorted(las & other_las)), other_las <= las)
                for other, other_las in sorted(members[across].items())
                if las & other_las
            ]
            if len(parts) == 1:
                counts[NESTED] += 1
                continue
            relation = SPANS if all(whole for *_, whole in parts) else CROSSES
            counts[relation] += 1
            area = hierarchy.area(code, level)
            crossings.append(
                Crossing(
                    code,
                    area.name_en,
                    area.name_cy,
                    level,
                    across,
                    relation,
                    tuple(
                        Part(
                            other,
                            (o := hierarchy.area(other, across)).name_en,
                            o.name_cy,
                            shared,
                            whole,
                        )
                        for other, shared, whole in parts
                    ),
                )
            )
        summary.append(PairSummary(level, across, counts[NESTED], counts[SPANS], counts[CROSSES]))
    return OverlapReport(tuple(crossings), tuple(summary))
