"""The API's answers: validated inputs, open data for anyone, the CLI's numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from typer.testing import CliRunner

from diogel.cli.main import app

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "status", "says"),
    [
        ("/api/v1/totals?from=2021-13", 422, "from"),
        ("/api/v1/totals?to=21-01", 422, "to"),
        ("/api/v1/totals?from=2021-06&to=2021-01", 400, "after the last"),
        ("/api/v1/totals?level=parish", 422, "level"),
        ("/api/v1/totals?level=wales", 400, "cannot analyse by wales"),
        ("/api/v1/totals?within=W99999999", 404, "no area"),
        ("/api/v1/trends?within=Gwent", 404, "could mean"),
        ("/api/v1/hotspots?correction=bonferroni", 422, "correction"),
        ("/api/v1/areas/W99999999", 404, "no area"),
        ("/api/v1/areas/W06000022?level=lsoa11", 404, "at lsoa11"),
        ("/api/v1/areas?level=ward", 422, "level"),
        ("/api/v1/records?source=police_uk_street&purpose=monitoring", 401, "token"),
        # An unknown source or category is never answered with an empty table.
        ("/api/v1/totals?source=police-uk", 400, "choose from police_uk_street"),
        ("/api/v1/trends?source=no-such-source", 400, "unknown source 'no-such-source'"),
        ("/api/v1/hotspots?source=no-such-source", 400, "choose from"),
        ("/api/v1/totals?category=violent", 400, "unknown category 'violent'"),
    ],
)
def test_bad_requests_say_what_is_wrong(
    demo_warehouse: Path, client: Client, url: str, status: int, says: str
) -> None:
    response = client.get(url)
    assert response.status_code == status, response.content
    assert says in json.dumps(response.json())


def test_records_need_a_purpose(demo_warehouse: Path, client_for: Any) -> None:
    from diogel.web.accounts.roles import Role

    response = client_for(Role.ANALYST).get("/api/v1/records?source=police_uk_street")
    assert response.status_code == 422
    assert "purpose" in json.dumps(response.json())


def test_areas_list_and_one_area(demo_warehouse: Path, client: Client) -> None:
    body = client.get("/api/v1/areas?level=local_authority&within=W15000003").json()
    assert body["count"] == 5
    assert {a["code"] for a in body["areas"]} >= {"W06000022"}
    newport = client.get("/api/v1/areas/W06000022").json()
    assert newport["name_cy"] == "Casnewydd"
    assert newport["parents"]["police_force_area"] == "W15000003"


def test_anyone_may_have_open_small_area_figures(demo_warehouse: Path, client: Client) -> None:
    body = client.get("/api/v1/totals?level=lsoa11&within=W06000022&source=police_uk_street").json()
    assert body["suppressed"] is False
    assert body["total"] == sum(a["count"] for a in body["areas"])


def test_the_schema_and_docs_page_are_served_without_a_cdn(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/totals", "/api/v1/trends", "/api/v1/hotspots", "/api/v1/records"} <= set(
        schema["paths"]
    )
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()


runner = CliRunner()


def cli_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    body: dict[str, Any] = json.loads(result.stdout)
    return body


@pytest.mark.parametrize(
    ("cli", "url"),
    [
        (
            ["analyse", "trends", "--category", "violence", "--area", "W15000003"],
            "/api/v1/trends?category=violence&within=W15000003",
        ),
        (
            ["analyse", "trends", "--source", "istv", "--level", "health_board"],
            "/api/v1/trends?source=istv&level=health_board",
        ),
        (
            ["analyse", "hotspots", "--area", "W06000022", "--source", "police_uk_street"],
            "/api/v1/hotspots?within=W06000022&source=police_uk_street",
        ),
        (
            [
                "analyse",
                "hotspots",
                "--level",
                "msoa11",
                "--area",
                "W15000003",
                "--rate",
                "--category",
                "violence",
                "--from",
                "2021-01",
                "--correction",
                "holm",
                "--source",
                "police_uk_street",
            ],
            "/api/v1/hotspots?level=msoa11&within=W15000003&rate=true&category=violence"
            "&from=2021-01&correction=holm&source=police_uk_street",
        ),
    ],
)
def test_api_numbers_equal_the_command_lines(
    demo_warehouse: Path, cli_env: Path, client: Client, cli: list[str], url: str
) -> None:
    assert cli_env / "warehouse" == demo_warehouse
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response.json() == cli_json(*cli)


@pytest.mark.parametrize("field", ["purpose", "source", "category"])
def test_control_characters_are_refused_before_the_database(
    demo_warehouse: Path, client_for: Any, field: str
) -> None:
    # Schemathesis found a NUL in a purpose failing on PostgreSQL, which cannot store one.
    from diogel.web.accounts.roles import Role
    from diogel.web.audit.models import Entry

    params = {"source": "istv", "purpose": "violence-prevention", "category": "violence"}
    before = Entry.objects.count()
    params[field] = "a\x01b"
    response = client_for(Role.ANALYST).get("/api/v1/records", params)
    assert response.status_code == 422
    assert field in json.dumps(response.json())
    params[field] = "a\x00b"  # refused by the site's middleware, before the API
    assert client_for(Role.ANALYST).get("/api/v1/records", params).status_code == 400
    assert Entry.objects.count() == before


@pytest.mark.django_db
def test_an_audit_entry_keeps_a_nul_as_text(demo_accounts: Any) -> None:
    from diogel.audit.verify import verify
    from diogel.web.accounts.roles import Role
    from diogel.web.audit.models import Entry
    from diogel.web.audit.trail import record_as, site_trail

    entry = record_as(demo_accounts[Role.ANALYST], "view", "import\x001", purpose="p\x00")
    assert Entry.objects.get(entry_id=entry.entry_id).target == "import\\x001"
    assert verify(site_trail(), full=True).intact
