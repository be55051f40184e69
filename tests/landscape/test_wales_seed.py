"""The shipped Welsh landscape: loads, cites the seeds word for word, meets the acceptance."""

from __future__ import annotations

from pathlib import Path

import pytest

from diogel.landscape import AreaIndex, Landscape, load_landscape
from diogel.landscape.analysis import analyse
from diogel.landscape.meetings import agenda_for, representation
from tests.conftest import REPO_ROOT

SEEDS = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def landscape() -> Landscape:
    return load_landscape()


def _entries(landscape: Landscape) -> list[tuple[str, tuple]]:
    out: list[tuple[str, tuple]] = []
    for o in landscape.organisations:
        out.append((f"organisation {o.code}", o.sources))
    for b in landscape.boards:
        out.append((f"board {b.code}", b.sources))
        out += [(f"board {b.code} seat {s.code}", s.sources) for s in b.seats]
        out += [(f"board {b.code} agenda {a.code}", a.sources) for a in b.mandatory_agenda]
        out += [(f"board {b.code} status {s.status}", s.sources) for s in b.status_history]
    out += [(f"person {p.code}", p.sources) for p in landscape.people]
    out += [(f"membership {m.person}/{m.board}", m.sources) for m in landscape.memberships]
    out += [(f"tracker {t.region} {t.quarter}", t.sources) for t in landscape.tracker]
    return out


def test_every_entry_cites_a_seed_document(landscape: Landscape) -> None:
    files = {d.file for d in landscape.documents}
    entries = _entries(landscape)
    assert len(entries) > 150
    for name, sources in entries:
        assert sources, f"{name} cites nothing"
        assert all(s.document in files and (s.quote or s.section) for s in sources), name


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not beside the repository")
def test_every_quotation_is_in_its_document_word_for_word(landscape: Landscape) -> None:
    texts = {
        d.file: " ".join((SEEDS / d.file).read_text(encoding="utf-8").split())
        for d in landscape.documents
    }
    missing = [
        (name, s.quote)
        for name, sources in _entries(landscape)
        for s in sources
        if s.quote and s.quote not in texts[s.document]
    ]
    assert not missing


def test_named_people_are_dated_to_their_document(landscape: Landscape) -> None:
    assert all(p.as_of for p in landscape.people)
    assert landscape.person("alun-michael").as_of == "2020-11-04"


def test_gwent_oversight_group_has_ten_items_and_nine_mandatory_seats(
    landscape: Landscape,
) -> None:
    group = landscape.board("gwent-csp-oversight-group")
    titles = [a.title_en for a in group.mandatory_agenda]
    assert len(titles) == 10
    assert titles[0] == "PSB update"
    assert titles[-1] == "AOB"
    mandatory = [s for s in group.seats if s.mandatory]
    assert len(mandatory) == 9
    assert "Police – Assistant Chief Constable" in {s.role for s in mandatory}
    assert group.replaced_by is None
    assert landscape.board("safer-gwent").replaced_by == group.code
    assert group.parent == "gwent-psb"


def test_a_meeting_of_the_oversight_group_gets_every_item_and_a_representation_report(
    landscape: Landscape,
) -> None:
    group = landscape.board("gwent-csp-oversight-group")
    agenda = agenda_for(group, ["County lines", "psb update"])
    assert [line.mandatory for line in agenda].count(True) == 10
    assert [line.title for line in agenda if not line.mandatory] == ["County lines"]
    everyone = {s.code for s in group.seats if s.mandatory}
    report = representation(
        group,
        {
            "m1": everyone - {"youth-justice", "opcc"},
            "m2": everyone - {"youth-justice"},
            "m3": everyone,
        },
    )
    assert report.meetings == {"m1": ("youth-justice", "opcc"), "m2": ("youth-justice",), "m3": ()}
    assert report.missed["youth-justice"] == 2
    assert report.missed["opcc"] == 1
    assert report.missed["police-acc"] == 0
    with pytest.raises(KeyError, match="no seat"):
        representation(group, {"m4": {"typo"}})


def test_analysis_flags_the_dyfed_powys_pair_and_county_duplicates(landscape: Landscape) -> None:
    result = analyse(landscape, AreaIndex.default())
    found = {c.boards: c for c in result.candidates}
    pair = found[("dyfed-powys-contest-board", "dyfed-powys-svoc-board")]
    assert pair.kind == "merge"
    assert "back-to-back" in pair.reasons[0].text
    assert pair.reasons[0].code == "back-to-back-same-footprint"
    for pair_codes in (
        ("dyfed-powys-county-svoc", "dyfed-powys-svoc-board"),
        ("dyfed-powys-contest-board", "dyfed-powys-county-contest"),
    ):
        assert "duplicated structure" in found[pair_codes].reasons[0].text
        assert found[pair_codes].reasons[0].code == "duplicated-structure"
    no_route = {x.board for x in result.no_escalation}
    assert "dyfed-powys-svoc-board" in no_route
    assert "gwent-vawdasv-board" in no_route  # seed 004: "nowhere to escalate"
    assert "csp-newport" not in no_route


def test_north_wales_nine_boards_replaced_by_four(landscape: Landscape) -> None:
    old = landscape.board("north-wales-existing-strategic-boards")
    new = landscape.board(old.replaced_by or "")
    assert (old.count, new.count) == (9, 4)


def test_cwm_taf_joint_board_covers_rct_and_merthyr(landscape: Landscape) -> None:
    board = landscape.board("cwm-taf-community-safety-board")
    assert AreaIndex.default().cover(board.footprint) == {"W06000016", "W06000024"}
    assert board.parent == "cwm-taf-psb"


def test_tracker_has_four_regions_by_four_quarters_with_tbc_owners(landscape: Landscape) -> None:
    rows = {(t.region, t.quarter): t for t in landscape.tracker}
    assert len(rows) == 16
    assert [a.owner for a in rows[("W15000002", "2020-01")].actions] == ["TBC"]
    assert [a.owner for a in rows[("W15000004", "2020-01")].actions] == ["TBC"]
    assert rows[("W15000003", "2020-04")].current_position is None


def test_theme_gaps_and_load(landscape: Landscape) -> None:
    result = analyse(landscape, AreaIndex.default())
    assert len(result.theme_gaps) == 22
    wg = next(x for x in result.organisation_load if x.code == "welsh-government")
    assert wg.meetings_known == 4  # only the Policing Partnership Board's frequency is known
    assert wg.boards_frequency_unknown == len(wg.boards) - 1


def test_shipped_file_is_the_default(tmp_path: Path) -> None:
    assert load_landscape().boards == load_landscape(None).boards
