"""A deterministic SYNTHETIC youth-justice offence extract, with personal identifiers.

For demonstrating and testing pseudonymisation at ingest (the worked mapping
``sources/mappings/youth_justice_synthetic.toml``). Everything is invented: the
file name starts ``SYNTHETIC-``, references start ``SYN-YJ-``, every surname
starts ``Synthetic-``, and NHS numbers come from the 999 range, which the NHS never
issues. Some people offend more than once (so pseudonyms link records), some rows
have no NHS number (pseudonymised from name and date of birth), and with
``faults`` a few carry a mistyped NHS number or date of birth (quarantined).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

COLUMNS = (
    "Offence Ref",
    "Offence Date",
    "Offence Type",
    "LSOA",
    "NHS No",
    "Forename",
    "Surname",
    "DOB",
)
OFFENCES = (
    "Violence against the person",
    "Robbery",
    "Possession of weapons",
    "Criminal damage",
    "Drugs",
    "Theft",
    "Breach of order",
)
FORENAMES = ("Aled", "Catrin", "Dylan", "Elin", "Gethin", "Lowri", "Rhys", "Seren", "Tomos")
SURNAMES = ("Evans", "Hughes", "Jones", "Morgan", "Price", "Pritchard", "Rees", "Williams")
#: LSOAs (2011) in Cardiff, Blaenau Gwent, Newport and Torfaen.
LSOAS = ("W01001870", "W01001440", "W01001690", "W01001482")


@dataclass(frozen=True)
class SyntheticPerson:
    nhs_number: str  # 10 digits, valid check digit, 999 range
    forename: str
    surname: str
    birth_date: dt.date


def synthetic_nhs_number(serial: int) -> str:
    """A valid NHS number in the never-issued 999 range (``serial`` picks which).

    Examples
    --------
    >>> synthetic_nhs_number(1)
    '9990000018'
    """
    while True:
        nine = f"999{serial:06d}"
        total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        if check != 10:
            return nine + str(check)
        serial += 1


def synthetic_people(count: int, seed: int = 1) -> list[SyntheticPerson]:
    """``count`` invented young people aged 10 to 17 in 2021."""
    rng = random.Random(seed)
    people = []
    for i in range(count):
        born = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randrange(0, 7 * 365))
        people.append(
            SyntheticPerson(
                synthetic_nhs_number(1000 + i * 7),
                rng.choice(FORENAMES),
                "Synthetic-" + rng.choice(SURNAMES),
                born,
            )
        )
    return people


def write_extract(
    out: Path, month: dt.date, rows: int = 40, seed: int = 1, faults: bool = True
) -> tuple[Path, list[SyntheticPerson]]:
    """Write one month's SYNTHETIC extract into ``out``; returns the file and its people."""
    rng = random.Random(seed * 1000 + month.year * 12 + month.month)
    people = synthetic_people(max(4, rows // 3), seed)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"SYNTHETIC-youth-justice-{month:%Y-%m}.csv"
    days = ((month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - month).days
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for i in range(rows):
            person = rng.choice(people)
            nhs = f"{person.nhs_number[:3]} {person.nhs_number[3:6]} {person.nhs_number[6:]}"
            born = f"{person.birth_date:%d/%m/%Y}"
            if i % 5 == 4:
                nhs = ""  # not recorded: the name and date of birth link instead
            if faults and i % 17 == 16:
                nhs = nhs.replace(" ", "")[:9] + str((int(person.nhs_number[9]) + 1) % 10)
            if faults and i % 23 == 22:
                nhs, born = "", "31/02/2006"
            writer.writerow(
                [
                    f"SYN-YJ-{month:%Y%m}-{i + 1:04d}",
                    f"{month + dt.timedelta(days=rng.randrange(days)):%d/%m/%Y}",
                    rng.choice(OFFENCES),
                    rng.choice(LSOAS),
                    nhs,
                    person.forename,
                    person.surname,
                    born,
                ]
            )
    return path, people
