"""Tables offered for download: one way to write them, for every app."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.http import HttpResponse

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value: Any) -> Any:
    """``value``, with text a spreadsheet would run as a formula made plain text.

    Partners type into the site, and a cell such as ``=HYPERLINK(...)`` opened in a
    spreadsheet runs; a leading apostrophe keeps it text. Numbers are left alone.

    >>> safe_cell("=1+1"), safe_cell("-3"), safe_cell("- note"), safe_cell(4)
    ("'=1+1", '-3', "'- note", 4)
    """
    if not isinstance(value, str) or not value:
        return value
    if value[0] in "=+@\t\r" or (value[0] == "-" and not _NUMBER.match(value)):
        return "'" + value
    return value


def csv_download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A CSV attachment (UTF-8, header first) named ``filename``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_bytes(sheets: Mapping[str, tuple[Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """A workbook with one sheet per entry (title → header and rows), header in bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, (header, rows) in sheets.items():
        sheet = book.create_sheet(title[:31])  # Excel's limit on a sheet's name
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_download(
    filename: str, sheets: Mapping[str, tuple[Sequence[str], Iterable[Sequence[Any]]]]
) -> HttpResponse:
    """An XLSX attachment named ``filename``, one sheet per entry of ``sheets``."""
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
