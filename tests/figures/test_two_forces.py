"""Hotspots where only some forces sent data: the others are left out and named, never
counted as zero, and a force's hotspots are the same alone and inside Wales.

North Wales's file is made from a real Gwent month (its crimes moved, code for code, to
North Wales's LSOAs, and its force names changed): police.uk files of two forces for the
month, and none from Dyfed-Powys or South Wales.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from diogel.figures import FigureQuery, hotspot_result
from diogel.geography import Area, Geography, Level
from diogel.warehouse import Warehouse
from tests.helpers import GWENT, ingest

MONTH = "2021-10"


def force(geo: Geography, name: str) -> Area:
    return next(a for a in geo.hierarchy.areas_at(Level.POLICE_FORCE_AREA) if name in a.name_en)


@pytest.fixture(scope="module")
def two_forces(
    shared_data: Path, geo: Geography, tmp_path_factory: pytest.TempPathFactory
) -> Warehouse:
    folder = tmp_path_factory.mktemp("two-forces")
    gwent_file = shared_data / GWENT / f"{MONTH}-gwent-street.csv"
    gwent = sorted(a.code for a in geo.hierarchy.areas_at(Level.LSOA11, force(geo, "Gwent")))
    north = geo.hierarchy.areas_at(Level.LSOA11, force(geo, "North Wales"))
    moved = dict(zip(gwent, sorted(a.code for a in north), strict=False))
    names = {a.code: a.name_en for a in north}
    north_file = folder / f"{MONTH}-north-wales-street.csv"
    with (
        gwent_file.open(newline="", encoding="utf-8") as src,
        north_file.open("w", newline="", encoding="utf-8") as out,
    ):
        reader = csv.DictReader(src)
        writer = csv.DictWriter(out, fieldnames=list(reader.fieldnames or []))
        writer.writeheader()
        for row in reader:
            code = moved.get(row["LSOA code"])
            if code is None:
                continue  # a crime outside Gwent's LSOAs: not moved
            row.update(
                {
                    "Reported by": "North Wales Police",
                    "Falls within": "North Wales Police",
                    "LSOA code": code,
                    "LSOA name": names[code],
                    "Longitude": "",
                    "Latitude": "",
                }
            )
            writer.writerow(row)
    warehouse = Warehouse(folder / "warehouse")
    ingest(warehouse, geo, gwent_file)
    ingest(warehouse, geo, north_file)
    return warehouse


def test_wales_hotspots_leave_out_and_name_the_forces_that_sent_nothing(
    geo: Geography, two_forces: Warehouse
) -> None:
    wales = geo.hierarchy.area("W92000004", Level.WALES)
    query = FigureQuery(Level.LSOA11, wales, "violence", "police_uk_street", MONTH, MONTH)
    answer = hotspot_result(geo, two_forces, query)
    covered = {
        a.code
        for name in ("Gwent", "North Wales")
        for a in geo.hierarchy.areas_at(Level.LSOA11, force(geo, name))
    }
    missing = {a.code for a in geo.hierarchy.areas_at(Level.LSOA11)} - covered
    assert answer.tested
    assert set(answer.left_out) == missing  # Dyfed-Powys and South Wales, named
    assert {a.code for a in answer.areas} == covered  # never tested as zeros
    assert answer.groups == 2  # each force that sent data, tested on its own


def test_north_waless_hotspots_are_the_same_alone_and_inside_wales(
    geo: Geography, two_forces: Warehouse
) -> None:
    wales = geo.hierarchy.area("W92000004", Level.WALES)
    north = force(geo, "North Wales")
    inside = hotspot_result(
        geo,
        two_forces,
        FigureQuery(Level.LSOA11, wales, "violence", "police_uk_street", MONTH, MONTH),
    )
    alone = hotspot_result(
        geo,
        two_forces,
        FigureQuery(Level.LSOA11, north, "violence", "police_uk_street", MONTH, MONTH),
    )
    codes = {a.code for a in geo.hierarchy.areas_at(Level.LSOA11, north)}
    assert alone.tested
    assert not alone.left_out
    inside_north = {a.code: a for a in inside.areas if a.code in codes}
    assert inside_north.keys() == {a.code for a in alone.areas}
    for area in alone.areas:
        other = inside_north[area.code]
        assert (other.class_, other.count) == (area.class_, area.count)
        assert other.z == pytest.approx(area.z, abs=1e-12)
    hot = {a.code for a in alone.areas if a.class_.startswith("hot")}
    assert hot, "the moved Gwent month has hotspots in North Wales"


def test_no_test_is_said_when_no_area_has_data(geo: Geography, two_forces: Warehouse) -> None:
    south = force(geo, "South Wales")
    answer = hotspot_result(
        geo,
        two_forces,
        FigureQuery(Level.LSOA11, south, "violence", "police_uk_street", MONTH, MONTH),
    )
    assert not answer.tested
    assert answer.not_tested_because
    assert answer.areas == []
    assert len(answer.left_out) == len(geo.hierarchy.areas_at(Level.LSOA11, south))


def test_imports_used_are_those_with_rows_in_the_area(
    geo: Geography, two_forces: Warehouse
) -> None:
    """A Gwent report lists Gwent's file, not North Wales's, though both cover the month
    (so ``diogel report check`` is not fooled by another force's republication)."""
    from diogel.reports import ReportContext
    from diogel.reports.measures import imports_used

    ctx = ReportContext(geo, two_forces)
    gwent = force(geo, "Gwent")
    used = imports_used(ctx, ["police_uk_street"], MONTH, MONTH, gwent)
    assert [i["supplier"] for i in used] == ["Gwent Police"]
    wales = geo.hierarchy.area("W92000004", Level.WALES)
    both = imports_used(ctx, ["police_uk_street"], MONTH, MONTH, wales)
    assert sorted(i["supplier"] for i in both) == ["Gwent Police", "North Wales Police"]
