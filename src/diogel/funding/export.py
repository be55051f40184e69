"""The funding views as CSV files and as an XLSX workbook, one sheet per view.

Each view is a :class:`Table` of typed columns: text, money (pounds to the penny)
or share (a fraction to four places). CSV writes money as ``624545.00``; the
workbook writes numbers with a number format of the same places, so
:func:`read_xlsx` reads a workbook back to exactly the CSV rows.

Examples
--------
>>> from diogel.funding import load_funding
>>> t = tables(load_funding())
>>> list(t)[:3]
['by source', 'by theme', 'by area']
>>> for row in csv_rows(t["by area"]):
...     print(row)
['area', 'name', 'committed', 'allocated', 'spent']
['W15000003', 'Gwent', '', '624545.00', '0.00']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal, cast

from openpyxl import Workbook, load_workbook

from diogel.funding.model import Funding, pounds
from diogel.funding.views import (
    ViewRow,
    by_area,
    by_objective,
    by_source,
    by_theme,
    by_year,
    funding_lines,
    pool_shares,
)
from diogel.landscape.areas import AreaIndex

__all__ = ["Column", "Table", "csv_rows", "read_xlsx", "tables", "write_csv", "write_xlsx"]

Kind = Literal["text", "money", "share"]
Cell = str | Decimal | None
_PLACES = {"money": 2, "share": 4}
_FORMATS = {"money": "#,##0.00", "share": "0.0000"}


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "text"


@dataclass(frozen=True)
class Table:
    """A view's header and rows; money and shares as Decimal, blanks as None."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _money(pence: int | None) -> Decimal | None:
    return None if pence is None else pounds(pence)


_VIEW_COLUMNS = (Column("committed", "money"), Column("allocated", "money"),
                 Column("spent", "money"))  # fmt: skip


def _view(first: str, rows: Sequence[ViewRow]) -> Table:
    return Table(
        (Column(first), Column("name"), *_VIEW_COLUMNS),
        tuple(
            (r.key, r.label, _money(r.committed), _money(r.allocated), _money(r.spent))
            for r in rows
        ),
    )


def _table(names: list[str], rows: list[list[Cell]]) -> Table:
    """A table from ``name`` or ``name:kind`` column specifications."""
    columns = []
    for spec in names:
        name, _, kind = spec.partition(":")
        columns.append(Column(name, cast(Kind, kind or "text")))
    return Table(tuple(columns), tuple(tuple(r) for r in rows))


def tables(
    funding: Funding, areas: AreaIndex | None = None, objectives: dict[str, str] | None = None
) -> dict[str, Table]:
    """Every view as a table, by sheet name (at most 31 characters, for XLSX)."""
    out = {
        "by source": _view("source", by_source(funding)),
        "by theme": _view("theme", by_theme(funding)),
        "by area": _view("area", by_area(funding, areas)),
        "by objective": _view("objective", by_objective(funding, objectives)),
        "by year": _view("financial year", by_year(funding)),
    }
    money = ("committed", "allocated", "spent", "unallocated", "unspent")
    out["committed allocated spent"] = _table(
        ["code", "kind", "name", "source", *(f"{m}:money" for m in money)],
        [
            [x.code, x.kind, x.name, x.source] + [pounds(getattr(x, m)) for m in money]
            for x in funding_lines(funding)
        ],
    )
    out["pooled budget shares"] = _table(
        ["pooled budget", "partner", "status", "amount:money", "share:share"],
        [
            [s.pooled_budget, s.partner, s.status, pounds(s.amount), s.share]
            for s in pool_shares(funding)
        ],
    )
    out["allocations"] = _table(
        ["code", "funding", "amount:money", "project", "objective", "theme", "area", "year"],
        [
            [
                a.code,
                a.funding,
                pounds(a.amount),
                a.project,
                a.objective,
                a.theme.value if a.theme else None,
                a.area,
                a.year,
            ]
            for a in funding.allocations
        ],
    )
    return out


def _text(kind: Kind, value: object) -> str:
    if value is None:
        return ""
    if kind == "text":
        return str(value)
    places = _PLACES[kind]
    number = value if isinstance(value, Decimal) else Decimal(repr(value))
    return f"{number:.{places}f}"


def csv_rows(table: Table) -> list[list[str]]:
    """The header and rows as text, as the CSV file holds them."""
    kinds = [c.kind for c in table.columns]
    return [[c.name for c in table.columns]] + [
        [_text(k, v) for k, v in zip(kinds, row, strict=True)] for row in table.rows
    ]


def write_csv(funding: Funding, directory: Path, areas: AreaIndex | None = None) -> list[Path]:
    """One CSV file per view in ``directory`` (``by-source.csv``, ...); the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables(funding, areas).items():
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(csv_rows(table))
        path = directory / f"{name.replace(' ', '-')}.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        written.append(path)
    return written


def write_xlsx(funding: Funding, path: Path, areas: AreaIndex | None = None) -> Path:
    """A workbook with one sheet per view, amounts as numbers formatted to the penny."""
    book = Workbook()
    for blank in book.worksheets:
        book.remove(blank)
    for name, table in tables(funding, areas).items():
        sheet = book.create_sheet(name)
        sheet.append([c.name for c in table.columns])
        for row in table.rows:
            sheet.append(list(row))
        for i, column in enumerate(table.columns, 1):
            if column.kind == "text":
                continue
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = _FORMATS[column.kind]
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def read_xlsx(path: Path) -> dict[str, list[list[str]]]:
    """A workbook's sheets as text rows, numbers to the places their format shows
    (so a workbook from :func:`write_xlsx` reads back to the CSV rows)."""
    book = load_workbook(path, read_only=True)
    out: dict[str, list[list[str]]] = {}
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                value = getattr(cell, "value", None)
                fmt = getattr(cell, "number_format", "General")
                if isinstance(value, int | float) and not isinstance(value, bool):
                    kind: Kind = "share" if fmt == _FORMATS["share"] else "money"
                    cells.append(_text(kind, value))
                else:
                    cells.append("" if value is None else str(value))
            rows.append(cells)
        out[sheet.title] = rows
    book.close()
    return out
