"""Footprint files: the Welsh defaults, user edits, validation and the overlap report."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diogel.geography import Geography, Level
from diogel.geography.footprints import (
    FootprintError,
    default_footprints_path,
    load_footprints,
)
from diogel.geography.names import LOCAL_AUTHORITIES
from diogel.geography.overlaps import CROSSES, SPANS, overlap_report

LAS = sorted(LOCAL_AUTHORITIES)


def toml_for(groups: list[tuple[str, str, list[str]]]) -> str:
    parts = []
    for code, level, members in groups:
        listed = ", ".join(f'"{m}"' for m in members)
        parts.append(
            f'[[footprint]]\ncode = "{code}"\nlevel = "{level}"\nname_en = "{code} en"\n'
            f'name_cy = "{code} cy"\nlocal_authorities = [{listed}]\n'
        )
    return "\n".join(parts)


def whole_wales(level: str, prefix: str) -> list[tuple[str, str, list[str]]]:
    return [(f"{prefix}-{i}", level, [la]) for i, la in enumerate(LAS)]


def write(tmp_path: Path, groups: list[tuple[str, str, list[str]]]) -> Path:
    path = tmp_path / "footprints.toml"
    path.write_text(toml_for(groups), encoding="utf-8")
    return path


def test_shipped_defaults_load() -> None:
    footprints = load_footprints(default_footprints_path(), LAS)
    by_level = {
        lv: [f for f in footprints if f.level is lv] for lv in (Level.PSB, Level.CSP, Level.REGION)
    }
    assert [len(by_level[lv]) for lv in by_level] == [19, 19, 4]
    joint = {f.code for f in by_level[Level.CSP] if len(f.local_authorities) > 1}
    assert joint == {"csp-gwynedd-ynys-mon", "csp-conwy-denbighshire", "csp-cwm-taf"}


def base_groups() -> list[tuple[str, str, list[str]]]:
    return whole_wales("psb", "p") + whole_wales("csp", "c") + whole_wales("region", "r")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: [*g, ("x", "csp", ["W06000099"])], "unknown local authority code"),
        (lambda g: [*g, ("x", "csp", ["W06000001"])], "W06000001 is in both"),
        (lambda g: [e for e in g if e[0] != "c-0"], "no footprint covers W06000001"),
        (lambda g: [*g, ("x", "board", ["W06000001"])], "level 'board' is not one of"),
        (lambda g: [*g, ("Bad Code", "csp", ["W06000001"])], "lower-case letters"),
        (lambda g: [*g, ("p-0", "region", [])], "non-empty list"),
    ],
)
def test_bad_footprint_files_name_the_problem(tmp_path: Path, change, message: str) -> None:
    path = write(tmp_path, change(base_groups()))
    with pytest.raises(FootprintError, match=message) as info:
        load_footprints(path, LAS)
    assert str(path) in str(info.value)


def test_a_file_that_is_not_toml(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text("[[footprint]\ncode =", encoding="utf-8")
    with pytest.raises(FootprintError, match="not valid TOML"):
        load_footprints(path, LAS)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5), min_size=22, max_size=22))
def test_any_partition_of_local_authorities_is_accepted(groups: list[int]) -> None:
    import tempfile

    csp: dict[int, list[str]] = {}
    for la, group in zip(LAS, groups, strict=True):
        csp.setdefault(group, []).append(la)
    entries = whole_wales("psb", "p") + whole_wales("region", "r")
    entries += [(f"c-{g}", "csp", members) for g, members in csp.items()]
    with tempfile.TemporaryDirectory() as tmp:
        footprints = load_footprints(write(Path(tmp), entries), LAS)
    assert sum(len(f.local_authorities) for f in footprints if f.level is Level.CSP) == 22


def test_user_footprints_change_the_hierarchy_and_show_crossings(
    shared_data: Path, tmp_path: Path
) -> None:
    # A CSP for Bridgend with Neath Port Talbot straddles two health boards.
    bridgend, npt = "W06000013", "W06000012"
    groups = [g for g in base_groups() if not (g[1] == "csp" and g[2][0] in (bridgend, npt))]
    groups.append(("csp-western", "csp", [bridgend, npt]))
    path = write(tmp_path, groups)
    geography = Geography.load(shared_data, path, cache_dir=tmp_path / "cache")
    assert geography.hierarchy.area(bridgend).parents[Level.CSP] == "csp-western"
    report = overlap_report(geography.hierarchy)
    crossing = [
        c for c in report.crossings if c.code == "csp-western" and c.across is Level.HEALTH_BOARD
    ]
    assert len(crossing) == 1
    assert crossing[0].relation == CROSSES
    assert {p.code for p in crossing[0].parts} == {"W11000030", "W11000031"}
    summary = {(s.level, s.across): s for s in report.summary}
    assert summary[(Level.CSP, Level.HEALTH_BOARD)].crosses == 1


def test_default_overlaps(geography: Geography) -> None:
    report = geography.overlap_report()
    spans = {(c.code, c.across) for c in report.crossings if c.relation == SPANS}
    # South Wales police work with three health boards, Dyfed-Powys with two.
    assert ("W15000004", Level.HEALTH_BOARD) in spans
    assert ("W15000002", Level.HEALTH_BOARD) in spans
    assert ("W15000001", Level.HEALTH_BOARD) not in spans  # North Wales = Betsi Cadwaladr
    assert not [c for c in report.crossings if c.relation == CROSSES]
    summary = {(s.level, s.across): s for s in report.summary}
    pfa_hb = summary[(Level.POLICE_FORCE_AREA, Level.HEALTH_BOARD)]
    assert (pfa_hb.nested, pfa_hb.spans, pfa_hb.crosses) == (2, 2, 0)
