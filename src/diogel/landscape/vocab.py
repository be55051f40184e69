"""Controlled vocabularies of the partnership landscape: themes, board types, levels.

Every board names its themes and type from these lists so that two boards on the
same subject can be found by comparison rather than by guessing at free text.
The values are the words used in the loader's TOML files.

Examples
--------
>>> Theme("vawdasv").label_en
'Violence against women, domestic abuse and sexual violence'
>>> BoardType.AREA_PLANNING_BOARD.label_cy
'Bwrdd Cynllunio Ardal'
>>> BoardLevel("regional").label_en
'Regional'
"""

from __future__ import annotations

from enum import StrEnum


class Theme(StrEnum):
    """A thematic strand of community safety work that boards take responsibility for."""

    COMMUNITY_SAFETY = "community-safety"
    SERIOUS_VIOLENCE = "serious-violence"
    ORGANISED_CRIME = "organised-crime"
    VAWDASV = "vawdasv"
    SUBSTANCE_MISUSE = "substance-misuse"
    CONTEST_PREVENT = "contest-prevent"
    SAFEGUARDING = "safeguarding"
    CRIMINAL_JUSTICE = "criminal-justice"
    IOM = "iom"
    REDUCING_REOFFENDING = "reducing-reoffending"
    YOUTH_JUSTICE = "youth-justice"
    WOMEN_IN_JUSTICE = "women-in-justice"
    ASB = "asb"
    WELL_BEING = "well-being"
    POLICING = "policing"
    DHR = "dhr"
    ACES = "aces"
    MODERN_SLAVERY = "modern-slavery"
    HEALTH_AND_SOCIAL_CARE = "health-and-social-care"

    @property
    def label_en(self) -> str:
        return _THEME_LABELS[self][0]

    @property
    def label_cy(self) -> str:
        return _THEME_LABELS[self][1]


_THEME_LABELS: dict[Theme, tuple[str, str]] = {
    Theme.COMMUNITY_SAFETY: ("Community safety", "Diogelwch cymunedol"),
    Theme.SERIOUS_VIOLENCE: ("Serious violence", "Trais difrifol"),
    Theme.ORGANISED_CRIME: ("Serious and organised crime", "Troseddu difrifol a chyfundrefnol"),
    Theme.VAWDASV: (
        "Violence against women, domestic abuse and sexual violence",
        "Trais yn erbyn menywod, cam-drin domestig a thrais rhywiol",
    ),
    Theme.SUBSTANCE_MISUSE: ("Substance misuse", "Camddefnyddio sylweddau"),
    Theme.CONTEST_PREVENT: ("CONTEST and Prevent", "CONTEST ac Atal"),
    Theme.SAFEGUARDING: ("Safeguarding", "Diogelu"),
    Theme.CRIMINAL_JUSTICE: ("Criminal justice", "Cyfiawnder troseddol"),
    Theme.IOM: ("Integrated offender management", "Rheoli troseddwyr integredig"),
    Theme.REDUCING_REOFFENDING: ("Reducing reoffending", "Lleihau aildroseddu"),
    Theme.YOUTH_JUSTICE: ("Youth justice", "Cyfiawnder ieuenctid"),
    Theme.WOMEN_IN_JUSTICE: ("Women in justice", "Menywod mewn cyfiawnder"),
    Theme.ASB: ("Anti-social behaviour", "Ymddygiad gwrthgymdeithasol"),
    Theme.WELL_BEING: ("Well-being of future generations", "Llesiant cenedlaethau'r dyfodol"),
    Theme.POLICING: ("Policing", "Plismona"),
    Theme.DHR: ("Domestic homicide reviews", "Adolygiadau dynladdiad domestig"),
    Theme.ACES: ("Adverse childhood experiences", "Profiadau niweidiol yn ystod plentyndod"),
    Theme.MODERN_SLAVERY: ("Modern slavery", "Caethwasiaeth fodern"),
    Theme.HEALTH_AND_SOCIAL_CARE: ("Health and social care", "Iechyd a gofal cymdeithasol"),
}


class BoardType(StrEnum):
    """The kinds of board, group and partnership the seeds name."""

    CSP = "csp"
    PSB = "psb"
    REGIONAL_COMMUNITY_SAFETY_BOARD = "regional-community-safety-board"
    VAWDASV_BOARD = "vawdasv-board"
    AREA_PLANNING_BOARD = "area-planning-board"
    SAFEGUARDING_BOARD = "safeguarding-board"
    LOCAL_CRIMINAL_JUSTICE_BOARD = "local-criminal-justice-board"
    IOM_BOARD = "iom-board"
    CONTEST_BOARD = "contest-board"
    SVOC_BOARD = "svoc-board"
    REGIONAL_PARTNERSHIP_BOARD = "regional-partnership-board"
    SAFER_COMMUNITIES_BOARD = "safer-communities-board"
    POLICING_PARTNERSHIP_BOARD = "policing-partnership-board"
    ALL_WALES_CRIMINAL_JUSTICE_BOARD = "all-wales-criminal-justice-board"
    PROGRAMME_BOARD = "programme-board"
    OVERSIGHT_GROUP = "oversight-group"
    STRATEGY_GROUP = "strategy-group"
    LEADERS_FORUM = "leaders-forum"
    ADVISORY_BOARD = "advisory-board"
    #: An entry standing for several boards of different or unstated types.
    VARIOUS = "various"

    @property
    def label_en(self) -> str:
        return _TYPE_LABELS[self][0]

    @property
    def label_cy(self) -> str:
        return _TYPE_LABELS[self][1]


