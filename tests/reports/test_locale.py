"""Report language: catalogue completeness, placeholders, locale formats."""

from __future__ import annotations

import re
import string
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

import diogel.reports
from diogel.reports.i18n import Language, ReportLocale
from tests.reports.report_tables import number

PACKAGE = Path(diogel.reports.__file__).parent
CATALOGUE = PACKAGE / "locale" / "cy" / "LC_MESSAGES" / "reports.po"


def _extracted() -> set[str]:
    found = extract_from_dir(
        PACKAGE,
        [("**.py", "python"), ("**/templates/**.j2", "jinja2")],
        keywords={"_": None, "gettext": None},
    )
    return {message for _f, _l, message, _c, _ctx in found if isinstance(message, str)}


def _placeholders(text: str) -> set[str]:
    return {name for _t, name, _f, _c in string.Formatter().parse(text) if name}


def test_every_report_message_has_a_welsh_translation() -> None:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="cy")
    translated = {m.id: m.string for m in catalogue if m.id}
    messages = _extracted()
    assert len(messages) > 100
    missing = sorted(m for m in messages if not translated.get(m))
    assert not missing, f"untranslated report messages (run scripts/report_messages.py): {missing}"


def test_welsh_translations_keep_every_placeholder() -> None:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="cy")
    for message in catalogue:
        if message.id and message.string:
            # Welsh may use {category} (lower case, mid-sentence) where English starts
            # with {Category}: the builders pass both.
            source = {p.lower() for p in _placeholders(str(message.id))}
            welsh = {p.lower() for p in _placeholders(str(message.string))}
            assert source == welsh, message.id


def test_welsh_sentences_avoid_mutating_prepositions_before_names() -> None:
    """Place and month names are not mutated by Diogel: Welsh messages put "ardal" or
    "mis" between a mutating preposition (yn, o, i, at) and a name or month."""
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="cy")
    pattern = re.compile(
        r"\b(yn|Yn|o|i|at) \{(area|board|first|last|month|period_first|category)\}"
    )
    bad = [str(m.string) for m in catalogue if m.string and pattern.search(str(m.string))]
    assert not bad


def test_month_names_and_numbers_follow_the_locale() -> None:
    en, cy = ReportLocale("en"), ReportLocale("cy")
    assert en.month("2021-06") == "June 2021"
    assert cy.month("2021-06") == "Mehefin 2021"
    assert cy.day_names()[0] == "Dydd Llun"
    assert en.change(-0.209) == "−20.9%"
    assert cy.number(12345.678, 1) == "12,345.7"
    assert cy.d3_time_format_locale()["months"][11] == "Rhagfyr"


@given(st.integers(min_value=-(10**9), max_value=10**9), st.sampled_from(["en", "cy"]))
def test_numbers_read_back_as_written(value: int, language: Language) -> None:
    assert number(ReportLocale(language).number(value)) == value


@given(st.floats(min_value=-0.99, max_value=50, allow_nan=False), st.sampled_from(["en", "cy"]))
def test_changes_read_back_within_rounding(value: float, language: Language) -> None:
    shown = ReportLocale(language).change(value)
    assert abs((number(shown) or 0) - value * 100) <= 0.05 + 1e-9
