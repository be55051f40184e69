"""The statutory duties a community safety partnership or local authority answers for.

Each duty names the law it comes from; evidence (minutes, reports, plans) is
linked to a duty on the site, and a partnership records how far it meets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Compliance(StrEnum):
    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not-met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Duty:
    code: str
    title_en: str
    title_cy: str
    legal_basis: str
    #: who carries it: the partnership ("csp") or the local authority itself
    holder: str


DUTIES: tuple[Duty, ...] = (
    Duty(
        "s17",
        "Consider crime and disorder in everything the authority does",
        "Ystyried troseddu ac anhrefn ym mhopeth y mae'r awdurdod yn ei wneud",
        "Crime and Disorder Act 1998, s17",
        "local_authority",
    ),
    Duty(
        "strategy",
        "Strategic assessment and community safety strategy",
        "Asesiad strategol a strategaeth diogelwch cymunedol",
        "Crime and Disorder Act 1998, ss5–7",
        "csp",
    ),
    Duty(
        "serious-violence",
        "Serious Violence Duty: needs assessment and strategy",
        "Dyletswydd Trais Difrifol: asesiad o anghenion a strategaeth",
        "Police, Crime, Sentencing and Courts Act 2022, Part 2",
        "csp",
    ),
    Duty(
        "dhr",
        "Commission Domestic Homicide Reviews",
        "Comisiynu Adolygiadau Dynladdiad Domestig",
        "Domestic Violence, Crime and Victims Act 2004, s9",
        "csp",
    ),
    Duty(
        "asb",
        "Anti-social behaviour case reviews",
        "Adolygiadau achos ymddygiad gwrthgymdeithasol",
        "Anti-social Behaviour, Crime and Policing Act 2014, s104",
        "local_authority",
    ),
    Duty(
        "vawdasv",
        "Local strategy on violence against women, domestic abuse and sexual violence",
        "Strategaeth leol ar drais yn erbyn menywod, cam-drin domestig a thrais rhywiol",
        "Violence against Women, Domestic Abuse and Sexual Violence (Wales) Act 2015",
        "local_authority",
    ),
    Duty(
        "prevent",
        "Prevent duty",
        "Dyletswydd Atal",
        "Counter-Terrorism and Security Act 2015, s26",
        "local_authority",
    ),
    Duty(
        "protect",
        "Protect duty for public premises and events",
        "Dyletswydd Diogelu ar gyfer safleoedd a digwyddiadau cyhoeddus",
        "Terrorism (Protection of Premises) Act 2025",
        "local_authority",
    ),
    Duty(
        "well-being",
        "Local well-being plan with the public services board",
        "Cynllun llesiant lleol gyda'r bwrdd gwasanaethau cyhoeddus",
        "Well-being of Future Generations (Wales) Act 2015",
        "local_authority",
    ),
)


def duty(code: str) -> Duty:
    """The duty with ``code``.

    Examples
    --------
    >>> duty("dhr").legal_basis
    'Domestic Violence, Crime and Victims Act 2004, s9'
    """
    for candidate in DUTIES:
        if candidate.code == code:
            return candidate
    raise KeyError(f"no duty {code!r}")


def overall(statuses: list[Compliance]) -> Compliance:
    """The weakest of several partnerships' statuses: a chief executive answers for all.

    Examples
    --------
    >>> overall([Compliance.MET, Compliance.PARTLY]).value
    'partly'
    >>> overall([]).value
    'unknown'
    """
    order = [Compliance.NOT_MET, Compliance.UNKNOWN, Compliance.PARTLY, Compliance.MET]
    if not statuses:
        return Compliance.UNKNOWN
    return min(statuses, key=order.index)
