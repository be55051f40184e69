"""Report documents: reproducible, disclosure-controlled, provenance and staleness."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from diogel.geography import Geography
from diogel.reports import Renderer, ReportContext, ReportDataError, ReportDocument, build_report
from diogel.reports.needs_assessment import needs_assessment
from diogel.reports.provenance import read_document, staleness
from diogel.reports.thematic import thematic
from diogel.reports.violence_monitoring import violence_monitoring
from diogel.warehouse import Warehouse
from tests.helpers import GWENT, ingest
from tests.reports.conftest import GENERATED, GWENT_FORCE, MONTH

pytestmark = pytest.mark.slow


def test_regenerating_gives_the_same_document(
    hub: ReportContext, gwent_december: ReportDocument
) -> None:
    again = violence_monitoring(hub, GWENT_FORCE, MONTH, generated_at=GENERATED)
    assert again.numbers() == gwent_december.numbers()
    assert again.to_json() == gwent_december.to_json()


def test_document_round_trips_through_json(gwent_december: ReportDocument) -> None:
    assert ReportDocument.from_json(gwent_december.to_json()) == gwent_december


def test_document_records_parameters_imports_and_version(gwent_december: ReportDocument) -> None:
    assert gwent_december.parameters == {"area": GWENT_FORCE, "month": MONTH}
    sources = {i["source"] for i in gwent_december.imports_used}
    assert sources == {"police_uk_street", "istv"}
    police = [i for i in gwent_december.imports_used if i["source"] == "police_uk_street"]
    assert len(police) == 24
    assert all(len(i["sha256"]) == 64 for i in police)
    assert gwent_december.software_version
    assert gwent_december.synthetic  # the demo's ED files are SYNTHETIC


def test_ed_tables_never_show_a_small_count(gwent_december: ReportDocument) -> None:
    checked = 0
    for table in gwent_december.tables():
        if table.source != "istv":
            continue
        withheld = 0
        for i, row in enumerate(table.rows):
            for column in table.columns:
                value = row.get(column.key)
                if column.kind == "int" and column.key not in ("police", "police_violence"):
                    checked += 1
                    assert value is None or not 1 <= value <= 4, (table.id, i, column.key)
                if value is None and f"{i}:{column.key}" in table.withheld:
                    withheld += 1
        assert withheld >= table.suppressed_cells
    assert checked > 100
    assert gwent_december.suppressed_cells() > 0


def test_html_is_structured_for_assistive_technology(
    gwent_december: ReportDocument, geojson: Any
) -> None:
    html = Renderer("cy", geojson).html(gwent_december)
    assert '<html lang="cy">' in html
    assert html.count("<h1>") == 1
    assert html.count("<figure ") == html.count("<figcaption ") == html.count("<details ")
    assert html.count('class="vega-spec"') == html.count("<figure ") - 1  # the map is SVG
    assert 'aria-hidden="true"' in html  # charts' SVG: the caption and table carry them
    assert "DATA SYNTHETIG" in html


def test_pdf_is_tagged_and_carries_its_document(
    gwent_december: ReportDocument, geojson: Any, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(Renderer("en", geojson).pdf(gwent_december))
    assert _structure_types(path) >= {"Document", "H1", "H2", "Table", "Figure"}
    assert read_document(path) == gwent_december
    html = tmp_path / "report.html"
    html.write_text(Renderer("en", geojson).html(gwent_december), encoding="utf-8")
    assert read_document(html) == gwent_december


def _structure_types(path: Path) -> set[str]:
    """The tag types in the PDF's structure tree (what a screen reader navigates)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    found: set[str] = set()

    def walk(element: object) -> None:
        buffer = ctypes.create_string_buffer(200)
        length = raw.FPDF_StructElement_GetType(element, buffer, 200)
        found.add(buffer.raw[: max(length - 2, 0)].decode("utf-16-le"))
        for i in range(raw.FPDF_StructElement_CountChildren(element)):
            child = raw.FPDF_StructElement_GetChildAtIndex(element, i)
            if child:
                walk(child)

    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        tree = raw.FPDF_StructTree_GetForPage(page.raw)
        for i in range(raw.FPDF_StructTree_CountChildren(tree)):
            walk(raw.FPDF_StructTree_GetChildAtIndex(tree, i))
        raw.FPDF_StructTree_Close(tree)
    return found


