"""Acceptance: every output of a figure agrees with every other, cell by cell.

A hypothesis property draws queries (source × category × level × area × window, with
windows over the months left out of the warehouse and partly outside its data,
counts or rates) against a warehouse with gaps and partial coverage
(``conftest.py``), and checks that ``diogel analyse trends/hotspots --json``, the API
(``/api/v1/totals``, ``/trends``, ``/hotspots``) and the dashboard's CSV downloads
agree on every value, every "no data" and every suppression; that police.uk answers
equal pandas on the raw files; and that a month left out is "no data", never 0.
Smaller properties do the same for the report document (its ED and police monthly
table and its headline figures) and for the scorecard's hub measures.

The web side runs on the test database of the run: SQLite, or PostgreSQL with
``DATABASE_URL`` set (``make test``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pandas as pd
import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.figures.coverage import months_between
from diogel.geography import Area, Geography, Level
from diogel.performance.compute import compute_measure
from diogel.performance.loader import load_framework
from diogel.performance.periods import periods
from diogel.performance.vocab import Statistic
from diogel.reports import ReportContext, ReportDataError, build_report
from diogel.reports.measures import months_with_data
from diogel.settings import DiogelSettings
from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.agreements.models import Agreement
from diogel.web.insight.state import _history_from
from tests.helpers import GWENT
from tests.web.figures.conftest import (
    ANEURIN_BEVAN,
    CARDIFF_VALE,
    ED,
    POLICE,
    POLICE_GAPS,
    POLICE_MONTHS,
    ed_months,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.usefixtures("gappy_site")]

runner = CliRunner()
WALES = "W92000004"
GWENT_FORCE = "W15000003"
GWENT_LAS = ("W06000018", "W06000019", "W06000020", "W06000021", "W06000022")
MERTHYR = "W06000024"
#: Months a window is drawn from: three before the police data to three after it.
SPAN = months_between("2019-10", "2022-03")
#: Harmonised categories and the police.uk crime type each stands for (docs/categories.md).
CRIME_TYPES = {
    "violence": "Violence and sexual offences",
    "asb": "Anti-social behaviour",
    "robbery": "Robbery",
    "public_order": "Public order",
    "drugs": "Drugs",
}
#: The site's markers for a count that is not a value (the dashboard table's, in English).
MARKS = {"no_data": "no data", "withheld": "[c]"}
#: Levels the dashboard shows areas by (it cannot show regions).
DASHBOARD_LEVELS = {
    Level.POLICE_FORCE_AREA,
    Level.HEALTH_BOARD,
    Level.CSP,
    Level.LOCAL_AUTHORITY,
    Level.LSOA11,
}
PROPERTY = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --- what is asked ------------------------------------------------------------------


@dataclass(frozen=True)
class Asked:
    source: str | None
    category: str | None
    level: Level
    within: str | None
    month_from: str
    month_to: str
    rate: bool

    def params(self, **changes: Any) -> dict[str, str]:
        values: dict[str, Any] = {
            "level": self.level.value,
            "within": self.within,
            "category": self.category,
            "source": self.source,
            "from": self.month_from,
            "to": self.month_to,
        }
        values.update(changes)
        return {k: str(v) for k, v in values.items() if v is not None}

    def cli(self, command: str, **changes: Any) -> list[str]:
        p = self.params(**changes)
        args = ["analyse", command, "--level", p["level"], "--from", p["from"], "--to", p["to"]]
        for key, option in (
            ("within", "--area"),
            ("category", "--category"),
            ("source", "--source"),
        ):
            if key in p:
                args += [option, p[key]]
        return args


@st.composite
def asked(draw: st.DrawFn) -> Asked:
    source = draw(st.sampled_from([POLICE, ED, None]))
    category = draw(st.sampled_from([None, "violence", "asb", "robbery", "public_order"]))
    level = draw(
        st.sampled_from(
            [
                Level.LOCAL_AUTHORITY,
                Level.HEALTH_BOARD,
                Level.POLICE_FORCE_AREA,
                Level.CSP,
                Level.REGION,
                Level.LSOA11,
            ]
        )
    )
    if level is Level.LSOA11:
        # Two Gwent authorities, and Merthyr Tydfil (South Wales: no police.uk file).
        within: str | None = draw(st.sampled_from(["W06000019", "W06000021", MERTHYR]))
    else:
        within = draw(st.sampled_from([None, WALES, GWENT_FORCE, ANEURIN_BEVAN, "region-gwent"]))
    first = draw(st.integers(0, len(SPAN) - 1))
    last = draw(st.integers(first, min(len(SPAN) - 1, first + 17)))
    rate = draw(st.booleans())
    return Asked(source, category, level, within, SPAN[first], SPAN[last], rate)


# --- reading each output ------------------------------------------------------------


def api(client: Client, endpoint: str, params: dict[str, str]) -> tuple[int, Any]:
    response = client.get(f"/api/v1/{endpoint}?{urlencode(params)}")
    return response.status_code, response.json()


def cli(args: list[str]) -> tuple[int, Any]:
    result = runner.invoke(app, [*args, "--json"])
    if result.exit_code != 0:
        return result.exit_code, result.output
    return 0, json.loads(result.stdout)


def dashboard_csv(client: Client, params: dict[str, str], table: str) -> list[dict[str, str]]:
    response = client.get(
        f"/en/dashboard/?{urlencode({**params, 'format': 'csv', 'table': table})}"
    )
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("text/csv"), response.content[:500]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def shown(value: Any, state: str) -> str:
    """How a CSV writes a figure of this state: a marker, the number, or blank."""
    if state != "value":
        return MARKS[state]
    return "" if value is None else str(value)


def state_of(states: list[str]) -> str:
    """The state of a sum of cells: "no data" first, then withheld."""
    if "no_data" in states:
        return "no_data"
    return "withheld" if "withheld" in states else "value"


# --- pandas on the raw files ----------------------------------------------------------


@pytest.fixture(scope="module")
def raw(shared_data: Path) -> pd.DataFrame:
    """Every Gwent street record of the months in the warehouse, read by pandas alone."""
    frames = [pd.read_csv(p) for p in sorted((shared_data / GWENT).glob("*-street.csv"))]
    frame = pd.concat(frames, ignore_index=True)
    return frame[~frame["Month"].isin(POLICE_GAPS)]


@pytest.fixture(scope="module")
def lookup(shared_data: Path) -> pd.DataFrame:
    frame = pd.read_csv(shared_data / "geography" / "wales_lsoa11_lookup.csv")
    return frame.rename(
        columns={
            "Lower Layer Super Output Area (LSOA) Code": "lsoa",
            "Local Authority (LA) Code": "la",
            "Local Health Board (LHB) Code": "hb",
        }
    )[["lsoa", "la", "hb"]]


def lsoas_of(geo: Geography, lookup: pd.DataFrame, area: Area) -> set[str]:
    """The LSOAs of ``area`` from the Welsh Government lookup (forces, partnerships and
    regions are whole local authorities)."""
    if area.level is Level.LSOA11:
        return {area.code}
    if area.level is Level.LOCAL_AUTHORITY:
        return set(lookup.loc[lookup["la"] == area.code, "lsoa"])
    if area.level is Level.HEALTH_BOARD:
        return set(lookup.loc[lookup["hb"] == area.code, "lsoa"])
    las = {
        a.code
        for a in geo.hierarchy.areas_at(Level.LOCAL_AUTHORITY)
        if a.parents.get(area.level) == area.code
    }
    return set(lookup.loc[lookup["la"].isin(las), "lsoa"])


class Pandas:
    """police.uk counts by area and month, worked out from the raw files."""

    def __init__(self, geo: Geography, raw: pd.DataFrame, lookup: pd.DataFrame) -> None:
        self.geo, self.raw, self.lookup = geo, raw, lookup
        self.gwent = set(lookup.loc[lookup["la"].isin(GWENT_LAS), "lsoa"])

    def cell(self, area: Area, category: str | None, month: str) -> tuple[int | None, str]:
        lsoas = lsoas_of(self.geo, self.lookup, area)
        # Only Gwent sent files: an area reaching outside it, or a month no file came
        # for, has no data.
        if month not in POLICE_MONTHS or not lsoas or not lsoas <= self.gwent:
            return None, "no_data"
        rows = self.raw[(self.raw["Month"] == month) & self.raw["LSOA code"].isin(lsoas)]
        if category is not None:
            rows = rows[rows["Crime type"] == CRIME_TYPES[category]]
        return len(rows), "value"

    def window(
        self, area: Area, category: str | None, first: str, last: str
    ) -> tuple[int | None, str]:
        cells = [self.cell(area, category, m) for m in months_between(first, last)]
        if any(state == "no_data" for _, state in cells):
            return None, "no_data"
        return sum(n or 0 for n, _ in cells), "value"


# --- the callers --------------------------------------------------------------------


def aggregate_agreement(user: User) -> None:
    """An ED agreement in force granting the analyst's organisation aggregates, so that
    every query, small areas included, can be asked of every output."""
    today = timezone.localdate()
    agreement = Agreement.objects.create(
        reference="dda-ed-aggregates",
        kind=Agreement.Kind.DISCLOSURE,
        title_en="ED assault data",
        title_cy="Data ymosodiadau adrannau brys",
        purpose="Preventing violence.",
        purposes=["violence-prevention"],
        legal_basis="UK GDPR Art. 6(1)(e)",
        sources=[ED],
        level=Agreement.Level.AGGREGATE,
        starts=today - dt.timedelta(days=365),
        ends=today + dt.timedelta(days=365),
        status=Agreement.Status.ACTIVE,
    )
    assert user.organisation is not None
    agreement.parties.set([user.organisation])


@pytest.fixture
def analyst(client_for: Callable[[Role], Client], demo_accounts: dict[Role, User]) -> Client:
    aggregate_agreement(demo_accounts[Role.ANALYST])
    return client_for(Role.ANALYST)


@pytest.fixture
def cli_gappy(
    gappy_var: Path, shared_data: Path, geo: Geography, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line reading the gappy warehouse. Each command would load the same
    geography from the data directory (seconds a call); it is handed the session's."""
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(gappy_var))
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(shared_data))

    def loaded(cls: type[Geography], settings: DiogelSettings) -> Geography:
        assert settings.data_dir == shared_data
        return geo

    monkeypatch.setattr(Geography, "from_settings", classmethod(loaded))


