"""The reports pages: generate in the background, read, download, write the
narrative, publish; and reports scheduled when a new month is imported."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from diogel.reports import ReportDocument
from diogel.web.accounts.roles import Role
from diogel.web.reports import jobs
from diogel.web.reports.models import NarrativeRevision, Report
from tests.helpers import GWENT

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
GWENT_FORCE = "W15000003"


@pytest.fixture
def hub_site(settings: Any, hub_var: Path, tmp_path: Path) -> None:
    """The site reading the hub warehouse, writing report files to a fresh directory."""
    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL, warehouse_dir=hub_var / "warehouse", var_dir=tmp_path, demo=False
    )


def generate(client: Client, **form: str) -> Report:
    response = client.post("/en/reports/new/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    report = Report.objects.latest("pk")
    assert response["Location"] == f"/en/reports/{report.pk}/"
    assert report.status == Report.Status.QUEUED
    page = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh"' in page
    assert "<progress" in page
    assert jobs.run_pending() == 1
    report.refresh_from_db()
    return report


def test_an_analyst_generates_reads_and_downloads_a_report(
    hub_site: None, client_for: Callable[[Role], Client]
) -> None:
    analyst = client_for(Role.ANALYST)
    report = generate(analyst, kind="violence-monitoring", area="W15000003", month="2021-12")
    assert report.status == Report.Status.READY, report.error
    assert report.progress == 100
    assert report.title_cy == "Adroddiad Monitro Trais: Gwent, Rhagfyr 2021"
    assert report.synthetic
    detail = analyst.get(f"/cy/reports/{report.pk}/").content.decode()
    assert "Adroddiad Monitro Trais: Gwent, Rhagfyr 2021" in detail
    assert "SYNTHETIG" in detail or "SYNTHETIC" in detail
    page = analyst.get(f"/cy/reports/{report.pk}/report/")
    html = b"".join(page.streaming_content).decode()  # type: ignore[attr-defined]
    assert '<html lang="cy">' in html
    assert "/assets/vega-bundle.js" in html
    assert "report-interactive.js" in html
    assert 'class="map-geojson"' in html
    pdf = analyst.get(f"/en/reports/{report.pk}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    document = ReportDocument.from_json(
        analyst.get(f"/en/reports/{report.pk}/report.json").content.decode()
    )
    assert document.parameters == {"area": GWENT_FORCE, "month": "2021-12"}
    # Lost files are rebuilt from the stored document.
    shutil.rmtree(report.files_dir)
    assert analyst.get(f"/en/reports/{report.pk}/report/").status_code == 200


def test_a_request_the_warehouse_cannot_answer_fails_with_the_reason(
    hub_site: None, client_for: Callable[[Role], Client]
) -> None:
    report = generate(
        client_for(Role.ANALYST), kind="violence-monitoring", area="W15000003", month="2030-01"
    )
    assert report.status == Report.Status.FAILED
    assert "no police_uk_street data for 2030-01" in report.error
    page = client_for(Role.ANALYST).get(f"/en/reports/{report.pk}/").content.decode()
    assert "no police_uk_street data for 2030-01" in page


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"kind": "violence-monitoring", "area": "Atlantis", "month": "2021-12"}, "Atlantis"),
        ({"kind": "violence-monitoring", "area": "W15000003", "month": "Dec"}, "YYYY-MM"),
        # Fullwidth digits are digits to Python's ``\d``, not a month.
        (
            {
                "kind": "violence-monitoring",
                "area": "W15000003",
                "month": "\uff12\uff10\uff12\uff11-12",
            },
            "YYYY-MM",
        ),
        ({"kind": "needs-assessment", "area": "W15000003"}, "Enter the year"),
        ({"kind": "thematic", "area": "W15000003", "month": "2021-12"}, "Choose the theme"),
    ],
)
def test_bad_requests_are_explained(
    hub_site: None, client_for: Callable[[Role], Client], form: dict[str, str], message: str
) -> None:
    response = client_for(Role.ANALYST).post("/en/reports/new/", form)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_a_second_worker_never_takes_a_claimed_report(
    hub_site: None, client_for: Callable[[Role], Client]
) -> None:
    report = jobs.request_report("violence-monitoring", {"area": "W15000003", "month": "2030-01"})
    assert jobs._claim(report.pk)
    assert jobs.run_job(report.pk) is None
    assert jobs.recover_interrupted() == 1
    assert Report.objects.get(pk=report.pk).status == Report.Status.QUEUED


def test_the_narrative_is_versioned_and_re_rendered_without_requerying(
    hub_site: None, client_for: Callable[[Role], Client]
) -> None:
    analyst = client_for(Role.ANALYST)
    report = generate(analyst, kind="needs-assessment", area="W15000003", year="2021")
    assert report.status == Report.Status.READY, report.error
    numbers = ReportDocument.from_json(report.document).numbers()
    for text in ("Knife crime is concentrated in Newport.", "Knife crime in Newport, v2."):
        response = analyst.post(
            f"/en/reports/{report.pk}/narrative/",
            {"section": "problem_statement", "text_en": text, "text_cy": "Troseddau cyllyll."},
        )
        assert response.status_code == 302
        assert jobs.run_pending() == 1
    versions = NarrativeRevision.objects.filter(report=report).values_list("version", flat=True)
    assert sorted(versions) == [1, 2]
    report.refresh_from_db()
    document = ReportDocument.from_json(report.document)
    assert document.narrative["problem_statement"]["en"] == "Knife crime in Newport, v2."
    assert document.numbers() == numbers
    html = report.file_path("en", "html").read_text(encoding="utf-8")
    assert "Knife crime in Newport, v2." in html
    assert "Troseddau cyllyll." in report.file_path("cy", "html").read_text(encoding="utf-8")
    # Partner members may read but not write.
    denied = client_for(Role.PARTNER_MEMBER).post(
        f"/en/reports/{report.pk}/narrative/", {"section": "drivers", "text_en": "x"}
    )
    assert denied.status_code == 403


def test_publishing_refuses_synthetic_data_outside_the_demo(
    hub_site: None,
    settings: Any,
    client_for: Callable[[Role], Client],
    demo_accounts: dict[Role, Any],
) -> None:
    from django.core.management import call_command

    from diogel.web.boards.seed import give_boards_to

    # The demo secretariat keeps Gwent's oversight group: it publishes Gwent's reports.
    call_command("seed_wales_landscape", verbosity=0)
    give_boards_to(demo_accounts[Role.BOARD_SECRETARIAT].username)
    report = generate(
        client_for(Role.ANALYST), kind="violence-monitoring", area="W15000003", month="2021-12"
    )
    secretariat = client_for(Role.BOARD_SECRETARIAT)
    public = client_for(Role.PUBLIC)
    assert public.get(f"/en/reports/published/{report.pk}/").status_code == 404
    secretariat.post(f"/en/reports/{report.pk}/publish/")
    report.refresh_from_db()
    assert report.publication == "draft"
    settings.DIOGEL = dataclasses.replace(settings.DIOGEL, demo=True)
    secretariat.post(f"/en/reports/{report.pk}/publish/")
    report.refresh_from_db()
    assert report.publication == "published"
    listing = public.get("/cy/reports/published/").content.decode()
    assert "Adroddiad Monitro Trais: Gwent, Rhagfyr 2021" in listing
    assert public.get(f"/cy/reports/published/{report.pk}/").status_code == 200
    assert public.get(f"/en/reports/published/{report.pk}/report.pdf").status_code == 200
    secretariat.post(f"/en/reports/{report.pk}/publish/", {"action": "withdraw"})
    assert public.get(f"/en/reports/published/{report.pk}/").status_code == 404
    from diogel.web.audit.models import Entry

    actions = list(
        Entry.objects.filter(target=f"report {report.pk}").values_list("action", flat=True)
    )
    assert sorted(actions) == ["publish_report", "withdraw_report"]


def test_a_new_month_imported_queues_the_configured_areas_reports(
    settings: Any,
    shared_data: Path,
    tmp_path: Path,
    client_for: Callable[[Role], Client],
) -> None:
    from diogel.warehouse import Warehouse
    from diogel.web.areas.loader import geography
    from tests.helpers import ingest

    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL,
        warehouse_dir=tmp_path / "warehouse",
        var_dir=tmp_path,
        report_areas=(GWENT_FORCE, "W06000022"),
    )
    files = {p.name[:7]: p for p in (shared_data / GWENT).glob("*.csv")}
    ingest(Warehouse(tmp_path / "warehouse"), geography(), files["2021-11"])
    analyst = client_for(Role.ANALYST)

    def upload(month: str) -> Any:
        with files[month].open("rb") as handle:
            return analyst.post(
                "/en/imports/upload/",
                {"source": "police_uk_street", "supplier": "", "file": handle},
                follow=True,
            )

    page = upload("2021-12").content.decode()
    assert "2 monthly reports are being generated with this data." in page
    queued = Report.objects.filter(trigger=Report.Trigger.SCHEDULED)
    assert {json.dumps(r.parameters, sort_keys=True) for r in queued} == {
        json.dumps({"area": GWENT_FORCE, "month": "2021-12"}, sort_keys=True),
        json.dumps({"area": "W06000022", "month": "2021-12"}, sort_keys=True),
    }
    # A back-filled older month changes no newest report: nothing more is queued.
    upload("2021-10")
    assert queued.count() == 2
    assert jobs.run_pending() == 2
    assert all(r.status == Report.Status.READY for r in queued.all()), [r.error for r in queued]
