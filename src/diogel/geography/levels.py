"""The levels of geography Diogel reports at, from smallest to largest."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    """A level of geography. Footprint levels (PSB, CSP, region) are groupings of
    local authorities; the others are official statistical or administrative areas."""

    LSOA11 = "lsoa11"
    LSOA21 = "lsoa21"
    MSOA11 = "msoa11"
    LOCAL_AUTHORITY = "local_authority"
    HEALTH_BOARD = "health_board"
    POLICE_FORCE_AREA = "police_force_area"
    PSB = "psb"
    CSP = "csp"
    REGION = "region"
    WALES = "wales"

    @property
    def label_en(self) -> str:
        return _LABELS[self][0]

    @property
    def label_cy(self) -> str:
        return _LABELS[self][1]

    @property
    def is_footprint(self) -> bool:
        return self in FOOTPRINT_LEVELS


FOOTPRINT_LEVELS = frozenset({Level.PSB, Level.CSP, Level.REGION})

_LABELS: dict[Level, tuple[str, str]] = {
    Level.LSOA11: (
        "Lower layer super output area (2011)",
        "Ardal gynnyrch ehangach haen is (2011)",
    ),
    Level.LSOA21: (
        "Lower layer super output area (2021)",
        "Ardal gynnyrch ehangach haen is (2021)",
    ),
    Level.MSOA11: (
        "Middle layer super output area (2011)",
        "Ardal gynnyrch ehangach haen ganol (2011)",
    ),
    Level.LOCAL_AUTHORITY: ("Local authority", "Awdurdod lleol"),
    Level.HEALTH_BOARD: ("Local health board", "Bwrdd iechyd lleol"),
    Level.POLICE_FORCE_AREA: ("Police force area", "Ardal heddlu"),
    Level.PSB: ("Public services board", "Bwrdd gwasanaethau cyhoeddus"),
    Level.CSP: ("Community safety partnership", "Partneriaeth diogelwch cymunedol"),
    Level.REGION: ("Region", "Rhanbarth"),
    Level.WALES: ("Wales", "Cymru"),
}

#: Levels every LSOA 2011 has exactly one parent at, in nesting order.
LSOA11_PARENT_LEVELS: tuple[Level, ...] = (
    Level.MSOA11,
    Level.LOCAL_AUTHORITY,
    Level.HEALTH_BOARD,
    Level.POLICE_FORCE_AREA,
    Level.PSB,
    Level.CSP,
    Level.REGION,
    Level.WALES,
)
