"""Area finder, lists and pages, in both languages, against the core's figures."""

from __future__ import annotations

import pytest
from django.test import Client

from diogel.geography import Level, ReferenceDataError
from diogel.web.areas.loader import geography

pytestmark = pytest.mark.django_db


def page(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_finder_searches_in_welsh() -> None:
    html = page("/cy/areas/?q=Abertawe")
    assert 'href="/cy/areas/local_authority/W06000011/"' in html
    assert "Mae " in html
    assert "yn cyfateb i “Abertawe”" in html


def test_finder_without_query_offers_levels() -> None:
    html = page("/en/areas/")
    assert "Community safety partnerships" in html
    assert 'href="/en/areas/csp/"' in html


@pytest.mark.parametrize(
    ("level", "code"),
    [
        ("wales", "W92000004"),
        ("police_force_area", "W15000003"),
        ("health_board", "W11000030"),
        ("local_authority", "W06000024"),
        ("msoa11", "W02000398"),
        ("lsoa11", "W01000240"),
        ("lsoa21", "W01000003"),
        ("csp", "csp-cwm-taf"),
        ("psb", "psb-gwynedd-anglesey"),
        ("region", "region-gwent"),
    ],
)
@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_level_has_a_page(level: str, code: str, language: str) -> None:
    area = geography().hierarchy.area(code, Level(level))
    html = page(f"/{language}/areas/{level}/{code}/")
    assert f'<h1 class="govuk-heading-l">{area.name(language)}</h1>'.replace("'", "&#x27;") in html
    assert f'data-geojson="/geo/{level}/{code}.json"' in html


def test_area_page_figures_match_the_core() -> None:
    html = page("/en/areas/local_authority/W06000015/")
    assert '<dd class="govuk-summary-list__value" data-testid="population">346,090</dd>' in html
    assert "South Wales" in html  # its police force area, under "Part of"
    assert "Cardiff and Vale University Health Board" in html
    welsh = page("/cy/areas/local_authority/W06000015/")
    assert "346,090" in welsh
    assert "Bwrdd Iechyd Prifysgol Caerdydd a&#x27;r Fro" in welsh
    assert '<span lang="en">Cardiff</span>' in welsh


def test_lsoa_2021_page_says_why_there_is_no_population() -> None:
    assert "Census 2011 figures are published for 2011 areas only." in page(
        "/en/areas/lsoa21/W01000003/"
    )


def test_unknown_area_or_level_is_404() -> None:
    assert Client().get("/en/areas/local_authority/W06999999/").status_code == 404
    assert Client().get("/en/areas/county/W06000015/").status_code == 404
    assert Client().get("/geo/local_authority/W06999999.json").status_code == 404


def test_geojson_has_the_area_and_its_children() -> None:
    body = Client().get("/geo/police_force_area/W15000003.json").json()
    assert [f["properties"]["code"] for f in body["area"]["features"]] == ["W15000003"]
    assert len(body["children"]["features"]) == 5
    assert body["child_level"] == "local_authority"


def test_missing_reference_data_gives_a_clear_503(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise ReferenceDataError("geography/wales_lsoa11_lookup.csv is missing")

    monkeypatch.setattr("diogel.web.areas.views.geography", broken)
    response = Client().get("/cy/areas/")
    assert response.status_code == 503
    assert "Nid yw gwybodaeth am ardaloedd ar gael" in response.content.decode()
    assert "wales_lsoa11_lookup" not in response.content.decode(), "no details for the public"