_TYPE_LABELS: dict[BoardType, tuple[str, str]] = {
    BoardType.CSP: ("Community Safety Partnership", "Partneriaeth Diogelwch Cymunedol"),
    BoardType.PSB: ("Public Services Board", "Bwrdd Gwasanaethau Cyhoeddus"),
    BoardType.REGIONAL_COMMUNITY_SAFETY_BOARD: (
        "Regional community safety board",
        "Bwrdd diogelwch cymunedol rhanbarthol",
    ),
    BoardType.VAWDASV_BOARD: ("VAWDASV board", "Bwrdd VAWDASV"),
    BoardType.AREA_PLANNING_BOARD: ("Area Planning Board", "Bwrdd Cynllunio Ardal"),
    BoardType.SAFEGUARDING_BOARD: ("Safeguarding board", "Bwrdd diogelu"),
    BoardType.LOCAL_CRIMINAL_JUSTICE_BOARD: (
        "Local Criminal Justice Board",
        "Bwrdd Cyfiawnder Troseddol Lleol",
    ),
    BoardType.IOM_BOARD: ("Integrated Offender Management board", "Bwrdd Rheoli Troseddwyr"),
    BoardType.CONTEST_BOARD: ("CONTEST/Prevent board", "Bwrdd CONTEST/Atal"),
    BoardType.SVOC_BOARD: (
        "Serious violence and organised crime board",
        "Bwrdd trais difrifol a throseddu cyfundrefnol",
    ),
    BoardType.REGIONAL_PARTNERSHIP_BOARD: (
        "Regional Partnership Board",
        "Bwrdd Partneriaeth Rhanbarthol",
    ),
    BoardType.SAFER_COMMUNITIES_BOARD: ("Safer Communities Board", "Bwrdd Cymunedau Diogelach"),
    BoardType.POLICING_PARTNERSHIP_BOARD: (
        "Policing Partnership Board",
        "Bwrdd Partneriaeth Plismona",
    ),
    BoardType.ALL_WALES_CRIMINAL_JUSTICE_BOARD: (
        "All Wales Criminal Justice Board",
        "Bwrdd Cyfiawnder Troseddol Cymru Gyfan",
    ),
    BoardType.PROGRAMME_BOARD: ("Programme board", "Bwrdd rhaglen"),
    BoardType.OVERSIGHT_GROUP: ("Oversight group", "Grŵp goruchwylio"),
    BoardType.STRATEGY_GROUP: ("Strategy group", "Grŵp strategaeth"),
    BoardType.LEADERS_FORUM: ("Strategic leaders forum", "Fforwm arweinwyr strategol"),
    BoardType.ADVISORY_BOARD: ("Advisory board", "Bwrdd cynghori"),
    BoardType.VARIOUS: ("Several boards", "Sawl bwrdd"),
}


class BoardLevel(StrEnum):
    """Where a board sits: all-Wales, a region (police force area or wider), or local."""

    NATIONAL = "national"
    REGIONAL = "regional"
    LOCAL = "local"

    @property
    def label_en(self) -> str:
        return {"national": "National", "regional": "Regional", "local": "Local"}[self.value]

    @property
    def label_cy(self) -> str:
        return {"national": "Cenedlaethol", "regional": "Rhanbarthol", "local": "Lleol"}[self.value]


class Status(StrEnum):
    """A board's standing at a point in its history."""

    PROPOSED = "proposed"
    PLANNED = "planned"
    ACTIVE = "active"
    CHANGED = "changed"
    MERGED = "merged"
    SUSPENDED = "suspended"
    REPLACED = "replaced"
    CLOSED = "closed"

    @property
    def label_en(self) -> str:
        return _STATUS_LABELS[self][0]

    @property
    def label_cy(self) -> str:
        return _STATUS_LABELS[self][1]


_STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.PROPOSED: ("Proposed", "Arfaethedig"),
    Status.PLANNED: ("Planned", "Wedi'i gynllunio"),
    Status.ACTIVE: ("Active", "Gweithredol"),
    Status.CHANGED: ("Changed", "Wedi newid"),
    Status.MERGED: ("Merged", "Wedi'i uno"),
    Status.SUSPENDED: ("Suspended", "Wedi'i atal"),
    Status.REPLACED: ("Replaced", "Wedi'i ddisodli"),
    Status.CLOSED: ("Closed", "Wedi cau"),
}