def test_a_superseding_import_makes_a_report_stale(
    shared_data: Path, geo: Geography, tmp_path: Path
) -> None:
    warehouse = Warehouse(tmp_path / "warehouse")
    files = sorted((shared_data / GWENT).glob("2021-1*.csv"))
    for path in files:
        ingest(warehouse, geo, path)
    ctx = ReportContext(geo, warehouse)
    document = violence_monitoring(ctx, GWENT_FORCE, "2021-12")
    assert not staleness(document, ctx).stale
    # A resubmitted December file (one located record fewer) supersedes the one used.
    resubmitted = tmp_path / "2021-12-gwent-street.csv"
    lines = files[-1].read_text(encoding="utf-8").splitlines(keepends=True)
    located = next(i for i, line in enumerate(lines[1:], 1) if ",W0" in line)
    resubmitted.write_text("".join(lines[:located] + lines[located + 1 :]), encoding="utf-8")
    ingest(warehouse, geo, resubmitted, name=files[-1].name)
    result = staleness(document, ctx)
    assert result.stale
    assert len(result.superseded) == 1
    assert len(result.newer) == 1
    regenerated = violence_monitoring(ctx, GWENT_FORCE, "2021-12")
    assert regenerated.numbers() != document.numbers()


def test_bad_requests_say_what_is_wrong(hub: ReportContext) -> None:
    with pytest.raises(ReportDataError, match="no police_uk_street data for 2030-01"):
        violence_monitoring(hub, GWENT_FORCE, "2030-01")
    with pytest.raises(ReportDataError, match="not a month"):
        violence_monitoring(hub, GWENT_FORCE, "December")
    with pytest.raises(ReportDataError, match="could mean"):
        violence_monitoring(hub, "Gwent", MONTH)
    # Wales needs every force's data; only Gwent's is here: refuse, naming the rest.
    with pytest.raises(ReportDataError, match=r"North Wales \(W15000001\), Dyfed-Powys"):
        violence_monitoring(hub, "W92000004", MONTH)
    with pytest.raises(ReportDataError, match="unknown theme"):
        thematic(hub, "litter", GWENT_FORCE, MONTH)
    with pytest.raises(ReportDataError, match="unknown report kind"):
        build_report(hub, "weekly", area=GWENT_FORCE)


def test_needs_assessment_holds_the_analysts_narrative(hub: ReportContext, geojson: Any) -> None:
    narrative = {
        "problem_statement": {"en": "Violence is rising in Newport.", "cy": "Mae trais yn codi."},
        "recommendations": {"en": "Fund the night-time hub.", "cy": "Ariannu'r hyb nos."},
    }
    document = needs_assessment(hub, GWENT_FORCE, 2021, narrative)
    sections = [s.id for s in document.sections]
    for expected in (
        "problem_statement",
        "hotspots_violence",
        "deprivation_violence",
        "night_time",
        "ed_police",
        "cost",
        "drivers",
        "recommendations",
    ):
        assert expected in sections
    english = Renderer("en", geojson).html(document)
    welsh = Renderer("cy", geojson).html(document)
    assert "Violence is rising in Newport." in english
    assert "Mae trais yn codi." in welsh
    assert "Not written yet." in english  # drivers
    deciles = document.table("deprivation_violence").rows
    assert sum(r["count"] for r in deciles) == document.table("headline").rows[0]["twelve_months"]


@pytest.mark.parametrize("theme", ["night-time-economy", "weapons", "cost"])
def test_thematic_reports_render_in_both_languages(
    hub: ReportContext, geojson: Any, theme: str
) -> None:
    document = thematic(hub, theme, GWENT_FORCE, MONTH, generated_at=dt.datetime(2026, 1, 1))
    assert document.parameters["theme"] == theme
    for language in ("en", "cy"):
        html = Renderer(language, geojson).html(document)
        assert html.count("<table") >= 2


def test_a_report_without_ed_data_leaves_the_ed_sections_out(
    shared_data: Path, geo: Geography, tmp_path: Path
) -> None:
    warehouse = Warehouse(tmp_path / "warehouse")
    for path in sorted((shared_data / GWENT).glob("2021-1*.csv")):
        ingest(warehouse, geo, path)
    document = violence_monitoring(ReportContext(geo, warehouse), GWENT_FORCE, "2021-12")
    assert "ed_police" not in [s.id for s in document.sections]
    assert document.sources == ["police_uk_street"]
    assert not document.synthetic
    with pytest.raises(ReportDataError, match="needs emergency-department"):
        thematic(ReportContext(geo, warehouse), "cost", GWENT_FORCE, "2021-12")
    shutil.rmtree(tmp_path / "warehouse")
