"""The attack: an integer linear programme over everything observed.

Base cells are non-negative integers; every observation is a linear constraint on
them. For each protected value (a withheld sum whose true value is 1 to 4) the
attacker minimises and maximises it (scipy's ``milp``, HiGHS): the value is
*pinned* when the smallest and largest values consistent with everything
published are equal. A relaxed LP bounds each value first; the integer programme
runs only where that bound is already narrow, under a time limit, and only proven
bounds count (a timed-out solve keeps the LP bound).

HiGHS can fault natively on some programmes (scipy issues 17379 and 22188: the
process dies), and which programmes it meets depends on the time budget. So the
solves run in a child process of their own: a fault loses that child, not the test
run, and the solve is asked again of a fresh child without presolve (the code path
those faults were in). A second fault fails the test with the programme named.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array

from tests.attack.observe import Cell, Observation, Terms

#: Tolerance when rounding a bound to the integer it proves.
_EPS = 1e-6


@dataclass(frozen=True)
class Bound:
    """What the attacker proved about one protected value."""

    terms: Terms
    truth: float | None
    low: float
    high: float
    integer: bool  # the bound comes from the integer programme (else the LP)

    @property
    def width(self) -> float:
        return self.high - self.low

    @property
    def pinned(self) -> bool:
        return self.width == 0


@dataclass
class AttackResult:
    observations: int  # distinct constraints (identical sums merged)
    variables: int
    bounds: list[Bound] = field(default_factory=list)
    seconds: float = 0.0
    skipped: int = 0  # targets left untried when the time budget ran out
    solver_faults: int = 0  # solves whose child process died (each asked again)

    @property
    def tried(self) -> int:
        return len(self.bounds)

    @property
    def pinned(self) -> list[Bound]:
        return [b for b in self.bounds if b.pinned]

    @property
    def narrowest(self) -> Bound | None:
        return min(self.bounds, key=lambda b: b.width, default=None)

    def summary(self, name: str) -> str:
        tight = self.narrowest
        width = "n/a" if tight is None else f"{tight.width:g}"
        example = ""
        if tight is not None:
            cells = ", ".join("/".join(c) for c, _ in tight.terms[:3])
            more = f" (+{len(tight.terms) - 3} cells)" if len(tight.terms) > 3 else ""
            example = (
                f"; tightest: [{tight.low:g}, {tight.high:g}] for {cells}{more}, "
                f"true {tight.truth:g}"
            )
        return (
            f"{name}: {self.observations} observations over {self.variables} cells; "
            f"{self.tried} protected values (true 1-4) tried"
            + (f" ({self.skipped} more left for time)" if self.skipped else "")
            + f", {len(self.pinned)} pinned; "
            + (f"{self.solver_faults} solver fault(s) survived; " if self.solver_faults else "")
            + f"narrowest bound max-min = {width}{example}; {self.seconds:.1f} s"
        )


def constraints(observations: Iterable[Observation]) -> dict[Terms, tuple[float, float]]:
    """Published (not withheld) observations, identical sums merged (bounds intersected)."""
    merged: dict[Terms, tuple[float, float]] = {}
    for o in observations:
        if o.withheld or not o.terms:
            continue
        low, high = merged.get(o.terms, (-math.inf, math.inf))
        merged[o.terms] = (max(low, o.low), min(high, o.high))
    return merged


def violations(observations: Iterable[Observation], truth: dict[Cell, int]) -> list[Observation]:
    """Observations the true counts do not satisfy (a wrong model of an output)."""
    bad = []
    for o in observations:
        if o.withheld:
            continue
        value = sum(k * truth.get(c, 0) for c, k in o.terms)
        if not o.low - 1e-6 <= value <= o.high + 1e-6:
            bad.append(o)
    return bad


def attack(
    observations: Sequence[Observation],
    targets: Sequence[tuple[Terms, float | None]],
    integer_width: float = 2,
    time_limit: float = 20.0,
    budget: float = math.inf,
) -> AttackResult:
    """Bound each target (a sum of cells, with its true value for the record), in
    order, until ``budget`` seconds have passed (the result says how many it tried)."""
    started = time.perf_counter()
    merged = constraints(observations)
    cells = sorted({c for t in merged for c, _ in t} | {c for t, _ in targets for c, _ in t})
    index = {c: i for i, c in enumerate(cells)}
    rows, cols, data, lower, upper = [], [], [], [], []
    for r, (terms_, (low, high)) in enumerate(merged.items()):
        for cell, k in terms_:
            rows.append(r)
            cols.append(index[cell])
            data.append(k)
        # Integer sums with integer coefficients: a float slack rounds inwards.
        integral = all(float(k).is_integer() for _, k in terms_)
        lower.append(math.ceil(low - _EPS) if integral and math.isfinite(low) else low)
        upper.append(math.floor(high + _EPS) if integral and math.isfinite(high) else high)
    matrix = csr_array((data, (rows, cols)), shape=(len(merged), len(cells)))
    solver = _Solver(matrix if merged else None, lower, upper)
    result = AttackResult(len(merged), len(cells))
    n = len(cells)
    relaxed, whole = np.zeros(n), np.ones(n)
    seen: set[Terms] = set()
    try:
        for terms_, truth in targets:
            if terms_ in seen:
                continue
            if time.perf_counter() - started > budget:
                result.skipped = len({t for t, _ in targets} - seen)
                break
            seen.add(terms_)
            c = np.zeros(n)
            for cell, k in terms_:
                c[index[cell]] += k
            low = solver.minimum(c, relaxed, time_limit)
            high = -solver.minimum(-c, relaxed, time_limit)
            low = math.ceil(low - _EPS)
            high = math.floor(high + _EPS) if math.isfinite(high) else high
            integer = False
            if high - low <= integer_width:
                low = math.ceil(solver.minimum(c, whole, time_limit) - _EPS)
                high = math.floor(-solver.minimum(-c, whole, time_limit) + _EPS)
                integer = True
            result.bounds.append(Bound(terms_, truth, float(low), float(high), integer))
    finally:
        solver.close()
    result.solver_faults = solver.faults
    result.seconds = time.perf_counter() - started
    return result


class _Solver:
    """Minimises over one system of constraints in a child process (see the module notes)."""

    def __init__(self, matrix: csr_array | None, lower: list[float], upper: list[float]) -> None:
        self._system = (matrix, lower, upper)
        self._pool: ProcessPoolExecutor | None = None
        self.faults = 0

    def minimum(self, c: np.ndarray, integrality: np.ndarray, time_limit: float) -> float:
        for presolve in (True, False):
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_child_system,
                    initargs=self._system,
                )
            try:
                return self._pool.submit(
                    _child_minimum, c, integrality, time_limit, presolve
                ).result()
            except BrokenProcessPool:
                self.faults += 1
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
        raise AssertionError(
            f"HiGHS faulted twice (with and without presolve) minimising {c[c != 0][:8]}... "
            f"over {self._system[0].shape if self._system[0] is not None else 'no'} constraints"
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


#: Names a file whose existence makes the next solve's child die natively, once (the
#: file is removed): how the test of the isolation stands in for a HiGHS fault.
FAULT_ONCE = "DIOGEL_ATTACK_TEST_FAULT_ONCE"

#: The child's system of constraints, set once by :func:`_child_system`.
_SYSTEM: list[LinearConstraint] = []


def _child_system(matrix: csr_array | None, lower: list[float], upper: list[float]) -> None:
    _SYSTEM[:] = [LinearConstraint(matrix, lower, upper)] if matrix is not None else []


def _child_minimum(
    c: np.ndarray, integrality: np.ndarray, time_limit: float, presolve: bool
) -> float:
    """The proven minimum of ``c @ x`` (x >= 0): the optimum, or the solver's dual bound
    when the time limit stops it; -inf when unbounded."""
    fault = os.environ.get(FAULT_ONCE)
    if fault and os.path.exists(fault):  # the test of the fault isolation
        os.unlink(fault)
        os.abort()
    answer = milp(
        c,
        constraints=_SYSTEM,
        integrality=integrality,
        bounds=Bounds(0, np.inf),
        options={"time_limit": time_limit, "presolve": presolve},
    )
    if answer.status == 0:
        return float(answer.fun)
    if answer.status == 3:  # unbounded
        return -math.inf
    if answer.status == 1:  # time limit: only the proven bound
        bound = getattr(answer, "mip_dual_bound", None)
        return float(bound) if bound is not None and math.isfinite(bound) else -math.inf
    raise AssertionError(f"the observations are infeasible for the solver: {answer.message}")
