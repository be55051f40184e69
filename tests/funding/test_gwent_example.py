"""The shipped Gwent example: what seed 003 says, cited word for word, and nothing more."""

from __future__ import annotations

from decimal import Decimal

import pytest

from diogel.funding import Funding, Source, by_area, load_funding, pounds, totals
from diogel.landscape import load_landscape
from diogel.performance import load_framework
from diogel.programme import load_programme
from tests.conftest import REPO_ROOT

SEEDS = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def funding() -> Funding:
    landscape = load_landscape()
    programme = load_programme(landscape=landscape)
    return load_funding(
        programme=programme, landscape=landscape, framework=load_framework(programme=programme)
    )


def _entries(f: Funding) -> list[tuple[str, tuple[Source, ...]]]:
    out: list[tuple[str, tuple[Source, ...]]] = []
    out += [(f"funder {x.code}", x.sources) for x in f.funders]
    out += [(f"fund {x.code}", x.sources) for x in f.funds]
    out += [(f"grant {x.code}", x.sources) for x in f.grants]
    out += [(f"pooled budget {x.code}", x.sources) for x in f.pooled_budgets]
    out += [(f"allocation {x.code}", x.sources) for x in f.allocations]
    out += [(f"spend {i}", x.sources) for i, x in enumerate(f.spend, 1)]
    return out


def test_the_pcc_funding_of_safer_gwent(funding: Funding) -> None:
    grant = funding.grant("pcc-safer-gwent-2017")
    assert grant.amount == 62454500
    assert pounds(grant.amount) == Decimal("624545.00")
    assert grant.recipient == "safer-gwent"
    assert funding.fund(grant.fund).funder == "pcc-gwent"
    assert funding.funder("pcc-gwent").organisation == "opcc-gwent"
    # "currently of circa": dated to the paper, approximate, no period or years given.
    assert (grant.as_of, grant.approximate) == ("2017-12-21", True)
    assert (grant.start, grant.end, grant.commitments, grant.conditions) == (None, None, (), ())
    assert totals(funding).committed == totals(funding).allocated == 62454500
    assert [r.key for r in by_area(funding)] == ["W15000003"]


def test_only_the_total_is_given(funding: Funding) -> None:
    # The seed gives one total for the programmes it names: no split is invented.
    (allocation,) = funding.allocations
    assert allocation.amount == funding.grant(allocation.funding).amount
    assert (allocation.theme, allocation.objective, allocation.year) == (None, None, None)
    assert (funding.pooled_budgets, funding.spend) == ((), ())
    assert all(f.amount is None for f in funding.funds)


def test_every_entry_cites_seed_003(funding: Funding) -> None:
    entries = _entries(funding)
    assert len(entries) == 6
    for name, sources in entries:
        assert sources, f"{name} cites nothing"
        assert all(s.document.startswith("003_") and s.quote for s in sources), name


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not beside the repository")
def test_every_quotation_is_in_seed_003_word_for_word(funding: Funding) -> None:
    texts = {
        d.file: " ".join((SEEDS / d.file).read_text(encoding="utf-8").split())
        for d in funding.documents
    }
    missing = [
        (name, s.quote)
        for name, sources in _entries(funding)
        for s in sources
        if s.quote not in texts[s.document]
    ]
    assert not missing
    assert "£624,545.00" in texts[funding.grant("pcc-safer-gwent-2017").sources[0].document]
