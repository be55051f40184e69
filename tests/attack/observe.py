"""The attacker's eyes: what Diogel publishes about the ED extract, as linear facts.

Each function reads one kind of output, only through what a member of the public
or a partner without a record-level agreement obtains (the API and dashboards via
Django's test client, the monitoring reports as the documents the site stores and
renders), and returns :class:`Observation` s over *base cells*:

- ``(health board, month)``: ED assaults the board's departments saw that month;
- ``(health board, month, day, hour)``: the same by day of the week (0 Monday) and
  hour of the assault, for the day x hour tables.

An observation says "the sum of these cells (with these coefficients) lies in
[low, high]" (low == high for a published count; a tolerance for a float such as
a mean), or, with ``withheld``, "this sum was withheld" (a value the output
protects). Nothing here reads the warehouse.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from scipy import stats

from diogel.analysis.trends import shift_month

Cell = tuple[str, ...]
Terms = tuple[tuple[Cell, float], ...]

WALES = "W92000004"
SOURCE = "istv"
#: The documented exceedance range: the central 99.8% of a Poisson with the expected mean.
EXCEEDANCE_LIMIT = 0.998
#: Slack for a published float (a mean, a ratio, a rate) turned back into a sum.
FLOAT_SLACK = 1e-6


@dataclass(frozen=True)
class Observation:
    terms: Terms
    low: float
    high: float
    output: str
    withheld: bool = False


@dataclass
class Collected:
    """Observations from one kind of output, and notes on what answered how."""

    observations: list[Observation] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    requests: int = 0

    def extend(self, other: Collected) -> None:
        self.observations += other.observations
        self.notes.update(other.notes)
        self.requests += other.requests


def terms(cells: Iterable[Cell], coefficient: float = 1.0) -> Terms:
    summed: dict[Cell, float] = {}
    for cell in cells:
        summed[cell] = summed.get(cell, 0.0) + coefficient
    return tuple(sorted(summed.items()))


def equal(cells: Iterable[Cell], value: float, output: str, slack: float = 0.0) -> Observation:
    return Observation(terms(cells), value - slack, value + slack, output)


def withheld(cells: Iterable[Cell], output: str) -> Observation:
    return Observation(terms(cells), math.nan, math.nan, output, withheld=True)


def months_between(first: str, last: str) -> list[str]:
    out, month = [], first
    while month <= last:
        out.append(month)
        month = shift_month(month, 1)
    return out


def windows(months: Sequence[str], lengths: Iterable[int]) -> list[tuple[str, str]]:
    """Every window of each length (in months) inside ``months``."""
    return [(months[i], months[i + n - 1]) for n in lengths for i in range(len(months) - n + 1)]


def _board_cells(board: str, months: Iterable[str]) -> list[Cell]:
    return [(board, m) for m in months]


def _modelled(within_level: str | None) -> bool:
    """Whether a ``within`` filter keeps a board's ED records: ED attendances are placed
    only by the health board of the department (location basis 'site'), so a filter on
    a force or any smaller area keeps none of them."""
    return within_level in (None, "wales", "health_board")


# -- the API ------------------------------------------------------------------------


def _get_json(client: Client, url: str, params: dict[str, str]) -> tuple[int, Any]:
    response = client.get(url, params)
    if response.status_code != 200:
        return response.status_code, None
    return 200, json.loads(response.content)


def api_totals(
    client: Client,
    spans: Sequence[tuple[str, str]],
    within: Sequence[tuple[str | None, str | None]],
    label: str,
    level: str = "health_board",
) -> Collected:
    """``GET /api/v1/totals?source=istv&level=…&within=…&from=…&to=…``.

    Reads ``areas[].code``, ``areas[].count``, ``areas[].has_data``,
    ``areas[].rate_per_1000``, ``areas[].population`` and ``total``.
    ``within`` pairs an area code with its level (None, None for no filter).
    """
    out = Collected()
    for code, within_level in within:
        for first, last in spans:
            params = {"source": SOURCE, "level": level, "from": first, "to": last}
            if code:
                params["within"] = code
            status, answer = _get_json(client, "/api/v1/totals", params)
            out.requests += 1
            key = f"{label} totals level={level} within={within_level or '-'}: {status}"
            out.notes[key] += 1
            if answer is None:
                continue
            months = months_between(first, last)
            name = f"{label} totals"
            shown = [a for a in answer["areas"] if a["count"] is not None]
            if level != "health_board" or not _modelled(within_level):
                if shown:
                    out.notes[f"{key} with counts, not modelled (no ED records placed)"] += 1
                continue
            every: list[Cell] = []
            for area in answer["areas"]:
                cells = _board_cells(area["code"], months)
                every += cells
                if area["count"] is not None:
                    out.observations.append(equal(cells, area["count"], name))
                elif area["rate_per_1000"] is not None and area["population"]:
                    count = area["rate_per_1000"] * area["population"] / 1000
                    out.observations.append(equal(cells, count, name + " rate", FLOAT_SLACK))
                elif area["has_data"]:
                    out.observations.append(withheld(cells, name))
            if answer["total"] is not None:
                out.observations.append(equal(every, answer["total"], name + " total"))
            elif all(a["has_data"] for a in answer["areas"]):
                out.observations.append(withheld(every, name + " total"))
    return out


def trend_observations(
    code: str,
    population: int | None,
    months: list[dict[str, Any]],
    frame: list[str],
    name: str,
    year_on_year: dict[str, Any] | None = None,
) -> list[Observation]:
    """A trend's months as observations (shared by the API and the dashboard CSV).

    ``frame`` is every month the trend was computed over (its expected values learn
    from them). Reads each month's ``month``, ``count``, ``has_data``,
    ``rate_per_1000``, ``rolling_12``, ``expected`` and ``exceeds``; and
    ``year_on_year.current`` / ``.previous``.
    """
    out: list[Observation] = []
    known = set(frame)
    for m in months:
        month = m["month"]
        cell = [(code, month)]
        if m.get("count") is not None:
            out.append(equal(cell, m["count"], name))
        elif m.get("rate_per_1000") is not None and population:
            out.append(equal(cell, m["rate_per_1000"] * population / 1000, name, FLOAT_SLACK))
        elif m.get("has_data", True):
            out.append(withheld(cell, name))
        if m.get("rolling_12") is not None:
            twelve = months_between(shift_month(month, -11), month)
            out.append(equal(_board_cells(code, twelve), m["rolling_12"], name + " rolling_12"))
        expected = m.get("expected")
        if expected is not None:
            # analysis.trends.exceedance: the mean of the same calendar month in earlier
            # years when the frame has three or more, else of the 12 months before.
            seasonal = [
                f"{y}-{month[5:]}"
                for y in range(int(month[:4]) - 5, int(month[:4]))
                if f"{y}-{month[5:]}" in known
            ]
            basis = (
                seasonal
                if len(seasonal) >= 3
                else months_between(shift_month(month, -12), shift_month(month, -1))
            )
            n = len(basis)
            out.append(
                equal(_board_cells(code, basis), expected * n, name + " expected", FLOAT_SLACK * n)
            )
            tail = (1 - EXCEEDANCE_LIMIT) / 2
            lower = float(stats.poisson.ppf(tail, expected))
            upper = float(stats.poisson.ppf(1 - tail, expected))
            flag = m.get("exceeds") or None
            if flag == "above":
                out.append(Observation(terms(cell), upper + 1, math.inf, name + " exceeds"))
            elif flag == "below":
                out.append(Observation(terms(cell), 0, lower - 1, name + " exceeds"))
            elif "exceeds" in m:
                out.append(Observation(terms(cell), lower, upper, name + " exceeds"))
    if year_on_year is not None:
        last = months[-1]["month"]
        current = months_between(shift_month(last, -11), last)
        previous = [shift_month(m, -12) for m in current]
        out.append(equal(_board_cells(code, current), year_on_year["current"], name + " yoy"))
        out.append(equal(_board_cells(code, previous), year_on_year["previous"], name + " yoy"))
    return out


def api_trends(
    client: Client,
    spans: Sequence[tuple[str, str]],
    within: Sequence[tuple[str | None, str | None]],
    label: str,
    level: str = "health_board",
) -> Collected:
    """``GET /api/v1/trends?source=istv&level=…&within=…&from=…&to=…``.

    Reads ``areas[].code``, ``areas[].population``, ``areas[].has_data``,
    ``areas[].months[]`` (see :func:`trend_observations`) and
    ``areas[].year_on_year.current`` / ``.previous``.
    """
    out = Collected()
    for code, within_level in within:
        for first, last in spans:
            params = {"source": SOURCE, "level": level, "from": first, "to": last}
            if code:
                params["within"] = code
            status, answer = _get_json(client, "/api/v1/trends", params)
            out.requests += 1
            key = f"{label} trends level={level} within={within_level or '-'}: {status}"
            out.notes[key] += 1
            if answer is None:
                continue
            if level != "health_board" or not _modelled(within_level):
                if any(m["count"] is not None for a in answer["areas"] for m in a["months"]):
                    out.notes[f"{key} with counts, not modelled (no ED records placed)"] += 1
                continue
            frame = months_between(first, last)
            for area in answer["areas"]:
                out.observations += trend_observations(
                    area["code"],
                    area["population"],
                    area["months"],
                    frame,
                    f"{label} trends",
                    area["year_on_year"],
                )
    return out


# -- the dashboards' CSV downloads ----------------------------------------------------


def _csv(client: Client, params: dict[str, str]) -> tuple[int, list[dict[str, str]]]:
    response = client.get("/en/dashboard/", params)
    if response.status_code != 200 or not response["Content-Type"].startswith("text/csv"):
        return response.status_code, []
    if response.streaming:
        text = b"".join(response.streaming_content).decode("utf-8-sig")  # type: ignore[attr-defined]
    else:
        text = response.content.decode("utf-8-sig")
    return 200, list(csv.DictReader(io.StringIO(text)))


def _number(text: str | None) -> float | None:
    """A CSV cell's number; None for a blank, "no data" or the suppression mark."""
    if text is None or text.strip() in ("", "no data", "[c]"):
        return None
    return float(text)


