"""Words, numbers and dates in the report's language (English or Welsh).

The core has no Django, so reports carry their own gettext catalogue
(``locale/cy/LC_MESSAGES/reports.po``), read with Babel and compiled in memory,
and use Babel's CLDR data for month names and number formats.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import math
from functools import cache
from importlib import resources
from typing import Any, Literal

from babel.dates import format_date, get_day_names, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from diogel.sources.categories import CATEGORIES

Language = Literal["en", "cy"]
LANGUAGES: tuple[Language, ...] = ("en", "cy")

#: Shown in place of a value withheld by disclosure control (the ONS convention).
SUPPRESSED = "[c]"
#: Shown where there is no value (no baseline, no population).
MISSING = "–"


def _(message: str) -> str:
    """Mark ``message`` for translation; it is translated when the report is rendered."""
    return message


@cache
def _translations(language: Language) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    path = resources.files("diogel.reports") / "locale" / language / "LC_MESSAGES" / "reports.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


class ReportLocale:
    """Translation and formatting for one language.

    Examples
    --------
    >>> cy = ReportLocale("cy")
    >>> cy.month("2021-12"), cy.number(12345), cy.change(0.123)
    ('Rhagfyr 2021', '12,345', '+12.3%')
    >>> ReportLocale("en").month("2021-12")
    'December 2021'
    """

    def __init__(self, language: Language) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
        self.language: Language = language
        self._catalogue = _translations(language)

    @property
    def babel_locale(self) -> str:
        return "cy_GB" if self.language == "cy" else "en_GB"

    def gettext(self, message: str, **params: Any) -> str:
        text = self._catalogue.gettext(message)
        return text.format(**params) if params else text

    def ngettext(self, singular: str, plural: str, n: int, **params: Any) -> str:
        text = self._catalogue.ngettext(singular, plural, n)
        return text.format(n=self.number(n), **params)

    def category(self, code: str, capitalise: bool = True) -> str:
        """A harmonised category's label; lower case mid-sentence (Welsh and English)."""
        english, welsh = CATEGORIES.get(code, (code, code))
        label = welsh if self.language == "cy" else english
        return label if capitalise else label[0].lower() + label[1:]

    def number(self, value: float | int | None, decimals: int = 0) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return MISSING
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return str(format_decimal(value, pattern, locale=self.babel_locale))

    def change(self, ratio_minus_one: float | None, decimals: int = 1) -> str:
        """A proportional change as a signed percentage (0.123 -> +12.3%)."""
        if ratio_minus_one is None or not math.isfinite(ratio_minus_one):
            return MISSING
        percent = ratio_minus_one * 100
        sign = "+" if percent > 0 else ("−" if percent < 0 else "")
        return f"{sign}{self.number(abs(percent), decimals)}%"

    def money(self, value: float | None) -> str:
        return MISSING if value is None else "£" + self.number(value)

    def month(self, month: str) -> str:
        """``YYYY-MM`` as "December 2021" / "Rhagfyr 2021"."""
        day = dt.date.fromisoformat(f"{month}-01")
        return str(format_date(day, "LLLL y", locale=self.babel_locale))

    def short_month(self, month: str) -> str:
        day = dt.date.fromisoformat(f"{month}-01")
        return str(format_date(day, "LLL y", locale=self.babel_locale))

    def date(self, day: dt.date) -> str:
        return str(format_date(day, "d MMMM y", locale=self.babel_locale))

    def day_names(self) -> list[str]:
        """Monday first, as the time profiles are laid out."""
        names = get_day_names("wide", "format", self.babel_locale)
        return [str(names[i]) for i in range(7)]

    def d3_format_locale(self) -> dict[str, Any]:
        """A d3-format locale for Vega charts (Welsh and English share symbols)."""
        return {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["£", ""]}

    def d3_time_format_locale(self) -> dict[str, Any]:
        """A d3-time-format locale built from CLDR, so chart axes speak the language."""
        wide = get_day_names("wide", "format", self.babel_locale)
        short = get_day_names("abbreviated", "format", self.babel_locale)
        months = get_month_names("wide", "stand-alone", self.babel_locale)
        short_months = get_month_names("abbreviated", "stand-alone", self.babel_locale)
        sunday_first = [6, 0, 1, 2, 3, 4, 5]
        return {
            "dateTime": "%a %e %b %X %Y",
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [str(wide[i]) for i in sunday_first],
            "shortDays": [str(short[i]) for i in sunday_first],
            "months": [str(months[i]) for i in range(1, 13)],
            "shortMonths": [str(short_months[i]).rstrip(".") for i in range(1, 13)],
        }
