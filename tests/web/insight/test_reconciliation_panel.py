"""The dashboard's panel for a police force area: recorded by the force against
located in the area, the core's numbers in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from diogel.figures.reconcile import force_reconciliation
from diogel.reports import ReportContext
from diogel.web.accounts.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hub_site")]
GWENT = "W15000003"
QUERY = f"?area={GWENT}&level=local_authority&source=police_uk_street&from=2020-01&to=2021-12"


def panel_numbers(html: str) -> dict[tuple[str, str], int]:
    """Each row of the panel's table: (part, force code) -> number."""
    table = html.split('data-testid="reconciliation-table"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(
        r'data-part="(\w+)"(?: data-code="(\w*)")?>.*?govuk-table__cell--numeric">'
        r"(?:<strong>)?([\d,]+)",
        table,
        flags=re.S,
    )
    return {(part, code): int(n.replace(",", "")) for part, code, n in rows}


def core_numbers(hub: ReportContext, category: str) -> dict[tuple[str, str], int | None]:
    core = force_reconciliation(
        hub.geo,
        hub.warehouse,
        hub.geo.hierarchy.area(GWENT),
        "2020-01",
        "2021-12",
        category or None,
    )
    return {
        ("recorded", ""): core.recorded,
        ("no_location", ""): core.no_location,
        ("located_in_england", ""): core.located_in_england,
        ("located", ""): core.located,
        **{("elsewhere_in_wales", p.code or ""): p.count for p in core.elsewhere_in_wales_by_force},
        **{("from_other_forces", p.code or ""): p.count for p in core.from_other_forces_by_force},
    }


@pytest.mark.parametrize("category", ["", "violence"])
def test_the_panel_shows_the_core_answer(
    client_for: Callable[[Role], Client], hub: ReportContext, category: str
) -> None:
    response = client_for(Role.PUBLIC).get(f"/en/dashboard/{QUERY}&category={category}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Recorded by the force / Located in the area" in html
    assert panel_numbers(html) == core_numbers(hub, category)
    assert "less: located in the South Wales police force area" in html


def test_the_panel_is_in_welsh(client_for: Callable[[Role], Client], hub: ReportContext) -> None:
    html = client_for(Role.PUBLIC).get(f"/cy/dashboard/{QUERY}&category=").content.decode()
    assert "Wedi\u2019u cofnodi gan yr heddlu / Wedi\u2019u lleoli yn yr ardal" in html
    assert "llai: wedi\u2019u lleoli yn ardal heddlu De Cymru" in html
    assert panel_numbers(html) == core_numbers(hub, "")


def test_no_panel_for_a_local_authority(client_for: Callable[[Role], Client]) -> None:
    html = (
        client_for(Role.PUBLIC)
        .get(
            "/en/dashboard/?area=W06000022&level=lsoa11&source=police_uk_street&from=2021-01&to=2021-12"
        )
        .content.decode()
    )
    assert 'data-testid="reconciliation"' not in html
