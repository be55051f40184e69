"""Whether a generated report still matches the warehouse, and reading a
report's document back out of its HTML or PDF.

A report lists the imports it was built from. It is out of date when one of
them has since been superseded (or purged when its retention ended), or when a
newer import covers part of its period (a late file, a resubmission);
regenerating it would change numbers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from diogel.geography import Level
from diogel.reports.document import ReportDocument
from diogel.reports.measures import ReportContext, imports_used

DOCUMENT_NAME = "diogel-report.json"


@dataclass(frozen=True)
class Staleness:
    superseded: list[int]  # imports used that are no longer current (superseded or purged)
    newer: list[int]  # current imports in the period the report did not use

    @property
    def stale(self) -> bool:
        return bool(self.superseded or self.newer)

    def describe(self) -> str:
        if not self.stale:
            return "up to date: the warehouse holds the same imports for this report's period"
        parts = []
        if self.superseded:
            parts.append(
                f"imports used now superseded or purged: {', '.join(map(str, self.superseded))}"
            )
        if self.newer:
            parts.append(f"newer imports in its period: {', '.join(map(str, self.newer))}")
        return "out of date (regenerate to update): " + "; ".join(parts)


def staleness(document: ReportDocument, ctx: ReportContext) -> Staleness:
    period = document.period
    first = str(period["trend_from"])
    last = str(period.get("month") or period.get("to"))
    code, level = str(document.area["code"]), document.area.get("level")
    area = ctx.geo.hierarchy.area(code, Level(level) if level else None)
    current = {i["import_id"] for i in imports_used(ctx, document.sources, first, last, area)}
    used = {int(i["import_id"]) for i in document.imports_used}
    return Staleness(sorted(used - current), sorted(current - used))


def read_document(path: Path) -> ReportDocument:
    """The document stored in a report file (.json, .html or .pdf)."""
    data = path.read_bytes()
    if path.suffix == ".json":
        return ReportDocument.from_json(data.decode("utf-8"))
    if path.suffix in (".html", ".htm"):
        match = re.search(
            rb'<script type="application/json" id="report-document">(.*?)</script>', data, re.S
        )
        if not match:
            raise ValueError(f"{path} holds no Diogel report document")
        return ReportDocument.from_json(match.group(1).decode("utf-8").replace("<\\/", "</"))
    if path.suffix == ".pdf":
        return ReportDocument.from_json(_pdf_attachment(path))
    raise ValueError(f"{path}: expected a .json, .html or .pdf report")


def _pdf_attachment(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(pdf.count_attachments()):
            attachment = pdf.get_attachment(i)
            if attachment.get_name() == DOCUMENT_NAME:
                return bytes(attachment.get_data()).decode("utf-8")
    finally:
        pdf.close()
    raise ValueError(f"{path} holds no Diogel report document")


def document_script(document: ReportDocument) -> str:
    """The document as an inert JSON script element for the HTML report."""
    payload = json.dumps(json.loads(document.to_json()), ensure_ascii=False)
    return payload.replace("</", "<\\/")
