"""The area hierarchy against the published files and known facts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from diogel.geography import Geography, Level
from diogel.geography.areas import LSOA11_PARENTS

EXPECTED_COUNTS = {
    Level.LSOA11: 1909,
    Level.LSOA21: 1917,
    Level.MSOA11: 410,
    Level.LOCAL_AUTHORITY: 22,
    Level.HEALTH_BOARD: 7,
    Level.POLICE_FORCE_AREA: 4,
    Level.PSB: 19,
    Level.CSP: 19,
    Level.REGION: 4,
    Level.WALES: 1,
}


@pytest.mark.parametrize(("level", "count"), EXPECTED_COUNTS.items(), ids=lambda v: str(v))
def test_counts_per_level(geography: Geography, level: Level, count: int) -> None:
    assert len(geography.hierarchy.areas_at(level)) == count


def test_every_lsoa_has_exactly_one_parent_at_each_level(geography: Geography) -> None:
    lsoa = geography.hierarchy.lsoa11
    for level in LSOA11_PARENTS:
        assert lsoa[level.value].notna().all(), level
        known = {a.code for a in geography.hierarchy.areas_at(level)}
        assert set(lsoa[level.value]) == known, level
    l21 = geography.hierarchy.lsoa21
    for level in (Level.LOCAL_AUTHORITY, Level.HEALTH_BOARD, Level.POLICE_FORCE_AREA, Level.WALES):
        assert l21[level.value].notna().all(), level


def test_every_area_has_names_in_both_languages(geography: Geography) -> None:
    areas = geography.hierarchy.areas
    assert (areas["name_en"].str.len() > 0).all()
    assert (areas["name_cy"].str.len() > 0).all()


def test_population_of_wales_matches_an_independent_sum(
    geography: Geography, shared_data: Path
) -> None:
    raw = pd.read_csv(shared_data / "geography" / "census2011_lsoa11_population.csv", thousands=",")
    wales = geography.hierarchy.area("W92000004")
    assert wales.population == raw["Persons"].sum() == 3_063_456
    las = geography.hierarchy.areas_at(Level.LOCAL_AUTHORITY)
    assert sum(a.population or 0 for a in las) == wales.population
    by_la = raw.groupby("Local authority code")["Persons"].sum()
    assert {a.code: a.population for a in las} == by_la.to_dict()


def test_population_weighted_wimd_matches_pandas(geography: Geography, shared_data: Path) -> None:
    pop = pd.read_csv(shared_data / "geography" / "census2011_lsoa11_population.csv", thousands=",")
    wimd = pd.read_csv(shared_data / "geography" / "wimd2019_lsoa11_scores.csv")
    wimd.columns = [c.strip() for c in wimd.columns]
    merged = pop.merge(wimd, left_on="LSOA Code", right_on="LSOA Code")
    cardiff = merged[merged["Local authority code"] == "W06000015"]
    expected = (cardiff["WIMD 2019"] * cardiff["Persons"]).sum() / cardiff["Persons"].sum()
    expected_safety = (cardiff["Community Safety"] * cardiff["Persons"]).sum() / cardiff[
        "Persons"
    ].sum()
    area = geography.hierarchy.area("W06000015")
    assert area.wimd_score == pytest.approx(expected, rel=1e-12)
    assert area.wimd_domains["community_safety"] == pytest.approx(expected_safety, rel=1e-12)


def test_wimd_rank_one_is_rhyl_west_2(geography: Geography) -> None:
    top = geography.hierarchy.area("W01000240")
    assert top.wimd_rank == 1
    assert top.local_name == "Rhyl West 2"
    ranks = geography.hierarchy.lsoa11["wimd_rank"]
    assert sorted(ranks) == list(range(1, 1910))


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("W06000024", Level.POLICE_FORCE_AREA, "W15000004"),  # Merthyr Tydfil: South Wales
        ("W06000024", Level.HEALTH_BOARD, "W11000030"),  # ... and Cwm Taf Morgannwg
        ("W06000013", Level.HEALTH_BOARD, "W11000030"),  # Bridgend moved to CTM in 2019
        ("W06000023", Level.POLICE_FORCE_AREA, "W15000002"),  # Powys: Dyfed-Powys
        ("W06000023", Level.HEALTH_BOARD, "W11000024"),  # ... Powys Teaching HB
        ("W06000022", Level.POLICE_FORCE_AREA, "W15000003"),  # Newport: Gwent
        ("W06000022", Level.HEALTH_BOARD, "W11000028"),  # ... Aneurin Bevan
        ("W06000001", Level.CSP, "csp-gwynedd-ynys-mon"),
        ("W06000004", Level.CSP, "csp-conwy-denbighshire"),
        ("W06000016", Level.CSP, "csp-cwm-taf"),
        ("W06000021", Level.REGION, "region-gwent"),
    ],
)
def test_known_parents(geography: Geography, code: str, level: Level, parent: str) -> None:
    assert geography.hierarchy.area(code).parents[level] == parent


@pytest.mark.parametrize(
    ("code", "en", "cy"),
    [
        ("W06000015", "Cardiff", "Caerdydd"),
        ("W06000011", "Swansea", "Abertawe"),
        ("W06000022", "Newport", "Casnewydd"),
        ("W06000001", "Isle of Anglesey", "Ynys Môn"),
        ("W11000031", "Swansea Bay University Health Board", "Bwrdd Iechyd Prifysgol Bae Abertawe"),
        ("W15000001", "North Wales", "Gogledd Cymru"),
        ("W92000004", "Wales", "Cymru"),
    ],
)
def test_official_names(geography: Geography, code: str, en: str, cy: str) -> None:
    area = geography.hierarchy.area(code)
    assert (area.name_en, area.name_cy) == (en, cy)


def test_small_area_welsh_names_use_the_welsh_authority_name(geography: Geography) -> None:
    assert geography.hierarchy.area("W02000398").name_cy == "Caerdydd 032"
    cardiff_2021 = geography.hierarchy.lsoa21[
        geography.hierarchy.lsoa21["local_authority"] == "W06000015"
    ]
    assert cardiff_2021["name_cy"].str.startswith("Caerdydd ").all()


def test_shared_2011_and_2021_codes_are_kept_apart(geography: Geography) -> None:
    old = geography.hierarchy.area("W01000003")
    new = geography.hierarchy.area("W01000003", Level.LSOA21)
    assert (old.level, new.level) == (Level.LSOA11, Level.LSOA21)
    assert old.population is not None
    assert new.population is None


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Ynys Mon", "W06000001"),  # accents optional
        ("ynys môn", "W06000001"),
        ("Abertawe", "W06000011"),
        ("W06000015", "W06000015"),
        ("Rhyl West 2", "W01000240"),  # WIMD local names too
        ("merthyr", "W06000024"),
    ],
)
def test_search_in_welsh_or_english(geography: Geography, query: str, first: str) -> None:
    assert geography.hierarchy.search(query)[0].code == first


def test_resolve_refuses_an_ambiguous_name(geography: Geography) -> None:
    with pytest.raises(LookupError, match="W15000003 \\(police_force_area\\), region-gwent"):
        geography.hierarchy.resolve("Gwent")
    assert geography.hierarchy.resolve("Caerdydd").code == "W06000015"


def test_within_uses_shared_lsoas(geography: Geography) -> None:
    h = geography.hierarchy
    lsoas = h.areas_at(Level.LSOA11, within="W06000024")
    assert len(lsoas) == 36
    boards = {a.code for a in h.areas_at(Level.HEALTH_BOARD, within="region-south-wales")}
    assert boards == {"W11000029", "W11000030", "W11000031"}
    assert {a.code for a in h.areas_at(Level.POLICE_FORCE_AREA, within="W06000015")} == {
        "W15000004"
    }
    assert len(h.areas_at(Level.LSOA21, within="W06000015")) == len(
        h.lsoa21[h.lsoa21["local_authority"] == "W06000015"]
    )


def test_children(geography: Geography) -> None:
    h = geography.hierarchy
    assert len(h.children(h.area("W92000004"))) == 22
    assert {a.code for a in h.children(h.area("W15000003"))} == {
        "W06000018",
        "W06000019",
        "W06000020",
        "W06000021",
        "W06000022",
    }
    assert h.children(h.area("W01000240")) == []
