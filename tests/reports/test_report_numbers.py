"""Acceptance: every number in the Gwent December 2021 Violence Monitoring Report,
in English and Welsh, HTML and PDF, equals what ``diogel counts`` and
``diogel analyse`` print for the same query.

The report's tables are read back from the rendered output as text (the way a
reader sees them) and compared with the command line's JSON, allowing only the
rounding of the displayed figure.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import pytest
from typer.testing import CliRunner

from diogel.analysis.trends import month_range
from diogel.cli.main import app
from diogel.reports import Renderer, ReportDocument
from diogel.reports.i18n import MISSING, SUPPRESSED, Language, ReportLocale
from tests.reports.conftest import ANEURIN_BEVAN, GWENT_FORCE, MONTH
from tests.reports.report_tables import category_code, decimals, html_tables, month_code, number

pytestmark = pytest.mark.slow
runner = CliRunner()
FIRST = "2020-01"  # the first month of data: the report's trend window starts here
YEAR_FIRST = "2021-01"
MONTHS = [m.strftime("%Y-%m") for m in month_range(FIRST, MONTH)]


def cli_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def close(text: str, expected: float | None) -> bool:
    shown = number(text)
    if shown is None or expected is None:
        return shown is None and expected is None
    return abs(shown - expected) <= 0.5 * 10 ** -decimals(text) + 1e-9


@pytest.fixture(scope="module", params=["en", "cy"])
def rendered(
    request: pytest.FixtureRequest, gwent_december: ReportDocument, geojson: Any
) -> tuple[str, dict[str, list[dict[str, str]]], str]:
    language = request.param
    renderer = Renderer(language, geojson)
    html = renderer.html(gwent_december)
    return language, html_tables(html), html


@pytest.fixture(scope="module")
def cli(cli_env_module: None) -> dict[str, Any]:
    """The command line's answers to the report's queries."""
    out: dict[str, Any] = {}
    police = ("--source", "police_uk_street", "--area", GWENT_FORCE)
    out["month_by_category"] = cli_json("counts", "--by", "month,category", *police)
    out["year_by_category"] = cli_json(
        "counts", "--by", "category", *police, "--from", YEAR_FIRST, "--to", MONTH
    )
    out["trends"] = {
        category: cli_json(
            "analyse",
            "trends",
            "--level",
            "police_force_area",
            *police,
            "--category",
            category,
            "--from",
            FIRST,
            "--to",
            MONTH,
        )["areas"][0]
        for category in (
            "violence",
            "robbery",
            "possession_of_weapons",
            "public_order",
            "criminal_damage_arson",
            "drugs",
            "asb",
        )
    }
    out["hotspots"] = cli_json(
        "analyse",
        "hotspots",
        *police,
        "--category",
        "violence",
        "--rate",
        "--from",
        YEAR_FIRST,
        "--to",
        MONTH,
    )
    out["ed_months"] = cli_json("counts", "--by", "reporting_area,month", "--source", "istv")
    out["police_by_board"] = cli_json(
        "counts", "--by", "health_board,month,category", "--source", "police_uk_street"
    )
    out["hidden_harm"] = cli_json("analyse", "hidden-harm", "--from", YEAR_FIRST, "--to", MONTH)
    out["time_profile"] = cli_json(
        "analyse",
        "time-profile",
        "--area",
        ANEURIN_BEVAN,
        "--source",
        "istv",
        "--from",
        YEAR_FIRST,
        "--to",
        MONTH,
    )
    return out


@pytest.fixture(scope="module")
def cli_env_module(hub_var: Any, shared_data: Any) -> Any:
    patch = pytest.MonkeyPatch()
    patch.setenv("DIOGEL_VAR_DIR", str(hub_var))
    patch.setenv("DIOGEL_DATA_DIR", str(shared_data))
    yield None
    patch.undo()


def flag_text(exceeds: str | None, language: Language) -> str:
    locale = ReportLocale(language)
    labels = {"above": "Above expected range", "below": "Below expected range"}
    return locale.gettext(labels[exceeds]) if exceeds else MISSING


def counts_for(rows: list[dict[str, Any]], **keys: str) -> int:
    return sum(r["count"] for r in rows if all(r.get(k) == v for k, v in keys.items()))


def test_headline_figures_equal_counts_and_trends(rendered: Any, cli: dict[str, Any]) -> None:
    language, tables, _html = rendered
    rows = tables["headline"]
    assert len(rows) == 7
    for row in rows:
        category = category_code(row["category"], language)
        monthly = cli["month_by_category"]
        assert number(row["count"]) == counts_for(monthly, month=MONTH, category=category)
        assert number(row["previous"]) == counts_for(monthly, month="2020-12", category=category)
        trend = cli["trends"][category]
        december = trend["months"][-1]
        assert december["month"] == MONTH
        assert close(row["expected"], december["expected"])
        assert row["flag"] == flag_text(december["exceeds"], language), category
        yoy = trend["year_on_year"]
        assert number(row["twelve_months"]) == yoy["current"]
        assert number(row["previous_twelve_months"]) == yoy["previous"]
        assert close(row["change_twelve_months"], (yoy["ratio"] - 1) * 100)
        this_month = number(row["count"]) or 0
        last_year = number(row["previous"]) or 0
        assert close(row["change"], (this_month / last_year - 1) * 100)
        assert close(row["rate_twelve_months"], yoy["current"] / trend["population"] * 1000)


def test_trend_table_equals_analyse_trends(rendered: Any, cli: dict[str, Any]) -> None:
    language, tables, _html = rendered
    locale = ReportLocale(language)
    rows = tables["trend_violence"]
    months = {m["month"]: m for m in cli["trends"]["violence"]["months"]}
    assert len(rows) == len(MONTHS) == 24
    for row in rows:
        expected = months[month_code(row["month"], locale, MONTHS)]
        assert number(row["count"]) == expected["count"]
        assert number(row["rolling_12"]) == expected["rolling_12"]
        assert close(row["expected"], expected["expected"])
        assert row["flag"] == flag_text(expected["exceeds"], language)


def test_categories_equal_counts(rendered: Any, cli: dict[str, Any]) -> None:
    language, tables, _html = rendered
    year = {r["category"]: r["count"] for r in cli["year_by_category"]}
    rows = tables["categories"]
    assert {category_code(r["category"], language) for r in rows} == set(year)
    for row in rows:
        category = category_code(row["category"], language)
        assert number(row["twelve_months"]) == year[category]
        assert number(row["count"]) == counts_for(
            cli["month_by_category"], month=MONTH, category=category
        )


def test_hotspots_equal_analyse_hotspots(
    rendered: Any, cli: dict[str, Any], gwent_december: ReportDocument
) -> None:
    _language, tables, _html = rendered
    by_code = {a["code"]: a for a in cli["hotspots"]["areas"]}
    hot = [a for a in cli["hotspots"]["areas"] if a["class"].startswith("hot")]
    rows = tables["hotspots_violence"]
    assert len(rows) == min(15, len(hot)) > 0
    for row in rows:
        expected = by_code[row["code"]]
        assert number(row["count"]) == expected["count"]
        assert close(row["z"], expected["z"])
        assert close(row["p_adjusted"], expected["p_adjusted"])
    # The map outlines exactly the hotspots the command line finds.
    figure = next(f for s in gwent_december.sections for f in s.figures if f.kind == "map")
    assert set(figure.options["hot"]) == {a["code"] for a in hot}


def test_ed_and_police_equal_counts(rendered: Any, cli: dict[str, Any]) -> None:
    language, tables, _html = rendered
    locale = ReportLocale(language)
    ed: defaultdict[str, int] = defaultdict(int)
    for r in cli["ed_months"]:
        if r["reporting_area"] == ANEURIN_BEVAN:
            ed[r["month"]] += r["count"]
    police: defaultdict[str, int] = defaultdict(int)
    for r in cli["police_by_board"]:
        if r["health_board"] == ANEURIN_BEVAN and r["category"] == "violence":
            police[r["month"]] += r["count"]
    for row in tables["ed_police_monthly"]:
        month = month_code(row["month"], locale, MONTHS)
        assert number(row["police"]) == police[month]
        if row["ed"] != SUPPRESSED:
            assert number(row["ed"]) == ed[month]
        else:
            assert 1 <= ed[month] <= 4
    board = next(a for a in cli["hidden_harm"]["areas"] if a["code"] == ANEURIN_BEVAN)
    (row,) = tables["ed_police"]
    assert number(row["ed_assaults"]) == board["ed_assaults"]
    assert number(row["police_violence"]) == board["police_violence"]
    assert close(row["ratio"], board["ratio"])
    assert close(row["ci_low"], board["ci95"][0])
    assert close(row["ci_high"], board["ci95"][1])


def test_night_time_profile_equals_analyse_time_profile(rendered: Any, cli: dict[str, Any]) -> None:
    _language, tables, _html = rendered
    rows = tables["night_time"]
    assert len(rows) == 7
    withheld = 0
    for row, cli_row in zip(rows, cli["time_profile"]["cells"], strict=True):
        for hour in range(24):
            shown, expected = row[f"h{hour:02d}"], cli_row[hour]
            if expected is None:
                assert shown == SUPPRESSED
                withheld += 1
            else:
                assert number(shown) == float(expected)
    assert withheld == cli["time_profile"]["suppressed"]


def test_summary_sentence_says_what_the_headline_shows(rendered: Any) -> None:
    language, tables, html = rendered
    violence = tables["headline"][0]
    change = violence["change"].lstrip("+−")
    if language == "en":
        assert f"Violence rose by {change} on December 2020, to {violence['count']}" in html
        assert "above its expected range" in html
    else:
        assert f"Cododd trais {change} o'i gymharu â mis Rhagfyr 2020, i {violence['count']}" in (
            html.replace("&#39;", "'")
        )


@pytest.mark.parametrize("language", ["en", "cy"])
def test_pdf_shows_the_same_numbers(
    language: Language, gwent_december: ReportDocument, geojson: Any
) -> None:
    """Every numeric cell of every table appears in the PDF's text, in table order."""
    import pypdfium2 as pdfium

    renderer = Renderer(language, geojson)
    tables = html_tables(renderer.html(gwent_december, pdf=True))
    pdf = pdfium.PdfDocument(renderer.pdf(gwent_december))
    text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    tokens = text.split()
    assert len(pdf) >= 6
    position = checked = 0
    for table_id, rows in tables.items():
        for row in rows:
            for key, cell in row.items():
                if key in ("code", "lsoa11") or not any(ch.isdigit() for ch in cell):
                    continue
                if " " in cell or (not cell[-1].isdigit() and not cell.endswith("%")):
                    continue
                checked += 1
                try:
                    position = tokens.index(cell, position) + 1
                except ValueError:
                    pytest.fail(f"{language} PDF: {table_id} {key}={cell!r} not found in order")
    assert checked > 300
