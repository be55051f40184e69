"""Translatable names for the levels of geography."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from diogel.geography import Level

SINGULAR: dict[Level, Promise] = {
    Level.LSOA11: _("Lower layer super output area (2011)"),
    Level.LSOA21: _("Lower layer super output area (2021)"),
    Level.MSOA11: _("Middle layer super output area (2011)"),
    Level.LOCAL_AUTHORITY: _("Local authority"),
    Level.HEALTH_BOARD: _("Local health board"),
    Level.POLICE_FORCE_AREA: _("Police force area"),
    Level.PSB: _("Public services board"),
    Level.CSP: _("Community safety partnership"),
    Level.REGION: _("Community safety region"),
    Level.WALES: _("Country"),
}

PLURAL: dict[Level, Promise] = {
    Level.LSOA11: _("Lower layer super output areas (2011)"),
    Level.LSOA21: _("Lower layer super output areas (2021)"),
    Level.MSOA11: _("Middle layer super output areas (2011)"),
    Level.LOCAL_AUTHORITY: _("Local authorities"),
    Level.HEALTH_BOARD: _("Local health boards"),
    Level.POLICE_FORCE_AREA: _("Police force areas"),
    Level.PSB: _("Public services boards"),
    Level.CSP: _("Community safety partnerships"),
    Level.REGION: _("Community safety regions"),
    Level.WALES: _("Wales"),
}

#: Levels the finder offers as lists; small areas are reached through their authority.
BROWSABLE = (
    Level.LOCAL_AUTHORITY,
    Level.CSP,
    Level.PSB,
    Level.HEALTH_BOARD,
    Level.POLICE_FORCE_AREA,
    Level.REGION,
)
SMALL_AREAS = (Level.LSOA11, Level.LSOA21, Level.MSOA11)
