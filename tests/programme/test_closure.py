"""The closure report generated from the tracker."""

from __future__ import annotations

from dataclasses import replace

from diogel.programme import (
    Progress,
    Rag,
    Update,
    closure_markdown,
    closure_report,
    load_programme,
)


def test_closure_report_of_the_wales_programme() -> None:
    programme = load_programme()
    report = closure_report(programme)
    assert (len(report.achieved), len(report.outstanding)) == (19, 26)
    assert report.governors["safer-communities-board"] == 17
    assert report.governors["blueprints-programme-board"] == 1
    # the others keep the programme board, each saying why in its note
    rest = [x for x in report.outstanding if x.governed_by == "safer-communities-programme-board"]
    assert len(rest) == 8
    assert all(x.governance_note for x in rest)
    handed = {x.objective: x.handover for x in report.outstanding}
    assert handed["skills-toolkits"] == "programme-board-to-safer-communities-board"
    body = report.as_dict()
    assert body["totals"]["outstanding"] == 26
    assert body["workstreams"][0]["sro_name"] == "Dafydd Llywelyn"


def test_before_the_handover_was_agreed_the_programme_board_governs() -> None:
    report = closure_report(load_programme(), on="2020-09-20")
    assert report.governors["safer-communities-board"] == 0
    assert all(x.handover is None for x in report.outstanding)


def test_a_later_update_moves_an_objective_to_achieved() -> None:
    programme = load_programme()
    network = programme.objective("skills-safer-communities-network")
    done = Update("2021-04", "Network launched", Progress.ACHIEVED, None, "SCB", network.sources)
    changed = replace(network, updates=(*network.updates, done))
    programme = replace(
        programme,
        objectives=tuple(changed if o.code == network.code else o for o in programme.objectives),
    )
    report = closure_report(programme)
    assert (len(report.achieved), len(report.outstanding)) == (20, 25)


def test_of_two_updates_the_same_day_the_one_recorded_later_stands() -> None:
    """The site records owners' updates in order; the core takes the later one of a day
    (as it takes the later one of two days), so the page and the closure report agree."""
    programme = load_programme()
    network = programme.objective("skills-safer-communities-network")
    first = Update("2021-04-01", "Launched", Progress.ACHIEVED, Rag.BLUE, "SCB", network.sources)
    then = Update("2021-04-01", "Not yet, after all", Progress.ON_HOLD, Rag.RED, "SCB", ())
    changed = replace(network, updates=(*network.updates, first, then))
    assert (changed.current_progress, changed.current_rag) == (Progress.ON_HOLD, Rag.RED)
    programme = replace(
        programme,
        objectives=tuple(changed if o.code == network.code else o for o in programme.objectives),
    )
    report = closure_report(programme)
    assert (len(report.achieved), len(report.outstanding)) == (19, 26)  # on hold: outstanding
    # A later day still supersedes an update recorded after it.
    earlier = Update("2021-03-01", "Back on track", Progress.IN_PROGRESS, None, "SCB", ())
    assert replace(changed, updates=(*changed.updates, earlier)).current_progress is (
        Progress.ON_HOLD
    )


def test_markdown_names_the_governing_board() -> None:
    text = closure_markdown(
        closure_report(load_programme()), {"safer-communities-board": "Safer Communities Board"}
    )
    assert text.startswith("# Safer Communities Programme: closure report")
    assert "(governed by Safer Communities Board.)" in text
    assert "SRO: Chris Davies, Chief Fire Officer" in text
