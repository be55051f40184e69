"""The measure, scorecard and board pages on the computed demo hub, in English and Welsh,
and the scorecard's CSV, XLSX and PDF."""

from __future__ import annotations

import csv
import ctypes
import io
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from diogel.web.accounts.roles import Role
from diogel.web.performance.models import Measure, MeasureValue

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_list_in_both_languages(computed: Any, client_for: Callable[[Role], Client]) -> None:
    public = client_for(Role.PUBLIC)
    page = get(public, "/en/performance/")
    assert f"{Measure.objects.count()} measures judge" in page
    assert "Not open data" in page  # the ED measure
    assert 'href="/en/performance/scorecard/W06000022/"' in page
    assert 'data-testid="kept"' not in page
    keeper = get(client_for(Role.PARTNER_MEMBER), "/en/performance/")
    assert 'href="/en/performance/measures/csp-leads-trained/enter/"' in keeper
    welsh = get(public, "/cy/performance/")
    assert '<html lang="cy"' in welsh
    assert "Fframwaith perfformiad" in welsh
    assert "Canlyniad" in welsh  # the measure type, in Welsh


def test_a_measure_over_time_with_its_chart(
    computed: Any, client_for: Callable[[Role], Client]
) -> None:
    page = get(
        client_for(Role.PUBLIC),
        "/en/performance/measures/asb-incidents-local-authority/?area=W06000022",
    )
    spec = json.loads(
        re.search(r'id="performance-chart-spec">(.*?)</script>', page, re.S).group(1)  # type: ignore[union-attr]
    )
    assert len(spec["data"]["values"]) == 24
    newport = MeasureValue.objects.get(
        measure__code="asb-incidents-local-authority", area="W06000022", period="2021-12"
    )
    assert newport.value is not None
    assert {"period": "2021-12", "value": float(newport.value)} in spec["data"]["values"]
    assert page.count('data-testid="value"') == 24
    assert "/assets/vega-bundle.js" in page
    # Cardiff's force sent nothing: every period "no data", no chart, never a zero.
    cardiff = get(
        client_for(Role.PUBLIC),
        "/en/performance/measures/asb-incidents-local-authority/?area=W06000015",
    )
    assert 'id="performance-chart"' not in cardiff
    assert cardiff.count(">no data<") == 24


def test_non_public_values_are_withheld_not_shown(
    computed: Any, client_for: Callable[[Role], Client]
) -> None:
    # A value disclosure control withheld, as compute_measure stores it (the SYNTHETIC
    # months happen to need none): withheld, no number, no count.
    suppressed = MeasureValue.objects.filter(
        measure__code="ed-assaults-health-board", has_data=True
    ).first()
    assert suppressed is not None
    suppressed.value, suppressed.count, suppressed.suppressed = None, None, True
    suppressed.save()
    page = get(
        client_for(Role.PUBLIC),
        f"/en/performance/measures/ed-assaults-health-board/?area={suppressed.area}",
    )
    assert 'data-testid="not-open"' in page
    cells = re.findall(r'data-testid="value">([^<]*)<', page)
    assert "[c]" in cells
    for cell in cells:
        if cell not in ("[c]", "no data"):
            number = float(cell.replace(",", ""))
            assert number == 0 or number > 4


def test_the_area_scorecard_says_rag_in_words(
    computed: Any, client_for: Callable[[Role], Client]
) -> None:
    page = get(client_for(Role.PUBLIC), "/en/performance/scorecard/W06000022/")
    assert "Scorecard: Newport" in page
    rags = re.findall(r'data-rag="(\w+)">(\w+)<', page)
    assert rags
    assert all(word == colour.capitalize() for colour, word in rags)
    assert "Tracked, not judged" in page  # the neutral share of places
    assert re.search(r"(Improving|Worsening|Stable)", page)
    welsh = get(client_for(Role.PUBLIC), "/cy/performance/scorecard/W06000022/")
    assert "Casnewydd" in welsh
    assert re.search(r'data-rag="\w+">(Coch|Ambr|Gwyrdd)<', welsh)
    assert client_for(Role.PUBLIC).get("/en/performance/scorecard/W99999999/").status_code == 404


def test_a_board_sees_its_footprint(computed: Any, client_for: Callable[[Role], Client]) -> None:
    call_command("seed_wales_landscape", verbosity=0)
    page = get(client_for(Role.PUBLIC), "/en/performance/boards/gwent-csp-oversight-group/")
    tables = re.findall(r'data-testid="scorecard-(\w+)"', page)
    # The force area and the health board (the same five authorities) first.
    assert set(tables[:2]) == {"W15000003", "W11000028"}
    assert set(tables) >= {"W15000003", "W06000022", "W06000020"}
    assert "W06000015" not in tables  # Cardiff is not Gwent's
    body = client_for(Role.PUBLIC).get(
        "/en/performance/boards/gwent-csp-oversight-group/scorecard.csv"
    )
    rows = list(csv.DictReader(io.StringIO(body.content.decode())))
    assert {r["area"] for r in rows} == set(tables)


def test_scorecard_csv_and_xlsx(computed: Any, client_for: Callable[[Role], Client]) -> None:
    from openpyxl import load_workbook

    client = client_for(Role.PUBLIC)
    body = client.get("/en/performance/scorecard/W06000022/scorecard.csv")
    assert body["Content-Disposition"] == 'attachment; filename="diogel-scorecard-W06000022-en.csv"'
    rows = {r["measure"]: r for r in csv.DictReader(io.StringIO(body.content.decode()))}
    asb = rows["asb-incidents-local-authority"]
    newport = MeasureValue.objects.get(
        measure__code="asb-incidents-local-authority", area="W06000022", period="2021-12"
    )
    assert float(asb["value"]) == newport.value
    assert asb["rag"] in {"red", "amber", "green"}
    xlsx = client.get("/en/performance/scorecard/W06000022/scorecard.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    lines = list(sheet.iter_rows(values_only=True))
    header = list(lines[0])
    found = {line[header.index("measure")]: line for line in lines[1:]}
    assert found["asb-incidents-local-authority"][header.index("value")] == newport.value
    assert found["asb-incidents-local-authority"][header.index("rag")] == asb["rag"]


def test_scorecard_pdf_is_tagged_a4_and_welsh(
    computed: Any, client_for: Callable[[Role], Client]
) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    response = client_for(Role.PUBLIC).get("/cy/performance/scorecard/W06000022/scorecard.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = pdfium.PdfDocument(response.content)
    page = pdf[0]
    assert page.get_size() == pytest.approx((595.28, 841.89), abs=0.5)
    text = page.get_textpage().get_text_range()
    assert "Cerdyn sgorio: Casnewydd" in text
    assert re.search(r"(Coch|Ambr|Gwyrdd)", text)
    tree = raw.FPDF_StructTree_GetForPage(page.raw)
    assert raw.FPDF_StructTree_CountChildren(tree) > 0
    types = set()
    for i in range(raw.FPDF_StructTree_CountChildren(tree)):
        buffer = ctypes.create_string_buffer(200)
        element = raw.FPDF_StructTree_GetChildAtIndex(tree, i)
        length = raw.FPDF_StructElement_GetType(element, buffer, 200)
        types.add(buffer.raw[: max(length - 2, 0)].decode("utf-16-le"))
    assert types
