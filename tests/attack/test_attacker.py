"""The attacker itself works: on a hand-made table it pins what differencing reveals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.attack.attack import FAULT_ONCE, attack, violations
from tests.attack.observe import Cell, equal, withheld

AUG, SEP, OCT = ("B", "2021-08"), ("B", "2021-09"), ("B", "2021-10")


def test_overlapping_windows_pin_a_withheld_month() -> None:
    # The leak: T(Aug-Oct) = 11 and T(Aug-Sep) = 7 published, October withheld.
    published = [
        equal([AUG, SEP, OCT], 11, "T(Aug-Oct)"),
        equal([AUG, SEP], 7, "T(Aug-Sep)"),
        withheld([OCT], "October"),
    ]
    truth: dict[Cell, int] = {AUG: 5, SEP: 2, OCT: 4}
    assert not violations(published, truth)
    result = attack(published, [(((OCT, 1.0),), 4)])
    print(result.summary("hand-made"))
    assert result.tried == 1
    assert [(b.low, b.high) for b in result.pinned] == [(4, 4)]


def test_a_mean_of_withheld_months_pins_their_sum() -> None:
    # Trends' expected: 12 x the mean of 12 withheld months is their exact sum.
    months = [("B", f"2021-{m:02d}") for m in range(1, 13)]
    mean = equal(months, 2.25 * 12, "expected", 1e-6)
    result = attack([mean], [(((months[0], 1.0),), 2), (tuple((m, 1.0) for m in months), 27)])
    whole = next(b for b in result.bounds if len(b.terms) == 12)
    assert whole.pinned
    assert not result.bounds[0].pinned  # one month of the twelve stays between 0 and 27


def test_nothing_published_pins_nothing() -> None:
    # Withheld cells and an unsuppressed total of a 2-cell line that allows several
    # splits: 1+4, 2+3, 3+2, 4+1 (the integer programme respects only x >= 0 here).
    a, b = ("B", "2021-01"), ("B", "2021-02")
    published = [equal([a, b], 5, "total"), withheld([a], "a"), withheld([b], "b")]
    result = attack(published, [(((a, 1.0),), 2), (((b, 1.0),), 3)])
    assert result.tried == 2
    assert not result.pinned
    narrowest = result.narrowest
    assert narrowest is not None
    assert narrowest.width == 5


def test_a_solver_that_dies_is_asked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # HiGHS can kill its process (scipy 17379, 22188): the attack survives it and
    # still proves the bound, in a fresh child.
    trigger = tmp_path / "fault"
    trigger.touch()
    monkeypatch.setenv(FAULT_ONCE, str(trigger))
    published = [
        equal([AUG, SEP, OCT], 11, "T(Aug-Oct)"),
        equal([AUG, SEP], 7, "T(Aug-Sep)"),
        withheld([OCT], "October"),
    ]
    result = attack(published, [(((OCT, 1.0),), 4)])
    assert not trigger.exists()
    assert result.solver_faults == 1
    assert [(b.low, b.high) for b in result.pinned] == [(4, 4)]
