"""The programme tracker on the site: the seed, owners' updates, the closure report and the
exports, each against the core's reading of the programme file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.programme import closure_report, load_programme
from diogel.web.accounts.models import User
from diogel.web.accounts.permissions import has_capability
from diogel.web.accounts.roles import Role
from diogel.web.programme.models import Objective, Recommendation, Update, Workstream
from diogel.web.programme.register import programme_from_register
from diogel.web.programme.seed import give_objectives_to

pytestmark = pytest.mark.django_db
KEPT = "evidence-hub-business-case"  # an evidence objective: the analyst keeps these


@pytest.fixture
def seeded(demo_accounts: dict[Role, User]) -> None:
    call_command("seed_wales_landscape", verbosity=0)
    call_command("seed_wales_programme", verbosity=0)
    give_objectives_to(demo_accounts[Role.ANALYST].username)


def test_the_seed_holds_the_programme_each_entry_cited(seeded: None) -> None:
    assert Recommendation.objects.filter(set__code="wao-2016").count() == 7
    assert Recommendation.objects.exclude(set__code="wao-2016").count() == 11
    assert Workstream.objects.count() == 6
    handed = Objective.objects.filter(handovers__to_board__code="safer-communities-board")
    assert handed.count() == 17
    for model in (Recommendation, Workstream, Objective):
        assert all(entry.sources for entry in model.objects.all()), model


def test_the_closure_report_is_the_cores(seeded: None) -> None:
    assert closure_report(programme_from_register()) == closure_report(load_programme())


def post_update(client: Client, code: str = KEPT, **data: str) -> int:
    response = client.post(
        f"/en/programme/objectives/{code}/",
        {"target": "objective", "date": "2021-03-01", "text": "Hub funded", **data},
    )
    return response.status_code


def test_an_owners_update_moves_the_objective_and_the_closure_report(
    client_for: Callable[[Role], Client], seeded: None
) -> None:
    analyst = client_for(Role.ANALYST)
    before = closure_report(programme_from_register())
    outstanding = next(line for line in before.outstanding if line.workstream == "evidence")
    assert post_update(analyst, outstanding.objective, progress="achieved", rag="blue") == 302
    objective = Objective.objects.get(code=outstanding.objective)
    assert programme_from_register().objective(objective.code).current_progress.value == (
        "achieved"
    )
    after = closure_report(programme_from_register())
    assert len(after.outstanding) == len(before.outstanding) - 1
    assert len(after.achieved) == len(before.achieved) + 1
    page = client_for(Role.PUBLIC).get(f"/en/programme/objectives/{objective.code}/")
    assert "Hub funded" in page.content.decode()
    # Seeding again keeps what owners recorded.
    call_command("seed_wales_programme", verbosity=0)
    assert Update.objects.filter(objective=objective, seeded=False).count() == 1


def test_a_bad_update_is_named_and_nothing_is_saved(
    client_for: Callable[[Role], Client], seeded: None
) -> None:
    analyst = client_for(Role.ANALYST)
    assert post_update(analyst, date="2021-02-30") == 400
    assert post_update(analyst, text="") == 400
    response = analyst.post(
        f"/en/programme/objectives/{KEPT}/",
        {"target": "action:nope", "date": "2021-03-01", "text": "x"},
    )
    assert response.status_code == 400
    assert not Update.objects.filter(seeded=False).exists()


def outcomes(client_for: Callable[[Role], Client]) -> dict[tuple[Role, str], int]:
    other = Objective.objects.exclude(workstream__code="evidence").first()
    assert other is not None
    found = {}
    for role in (Role.PUBLIC, Role.PARTNER_MEMBER, Role.ANALYST, Role.ADMINISTRATOR):
        client = client_for(role)
        for which, code in (("kept", KEPT), ("other", other.code)):
            found[(role, which)] = post_update(client, code)
    return found


EXPECTED = {
    (Role.PUBLIC, "kept"): 302,  # sent to sign in
    (Role.PUBLIC, "other"): 302,
    (Role.PARTNER_MEMBER, "kept"): 403,
    (Role.PARTNER_MEMBER, "other"): 403,
    (Role.ANALYST, "kept"): 302,  # recorded
    (Role.ANALYST, "other"): 403,
    (Role.ADMINISTRATOR, "kept"): 302,
    (Role.ADMINISTRATOR, "other"): 302,
}


def test_owners_update_their_own_objectives_only(
    client_for: Callable[[Role], Client], seeded: None
) -> None:
    assert outcomes(client_for) == EXPECTED
    assert Update.objects.filter(seeded=False, author__role=Role.ANALYST).count() == 1


def test_the_check_catches_a_rule_that_lets_anyone_update(
    client_for: Callable[[Role], Client], seeded: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "diogel.web.programme.keepers.may_keep",
        lambda user, capability, keepers: has_capability(user, capability),
    )
    assert outcomes(client_for) != EXPECTED


def test_the_json_exports_are_what_the_command_line_prints(
    client_for: Callable[[Role], Client], seeded: None
) -> None:
    client = client_for(Role.PUBLIC)
    runner = CliRunner()
    cli = runner.invoke(app, ["programme", "closure", "--json"])
    assert cli.exit_code == 0, cli.output
    assert client.get("/en/programme/closure.json").json() == json.loads(cli.stdout)
    cli = runner.invoke(app, ["programme", "export", "--json"])
    assert cli.exit_code == 0, cli.output
    site = client.get("/en/programme/tracker.json").json()
    printed = json.loads(cli.stdout)
    # The site's documents are those its entries cite; everything else is the same.
    site.pop("documents")
    printed.pop("documents")
    for key in printed:
        if site[key] != printed[key]:
            if isinstance(printed[key], list):
                for a, b in zip(site[key], printed[key], strict=True):
                    assert a == b, key
            assert site[key] == printed[key], key


def test_the_csv_and_xlsx_hold_every_objective_and_action(
    client_for: Callable[[Role], Client], seeded: None
) -> None:
    analyst = client_for(Role.ANALYST)
    assert post_update(analyst, text='=HYPERLINK("http://evil")') == 302
    client = client_for(Role.PUBLIC)
    rows = list(csv.reader(io.StringIO(client.get("/en/programme/tracker.csv").content.decode())))
    programme = load_programme()
    assert len(rows) - 1 == len(programme.objectives) + sum(
        len(o.actions) for o in programme.objectives
    )
    kept = next(r for r in rows if r[1] == KEPT and not r[2])
    assert kept[-1].startswith("'=")  # a formula arrives as text
    book = load_workbook(io.BytesIO(client.get("/en/programme/tracker.xlsx").content))
    assert book.sheetnames == ["Tracker", "Recommendations", "Closure"]
    sheet = [[("" if v is None else str(v)) for v in r] for r in book["Tracker"].values]
    assert sheet == rows
    assert book["Recommendations"].max_row - 1 == 18


def test_the_closure_page_says_who_governs_each_outstanding_objective(
    client_for: Callable[[Role], Client], seeded: None
) -> None:
    page = client_for(Role.PUBLIC).get("/en/programme/closure/").content.decode()
    assert page.count('data-governor="safer-communities-board"') == 17
    before = client_for(Role.PUBLIC).get("/en/programme/closure/?on=2020-09-01").content.decode()
    assert before.count('data-governor="safer-communities-board"') == 0  # not yet handed over
    welsh = client_for(Role.PUBLIC).get("/cy/programme/closure/")
    assert welsh.status_code == 200
