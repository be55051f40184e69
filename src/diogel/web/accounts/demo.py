"""Demo content: the Gwent partners named in the seeds and one account per role.

Only for demo mode. The organisations are real public bodies; the people are
invented demo accounts with random passwords that change on every run.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from diogel.web.accounts.models import Organisation, OrganisationType, User
from diogel.web.accounts.roles import Role

# (slug, English name, Welsh name, type, website)
GWENT_PARTNERS: tuple[tuple[str, str, str, OrganisationType, str], ...] = (
    (
        "gwent-police",
        "Gwent Police",
        "Heddlu Gwent",
        OrganisationType.POLICE_FORCE,
        "https://www.gwent.police.uk",
    ),
    (
        "opcc-gwent",
        "Office of the Police and Crime Commissioner for Gwent",
        "Swyddfa Comisiynydd yr Heddlu a Throseddu Gwent",
        OrganisationType.OPCC,
        "https://www.gwent.pcc.police.uk",
    ),
    (
        "blaenau-gwent-cbc",
        "Blaenau Gwent County Borough Council",
        "Cyngor Bwrdeistref Sirol Blaenau Gwent",
        OrganisationType.LOCAL_AUTHORITY,
        "https://www.blaenau-gwent.gov.uk",
    ),
    (
        "caerphilly-cbc",
        "Caerphilly County Borough Council",
        "Cyngor Bwrdeistref Sirol Caerffili",
        OrganisationType.LOCAL_AUTHORITY,
        "https://www.caerphilly.gov.uk",
    ),
    (
        "monmouthshire-cc",
        "Monmouthshire County Council",
        "Cyngor Sir Fynwy",
        OrganisationType.LOCAL_AUTHORITY,
        "https://www.monmouthshire.gov.uk",
    ),
    (
        "newport-cc",
        "Newport City Council",
        "Cyngor Dinas Casnewydd",
        OrganisationType.LOCAL_AUTHORITY,
        "https://www.newport.gov.uk",
    ),
    (
        "torfaen-cbc",
        "Torfaen County Borough Council",
        "Cyngor Bwrdeistref Sirol Torfaen",
        OrganisationType.LOCAL_AUTHORITY,
        "https://www.torfaen.gov.uk",
    ),
    (
        "aneurin-bevan-uhb",
        "Aneurin Bevan University Health Board",
        "Bwrdd Iechyd Prifysgol Aneurin Bevan",
        OrganisationType.HEALTH_BOARD,
        "https://abuhb.nhs.wales",
    ),
    (
        "south-wales-fire",
        "South Wales Fire and Rescue Service",
        "Gwasanaeth Tân ac Achub De Cymru",
        OrganisationType.FIRE_AND_RESCUE,
        "https://www.southwales-fire.gov.uk",
    ),
    (
        "probation-wales",
        "Probation Service in Wales",
        "Gwasanaeth Prawf yng Nghymru",
        OrganisationType.PROBATION,
        "https://www.gov.uk/government/organisations/probation-service",
    ),
    (
        "newport-yjs",
        "Newport Youth Justice Service",
        "Gwasanaeth Cyfiawnder Ieuenctid Casnewydd",
        OrganisationType.YOUTH_JUSTICE,
        "",
    ),
    (
        "welsh-government",
        "Welsh Government",
        "Llywodraeth Cymru",
        OrganisationType.WELSH_GOVERNMENT,
        "https://www.gov.wales",
    ),
    (
        "welsh-womens-aid",
        "Welsh Women's Aid",
        "Cymorth i Ferched Cymru",
        OrganisationType.THIRD_SECTOR,
        "https://welshwomensaid.org.uk",
    ),
    (
        "welsh-ambulance",
        "Welsh Ambulance Services NHS Trust",
        "Ymddiriedolaeth GIG Gwasanaethau Ambiwlans Cymru",
        OrganisationType.OTHER,
        "https://ambulance.nhs.wales",
    ),
)

# role -> (username, first name, last name, organisation slug)
DEMO_PEOPLE: dict[Role, tuple[str, str, str, str]] = {
    Role.PARTNER_MEMBER: ("demo-partner", "Rhian", "Partner", "torfaen-cbc"),
    Role.ANALYST: ("demo-analyst", "Gareth", "Analyst", "opcc-gwent"),
    Role.DATA_CONTROLLER: ("demo-controller", "Siân", "Controller", "aneurin-bevan-uhb"),
    Role.BOARD_SECRETARIAT: ("demo-secretariat", "Dylan", "Secretariat", "newport-cc"),
    Role.ADMINISTRATOR: ("demo-admin", "Nia", "Administrator", "opcc-gwent"),
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: Role
    organisation: str


def load_organisations() -> int:
    """Create or update the Gwent partner organisations; return how many."""
    for slug, name_en, name_cy, kind, website in GWENT_PARTNERS:
        Organisation.objects.update_or_create(
            slug=slug,
            defaults={"name_en": name_en, "name_cy": name_cy, "kind": kind, "website": website},
        )
    return len(GWENT_PARTNERS)


@transaction.atomic
def create_demo_accounts() -> list[DemoAccount]:
    """Create one account per role with a fresh random password.

    Raises
    ------
    ImproperlyConfigured
        Unless the settings in force enable demo mode (production never does).
    """
    if not getattr(settings, "DEMO_MODE", False):
        raise ImproperlyConfigured("demo accounts need demo mode (DIOGEL_DEMO=true)")
    load_organisations()
    accounts = []
    for role, (username, first, last, org_slug) in DEMO_PEOPLE.items():
        organisation = Organisation.objects.get(slug=org_slug)
        password = secrets.token_urlsafe(12)
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@demo.invalid"
        user.organisation, user.role, user.is_active = organisation, role, True
        user.is_superuser = False  # role decides; see User.save
        user.set_password(password)
        user.save()
        accounts.append(DemoAccount(username, password, role, organisation.name_en))
    return accounts
