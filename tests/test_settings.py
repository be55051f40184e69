from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diogel.settings import SETTINGS, SettingsError, load_settings, settings_markdown
from tests.conftest import REPO_ROOT


def test_defaults_give_embedded_sqlite_and_var_warehouse() -> None:
    s = load_settings({})
    assert s.var_dir == Path("./var")
    assert s.warehouse_dir == Path("./var/warehouse")
    assert s.effective_database_url.startswith("sqlite:///")
    assert s.effective_database_url.endswith("var/diogel.sqlite3")
    assert s.port == 8000
    assert s.demo is False


def test_database_url_and_paths_from_environment() -> None:
    s = load_settings(
        {
            "DATABASE_URL": "postgresql://u@db:5432/diogel",
            "DIOGEL_VAR_DIR": "/srv/diogel",
            "DIOGEL_ALLOWED_HOSTS": "a.example, b.example ,",
            "DIOGEL_DEMO": "yes",
        }
    )
    assert s.effective_database_url == "postgresql://u@db:5432/diogel"
    assert s.warehouse_dir == Path("/srv/diogel/warehouse")
    assert s.allowed_hosts == ("a.example", "b.example")
    assert s.demo is True


@pytest.mark.parametrize(
    ("env", "value"),
    [("PORT", "eighty"), ("PORT", "70000"), ("DIOGEL_DEBUG", "perhaps")],
)
def test_bad_values_name_the_variable(env: str, value: str) -> None:
    with pytest.raises(SettingsError, match=env):
        load_settings({env: value})


@given(st.integers(min_value=1, max_value=65535))
def test_any_valid_port_round_trips(port: int) -> None:
    assert load_settings({"PORT": str(port)}).port == port


@given(st.text())
def test_bool_parsing_either_parses_or_names_the_variable(raw: str) -> None:
    try:
        load_settings({"DIOGEL_DEMO": raw})
    except SettingsError as exc:
        message = str(exc)
    else:
        return
    assert "DIOGEL_DEMO" in message


def test_every_setting_has_a_description_and_unique_variable() -> None:
    names = [s.env for s in SETTINGS]
    assert len(names) == len(set(names))
    assert all(s.description.endswith(".") for s in SETTINGS)


def test_settings_documentation_matches_the_code() -> None:
    documented = (REPO_ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert documented == settings_markdown(), "run `make docs` to regenerate docs/settings.md"


def test_the_longest_run_of_months_a_request_may_ask_for() -> None:
    assert load_settings({}).max_months == 120
    assert load_settings({"DIOGEL_MAX_MONTHS": "36"}).max_months == 36
    for bad in ("0", "-1", "ten"):
        with pytest.raises(SettingsError, match="DIOGEL_MAX_MONTHS"):
            load_settings({"DIOGEL_MAX_MONTHS": bad})