def dashboard_csvs(
    client: Client,
    spans: Sequence[tuple[str, str]],
    boards: Sequence[str],
    first_month: str,
    label: str,
    board_areas: bool = True,
) -> Collected:
    """``GET /dashboard/?area=…&level=health_board&source=istv&category=violence&from=…
    &to=…&format=csv&table=areas|trend`` for Wales by health board and for each board.

    Areas CSV: reads ``code``, ``population``, ``count``, ``rate_per_1000``.
    Trend CSV: reads ``code``, ``month``, ``count``, ``rate_per_1000``, ``expected``,
    ``exceeds``; the per-board areas CSV (the API's totals within the board) only
    with ``board_areas``. (The trend learns from up to 24 months before ``from``, no earlier than
    the source's first month: the dashboard's documented history).
    """
    out = Collected()
    base = {"level": "health_board", "source": SOURCE, "category": "violence", "format": "csv"}
    for first, last in spans:
        months = months_between(first, last)
        for area in [WALES, *boards]:
            params = {**base, "area": area, "from": first, "to": last, "table": "areas"}
            status, rows = _csv(client, params) if area == WALES or board_areas else (0, [])
            out.requests += bool(status)
            out.notes[
                f"{label} dashboard areas CSV area={'wales' if area == WALES else 'board'}"
                f": {status}"
            ] += 1
            for row in rows:
                cells = _board_cells(row["code"], months)
                count, rate = _number(row["count"]), _number(row["rate_per_1000"])
                population = _number(row["population"])
                if count is not None:
                    out.observations.append(equal(cells, count, f"{label} dashboard areas"))
                elif rate is not None and population:
                    out.observations.append(
                        equal(
                            cells, rate * population / 1000, f"{label} dashboard areas", FLOAT_SLACK
                        )
                    )
                else:
                    out.observations.append(withheld(cells, f"{label} dashboard areas"))
            if area == WALES:
                continue
            params["table"] = "trend"
            status, rows = _csv(client, params)
            out.requests += 1
            out.notes[f"{label} dashboard trend CSV area=board: {status}"] += 1
            history = max(shift_month(first, -24), first_month)
            trend = [
                {
                    "month": r["month"],
                    "count": None if _number(r["count"]) is None else int(float(r["count"])),
                    "rate_per_1000": _number(r["rate_per_1000"]),
                    "expected": _number(r["expected"]),
                    "exceeds": r["exceeds"] or None,
                }
                for r in rows
            ]
            for code in sorted({r["code"] for r in rows}):
                out.observations += trend_observations(
                    code,
                    None,
                    [t for t, r in zip(trend, rows, strict=True) if r["code"] == code],
                    months_between(history, last),
                    f"{label} dashboard trend",
                )
    return out


