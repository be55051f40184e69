"""Harmonised incident categories and how each source's own types map to them.

Sources classify incidents differently; the warehouse stores both the source's
own type (``source_type``) and a harmonised ``category`` and ``subcategory`` so
that police, health, ambulance and fire records can be counted side by side.
``docs/categories.md`` is generated from these tables.
"""

from __future__ import annotations

from typing import Final

#: Harmonised categories: code -> (English label, Welsh label)
CATEGORIES: Final[dict[str, tuple[str, str]]] = {
    "violence": ("Violence", "Trais"),
    "sexual_offences": ("Sexual offences", "Troseddau rhywiol"),
    "robbery": ("Robbery", "Lladrad"),
    "possession_of_weapons": ("Possession of weapons", "Meddu ar arfau"),
    "asb": ("Anti-social behaviour", "Ymddygiad gwrthgymdeithasol"),
    "burglary": ("Burglary", "Bwrgleriaeth"),
    "vehicle_crime": ("Vehicle crime", "Troseddau cerbydau"),
    "theft": ("Theft", "Dwyn"),
    "criminal_damage_arson": ("Criminal damage and arson", "Difrod troseddol a llosgi bwriadol"),
    "drugs": ("Drugs", "Cyffuriau"),
    "public_order": ("Public order", "Trefn gyhoeddus"),
    "other_crime": ("Other crime", "Troseddau eraill"),
    "fire": ("Fire and rescue incident", "Digwyddiad tân ac achub"),
    "stop_and_search": ("Stop and search", "Stopio a chwilio"),
    "medical": ("Medical or injury call-out", "Galwad feddygol neu anaf"),
    "other": ("Other", "Arall"),
}

#: police.uk street-level crime types -> (category, subcategory). police.uk joins
#: violence and sexual offences in one type, so its records count as violence with
#: the subcategory saying sexual offences are included; ``sexual_offences`` is
#: counted only from sources that separate them.
POLICE_UK_CRIME_TYPES: Final[dict[str, tuple[str, str]]] = {
    "Anti-social behaviour": ("asb", "asb"),
    "Bicycle theft": ("theft", "bicycle_theft"),
    "Burglary": ("burglary", "burglary"),
    "Criminal damage and arson": ("criminal_damage_arson", "criminal_damage_arson"),
    "Drugs": ("drugs", "drugs"),
    "Other crime": ("other_crime", "other_crime"),
    "Other theft": ("theft", "other_theft"),
    "Possession of weapons": ("possession_of_weapons", "possession_of_weapons"),
    "Public order": ("public_order", "public_order"),
    "Robbery": ("robbery", "robbery"),
    "Shoplifting": ("theft", "shoplifting"),
    "Theft from the person": ("theft", "theft_from_the_person"),
    "Vehicle crime": ("vehicle_crime", "vehicle_crime"),
    "Violence and sexual offences": ("violence", "violence_and_sexual_offences"),
}


def categories_markdown() -> str:
    """The mapping tables as Markdown (docs/categories.md)."""
    lines = [
        "# Harmonised categories",
        "",
        "Generated from `src/diogel/sources/categories.py`; a test keeps the two in step.",
        "",
        "| category | English | Welsh |",
        "| --- | --- | --- |",
        *[f"| `{code}` | {en} | {cy} |" for code, (en, cy) in CATEGORIES.items()],
        "",
        "## police.uk crime types",
        "",
        "police.uk publishes violence and sexual offences as one type; Diogel counts them as",
        "`violence` with subcategory `violence_and_sexual_offences`.",
        "",
        "| police.uk crime type | category | subcategory |",
        "| --- | --- | --- |",
        *[f"| {t} | `{c}` | `{s}` |" for t, (c, s) in POLICE_UK_CRIME_TYPES.items()],
    ]
    return "\n".join(lines) + "\n"
