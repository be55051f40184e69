"""Disclosure control: nothing suppressed can be worked out from what is published."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from diogel.disclosure import protect_table, rule_for_source
from diogel.disclosure.rules import DisclosureRule, rule_for_sources
from diogel.disclosure.suppression import relation_matrix

RULE = DisclosureRule()


def recoverable(table) -> list[tuple[int, int]]:
    """Suppressed cells an attacker can compute exactly from the published table.

    Independent of the implementation's null-space test: a suppressed cell x_i is a
    linear combination of published values exactly when adding the row e_i to the
    relations restricted to suppressed cells does not raise their rank.
    """
    relations = relation_matrix(table.full.shape, table.lines)
    hidden = table.suppressed.ravel()
    restricted = relations[:, hidden]
    base_rank = np.linalg.matrix_rank(restricted) if restricted.size else 0
    exposed = []
    for k, flat in enumerate(np.flatnonzero(hidden)):
        unit = np.zeros((1, int(hidden.sum())))
        unit[0, k] = 1
        if np.linalg.matrix_rank(np.vstack([restricted, unit])) == base_rank:
            exposed.append(divmod(int(flat), table.full.shape[1]))
    return exposed


counts = st.integers(min_value=0, max_value=30)
tables_1d = st.lists(counts, min_size=1, max_size=12)
tables_2d = st.integers(1, 6).flatmap(
    lambda r: st.integers(1, 6).flatmap(
        lambda c: arrays(np.int64, (r + 1, c), elements=st.integers(0, 30))
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_1d)
def test_one_dimensional_tables_leak_nothing(values: list[int]) -> None:
    table = protect_table(values, RULE)
    assert recoverable(table) == []
    check_common(table)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables_2d)
def test_two_dimensional_tables_with_margins_leak_nothing(values: np.ndarray) -> None:
    table = protect_table(values, RULE)
    assert recoverable(table) == []
    check_common(table)


def check_common(table) -> None:
    small = (table.full >= 1) & (table.full <= 4)
    assert (table.primary == small).all(), "every count from 1 to 4 is suppressed"
    shown = ~np.isnan(table.published)
    assert np.array_equal(table.published[shown], table.full[shown]), "published values are true"
    assert (shown == ~table.suppressed).all()
    # No line of suppressed small counts whose published total pins them down.
    for members, total in table.lines:
        hidden = [c for c in members if table.suppressed[c]]
        if (
            len(hidden) >= 2
            and not table.suppressed[total]
            and all(table.primary[c] for c in hidden)
        ):
            known = sum(table.full[c] for c in hidden)
            assert known not in (len(hidden) * 1, len(hidden) * 4)


def test_a_single_small_cell_gets_a_partner() -> None:
    table = protect_table([12, 3, 40, 7], RULE)
    assert table.display() == [["12", "*", "40", "*", "62"]]


def test_two_dimensional_partners_form_a_closed_pattern() -> None:
    table = protect_table([[12, 3, 40], [7, 25, 2], [30, 30, 30]], RULE)
    assert table.display()[:3] == [
        ["12", "*", "*", "55"],
        ["7", "*", "*", "34"],
        ["30", "30", "30", "90"],
    ]


def test_two_ones_that_would_add_up_to_their_total_are_protected() -> None:
    table = protect_table([1, 1, 50], RULE)
    assert table.suppressed[0, 2], "50 is suppressed too, or 52 - 50 = 2 reveals both ones"


def test_open_police_data_is_not_suppressed() -> None:
    assert rule_for_source("police_uk_street").suppress is False
    assert rule_for_source("istv").suppress is True
    assert rule_for_source("ambulance").suppress is True
    assert rule_for_sources({"police_uk_street", "istv"}).suppress is True
    table = protect_table([1, 2, 3], rule_for_source("police_uk_street"))
    assert table.display() == [["1", "2", "3", "6"]]


def test_rounding_after_suppression() -> None:
    table = protect_table([12, 3, 41, 7], DisclosureRule(rounding=5))
    assert table.display() == [["10", "*", "40", "*", "65"]]


@pytest.mark.parametrize("bad", [[-1, 2], [1.5, 2], [], [np.nan]])
def test_bad_tables_are_refused(bad: list[float]) -> None:
    with pytest.raises(ValueError, match="counts"):
        protect_table(bad, RULE)


def test_custom_threshold() -> None:
    table = protect_table([6, 9, 100, 200], DisclosureRule(low=1, high=9))
    assert table.primary[0, :2].all()
