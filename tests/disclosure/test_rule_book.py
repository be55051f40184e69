"""Disclosure rules per source and per agreement: the strictest applies to the data an
agreement brought in, every output follows it, and a bad rules file names its entry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from diogel.disclosure.rules import DisclosureRule, RulesFileError, load_rule_book
from diogel.figures import FigureQuery, area_totals
from diogel.geography import Geography, Level
from diogel.sources.istv import parse_istv_file
from diogel.sources.synthetic.istv import site_health_boards, write_months
from diogel.warehouse import Warehouse
from diogel.warehouse.imports import import_parsed


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_strictest_rule_of_source_and_agreements_applies(tmp_path: Path) -> None:
    book = load_rule_book(
        write(
            tmp_path,
            '[sources.istv]\nhigh = 5\n[agreements."ISP-A"]\nhigh = 9\n'
            '[agreements."ISP-B"]\nrounding = 5\nbase_level = "police_force_area"\n',
        )
    )
    assert book.rule("istv") == DisclosureRule(high=5)
    assert book.rule("istv", frozenset({"ISP-A", "ISP-B"})) == DisclosureRule(high=9, rounding=5)
    assert book.base_level("istv") is Level.HEALTH_BOARD
    assert book.base_level("istv", frozenset({"ISP-B"})) is Level.POLICE_FORCE_AREA
    assert not book.rule("police_uk_street", frozenset({"ISP-A"})).suppress


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[sources.istv]\nhigh = 0\n", r"\[sources.istv\]: high must be a whole number"),
        ("[sources.istv]\ncolour = 1\n", r"\[sources.istv\]: unknown field"),
        ('[agreements."X"]\nrounding = 1\n', r"\[agreements.X\]: rounding base must be 2"),
        ('[agreements."X"]\nbase_level = "lsoa11"\n', "base_level must be one of"),
        ("[people]\n", "unknown table"),
        ("[sources.istv\n", "rules.toml"),
    ],
)
def test_a_bad_rules_file_names_the_entry(tmp_path: Path, text: str, says: str) -> None:
    with pytest.raises(RulesFileError, match=says):
        load_rule_book(write(tmp_path, text))


def test_figures_follow_the_agreement_the_data_came_under(
    tmp_path: Path, geo: Geography, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = Warehouse(tmp_path / "warehouse")
    sites = site_health_boards()
    for path in write_months(tmp_path / "istv", dt.date(2021, 1, 1), 1):
        parsed = parse_istv_file(path, site_health_boards=sites)
        import_parsed(warehouse, parsed, path, geo, "test", agreement="ISP-ED")
    query = FigureQuery(Level.HEALTH_BOARD, None, None, "istv", "2021-01", "2021-01")
    default = {a.code: a for a in area_totals(geo, warehouse, query).areas}
    rules = write(tmp_path, '[agreements."ISP-ED"]\nhigh = 1000\n')
    monkeypatch.setenv("DIOGEL_DISCLOSURE_RULES_FILE", str(rules))
    strict = {a.code: a for a in area_totals(geo, warehouse, query).areas}
    shown = [c for c, a in default.items() if a.state == "value" and (a.count or 0) > 0]
    assert shown, "some boards are published under the default rule"
    for code in shown:
        assert strict[code].state == "withheld"  # every count up to 1,000 withheld
