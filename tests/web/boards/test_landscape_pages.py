"""The landscape analysis, network and matrix pages give the core's answers for the register."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from django.test import Client
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.landscape import AreaIndex, load_landscape
from diogel.landscape.matrix import seat_matrix
from diogel.landscape.network import landscape_network
from diogel.web.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_the_analysis_json_is_what_the_command_line_prints(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    cli = CliRunner().invoke(app, ["landscape", "analyse", "--json"])
    assert cli.exit_code == 0, cli.output
    site = client_for(Role.PARTNER_MEMBER).get("/en/boards/landscape.json").json()
    assert site == json.loads(cli.stdout)
    public = client_for(Role.PUBLIC).get("/en/boards/landscape.json").json()
    assert public["person_load"] == []  # named people for partners only
    assert public["rationalisation_candidates"] == site["rationalisation_candidates"]


def test_the_analysis_page_flags_the_seeds_duplicates_in_both_languages(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    client = client_for(Role.PUBLIC)
    english = client.get("/en/boards/landscape/").content.decode()
    assert 'data-boards="dyfed-powys-contest-board dyfed-powys-svoc-board"' in english
    assert "already meet back-to-back on the same footprint" in english
    assert (
        'data-boards="dyfed-powys-county-svoc dyfed-powys-svoc-board" data-kind="merge"' in english
    )
    welsh = client.get("/cy/boards/landscape/").content.decode()
    assert "already meet back-to-back" not in welsh  # the reasons are said in Welsh
    assert "cyfarfod" in welsh


@pytest.mark.parametrize("region", ["", "W15000003"])
def test_the_network_page_draws_the_cores_network(
    client_for: Callable[[Role], Client], seeded_register: None, region: str
) -> None:
    network = landscape_network(load_landscape(), region=region or None, areas=AreaIndex.default())
    page = client_for(Role.PARTNER_MEMBER).get(f"/en/boards/network/?region={region}")
    html = page.content.decode()
    counts = network.counts()
    assert f"{counts['boards']} boards, {counts['organisations']} organisations" in html
    assert html.count('<tr class="govuk-table__row" data-kind=') == len(network.edges)
    start, end = html.index("<svg"), html.index("</svg>") + len("</svg>")
    svg = ET.fromstring(html[start:end])
    assert svg.find("{http://www.w3.org/2000/svg}title") is not None


def test_the_public_network_leaves_out_named_people(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    network = landscape_network(load_landscape(), areas=AreaIndex.default())
    people = [n.label("en") for n in network.of_kind("person")]
    assert people  # the Wales network names some office holders
    page = client_for(Role.PUBLIC).get("/en/boards/network/").content.decode()
    assert not any(name in page for name in people)
    assert 'data-kind="membership"' not in page


def test_the_matrix_page_and_csv_are_the_cores(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    matrix = seat_matrix(load_landscape(), region="W15000003", areas=AreaIndex.default())
    client = client_for(Role.PUBLIC)
    html = client.get("/en/boards/matrix/?region=W15000003").content.decode()
    totals = matrix.totals()
    assert f"{totals['organisations']} organisations on {totals['boards']} boards" in html
    assert html.count('<tr class="govuk-table__row" data-code=') == len(matrix.rows)
    rows = list(csv.reader(io.StringIO(client.get("/en/boards/matrix.csv?region=W15000003")
                                       .content.decode())))  # fmt: skip
    assert rows == list(matrix.csv_rows())


def test_an_unknown_region_shows_all_of_wales(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    page = client_for(Role.PUBLIC).get("/en/boards/matrix/?region=<script>")
    assert page.status_code == 200
    assert "<script>" not in page.content.decode().split("</header>", 1)[-1].split("<script", 1)[0]


def test_the_tracker_exports_every_action_with_its_owner_or_none(
    client_for: Callable[[Role], Client], seeded_register: None
) -> None:
    landscape = load_landscape()
    response = client_for(Role.PUBLIC).get("/en/boards/tracker.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    expected = sum(max(1, len(entry.actions)) for entry in landscape.tracker)
    assert len(rows) == expected
    owners = {r["owner"] for r in rows}
    assert "" in owners  # the seed asks "TBC – whose actions?"
    page = client_for(Role.PUBLIC).get("/en/boards/tracker/").content.decode()
    assert 'data-testid="no-owner"' in page