# --- the property -------------------------------------------------------------------


def check_query(q: Asked, client: Client, ctx: ReportContext, truth: Pandas) -> None:
    geo = ctx.geo
    status, totals = api(client, "totals", q.params())
    trend_status, trends = api(client, "trends", q.params())
    cli_status, cli_trends = cli(q.cli("trends"))
    assert trend_status == status
    if status != 200:
        # A query the figures layer refuses is refused by every output alike.
        assert status == 400, totals
        assert cli_status == 2, cli_trends
        return
    assert cli_status == 0, cli_trends
    # The command line prints the API's answer, to the last digit.
    assert cli_trends == trends

    by_code = {a["code"]: a for a in totals["areas"]}
    series = {s["code"]: s for s in trends["areas"]}
    assert list(by_code) == list(series)
    months = months_between(q.month_from, q.month_to)
    for code, row in by_code.items():
        area = geo.hierarchy.area(code, q.level)
        cells = series[code]["months"]
        assert [m["month"] for m in cells] == months
        # The total over the window is made of the trend's months.
        assert row["state"] == state_of([m["state"] for m in cells]), code
        assert row["has_data"] == (row["state"] != "no_data")
        if row["state"] == "value":
            assert row["count"] == sum(m["count"] for m in cells)
            assert row["rate_per_1000"] == (
                row["count"] / area.population * 1000 if area.population else None
            )
        else:
            assert (row["count"], row["rate_per_1000"]) == (None, None)
        for m in cells:
            assert (m["count"] is None) == (m["state"] != "value"), (code, m)
            assert m["has_data"] == (m["state"] != "no_data")
        if q.source in (POLICE, None):
            # A month with no police.uk file is never a zero.
            for m in cells:
                if m["month"] in POLICE_GAPS or not "2020-01" <= m["month"] <= "2021-12":
                    assert (m["state"], m["count"]) == ("no_data", None), (code, m)
        if q.source == POLICE:
            for m in cells:
                assert (m["count"], m["state"]) == truth.cell(area, q.category, m["month"])
            assert (row["count"], row["state"]) == truth.window(
                area, q.category, q.month_from, q.month_to
            )
        if q.source == ED and q.level is Level.HEALTH_BOARD and q.category in (None, "violence"):
            sent = ed_months().get(code, set())
            for m in cells:
                if m["month"] not in sent:
                    assert m["state"] == "no_data", (code, m)
        if q.source == ED and q.level is not Level.HEALTH_BOARD:
            # ED attendances are placed by health board only: elsewhere "no data", not 0.
            assert {m["state"] for m in cells} == {"no_data"}, code
    if totals["total_state"] == "value" and not totals["suppressed"]:
        assert totals["total"] == sum(a["count"] for a in totals["areas"])

    hot_status, hot = api(client, "hotspots", q.params(rate=str(q.rate).lower()))
    cli_hot_status, cli_hot = cli(q.cli("hotspots") + (["--rate"] if q.rate else []))
    assert (hot_status == 200) == (cli_hot_status == 0), (hot, cli_hot)
    hot_classes: dict[str, str] | None = None
    if hot_status == 200:
        assert cli_hot == hot
        no_data = sorted(c for c, a in by_code.items() if a["state"] == "no_data")
        assert hot["left_out"] == no_data
        if hot["tested"]:
            hot_classes = {a["code"]: a["class"] for a in hot["areas"]}
            for a in hot["areas"]:
                assert by_code[a["code"]]["count"] == a["count"]
    else:
        assert hot_status == 400, hot

    if q.source is not None and q.level in DASHBOARD_LEVELS:
        check_dashboard(q, client, ctx, totals, hot_classes)


