"""Seeding the programme again (``diogel demo`` does on every start) never deletes or
overwrites what owners and administrators recorded: updates, progress and RAG set on
the site, hand-overs, links. What the file changes is applied where nobody changed it.

The rows recorded here are SYNTHETIC; the programme is the shipped Welsh one.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import models
from django.test import Client

from diogel.programme import load_programme
from diogel.programme.loader import default_programme_path
from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.core.models import SeedRecord
from diogel.web.programme.models import (
    Action,
    Handover,
    Objective,
    Principle,
    Programme,
    Recommendation,
    RecommendationSet,
    Update,
    VisionStatement,
    Workstream,
)
from diogel.web.programme.seed import give_objectives_to
from tests.web.core.tables import tables

pytestmark = pytest.mark.django_db
KEPT = "evidence-hub-business-case"  # an evidence objective: the analyst keeps these
HUB = "evidence-data-hub"  # the objective with actions and an update in the file
TRACKER = (
    Programme,
    VisionStatement,
    Principle,
    RecommendationSet,
    Recommendation,
    Workstream,
    Objective,
    Action,
    Update,
    Handover,
    SeedRecord,
)


@pytest.fixture
def seeded(demo_accounts: dict[Role, User]) -> None:
    call_command("seed_wales_landscape", verbosity=0)
    call_command("seed_wales_programme", verbosity=0)
    give_objectives_to(demo_accounts[Role.ANALYST].username)


def seed(file: Path | None = None) -> tuple[str, str]:
    """``diogel seed wales-programme`` (with ``file``): what it wrote, and its warnings."""
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "seed_wales_programme", *(["--file", str(file)] if file else []), stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def stored(row: models.Model) -> dict[str, Any] | None:
    return type(row)._default_manager.filter(pk=row.pk).values().first()


def wales_with(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """The Welsh programme file with each ``(old, new)`` text replaced once."""
    text = default_programme_path().read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "programme.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_update_stays_the_owners_and_the_files(
    client_for: Callable[[Role], Client], seeded: None
) -> None:
    analyst = client_for(Role.ANALYST)
    response = analyst.post(
        f"/en/programme/objectives/{KEPT}/",
        {"target": "objective", "date": "2021-03-01", "text": "SYNTHETIC", "rag": "amber"},
    )
    assert response.status_code == 302
    action = Action.objects.get(objective__code=HUB, code="county-lines-sna")
    Update.objects.create(action=action, date="2021-04-01", text="SYNTHETIC", by="SRO")
    assert Update.objects.filter(seeded=False).count() == 2
    before = list(Update.objects.order_by("pk").values())
    seed()
    assert list(Update.objects.order_by("pk").values()) == before


def test_what_administrators_set_stays(seeded: None) -> None:
    objective = Objective.objects.get(code=KEPT)
    objective.progress, objective.rag, objective.due = "in-progress", "amber", "2022-03"
    objective.save()
    objective.recommendations.add(Recommendation.objects.get(code="wtfsc-6"))
    action = Action.objects.get(objective__code=HUB, code="county-lines-sna")
    action.owner = "SYNTHETIC owner"
    action.save()
    handover = Handover.objects.get()
    handover.response_reference = "SYNTHETIC letter"
    handover.save()
    correction = Update.objects.filter(objective__code=HUB, seeded=True).get()
    correction.text = "SYNTHETIC correction of the file's update"
    correction.save()
    rows = (objective, action, handover, correction)
    before = [stored(row) for row in rows]
    _out, err = seed()
    assert [stored(row) for row in rows] == before
    assert "wtfsc-6" in {r.code for r in Objective.objects.get(code=KEPT).recommendations.all()}
    assert err == ""  # the file changed none of those fields: nothing to say


def test_what_the_file_drops_is_kept_and_named(
    client_for: Callable[[Role], Client], seeded: None, tmp_path: Path
) -> None:
    action = Action.objects.get(objective__code=HUB, code="analytical-capacity-assessment")
    on_action = Update.objects.create(action=action, date="2021-04-01", text="SYNTHETIC")
    from_file = Update.objects.filter(objective__code=HUB, seeded=True).get()
    rows = (action, on_action, from_file)
    before = [stored(row) for row in rows]
    text = default_programme_path().read_text(encoding="utf-8")
    start = text.index('[[objective.action]]\ncode = "analytical-capacity-assessment"')
    end = text.index("[[objective]]", start)  # the action and the objective's update
    smaller = tmp_path / "programme.toml"
    smaller.write_text(text[:start] + text[end:], encoding="utf-8")
    assert not load_programme(smaller).objective(HUB).updates
    _out, err = seed(smaller)
    assert [stored(row) for row in rows] == before
    assert f"warning: kept programme action {HUB}/analytical-capacity-assessment: the file" in err
    assert f"warning: kept update {HUB}/0: the file no longer has it" in err


def test_a_field_the_file_changes_is_updated_when_nobody_edited_it(
    seeded: None, tmp_path: Path
) -> None:
    Objective.objects.filter(code=KEPT).update(text="SYNTHETIC text from the site")
    changed = wales_with(
        tmp_path,
        (
            'code = "evidence-hub-business-case"\nworkstream = "evidence"\n'
            'text = "Business case for additional resources',
            'code = "evidence-hub-business-case"\nworkstream = "evidence"\ndue = "2021-03"\n'
            'text = "SYNTHETIC. Business case for additional resources',
        ),
    )
    assert load_programme(changed).objective(KEPT).due == "2021-03"
    out, err = seed(changed)
    objective = Objective.objects.get(code=KEPT)
    assert objective.due == "2021-03"  # nobody had changed it: the file's
    assert objective.text == "SYNTHETIC text from the site"  # edited on the site: kept
    assert "wales-programme: 0 created, 1 updated" in out
    assert err.splitlines() == [
        f"warning: kept the site's text of objective {KEPT}: it was changed on the site, "
        "and the file now changes it too"
    ]


def test_seeding_twice_changes_nothing(seeded: None) -> None:
    before = tables(*TRACKER)
    out, err = seed()
    assert out.splitlines()[0].startswith("wales-programme: 0 created, 0 updated, ")
    assert err == ""
    after = tables(*TRACKER)
    for table, rows in before.items():
        assert after[table] == rows, table
