"""A force's recorded total against the figure located in its area: each part equals
pandas on the raw police.uk files, and the parts add up exactly."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from diogel.figures.query import FigureError
from diogel.figures.reconcile import ForceReconciliation, force_reconciliation
from diogel.geography import Geography, Level
from diogel.ingest import IngestOptions
from diogel.warehouse import Warehouse
from tests.helpers import GWENT, ingest

VIOLENCE = "Violence and sexual offences"
GWENT_AREA = "W15000003"
#: Police force areas are whole local authorities (the shared data's README), as police.uk
#: names them in "LSOA name": the test's own map, independent of Diogel's geography.
FORCE_OF_LA = {
    **dict.fromkeys(
        ["Carmarthenshire", "Ceredigion", "Pembrokeshire", "Powys"], "W15000002"
    ),  # Dyfed-Powys
    **dict.fromkeys(
        ["Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen"], GWENT_AREA
    ),
    **dict.fromkeys(
        ["Isle of Anglesey", "Conwy", "Denbighshire", "Flintshire", "Gwynedd", "Wrexham"],
        "W15000001",
    ),  # North Wales
    **dict.fromkeys(
        [
            "Bridgend",
            "Cardiff",
            "Merthyr Tydfil",
            "Neath Port Talbot",
            "Rhondda Cynon Taf",
            "Swansea",
            "The Vale of Glamorgan",
        ],
        "W15000004",
    ),  # South Wales
}


@pytest.fixture(scope="module")
def raw(shared_data: Path) -> pd.DataFrame:
    """Every Gwent street record, read by pandas alone."""
    frames = [
        pd.read_csv(p, dtype=str, keep_default_na=False)
        for p in sorted((shared_data / GWENT).glob("*-street.csv"))
    ]
    frame = pd.concat(frames, ignore_index=True)
    la = frame["LSOA name"].str.replace(r"\s+\d{3}[A-Z]$", "", regex=True)
    frame["force_area"] = la.map(FORCE_OF_LA)
    return frame


def identity_holds(answer: ForceReconciliation) -> bool:
    assert answer.recorded is not None
    assert answer.located is not None
    parts = (
        answer.recorded
        - (answer.no_location or 0)
        - (answer.located_in_england or 0)
        - (answer.elsewhere_in_wales or 0)
        + (answer.from_other_forces or 0)
    )
    return (
        parts == answer.located
        and answer.elsewhere_in_wales
        == sum(p.count or 0 for p in answer.elsewhere_in_wales_by_force)
        and answer.from_other_forces == sum(p.count or 0 for p in answer.from_other_forces_by_force)
        and answer.located == (answer.recorded_and_located or 0) + (answer.from_other_forces or 0)
    )


@pytest.mark.parametrize("category", [None, "violence"])
def test_every_part_equals_pandas_on_the_raw_files(
    geo: Geography, gwent_warehouse: Warehouse, raw: pd.DataFrame, category: str | None
) -> None:
    rows = raw[raw["Crime type"] == VIOLENCE] if category else raw
    answer = force_reconciliation(
        geo, gwent_warehouse, geo.hierarchy.area(GWENT_AREA), "2020-01", "2021-12", category
    )
    lsoa = rows["LSOA code"]
    assert set(rows["Reported by"]) == {"Gwent Police"}
    assert answer.state == "value"
    assert answer.months_without_data == []
    assert answer.suppressed is False
    assert answer.recorded == len(rows)
    assert answer.no_location == (lsoa == "").sum()
    assert answer.located_in_england == lsoa.str.startswith("E01").sum()
    assert answer.recorded_and_located == (rows["force_area"] == GWENT_AREA).sum()
    elsewhere = rows[lsoa.str.startswith("W01") & (rows["force_area"] != GWENT_AREA)]
    assert elsewhere["force_area"].notna().all()
    assert {p.code: p.count for p in answer.elsewhere_in_wales_by_force} == (
        elsewhere.groupby("force_area").size().to_dict()
    )
    assert answer.elsewhere_in_wales == len(elsewhere)
    # Only Gwent's files are imported: nothing comes from other forces.
    assert answer.from_other_forces == 0
    assert answer.from_other_forces_by_force == []
    assert answer.located == (rows["force_area"] == GWENT_AREA).sum()
    assert identity_holds(answer)
    assert len(answer.imports) == 24


def test_the_whole_period_has_the_readmes_numbers(
    geo: Geography, gwent_warehouse: Warehouse
) -> None:
    answer = force_reconciliation(
        geo, gwent_warehouse, geo.hierarchy.area(GWENT_AREA), "2020-01", "2021-12"
    )
    assert (answer.recorded, answer.no_location, answer.located_in_england) == (128382, 446, 339)
    names = {p.name_en for p in answer.elsewhere_in_wales_by_force}
    assert names == {"Dyfed-Powys", "North Wales", "South Wales"}


def test_a_month_without_a_file_is_no_data_not_a_smaller_total(
    geo: Geography, gwent_warehouse: Warehouse
) -> None:
    answer = force_reconciliation(
        geo, gwent_warehouse, geo.hierarchy.area(GWENT_AREA), "2021-12", "2022-01"
    )
    assert answer.state == "no_data"
    assert answer.months_without_data == ["2022-01"]
    assert answer.recorded is None
    assert answer.located is None
    assert answer.no_location is None
    assert all(p.count is None for p in answer.elsewhere_in_wales_by_force)


def test_refusals(geo: Geography, gwent_warehouse: Warehouse) -> None:
    gwent = geo.hierarchy.area(GWENT_AREA)
    with pytest.raises(FigureError, match="not a police force area"):
        force_reconciliation(
            geo, gwent_warehouse, geo.hierarchy.resolve("Newport"), "2020-01", "2020-12"
        )
    with pytest.raises(FigureError, match="after"):
        force_reconciliation(geo, gwent_warehouse, gwent, "2021-01", "2020-01")
    with pytest.raises(FigureError, match="unknown category"):
        force_reconciliation(geo, gwent_warehouse, gwent, "2020-01", "2020-12", "burglaryx")


# Synthetic files from three forces, so that records come into Gwent's area from others.

HEADER = [
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
]
FORCES = {
    "gwent": ("Gwent Police", "Gwent Police", GWENT_AREA),
    "south-wales": ("South Wales Police", "South Wales Police", "W15000004"),
    "btp": ("British Transport Police", "Gwent Police", None),
}
# Where a record is: (LSOA code, police force area or None); "" is no location.
PLACES = {
    "gwent": ("W01001467", GWENT_AREA),  # Blaenau Gwent 005D
    "cardiff": ("W01001708", "W15000004"),
    "powys": ("W01001902", "W15000002"),
    "england": ("E01014021", None),
    "none": ("", None),
}


def write_file(folder: Path, force: str, places: list[str]) -> Path:
    reported, within, _ = FORCES[force]
    path = folder / f"2021-03-{force}-street.csv"
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for place in places:
            code, _ = PLACES[place]
            point = ["-3.0", "51.6"] if code else ["", ""]
            out.writerow(
                [
                    "",
                    "2021-03",
                    reported,
                    within,
                    *point,
                    "On or near",
                    code,
                    "",
                    "Anti-social behaviour",
                    "",
                    "",
                ]
            )
    return path


@pytest.fixture(scope="module")
def lsoa_force(geo: Geography) -> dict[str, str]:
    """Each synthetic Welsh LSOA's police force area, by Diogel's geography."""
    codes = {code for code, _ in PLACES.values() if code.startswith("W01")}
    return {c: str(geo.hierarchy.area(c).parents.get(Level.POLICE_FORCE_AREA)) for c in codes}


def expected(files: dict[str, list[str]]) -> dict[str, object]:
    own = files.get("gwent", [])
    return {
        "recorded": len(own),
        "no_location": own.count("none"),
        "located_in_england": own.count("england"),
        "elsewhere": {
            area: n
            for area in ("W15000002", "W15000004")
            if (n := sum(1 for p in own if PLACES[p][1] == area))
        },
        "incoming": {
            FORCES[f][2]: n
            for f in ("south-wales", "btp")
            if (n := files.get(f, []).count("gwent"))
        },
        "located": sum(places.count("gwent") for places in files.values()),
    }


files_strategy = st.fixed_dictionaries(
    {},
    optional={
        f: st.lists(st.sampled_from(sorted(PLACES)), min_size=1, max_size=12) for f in FORCES
    },
)

_counter = itertools.count()


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=files_strategy)
@example(files={"gwent": ["gwent", "cardiff", "gwent", "cardiff"], "btp": ["none", "gwent"]})
def test_the_parts_add_up_for_any_mix_of_forces(
    geo: Geography, tmp_path: Path, lsoa_force: dict[str, str], files: dict[str, list[str]]
) -> None:
    for code, area in PLACES.values():
        if code.startswith("W01"):
            assert lsoa_force[code] == area  # the synthetic places are where they are said to be
    folder = tmp_path / f"case-{next(_counter)}"
    folder.mkdir()
    warehouse = Warehouse(folder / "warehouse")
    # A file of one place repeated is one block repeated: confirmed, as a force that
    # really recorded those crimes would (the repetition check is tested elsewhere).
    confirmed = IngestOptions(confirm_repeated=True)
    for force, places in files.items():
        ingest(warehouse, geo, write_file(folder, force, places), options=confirmed)
    answer = force_reconciliation(
        geo, warehouse, geo.hierarchy.area(GWENT_AREA), "2021-03", "2021-03"
    )
    want = expected(files)
    if "gwent" not in files:
        assert answer.state == "no_data"
        assert answer.months_without_data == ["2021-03"]
        return
    assert answer.recorded == want["recorded"]
    assert answer.no_location == want["no_location"]
    assert answer.located_in_england == want["located_in_england"]
    assert {p.code: p.count for p in answer.elsewhere_in_wales_by_force} == want["elsewhere"]
    assert {p.code: p.count for p in answer.from_other_forces_by_force} == want["incoming"]
    assert answer.located == want["located"]
    assert identity_holds(answer)
    btp = [p for p in answer.from_other_forces_by_force if p.code is None]
    assert [p.name_en for p in btp] == (
        ["British Transport Police"] if want["incoming"].get(None) else []
    )