def check_dashboard(
    q: Asked,
    client: Client,
    ctx: ReportContext,
    totals: dict[str, Any],
    hot_classes: dict[str, str] | None,
) -> None:
    geo = ctx.geo
    picked = geo.hierarchy.area(q.within or WALES)
    assert q.source is not None
    params = {
        "area": picked.code,
        "level": q.level.value,
        "source": q.source,
        "category": q.category or "",
        "from": q.month_from,
        "to": q.month_to,
        "measure": "rate" if q.rate else "count",
    }
    rows = dashboard_csv(client, params, "areas")
    assert [r["code"] for r in rows] == [a["code"] for a in totals["areas"]]
    for r, a in zip(rows, totals["areas"], strict=True):
        assert r["count"] == shown(a["count"], a["state"]), (r, a)
        assert r["rate_per_1000"] == shown(a["rate_per_1000"], a["state"]), (r, a)
        assert r["population"] == shown(a["population"], "value")
        if len(rows) >= 5 and hot_classes is not None:
            hot = hot_classes.get(a["code"]) in ("hot_95", "hot_99")
            assert r["hotspot"] == ("hot" if hot else ""), (r, a)
        elif len(rows) < 5 or hot_classes is None:
            assert r["hotspot"] == ""

    # The months download is the picked area's trend, the expected range learning from
    # up to two years before (as the dashboard says), cut to the months asked.
    level = Level.POLICE_FORCE_AREA if picked.level is Level.WALES else picked.level
    history = _history_from(q.month_from, months_with_data(ctx.warehouse, q.source))
    status, trend = api(
        client,
        "trends",
        {
            "level": level.value,
            "within": picked.code,
            "source": q.source,
            "from": history,
            "to": q.month_to,
            **({"category": q.category} if q.category else {}),
        },
    )
    assert status == 200, trend
    expected = [
        (s["code"], m)
        for s in trend["areas"]
        for m in s["months"]
        if q.month_from <= m["month"] <= q.month_to
    ]
    rows = dashboard_csv(client, params, "trend")
    assert [(r["code"], r["month"]) for r in rows] == [(c, m["month"]) for c, m in expected]
    for r, (_code, m) in zip(rows, expected, strict=True):
        assert r["count"] == shown(m["count"], m["state"]), (r, m)
        assert r["rate_per_1000"] == shown(m["rate_per_1000"], m["state"]), (r, m)
        assert r["expected"] == ("" if m["expected"] is None else str(m["expected"]))
        assert r["exceeds"] == (m["exceeds"] or "")
        if q.source == POLICE and m["month"] in POLICE_GAPS:
            assert r["count"] == MARKS["no_data"]


