"""One truth in every output: every figure the programme pages show (achieved and
outstanding, in total and by work-stream; each objective's progress, RAG and governing
board) is the core's, as the closure report, ``/programme/closure.json`` and
``diogel programme closure --json`` give it.

The pages are read as a visitor reads them (their text and links), so these tests say
what the site shows whichever way the site works it out."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.programme import (
    Action,
    ClosureReport,
    Objective,
    Programme,
    Progress,
    WorkstreamClosure,
    closure_report,
    load_programme,
)
from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.programme.register import programme_from_register
from diogel.web.programme.seed import give_objectives_to

pytestmark = pytest.mark.django_db

ON_HOLD = "long-term-crime-and-disorder-act"  # on hold at closure (paused by Covid-19)
ACHIEVED = "evidence-hub-business-case"  # achieved at closure; the analyst keeps it
OUTSTANDING = "evidence-south-gwent-products"  # outstanding at closure; the analyst's too
UNGOVERNED = "long-term-continued-leadership"  # names no board: the programme board's


@pytest.fixture
def seeded(demo_accounts: dict[Role, User]) -> None:
    call_command("seed_wales_landscape", verbosity=0)
    call_command("seed_wales_programme", verbosity=0)
    give_objectives_to(demo_accounts[Role.ANALYST].username)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _counted(html: str, testid: str) -> tuple[int, int]:
    found = re.search(
        rf'data-testid="{testid}">\s*(\d+) objectives achieved, (\d+) outstanding', html
    )
    assert found, testid
    return int(found[1]), int(found[2])


def _board(html: str) -> str | None:
    found = re.search(r'href="/en/boards/([^/"]+)/"', html)
    return found[1] if found else None


def _dd(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}">(.*?)</dd>', html, re.S)
    assert found, testid
    return found[1]


def _rows(html: str, testid: str) -> list[tuple[str, str]]:
    table = html.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr class="govuk-table__row" data-code="([^"]+)">(.*?)</tr>', table, re.S)


def site_figures(client: Client) -> dict[str, Any]:
    """What the pages and downloads say, read from what they show."""
    overview = client.get("/en/programme/").content.decode()
    streams = {}
    for code, row in _rows(overview, "workstreams"):
        numbers = re.findall(r'govuk-table__cell--numeric">\s*(\d+)\s*</td>', row)
        streams[code] = tuple(int(n) for n in numbers)
    stream_pages, objectives = {}, {}
    for code in streams:
        page = client.get(f"/en/programme/workstreams/{code}/").content.decode()
        stream_pages[code] = _counted(page, "counts")
        for objective, row in _rows(page, "objectives"):
            cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row, re.S)
            objectives[objective] = (_text(cells[1]), _text(cells[2]), _board(cells[3]))
    objective_pages = {}
    for code in (ON_HOLD, ACHIEVED, OUTSTANDING, UNGOVERNED):
        page = client.get(f"/en/programme/objectives/{code}/").content.decode()
        progress, rag, governor = (_dd(page, testid) for testid in ("progress", "rag", "governor"))
        objective_pages[code] = (_text(progress), _text(rag), _board(governor))
    rows = list(
        csv.DictReader(io.StringIO(client.get("/en/programme/tracker.csv").content.decode()))
    )
    closure = client.get("/en/programme/closure/").content.decode()
    return {
        "totals": _counted(overview, "totals"),
        "workstreams": streams,
        "workstream pages": stream_pages,
        "objectives": objectives,
        "objective pages": objective_pages,
        "tracker.csv": {
            (r["objective"], r["action"]): (r["progress"], r["rag"], r["governed_by"]) for r in rows
        },
        "closure page": sorted(
            re.findall(r'data-code="([^"]+)"><td[^>]*>.*?data-governor="([^"]+)"', closure)
        ),
        "closure.json": client.get("/en/programme/closure.json").json()["totals"],
    }


def core_figures(programme: Programme) -> dict[str, Any]:
    """The same figures as the core gives them: the closure report and ``Programme``."""
    report = closure_report(programme)

    def rag(entry: Any) -> str:
        return entry.current_rag.label_en if entry.current_rag else "–"

    csv_rows = {}
    for o in programme.objectives:
        governor = programme.governor(o.code)
        entries: list[tuple[str, Objective | Action]] = [("", o)]
        entries += [(a.code, a) for a in o.actions]
        for code, entry in entries:
            csv_rows[(o.code, code)] = (
                entry.current_progress.value,
                entry.current_rag.value if entry.current_rag else "",
                governor,
            )
    return {
        "totals": (len(report.achieved), len(report.outstanding)),
        "workstreams": {
            w.workstream: (len(w.achieved), len(w.outstanding)) for w in report.workstreams
        },
        "workstream pages": {
            w.workstream: (len(w.achieved), len(w.outstanding)) for w in report.workstreams
        },
        "objectives": {
            o.code: (o.current_progress.label_en, rag(o), programme.governor(o.code))
            for o in programme.objectives
        },
        "objective pages": {
            code: (
                programme.objective(code).current_progress.label_en,
                rag(programme.objective(code)),
                programme.governor(code),
            )
            for code in (ON_HOLD, ACHIEVED, OUTSTANDING, UNGOVERNED)
        },
        "tracker.csv": csv_rows,
        "closure page": sorted((line.objective, line.governed_by) for line in report.outstanding),
        "closure.json": report.as_dict()["totals"],
    }


def differences(site: dict[str, Any], core: dict[str, Any]) -> dict[str, Any]:
    """Each figure the site and the core disagree on, as (site, core)."""
    found: dict[str, Any] = {}
    for key, ours in core.items():
        theirs = site[key]
        if isinstance(ours, dict) and isinstance(theirs, dict):
            diff = {
                k: (theirs.get(k), ours.get(k))
                for k in sorted(ours.keys() | theirs.keys())
                if theirs.get(k) != ours.get(k)
            }
            if diff:
                found[key] = diff
        elif theirs != ours:
            found[key] = (theirs, ours)
    return found


def test_on_the_seed_the_pages_say_what_the_closure_report_says(
    client_for: Callable[[Role], Client], seeded: None
) -> None:
    cli = CliRunner().invoke(app, ["programme", "closure", "--json"])
    assert cli.exit_code == 0, cli.output
    printed = json.loads(cli.stdout)["totals"]
    assert (printed["achieved"], printed["outstanding"]) == (19, 26)
    core = core_figures(programme_from_register())
    assert core == core_figures(load_programme())  # the register is the programme file
    site = site_figures(client_for(Role.PUBLIC))
    assert differences(site, core) == {}
    assert site["totals"] == (19, 26)
    assert site["closure.json"] == printed
    # The objective the pages used to leave out: on hold, so outstanding (not finished).
    assert site["workstream pages"]["long-term"] == (3, 6)
    assert site["objectives"][ON_HOLD] == ("On hold", "–", "safer-communities-programme-board")
    # One naming no board is governed by the programme board, not by nobody.
    assert site["objectives"][UNGOVERNED][2] == "safer-communities-programme-board"


def test_the_check_catches_the_old_count(
    client_for: Callable[[Role], Client], seeded: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages' old rule, back: only progress *outstanding* counted as outstanding, so
    the on-hold objective fell out (25 where the closure report says 26)."""

    def old_rule(closure: ClosureReport | WorkstreamClosure) -> dict[str, int]:
        outstanding = [x for x in closure.outstanding if x.progress is Progress.OUTSTANDING]
        return {"achieved": len(closure.achieved), "outstanding": len(outstanding)}

    monkeypatch.setattr("diogel.web.programme.views.counts", old_rule)
    found = differences(
        site_figures(client_for(Role.PUBLIC)), core_figures(programme_from_register())
    )
    assert found["totals"] == ((19, 25), (19, 26))
    assert found["workstreams"] == found["workstream pages"] == {"long-term": ((3, 5), (3, 6))}


def post_update(client: Client, code: str, progress: str, rag: str = "") -> None:
    response = client.post(
        f"/en/programme/objectives/{code}/",
        {"target": "objective", "date": "2021-03-01", "text": "Update", "progress": progress,
         "rag": rag},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()


def test_after_owners_updates_the_pages_still_say_what_the_core_says(
    client_for: Callable[[Role], Client], seeded: None
) -> None:
    analyst = client_for(Role.ANALYST)
    # Reopened: an achieved objective is in progress again, so outstanding once more.
    post_update(analyst, ACHIEVED, "in-progress", "amber")
    # Two updates the same day: the one recorded last stands (on hold: still outstanding).
    post_update(analyst, OUTSTANDING, "achieved", "blue")
    post_update(analyst, OUTSTANDING, "on-hold", "red")
    programme = programme_from_register()
    assert programme.objective(ACHIEVED).current_progress.value == "in-progress"
    assert programme.objective(OUTSTANDING).current_progress.value == "on-hold"
    core = core_figures(programme)
    assert core["totals"] == (18, 27)
    assert core["workstreams"]["evidence"] == (2, 6)
    site = site_figures(client_for(Role.PUBLIC))
    assert differences(site, core) == {}
