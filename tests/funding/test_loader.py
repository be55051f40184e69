"""Loader messages name entry and field; sums never exceed what they come from;
views partition the allocations exactly (hypothesis)."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diogel.funding import (
    FundingError,
    by_area,
    by_objective,
    by_source,
    by_theme,
    by_year,
    default_funding_path,
    funding_lines,
    load_funding,
    parse_funding,
    pool_shares,
    totals,
)
from diogel.landscape import load_landscape
from diogel.landscape.vocab import Theme
from diogel.programme import load_programme

HEAD = """
[[document]]
file = "003_gwent.txt"
title = "Gwent paper"

[[funder]]
code = "pcc"
name_en = "PCC"
source = { document = "003", quote = "the Commissioner" }

[[fund]]
code = "core"
name_en = "Core"
funder = "pcc"
kind = "core-funding"
source = { document = "003", quote = "OPCC funding" }
"""
CITE = 'source = { document = "003", quote = "q" }'


def problems(text: str, **kwargs: Any) -> list[str]:
    with pytest.raises(FundingError) as caught:
        parse_funding(tomllib.loads(HEAD + text, parse_float=Decimal), "t.toml", **kwargs)
    return caught.value.problems


def test_each_problem_names_entry_and_field() -> None:
    found = problems(f"""
[[grant]]
code = "g"
fund = "nowhere"
amount = 10.001
start = "2019"
end = "2018"
{CITE}
[[grant.commitment]]
year = "2018-20"
amount = 1
status = "promised"

[[allocation]]
code = "a"
funding = "g"
amount = -5
theme = "gardening"
area = "X00000000"
year = "2018"
{CITE}

[[spend]]
allocation = "ghost"
amount = "lots"
{CITE}
""")
    assert found == [
        "grant 'g', field 'end': 2018 is before start 2019",
        "grant 'g', field 'amount': 10.001 is not a whole number of pence",
        "grant 'g' commitment 1, field 'year': '2018-20' is not a financial year like 2017-18",
        "grant 'g' commitment 1, field 'status': unknown status 'promised' "
        "(known: indicative, agreed, paid, withdrawn)",
        "allocation 'a', field 'amount': cannot be negative",
        "allocation 'a', field 'theme': unknown theme 'gardening' (known: "
        + ", ".join(t.value for t in Theme)
        + ")",
        "allocation 'a', field 'year': '2018' is not a financial year like 2017-18",
        "spend 1, field 'date': missing (every spend entry is dated)",
        "spend 1, field 'amount': 'lots' is not an amount of pounds like 624545.00",
        "grant 'g', field 'fund': no fund 'nowhere'",
        "spend 1, field 'allocation': no allocation 'ghost'",
        "allocation 'a', field 'area': unknown area code 'X00000000'",
    ]


def test_codes_checked_against_programme_and_landscape() -> None:
    landscape = load_landscape()
    programme = load_programme(landscape=landscape)
    found = problems(
        f"""
[[funder]]
code = "x"
name_en = "X"
organisation = "no-such-org"
{CITE}
[[grant]]
code = "g"
fund = "core"
amount = 100
recipient = "no-such-board"
{CITE}
[[pooled_budget]]
code = "pool"
name_en = "Pool"
held_by = "safer-gwent"
{CITE}
[[pooled_budget.contribution]]
partner = "gwent-police"
amount = 50
status = "agreed"
{CITE}
[[pooled_budget.contribution]]
partner = "nobody"
amount = 50
status = "agreed"
{CITE}
[[allocation]]
code = "a"
funding = "pool"
amount = 10
objective = "no-such-objective"
{CITE}
[[allocation]]
code = "b"
funding = "g"
amount = 10
objective = "resourced-rationalisation"
{CITE}
""",
        programme=programme,
        landscape=landscape,
    )
    assert found == [
        "allocation 'a', field 'objective': no objective 'no-such-objective' in the programme",
        "funder 'x', field 'organisation': no organisation 'no-such-org'",
        "grant 'g', field 'recipient': no organisation or board 'no-such-board'",
        "pooled budget 'pool' contribution 2, field 'partner': no organisation 'nobody'",
    ]


def test_over_allocation_and_overspend_are_reported() -> None:
    found = problems(f"""
