"""The supersession rules against independent implementations (days as sets, blocks
by brute force), with hypothesis."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import assume, given
from hypothesis import strategies as st

from diogel.ingest.supersession import plan_supersession, repeated_block, repeated_rows, shrinks
from diogel.warehouse.imports import CurrentImport

DAY0 = dt.date(2021, 1, 1)


def days(start: dt.date, end: dt.date) -> set[int]:
    """A period as the set of its days: overlap is intersection, containment subset."""
    return set(range(start.toordinal(), end.toordinal() + 1))


periods = st.tuples(st.integers(0, 120), st.integers(0, 100)).map(
    lambda p: (DAY0 + dt.timedelta(days=p[0]), DAY0 + dt.timedelta(days=p[0] + p[1]))
)


@given(new=periods, current=st.lists(periods, max_size=6))
def test_plan_matches_days_as_sets(
    new: tuple[dt.date, dt.date], current: list[tuple[dt.date, dt.date]]
) -> None:
    imports = [
        CurrentImport(i + 1, f"f{i}", s, e, 10 * (i + 1)) for i, (s, e) in enumerate(current)
    ]
    plan = plan_supersession(*new, imports)
    mine = days(*new)
    touching = [c for c in imports if mine & days(c.period_start, c.period_end)]
    partial = [c for c in touching if not days(c.period_start, c.period_end) <= mine]
    if partial:
        assert plan.refused
        assert list(plan.conflicts) == partial
        assert plan.replaces == ()
    else:
        assert not plan.refused
        assert list(plan.replaces) == touching
        assert plan.replaced_rows == sum(c.rows_accepted for c in touching)


def test_a_quarter_replaces_its_months_and_a_month_inside_a_quarter_is_refused() -> None:
    months = [
        CurrentImport(
            m, f"2021-{m:02d}", dt.date(2021, m, 1), dt.date(2021, m + 1, 1) - dt.timedelta(1), 5
        )
        for m in (1, 2, 3, 4)
    ]
    quarter = plan_supersession(dt.date(2021, 1, 1), dt.date(2021, 3, 31), months)
    assert [c.import_id for c in quarter.replaces] == [1, 2, 3]
    q1 = CurrentImport(9, "q1", dt.date(2021, 1, 1), dt.date(2021, 3, 31), 15)
    inside = plan_supersession(dt.date(2021, 2, 1), dt.date(2021, 2, 28), [q1])
    assert inside.conflicts == (q1,)
    straddling = plan_supersession(dt.date(2021, 3, 1), dt.date(2021, 5, 31), [q1])
    assert straddling.conflicts == (q1,)


def naive_repeats(items: list[str]) -> int:
    """The largest k >= 2 with items == block * k (block of two or more distinct items)."""
    if len(set(items)) < 2:
        return 1
    for k in range(len(items), 1, -1):
        if len(items) % k == 0 and items == items[: len(items) // k] * k:
            return k
    return 1


@given(st.lists(st.sampled_from("abc"), max_size=12), st.integers(1, 6))
def test_repeated_block_matches_brute_force(block: list[str], times: int) -> None:
    items = block * times
    assert repeated_block(items) == naive_repeats(items)


@given(st.lists(st.sampled_from("ab"), max_size=30))
def test_repeated_block_on_any_sequence(items: list[str]) -> None:
    assert repeated_block(items) == naive_repeats(items)


@given(
    st.lists(st.tuples(st.sampled_from("ab"), st.sampled_from([1.5, None])), max_size=8),
    st.integers(1, 5),
    st.integers(0, 2),
)
def test_repeated_rows_compare_whole_records(
    block: list[tuple[str, float | None]], times: int, extra: int
) -> None:
    records = block * times + block[:extra]
    frame = pd.DataFrame(records, columns=["category", "longitude"])
    frame.insert(0, "line", range(2, len(frame) + 2))  # lines always differ: ignored
    assert repeated_rows(frame) == naive_repeats([repr(r) for r in records])


def test_identical_rows_alone_are_not_repetition() -> None:
    # Anti-social behaviour reports can be identical in every column: never flagged.
    assert repeated_block(["asb"] * 40) == 1
    assert repeated_block(["a", "b"] * 60) == 60


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 100))
def test_shrinks_is_below_the_threshold_of_what_is_replaced(
    new: int, old: int, percent: int
) -> None:
    # Exactly at the threshold is not decided by float rounding either way: skip it.
    assume(100 * new != percent * old)
    assert shrinks(new, old, percent / 100) == (old > 0 and 100 * new < percent * old)
