"""Reading a rendered report back as a reader would: its tables' cell texts,
turned into numbers with the report language's conventions."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from diogel.reports.i18n import MISSING, SUPPRESSED, ReportLocale
from diogel.sources.categories import CATEGORIES


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict[str, Any]] = {}
        self._table: dict[str, Any] | None = None
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and attributes.get("data-table"):
            self._table = {"columns": [], "rows": []}
            self.tables[str(attributes["data-table"])] = self._table
        elif self._table is None:
            return
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and not self._in_head:
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
            if self._in_head:
                self._table["columns"].append(attributes.get("data-key"))

    def handle_endtag(self, tag: str) -> None:
        if self._table is None:
            return
        if tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None:
            if not self._in_head and self._row is not None:
                self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if len(self._row) == len(self._table["columns"]):
                self._table["rows"].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_tables(html: str) -> dict[str, list[dict[str, str]]]:
    """Every data table in the HTML: rows as {column key: displayed text}."""
    parser = _Tables()
    parser.feed(html)
    return {
        table_id: [dict(zip(t["columns"], row, strict=True)) for row in t["rows"]]
        for table_id, t in parser.tables.items()
    }


def number(text: str) -> float | None:
    """A displayed number (1,821 / +33.9% / −20.9% / £14,050) or None for – and [c]."""
    if text in (MISSING, SUPPRESSED, ""):
        return None
    cleaned = text.replace(",", "").replace("£", "").replace("%", "").replace("−", "-")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", cleaned):
        raise ValueError(f"not a number: {text!r}")
    return float(cleaned)


def category_code(text: str, language: str) -> str:
    for code, (english, welsh) in CATEGORIES.items():
        if text == (welsh if language == "cy" else english):
            return code
    raise ValueError(f"not a category label: {text!r}")


def month_code(text: str, locale: ReportLocale, months: list[str]) -> str:
    for month in months:
        if locale.month(month) == text:
            return month
    raise ValueError(f"not a month: {text!r}")


def decimals(text: str) -> int:
    match = re.search(r"\.(\d+)", text)
    return len(match.group(1)) if match else 0