@PROPERTY
@given(q=asked())
@example(
    # Over a month left out: no data, never 0, in every output.
    q=Asked(POLICE, "violence", Level.LOCAL_AUTHORITY, GWENT_FORCE, "2021-01", "2021-06", True)
)
@example(q=Asked(POLICE, None, Level.LSOA11, "W06000020", "2020-05", "2020-07", False))
@example(
    # Partly before the data.
    q=Asked(POLICE, "asb", Level.POLICE_FORCE_AREA, None, "2019-10", "2020-03", False)
)
@example(
    # ED: boards that stop early, never send, and small counts withheld.
    q=Asked(ED, None, Level.HEALTH_BOARD, None, "2021-05", "2021-09", False)
)
@example(q=Asked(ED, "violence", Level.HEALTH_BOARD, WALES, "2020-10", "2020-12", True))
@example(q=Asked(None, None, Level.HEALTH_BOARD, None, "2021-07", "2021-08", False))
@example(q=Asked(ED, None, Level.LOCAL_AUTHORITY, GWENT_FORCE, "2021-01", "2021-03", False))
def test_every_output_agrees_on_every_figure(
    q: Asked,
    analyst: Client,
    cli_gappy: None,
    gappy: ReportContext,
    raw: pd.DataFrame,
    lookup: pd.DataFrame,
) -> None:
    check_query(q, analyst, gappy, Pandas(gappy.geo, raw, lookup))


