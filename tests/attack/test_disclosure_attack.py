"""An attacker with everything Diogel publishes about a low-volume SYNTHETIC ED extract
(anonymously, and as partners without a record-level agreement) must not pin any
protected value.

The extract (see ``conftest.py``) has 2 to 6 assaults a health board a month for 27
months. The attacker collects (:mod:`tests.attack.observe`): API totals and trends
for every window of 1 to 12 months (and longer trend windows, whose expected values,
rolling totals and year-on-year figures need them) at every level, within nested
areas; the dashboards' CSV downloads; and every monthly Violence Monitoring Report
that can be built. It then bounds every withheld value whose true value is 1 to 4
with an integer programme (:mod:`tests.attack.attack`): twice, over health board x
month cells, and over one board's month x day x hour cells for the reports' day x
hour tables.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections import Counter
from pathlib import Path

import pytest
from django.test import Client

from diogel.geography import Geography
from diogel.reports import ReportContext, ReportDataError, build_report
from diogel.warehouse import Warehouse
from diogel.web.accounts.demo import DEMO_PEOPLE, create_demo_accounts
from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.agreements.access import access_for
from tests.attack import observe, truth
from tests.attack.attack import AttackResult, attack, violations
from tests.attack.conftest import FIRST_MONTH, MONTHS
from tests.attack.observe import WALES, Cell, Collected, Observation, Terms

SPAN = observe.months_between(
    f"{FIRST_MONTH:%Y-%m}", observe.shift_month(f"{FIRST_MONTH:%Y-%m}", MONTHS - 1)
)
#: Every window of 1 to 12 months.
WINDOWS = observe.windows(SPAN, range(1, 13))
#: Longer trend windows: from the first month, and to the last.
LONG = sorted(
    {(SPAN[0], SPAN[n - 1]) for n in range(13, MONTHS + 1)}
    | {(SPAN[-n], SPAN[-1]) for n in range(13, MONTHS + 1)}
)
#: ``DIOGEL_ATTACK_FULL=1`` asks every question of every window (about 15 minutes on
#: two cores); by default the sweeps below keep the suite to a few minutes.
FULL = os.environ.get("DIOGEL_ATTACK_FULL") == "1"
#: Window lengths asked within each health board (one-area tables), and of the
#: dashboards' per-board trend CSVs and the Wales-by-board areas CSV.
WITHIN_BOARD_LENGTHS = range(1, 13) if FULL else (1, 2, 3, 12)
DASHBOARD_LENGTHS = range(1, 13) if FULL else (1, 12)
#: Seconds each programme may spend on its protected values (unless FULL).
ATTACK_BUDGET = 150.0
#: A few windows for probing what other levels and filters answer.
PROBES = [(SPAN[0], SPAN[0]), (SPAN[11], SPAN[13]), (SPAN[0], SPAN[-1])]
#: The Violence Monitoring Reports' months: those with police.uk data (Gwent 2020-2021).
REPORT_MONTHS = observe.months_between("2020-01", "2021-12")
#: The board whose day x hour cells the second programme models (Gwent's).
DAY_HOUR_BOARD = "W11000028"
OTHER_LEVELS = ("police_force_area", "local_authority", "region", "psb", "csp", "msoa11")


def _signed_in(role: Role) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=DEMO_PEOPLE[role][0]))
    return client


def _codes(client: Client, level: str) -> list[str]:
    answer = json.loads(client.get("/api/v1/areas", {"level": level}).content)
    return [a["code"] for a in answer["areas"]]


def _collect(geo: Geography, warehouse_dir: Path) -> tuple[Collected, dict[str, float]]:
    anonymous = Client()
    partner, analyst = _signed_in(Role.PARTNER_MEMBER), _signed_in(Role.ANALYST)
    for role in (Role.PARTNER_MEMBER, Role.ANALYST):
        user = User.objects.get(username=DEMO_PEOPLE[role][0])
        assert not access_for(user, "istv", None).record_level  # the attacker has no agreement
    boards = _codes(anonymous, "health_board")
    forces = _codes(anonymous, "police_force_area")
    assert len(boards) == 7
    board_within = [(b, "health_board") for b in boards]
    nested = [(WALES, "wales"), *((f, "police_force_area") for f in forces)]
    got = Collected()
    seconds: dict[str, float] = {}

    def timed(name: str, collected: Collected) -> None:
        seconds[name] = time.perf_counter() - started
        got.extend(collected)

    started = time.perf_counter()
    timed("api totals", observe.api_totals(anonymous, WINDOWS, [(None, None)], "anon"))
    started = time.perf_counter()
    within_windows = observe.windows(SPAN, WITHIN_BOARD_LENGTHS)
    timed(
        "api totals within boards",
        observe.api_totals(anonymous, within_windows, board_within, "anon"),
    )
    started = time.perf_counter()
    timed("api totals nested", observe.api_totals(anonymous, PROBES, nested, "anon"))
    started = time.perf_counter()
    for level in OTHER_LEVELS:
        got.extend(observe.api_totals(anonymous, PROBES, [(None, None)], "anon", level))
        got.extend(observe.api_trends(anonymous, PROBES, [(None, None)], "anon", level))
    timed("api other levels", Collected())
    started = time.perf_counter()
    timed("api trends", observe.api_trends(anonymous, WINDOWS + LONG, [(None, None)], "anon"))
    started = time.perf_counter()
    timed(
        "api trends nested",
        observe.api_trends(anonymous, PROBES, [*nested, *board_within], "anon"),
    )
    started = time.perf_counter()
    # Partners without an agreement may ask the same questions (the full sweep runs
    # anonymously; these are their answers to a sample, merged in).
    sample = [w for w in WINDOWS if w[0] == w[1]] + [(SPAN[0], SPAN[-1])]
    got.extend(observe.api_totals(partner, sample, [(None, None)], "partner"))
    got.extend(observe.api_trends(partner, sample, [(None, None)], "partner"))
    got.extend(observe.api_totals(analyst, sample, [(None, None)], "analyst"))
    timed("api partner, analyst", Collected())
    started = time.perf_counter()
    # Anonymous visitors are sent to sign in; a partner downloads the CSVs.
    dashboard_windows = observe.windows(SPAN, DASHBOARD_LENGTHS)
    timed(
        "dashboard CSVs",
        observe.dashboard_csvs(partner, dashboard_windows, boards, SPAN[0], "partner", FULL),
    )
    started = time.perf_counter()
    ctx = ReportContext(geo, Warehouse(warehouse_dir))
    reports = Collected()
    for area in [WALES, *forces, *boards]:
        for month in REPORT_MONTHS:
            try:
                document = build_report(ctx, "violence-monitoring", area=area, month=month)
            except ReportDataError:
                reports.notes[f"report {area}: no police data, not built"] += 1
                break  # the same for every month of the area
            reports.requests += 1
            reports.notes[f"report {area}: built"] += 1
            reports.observations += observe.report_observations(json.loads(document.to_json()))
    timed("monitoring reports", reports)
    return got, seconds


def _split(observations: list[Observation]) -> tuple[list[Observation], list[Observation]]:
    """Board x month observations, and the day x hour programme's: the reports' day x
    hour tables, every board x month observation of that board alone, and for each of
    its months "the month's cell is the sum of its 168 day x hour cells"."""
    months = [o for o in observations if all(len(c) == 2 for c, _ in o.terms)]
    day_hour = [o for o in observations if o.terms and all(len(c) == 4 for c, _ in o.terms)]
    day_hour += [o for o in months if o.terms and all(c[0] == DAY_HOUR_BOARD for c, _ in o.terms)]
    for month in SPAN:
        link = (
            ((DAY_HOUR_BOARD, month), 1.0),
            *(((DAY_HOUR_BOARD, month, str(d), str(h)), -1.0) for d in range(7) for h in range(24)),
        )
        day_hour.append(Observation(tuple(sorted(link)), 0, 0, "month = its day x hour cells"))
    return months, day_hour


def _targets(
    observations: list[Observation], true: dict[Cell, int], cell_length: int
) -> list[tuple[Terms, float | None]]:
    """Withheld sums whose true value is 1 to 4 (the protected values)."""
    found: dict[Terms, float] = {}
    for o in observations:
        if o.withheld and all(len(c) == cell_length for c, _ in o.terms):
            value = truth.value(true, o.terms)
            if 1 <= value <= 4:
                found[o.terms] = value
    return list(found.items())


def _report(name: str, result: AttackResult, by_output: Counter[str]) -> None:
    print(result.summary(name))
    pinned = Counter(len(b.terms) for b in result.pinned)
    if pinned:
        print(f"  pinned, by number of cells summed: {dict(sorted(pinned.items()))}")
    for b in result.pinned[:5]:
        print(f"  pinned {'+'.join('/'.join(c) for c, _ in b.terms[:4])} = {b.low:g}")
    print(f"  observations by output: {dict(sorted(by_output.items()))}")


@pytest.mark.slow
@pytest.mark.django_db
def test_no_protected_value_is_pinned(attack_site: Path, attack_geo: Geography) -> None:
    create_demo_accounts()
    started = time.perf_counter()
    got, seconds = _collect(attack_geo, attack_site)
    print(
        f"\ncollected {len(got.observations)} observations from {got.requests} answers in "
        f"{time.perf_counter() - started:.0f} s: "
        + ", ".join(f"{k} {v:.0f} s" for k, v in seconds.items())
    )
    for note, n in sorted(got.notes.items()):
        print(f"  {note}: {n}")
    warehouse = Warehouse(attack_site)
    months_true = truth.board_months(warehouse)
    day_hour_true = truth.day_hour_cells(warehouse, DAY_HOUR_BOARD) | months_true
    months, day_hour = _split(got.observations)
    # The attacker's model of each output must hold for the truth, else its bounds
    # mean nothing: any observation that does not is reported, left out, and fails.
    wrong = violations(months, months_true) + violations(day_hour, day_hour_true)
    for o in wrong[:10]:
        print(f"  WRONG MODEL {o.output}: {o.terms[:2]}... in [{o.low}, {o.high}]")
    months = [o for o in months if o not in wrong]
    day_hour = [o for o in day_hour if o not in wrong]

    results = []
    for name, observed, true, length in (
        ("health board x month", months, months_true, 2),
        (f"{DAY_HOUR_BOARD} month x day x hour", day_hour, day_hour_true, 4),
    ):
        targets = _targets(observed, true, length)
        result = attack(observed, targets, budget=math.inf if FULL else ATTACK_BUDGET)
        _report(name, result, Counter(o.output for o in observed if not o.withheld))
        results.append(result)
    print(f"total {time.perf_counter() - started:.0f} s")
    assert not wrong, f"{len(wrong)} observations do not hold for the true counts"
    assert all(r.tried for r in results), "no protected values to attack: the extract is wrong"
    pinned = sum(len(r.pinned) for r in results)
    assert pinned == 0, f"{pinned} protected values (true 1-4) are pinned exactly"
