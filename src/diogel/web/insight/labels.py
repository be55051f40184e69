"""Translatable names for what the dashboards offer: sources, measures, levels."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from diogel.geography import Level

SOURCES: dict[str, Promise] = {
    "police_uk_street": _("Police recorded crime and anti-social behaviour (police.uk)"),
    "police_uk_stop_search": _("Stop and search (police.uk)"),
    "istv": _("Emergency department assaults (ISTV)"),
    "ambulance": _("Ambulance call-outs"),
    "fire": _("Fire and rescue incidents"),
}

#: What a dashboard shows areas by, for each level of area picked.
FINER: dict[Level, Level] = {
    Level.WALES: Level.POLICE_FORCE_AREA,
    Level.REGION: Level.LOCAL_AUTHORITY,
    Level.POLICE_FORCE_AREA: Level.LOCAL_AUTHORITY,
    Level.HEALTH_BOARD: Level.LOCAL_AUTHORITY,
    Level.PSB: Level.LOCAL_AUTHORITY,
    Level.CSP: Level.LOCAL_AUTHORITY,
    Level.LOCAL_AUTHORITY: Level.MSOA11,
    Level.MSOA11: Level.LSOA11,
    Level.LSOA11: Level.LSOA11,
}

#: Levels one may show areas by, coarse to fine.
SHOWN_BY: tuple[Level, ...] = (
    Level.POLICE_FORCE_AREA,
    Level.HEALTH_BOARD,
    Level.CSP,
    Level.LOCAL_AUTHORITY,
    Level.MSOA11,
    Level.LSOA11,
)

#: Levels the area picker lists; smaller areas are reached by following the table.
PICKABLE: tuple[Level, ...] = (
    Level.WALES,
    Level.POLICE_FORCE_AREA,
    Level.CSP,
    Level.LOCAL_AUTHORITY,
)


def source_label(source: str) -> str:
    return str(SOURCES.get(source, source))