# --- the report document ---------------------------------------------------------------

REPORT_AREAS = (GWENT_FORCE, *GWENT_LAS, ANEURIN_BEVAN, "csp-newport")


def report_tables(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every table of a report document, its figures' tables included, by id."""
    tables = {t["id"]: t for s in document["sections"] for t in s["tables"]}
    for s in document["sections"]:
        for f in s["figures"]:
            if f.get("table"):
                tables.setdefault(f["table"]["id"], f["table"])
    return tables


@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    area=st.sampled_from(REPORT_AREAS),
    month=st.sampled_from(months_between("2020-01", "2021-12")),
)
@example(area=GWENT_FORCE, month="2021-03")  # a month left out: refused, not zeros
@example(area=ANEURIN_BEVAN, month="2021-08")  # ED withheld months
@example(area="W06000022", month="2021-12")  # ED data stopped
def test_the_report_agrees_with_the_api(
    area: str, month: str, analyst: Client, gappy: ReportContext
) -> None:
    if month in POLICE_GAPS:
        with pytest.raises(ReportDataError, match="no police_uk_street data"):
            build_report(gappy, "violence-monitoring", area=area, month=month)
        return
    document = json.loads(
        build_report(gappy, "violence-monitoring", area=area, month=month).to_json()
    )
    tables = report_tables(document)
    chosen = gappy.geo.hierarchy.resolve(area)
    first = document["period"]["trend_from"]
    assert first == "2020-01"

    # Headline figures: this month and the same month a year before, as the API's trend.
    for row in tables["headline"]["rows"]:
        status, body = api(
            analyst,
            "trends",
            {
                "level": chosen.level.value,
                "within": chosen.code,
                "source": POLICE,
                "category": row["category"],
                "from": first,
                "to": month,
            },
        )
        assert status == 200, body
        (series,) = body["areas"]
        by_month = {m["month"]: m for m in series["months"]}
        assert row["count"] == by_month[month]["count"]
        before = by_month.get(f"{int(month[:4]) - 1}{month[4:]}")
        assert row["previous"] == (before["count"] if before else None)
        twelve = months_between(f"{int(month[:4]) - 1}{month[4:]}", month)[1:]
        if any(m in POLICE_GAPS for m in twelve) or twelve[0] < "2021-01":
            assert row["twelve_months"] is None  # a year with a month of no data
        else:
            assert row["twelve_months"] == sum(by_month[m]["count"] for m in twelve)

    if month not in {m for ms in ed_months().values() for m in ms}:
        assert "ed_police_monthly" not in tables
        return
    # ED against police a month: the API's trends of each source for the board.
    ed_status, ed = api(
        analyst,
        "trends",
        {
            "level": "health_board",
            "within": ANEURIN_BEVAN,
            "source": ED,
            "from": first,
            "to": month,
        },
    )
    police_status, police = api(
        analyst,
        "trends",
        {
            "level": "health_board",
            "within": ANEURIN_BEVAN,
            "source": POLICE,
            "category": "violence",
            "from": first,
            "to": month,
        },
    )
    assert ed_status == police_status == 200
    (ed_series,) = ed["areas"]
    (police_series,) = police["areas"]
    table = tables["ed_police_monthly"]
    rows = table["rows"]
    # The rendered table marks exactly the withheld cells as suppressed ("no data" is
    # shown as missing, never as withheld or zero).
    assert set(table["withheld"]) == {
        f"{i}:{key}"
        for i, r in enumerate(rows)
        for key in ("ed", "police")
        if r[f"{key}_state"] == "withheld"
    }
    assert [r["month"] for r in rows] == [m["month"] for m in ed_series["months"]]
    for r, e, p in zip(rows, ed_series["months"], police_series["months"], strict=True):
        assert (r["ed"], r["ed_state"]) == (e["count"], e["state"]), (r, e)
        assert (r["police"], r["police_state"]) == (p["count"], p["state"]), (r, p)
        if r["month"] in POLICE_GAPS:
            assert (r["police_state"], r["police"]) == ("no_data", None)