# -- the monthly Violence Monitoring Reports -------------------------------------------


def _table(document: dict[str, Any], table_id: str) -> dict[str, Any] | None:
    for section in document["sections"]:
        for table in [f["table"] for f in section["figures"]] + section["tables"]:
            if table["id"] == table_id:
                return table
    return None


def report_observations(document: dict[str, Any], label: str = "report") -> list[Observation]:
    """One Violence Monitoring Report (its stored document, as JSON) as observations.

    Reads ``period.trend_from``, ``period.period_from``, ``period.month``; table
    ``ed_police`` rows ``code``, ``ed_assaults``, ``police_violence``, ``ratio``;
    table ``ed_police_monthly`` rows ``month``, ``ed``; table ``night_time`` rows
    ``day``, ``h00``…``h23`` over the months its ``caption_params`` ``first``/``last``
    state (else the report's 12 months); and the ``share`` parameter of the night-time
    sentence.
    """
    out: list[Observation] = []
    period = document["period"]
    board_table = _table(document, "ed_police")
    if board_table is None:
        return out
    boards = [r["code"] for r in board_table["rows"]]
    twelve = months_between(period["period_from"], period["month"])
    for row in board_table["rows"]:
        cells = _board_cells(row["code"], twelve)
        if row["ed_assaults"] is not None:
            out.append(equal(cells, row["ed_assaults"], f"{label} ED by board"))
        elif row["ratio"] is not None and row["police_violence"]:
            out.append(
                equal(
                    cells, row["ratio"] * row["police_violence"], f"{label} ED ratio", FLOAT_SLACK
                )
            )
        else:
            out.append(withheld(cells, f"{label} ED by board"))
    monthly = _table(document, "ed_police_monthly")
    for row in monthly["rows"] if monthly else []:
        cells = [(b, row["month"]) for b in boards]
        if row["ed"] is None:
            out.append(withheld(cells, f"{label} ED monthly"))
        else:
            out.append(equal(cells, row["ed"], f"{label} ED monthly"))
    night = _table(document, "night_time")
    if night is None:
        return out
    # The window the table states (a fixed calendar year), else the report's 12 months.
    window = night.get("caption_params") or {}
    if "first" in window and "last" in window:
        twelve = months_between(window["first"][1], window["last"][1])
    shown_night = 0.0
    night_hours = [(4, h) for h in range(20, 24)] + [(5, h) for h in range(6)]
    night_hours += [(5, h) for h in range(20, 24)] + [(6, h) for h in range(6)]
    for row in night["rows"]:
        day = int(row["day"])
        for hour in range(24):
            value = row[f"h{hour:02d}"]
            cells = [(b, m, str(day), str(hour)) for b in boards for m in twelve]
            if value is None:
                out.append(withheld(cells, f"{label} day x hour"))
            else:
                out.append(equal(cells, value, f"{label} day x hour"))
                if (day, hour) in night_hours:
                    shown_night += value
    for section in document["sections"]:
        if section["id"] != "night_time":
            continue
        for sentence in section["sentences"]:
            share = sentence["params"].get("share")
            if share and share[1]:
                every = [
                    (b, m, str(d), str(h))
                    for b in boards
                    for m in twelve
                    for d in range(7)
                    for h in range(24)
                ]
                out.append(equal(every, shown_night / share[1], f"{label} night share", 1e-6))
    return out
