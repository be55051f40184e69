"""The migrations that bring confidentiality and publication keep what people saw:
reports published before become published public reports, unpublished ones drafts;
agenda items recorded before become published partners' items (SYNTHETIC rows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(*targets: tuple[str, str]) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(list(targets))
    return executor.loader.project_state(list(targets)).apps


@pytest.fixture(autouse=True)
def back_to_the_newest() -> Iterator[None]:
    """Leave the database at every app's newest migration, whatever the test did."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


REPORTS = ("reports", "0002_reports_confidentiality_and_publication")
BOARDS = ("boards", "0004_agenda_items_confidentiality_and_publication")


def test_reports_keep_their_public_page_and_drafts_stay_hidden() -> None:
    old = migrate(("reports", "0001_initial"))
    Report = old.get_model("reports", "Report")  # type: ignore[attr-defined]
    common = {"kind": "violence-monitoring", "parameters": {}, "area_code": "W15000003"}
    shown = Report.objects.create(published=True, title_en="SYNTHETIC shown", **common)
    hidden = Report.objects.create(published=False, title_en="SYNTHETIC hidden", **common)
    new = migrate(REPORTS)
    Report = new.get_model("reports", "Report")  # type: ignore[attr-defined]
    assert Report.objects.get(pk=shown.pk).publication == "published"
    assert Report.objects.get(pk=shown.pk).confidentiality == "public"
    assert Report.objects.get(pk=hidden.pk).publication == "draft"
    # Back again: only published public reports were on the public page.
    back = migrate(("reports", "0001_initial"))
    Report = back.get_model("reports", "Report")  # type: ignore[attr-defined]
    assert list(Report.objects.filter(published=True).values_list("pk", flat=True)) == [shown.pk]


def test_agenda_items_recorded_before_stay_with_partners_and_new_ones_are_drafts() -> None:
    old = migrate(("boards", "0002_landscape_people_history"))
    Board = old.get_model("boards", "Board")  # type: ignore[attr-defined]
    Meeting = old.get_model("boards", "Meeting")  # type: ignore[attr-defined]
    MeetingItem = old.get_model("boards", "MeetingItem")  # type: ignore[attr-defined]
    board = Board.objects.create(
        code="synthetic", name_en="SYNTHETIC", board_type="csp", level="local"
    )
    meeting = Meeting.objects.create(board=board, date=dt.date(2021, 3, 25))
    earlier = MeetingItem.objects.create(meeting=meeting, number=1, title="Minutes")
    new = migrate(BOARDS)
    MeetingItem = new.get_model("boards", "MeetingItem")  # type: ignore[attr-defined]
    kept = MeetingItem.objects.get(pk=earlier.pk)
    assert (kept.confidentiality, kept.publication) == ("partners", "published")
    fresh = MeetingItem.objects.create(meeting_id=meeting.pk, number=2, title="New")
    assert (fresh.confidentiality, fresh.publication) == ("partners", "draft")