# --- the scorecard ---------------------------------------------------------------------


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    code=st.sampled_from(
        [
            "violence-rate-local-authority",
            "violence-rate-police-force",
            "asb-incidents-local-authority",
            "ed-assaults-health-board",
        ]
    ),
    within=st.sampled_from([None, GWENT_FORCE, ANEURIN_BEVAN, CARDIFF_VALE]),
    first=st.sampled_from(months_between("2019-10", "2021-09")),
    length=st.integers(1, 9),
)
@example(code="violence-rate-police-force", within=None, first="2020-04", length=6)
@example(code="ed-assaults-health-board", within=None, first="2021-05", length=5)
def test_the_scorecard_agrees_with_the_api(
    code: str,
    within: str | None,
    first: str,
    length: int,
    analyst: Client,
    gappy: ReportContext,
    raw: pd.DataFrame,
    lookup: pd.DataFrame,
) -> None:
    framework = load_framework()
    (measure,) = [m for m in framework.measures if m.code == code]
    assert measure.hub is not None
    hub = measure.hub
    last = months_between(first, "2022-12")[length - 1]
    area = gappy.geo.hierarchy.area(within) if within else None
    values = compute_measure(measure, gappy.geo, gappy.warehouse, first, last, area)
    truth = Pandas(gappy.geo, raw, lookup)
    spans = {p.label: p for p in periods(first, last, measure.frequency)}
    assert {v.period for v in values} == set(spans)
    for v in values:
        span = spans[v.period]
        params = {
            "level": hub.level.value,
            "from": span.first,
            "to": span.last,
            **({"within": within} if within else {}),
            **({"source": hub.source} if hub.source else {}),
            **({"category": hub.category} if hub.category else {}),
        }
        status, body = api(analyst, "totals", params)
        assert status == 200, body
        row = next(a for a in body["areas"] if a["code"] == v.area)
        rate = hub.statistic is Statistic.RATE_PER_1000
        assert v.value == (row["rate_per_1000"] if rate else row["count"]), (v, row)
        assert v.count == row["count"]
        assert v.has_data == (row["state"] != "no_data"), (v, row)
        assert v.suppressed == (row["state"] == "withheld"), (v, row)
        if hub.source == POLICE:
            place = gappy.geo.hierarchy.area(v.area, hub.level)
            assert (v.count, row["state"]) == truth.window(
                place, hub.category, span.first, span.last
            )


def test_the_warehouse_has_what_the_properties_need(analyst: Client) -> None:
    """Not vacuous: ED values, withheld and "no data" months by board, and police.uk
    months left out between months with data."""
    status, ed = api(
        analyst,
        "trends",
        {"level": "health_board", "source": ED, "from": "2020-06", "to": "2021-10"},
    )
    assert status == 200
    states = {(s["code"], m["month"]): m["state"] for s in ed["areas"] for m in s["months"]}
    assert states[(ANEURIN_BEVAN, "2020-07")] == "value"
    assert states[(CARDIFF_VALE, "2021-01")] == "no_data"  # stopped early
    assert states[("W11000023", "2020-07")] == "no_data"  # never sent
    assert "withheld" in {states[(ANEURIN_BEVAN, m)] for m in ("2021-07", "2021-08", "2021-09")}
    assert states[(ANEURIN_BEVAN, "2021-10")] == "no_data"
    status, police = api(
        analyst,
        "trends",
        {"level": "police_force_area", "within": GWENT_FORCE, "source": POLICE, "to": "2021-12"},
    )
    assert status == 200
    (gwent,) = police["areas"]
    by_month = {m["month"]: m for m in gwent["months"]}
    assert [m for m, v in by_month.items() if v["state"] == "no_data"] == list(POLICE_GAPS)
    assert all(v["count"] > 0 for m, v in by_month.items() if m not in POLICE_GAPS)