[[grant]]
code = "g"
fund = "core"
amount = 100.00
{CITE}
[[grant.commitment]]
year = "2018-19"
amount = 60
status = "agreed"
[[grant.commitment]]
year = "2019-20"
amount = 60
status = "indicative"
[[grant.commitment]]
year = "2020-21"
amount = 500
status = "withdrawn"

[[pooled_budget]]
code = "pool"
name_en = "Pool"
{CITE}
[[pooled_budget.contribution]]
partner = "a"
amount = 30
status = "paid"
{CITE}
[[pooled_budget.contribution]]
partner = "b"
amount = 70
status = "withdrawn"
{CITE}

[[allocation]]
code = "one"
funding = "g"
amount = 60
{CITE}
[[allocation]]
code = "two"
funding = "g"
amount = 40.01
{CITE}
[[allocation]]
code = "three"
funding = "pool"
amount = 31
{CITE}

[[spend]]
allocation = "three"
date = "2019-01-15"
amount = 32
{CITE}
""")
    assert found == [
        "grant 'g', field 'commitment': yearly commitments come to £120.00, "
        "more than the grant's £100.00",
        "grant 'g', field 'amount': allocations come to £100.01 (one, two), more than its £100.00",
        "pooled budget 'pool', field 'amount': allocations come to £31.00 (three), "
        "more than the contributions' £30.00",
        "allocation 'three', field 'amount': spend comes to £32.00, more than its £31.00",
    ]


def test_grants_never_exceed_their_fund() -> None:
    text = HEAD.replace('kind = "core-funding"', 'kind = "grant"\namount = 1000')
    document = tomllib.loads(
        text + f'[[grant]]\ncode = "g"\nfund = "core"\namount = 1000.01\n{CITE}\n',
        parse_float=Decimal,
    )
    with pytest.raises(FundingError, match=r"fund 'core', field 'amount': grants come to £1000.01"):
        parse_funding(document, "t.toml")


def test_load_reports_missing_file_and_bad_toml(tmp_path: Path) -> None:
    with pytest.raises(FundingError, match="file not found"):
        load_funding(tmp_path / "none.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[[grant]\n", encoding="utf-8")
    with pytest.raises(FundingError, match="not valid TOML"):
        load_funding(bad)


def test_floats_from_a_plain_parse_are_read_exactly() -> None:
    text = default_funding_path().read_text(encoding="utf-8")
    funding = parse_funding(tomllib.loads(text), "plain")  # 624545.00 arrives as a float
    assert funding.grant("pcc-safer-gwent-2017").amount == 62454500


# -- views: random allocations ------------------------------------------------------------

THEMES = [None, *list(Theme)[:4]]
AREAS = [None, "W15000003", "W06000022", "W06000021"]
OBJECTIVES = [None, "resourced-rationalisation", "resourced-common-csp-issues"]
YEARS = [None, "2018-19", "2019-20"]

allocation_st = st.fixed_dictionaries(
    {
        "pence": st.integers(min_value=0, max_value=10**11),
        "pool": st.booleans(),
        "theme": st.sampled_from(THEMES),
        "area": st.sampled_from(AREAS),
        "objective": st.sampled_from(OBJECTIVES),
        "year": st.sampled_from(YEARS),
        "spent_share": st.integers(min_value=0, max_value=100),
        "spend_month": st.sampled_from(["2018-05-01", "2019-02-28", "2019-11"]),
    }
)


def _pounds_literal(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


def _document(allocations: list[dict[str, Any]], headroom: int) -> str:
    from_grant = sum(a["pence"] for a in allocations if not a["pool"])
    from_pool = sum(a["pence"] for a in allocations if a["pool"])
    lines = [HEAD]
    lines += ['[[grant]]', 'code = "g"', 'fund = "core"',
              f"amount = {_pounds_literal(from_grant + headroom)}", CITE]  # fmt: skip
    lines += ["[[pooled_budget]]", 'code = "pool"', 'name_en = "Pool"', CITE]
    for partner, share in (("gwent-police", from_pool // 3), ("opcc-gwent", from_pool)):
        lines += ["[[pooled_budget.contribution]]", f'partner = "{partner}"',
                  f"amount = {_pounds_literal(share)}", 'status = "agreed"', CITE]  # fmt: skip
    for i, a in enumerate(allocations):
        lines += ["[[allocation]]", f'code = "a{i}"', f'funding = "{"pool" if a["pool"] else "g"}"',
                  f"amount = {_pounds_literal(a['pence'])}", CITE]  # fmt: skip
        lines += [f'{k} = "{a[k]}"' for k in ("theme", "area", "objective", "year") if a[k]]
        spent = a["pence"] * a["spent_share"] // 100
        lines += ["[[spend]]", f'allocation = "a{i}"', f'date = "{a["spend_month"]}"',
                  f"amount = {_pounds_literal(spent)}", CITE]  # fmt: skip
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(allocation_st, max_size=12), st.integers(min_value=0, max_value=10**6))
def test_every_view_adds_up_to_the_same_totals(
    allocations: list[dict[str, Any]], headroom: int
) -> None:
    document = tomllib.loads(_document(allocations, headroom), parse_float=Decimal)
    funding = parse_funding(document, "random")
    allocated = sum(a["pence"] for a in allocations)
    spent = sum(a["pence"] * a["spent_share"] // 100 for a in allocations)
    t = totals(funding)
    assert (t.allocated, t.spent) == (allocated, spent)
    for view in (by_source, by_theme, by_area, by_objective, by_year):
        rows = view(funding)
        assert sum(r.allocated for r in rows) == allocated, view.__name__
        assert sum(r.spent for r in rows) == spent, view.__name__
        assert len({r.key for r in rows}) == len(rows)
    for view in (by_source, by_year):
        assert sum(r.committed or 0 for r in view(funding)) == t.committed
    for theme in THEMES:
        expected = sum(a["pence"] for a in allocations if a["theme"] == theme)
        row = [r for r in by_theme(funding) if r.key == (theme.value if theme else None)]
        assert (row[0].allocated if row else 0) == expected
    lines = funding_lines(funding)
    assert sum(x.committed for x in lines) == t.committed
    assert all(x.unallocated >= 0 and x.unspent >= 0 for x in lines)
    shares = pool_shares(funding)
    assert sum(s.amount for s in shares) == funding.pooled_budget("pool").total
    if funding.pooled_budget("pool").total:
        assert abs(sum((s.share for s in shares), Decimal(0)) - 1) <= Decimal("0.0001") * len(
            shares
        )


@settings(max_examples=30, deadline=None)
@given(st.lists(allocation_st, min_size=1, max_size=6), st.integers(min_value=1, max_value=10**6))
def test_any_over_allocation_of_the_grant_is_reported(
    allocations: list[dict[str, Any]], excess: int
) -> None:
    for a in allocations:
        a["pool"], a["pence"] = False, max(a["pence"], 1)
    # A grant `excess` pence short of what is allocated from it.
    document = tomllib.loads(_document(allocations, 0), parse_float=Decimal)
    grant = document["grant"][0]
    grant["amount"] = grant["amount"] - Decimal(excess) / 100
    if grant["amount"] < 0:
        grant["amount"] = Decimal(0)
    with pytest.raises(FundingError, match=r"grant 'g', field 'amount': allocations come to"):
        parse_funding(document, "random")
