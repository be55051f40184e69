"""A small report document made by hand, for pages that need a report to exist."""

from __future__ import annotations

from diogel.reports.document import Column, ReportDocument, Section, Sentence, Table


def small_document() -> ReportDocument:
    rows = [{"category": "violence", "count": 1, "twelve_months": 1}]
    table = Table(
        "categories",
        "Police-recorded crime and anti-social behaviour in {area} by category",
        [
            Column("category", "Category", "category"),
            Column("count", "Last month"),
            Column("twelve_months", "Period"),
        ],
        rows,
        {"area": ["area", {"en": "Gwent", "cy": "Gwent"}]},
        "police_uk_street",
    )
    return ReportDocument(
        kind="violence-monitoring",
        title=Sentence(
            "Violence Monitoring Report: {area}, {month}",
            {"area": ["area", {"en": "Gwent", "cy": "Gwent"}], "month": ["month", "2021-03"]},
        ),
        area={
            "code": "W15000003",
            "level": "police_force_area",
            "name_en": "Gwent",
            "name_cy": "Gwent",
            "population": 576754,
        },
        period={"month": "2021-03", "trend_from": "2021-03", "period_from": "2021-03"},
        parameters={"area": "W15000003", "month": "2021-03"},
        generated_at="2026-12-01T09:00:00+00:00",
        software_version="test",
        sections=[Section("categories", "Categories", tables=[table])],
        sources=["police_uk_street"],
        imports_used=[],
    )
