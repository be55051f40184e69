"""Scorecards to take away: CSV and XLSX (one row per area and measure) and a tagged A4
PDF in the page's language."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

from diogel.reports.i18n import SUPPRESSED
from diogel.web.core.downloads import csv_download
from diogel.web.performance.scorecards import Row, Scorecard

HEADER = [
    "area", "area_name", "measure", "measure_name", "level", "type", "method", "unit",
    "period", "value", "status", "target", "rag", "trend", "change", "objectives",
    "recommendations",
]  # fmt: skip

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _line(card: Scorecard, row: Row) -> list[Any]:
    core, m = row.core, row.measure
    return [
        card.area,
        card.name,
        m.code,
        m.name,
        m.level,
        m.measure_type,
        m.method,
        m.unit,
        core.period or "",
        "" if core.value is None else core.value,
        row.status,
        "" if core.target is None else core.target,
        core.rag.value if core.rag else "",
        core.trend.direction.value if core.trend else "",
        "" if core.trend is None or core.trend.change is None else core.trend.change,
        " ".join(m.objectives),
        " ".join(m.recommendations),
    ]


def scorecard_csv(stem: str, cards: list[Scorecard]) -> HttpResponse:
    return csv_download(
        f"{stem}.csv", HEADER, [_line(card, row) for card in cards for row in card.rows]
    )


def scorecard_xlsx(stem: str, cards: list[Scorecard], title: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Scorecard"
    book.properties.title = title
    book.properties.language = get_language() or "en"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for card in cards:
        for row in card.rows:
            sheet.append(_line(card, row))
    for column, width in (("B", 24), ("D", 48), ("K", 12)):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response


def scorecard_pdf(
    request: HttpRequest, stem: str, cards: list[Scorecard], title: str
) -> HttpResponse:
    from weasyprint import HTML

    html = render_to_string(
        "performance/scorecard_pdf.html",
        {
            "cards": cards,
            "title": title,
            "language": get_language() or "en",
            "generated": dt.date.today().isoformat(),
            "suppressed_symbol": SUPPRESSED,
        },
        request=request,
    )
    pdf: bytes = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        pdf_tags=True
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{stem}.pdf"'
    return response
