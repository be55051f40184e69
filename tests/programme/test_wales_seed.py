"""The shipped Safer Communities Programme: counts, citations word for word, hand-over."""

from __future__ import annotations

import pytest

from diogel.landscape import load_landscape
from diogel.programme import Programme, Progress, Source, load_programme
from tests.conftest import REPO_ROOT

SEEDS = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def programme() -> Programme:
    return load_programme(landscape=load_landscape())


def _entries(p: Programme) -> list[tuple[str, tuple[Source, ...]]]:
    out: list[tuple[str, tuple[Source, ...]]] = [("programme", p.sources)]
    out += [(f"vision {v.number}", v.sources) for v in p.vision]
    out += [(f"principle {x.code}", x.sources) for x in p.principles]
    out += [(f"recommendation set {x.code}", x.sources) for x in p.recommendation_sets]
    out += [(f"recommendation {x.code}", x.sources) for x in p.recommendations]
    out += [(f"work-stream {x.code}", x.sources) for x in p.workstreams]
    for o in p.objectives:
        out.append((f"objective {o.code}", o.sources))
        out += [(f"objective {o.code} action {a.code}", a.sources) for a in o.actions]
        out += [(f"objective {o.code} update {u.date}", u.sources) for u in o.updates]
    out += [(f"handover {h.code}", h.sources) for h in p.handovers]
    return out


def test_the_acceptance_counts(programme: Programme) -> None:
    assert len(programme.recommendations_in("wao-2016")) == 7
    assert len(programme.recommendations_in("wtfsc-2017")) == 11
    assert len(programme.workstreams) == 6
    assert len(programme.principles) == 6
    assert len(programme.vision) == 3
    (handover,) = programme.handovers
    # Appendix A of the SRO's letter: 5 + 6 + 2 + 4 objectives under four work-streams.
    assert len(handover.objectives) == 17
    per_stream = [programme.objective(c).workstream for c in handover.objectives]
    assert {w: per_stream.count(w) for w in set(per_stream)} == {
        "evidence": 5,
        "skills": 6,
        "resourced": 2,
        "citizens": 4,
    }


def test_labels_run_r1_to_r7_and_1_to_11(programme: Programme) -> None:
    assert [r.label for r in programme.recommendations_in("wao-2016")] == [
        f"R{i}" for i in range(1, 8)
    ]
    assert [r.number for r in programme.recommendations_in("wtfsc-2017")] == list(range(1, 12))


def test_wao_owners_as_annex_b_gives_them(programme: Programme) -> None:
    assert programme.recommendation("wao-r7").owners == ("Public Service Boards",)
    assert programme.recommendation("wao-r6").owners == (
        "Police and Crime Commissioners",
        "local authorities",
    )
    assert "Home Office Wales Team" in programme.recommendation("wao-r1").owners
    assert all(
        r.sources[0].document.startswith("003") for r in programme.recommendations_in("wao-2016")
    )
    assert all(
        r.sources[0].document.startswith("002") for r in programme.recommendations_in("wtfsc-2017")
    )


def test_every_entry_cites_a_seed_document(programme: Programme) -> None:
    files = {d.file for d in programme.documents}
    entries = _entries(programme)
    assert len(entries) > 80
    for name, sources in entries:
        assert sources, f"{name} cites nothing"
        assert all(s.document in files and (s.quote or s.section) for s in sources), name


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not beside the repository")
def test_every_quotation_is_in_its_document_word_for_word(programme: Programme) -> None:
    texts = {
        d.file: " ".join((SEEDS / d.file).read_text(encoding="utf-8").split())
        for d in programme.documents
    }
    missing = [
        (name, s.quote)
        for name, sources in _entries(programme)
        for s in sources
        if s.quote and s.quote not in texts[s.document]
    ]
    assert not missing


def test_sros_are_named_with_their_office_and_dated(programme: Programme) -> None:
    sros = {w.code: w.sro for w in programme.workstreams}
    assert sros["evidence"].name == "Dafydd Llywelyn"
    assert sros["skills"].organisation == "mid-west-wales-fire"
    assert all(s.role and s.as_of for s in sros.values())
    assert programme.sro.role == "Director of Local Government, Welsh Government"


def test_handover_dates_and_governance(programme: Programme) -> None:
    (h,) = programme.handovers
    assert (h.from_board, h.to_board) == (
        "safer-communities-programme-board",
        "safer-communities-board",
    )
    assert (h.requested, h.agreed) == ("2020-09-15", "2020-09-24")
    assert h.letter_reference.startswith("Document 3")
    assert programme.governor("evidence-data-hub") == "safer-communities-board"
    assert programme.governor("evidence-data-hub", on="2020-09-23") == h.from_board
    assert programme.governor("long-term-blueprints-delivery") == "blueprints-programme-board"


def test_outstanding_and_achieved(programme: Programme) -> None:
    progress = [o.current_progress for o in programme.objectives]
    assert progress.count(Progress.ACHIEVED) == 19
    assert sum(not p.finished for p in progress) == 26
    network = programme.objective("skills-safer-communities-network")
    assert network.recommendations == ("wtfsc-6",)
    assert network.updates[0].date == "2020-11-04"
    assert (
        "skills-safer-communities-network"
        in programme.objective("evidence-analysis-network").depends_on
    )
    hub = programme.objective("evidence-data-hub")
    assert [a.code for a in hub.actions] == ["county-lines-sna", "analytical-capacity-assessment"]


def test_shipped_file_is_the_default() -> None:
    assert load_programme().objectives == load_programme(None).objectives
