"""``diogel counts`` never answers a question it cannot answer with an empty list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.sources.categories import CATEGORIES
from diogel.sources.registry import shipped_sources
from tests.conftest import SHARED_DATA

runner = CliRunner()
INCIDENT_SOURCES = [s for s in shipped_sources() if s != "police_uk_outcomes"]


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The real data is needed: fail, never skip, when it is missing.
    assert SHARED_DATA.is_dir(), f"{SHARED_DATA} is missing"
    monkeypatch.setenv("DIOGEL_DATA_DIR", str(SHARED_DATA))
    monkeypatch.setenv("DIOGEL_VAR_DIR", str(tmp_path / "var"))


def counts(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["counts", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("source", ["police-uk", "no-such-source", "Police_UK_Street", ""])
def test_an_unknown_source_is_refused_naming_the_sources(source: str) -> None:
    code, out, err = counts("--by", "month", "--source", source, "--json")
    assert code == 2
    assert out == ""
    assert f"unknown source {source!r}" in err
    for known in INCIDENT_SOURCES:
        assert known in err


def test_the_ingest_command_name_points_to_its_source() -> None:
    _, _, err = counts("--source", "police-uk")
    assert "its source is police_uk_street" in err


def test_outcomes_are_not_incidents() -> None:
    code, _, err = counts("--source", "police_uk_outcomes")
    assert code == 2
    assert "not incidents" in err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--category", "violent"), "unknown category 'violent'; choose from violence"),
        (("--by", "colour"), "unknown dimension(s) colour; choose from month"),
        (("--from", "May"), "'May' is not a month (YYYY-MM"),
        (("--to", "2021-13"), "'2021-13' is not a month"),
        (("--from", "2021-1"), "'2021-1' is not a month"),
        (("--from", "2021-05", "--to", "2021-04"), "--from 2021-05 is after --to 2021-04"),
        (("--area", "Newprt"), "no area is called 'Newprt'"),
    ],
)
def test_unanswerable_questions_exit_2_with_the_valid_values(
    args: tuple[str, ...], says: str
) -> None:
    code, out, err = counts(*args, "--json")
    assert code == 2
    assert out == ""
    assert says in err


def test_an_unknown_category_lists_every_category() -> None:
    _, _, err = counts("--category", "nope")
    assert all(c in err for c in CATEGORIES)


def test_an_unknown_area_suggests_areas() -> None:
    _, _, err = counts("--area", "Newpor")
    assert "did you mean" in err
    assert "W06000022 (Newport)" in err


@pytest.mark.parametrize("source", ["istv", "fire", "police_uk_street"])
def test_a_known_source_with_no_data_says_so_and_prints_valid_json(source: str) -> None:
    code, out, err = counts("--by", "month", "--source", source, "--json")
    assert code == 0
    assert json.loads(out) == []
    assert "no data" in err


@pytest.mark.django_db  # the import is recorded in the site's audit trail
def test_a_known_source_not_imported_says_no_data_for_it(shared_data: Path) -> None:
    path = shared_data / "police-uk" / "gwent" / "2021-05-gwent-street.csv"
    assert runner.invoke(app, ["ingest", "police-uk", str(path)]).exit_code == 0
    code, out, err = counts("--by", "month", "--source", "istv", "--json")
    assert (code, json.loads(out)) == (0, [])
    assert "no data for source istv" in err
    code, out, err = counts("--source", "police_uk_street", "--from", "2022-01", "--json")
    assert (code, json.loads(out)) == (0, [])
    assert "no current incidents match" in err
    code, out, err = counts("--source", "police_uk_street", "--category", "asb", "--json")
    assert code == 0
    assert json.loads(out)[0]["count"] > 0
    assert err == ""


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.text(min_size=1, max_size=30).filter(lambda s: s not in shipped_sources()))
def test_any_unknown_source_is_refused(source: str) -> None:
    result = runner.invoke(app, ["counts", f"--source={source}", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "choose from police_uk_street" in result.stderr
