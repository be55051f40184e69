"""The rules every seed keeps: what the file changed is applied where nobody changed it
on the site; what the site changed is kept; nothing is deleted; twice is once.

Tested on the tracker entries of the boards register (a small model with text and
JSON fields) with SYNTHETIC values.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diogel.web.boards.models import Board, TrackerEntry
from diogel.web.core.models import SeedRecord
from diogel.web.core.seeding import Seeding

pytestmark = pytest.mark.django_db
texts = st.sampled_from(["", "a", "b", "c"])
regions = itertools.count()


def run(key: str, position: str, actions: list[str]) -> tuple[TrackerEntry | None, Seeding]:
    seeding = Seeding("test")
    region, quarter = key.split("/")
    row = seeding.sync(
        TrackerEntry,
        key,
        {"current_position": position, "actions": actions},
        find={"region": region, "quarter": quarter},
    )
    seeding.finish()
    return row, seeding


@settings(max_examples=60, deadline=None)
@given(first=texts, site=st.one_of(st.none(), texts), second=texts)
def test_a_field_follows_the_file_unless_the_site_changed_it(
    first: str, site: str | None, second: str
) -> None:
    # SYNTHETIC: one tracker entry seeded with `first`, perhaps edited to `site`, then
    # seeded with `second`.
    key = f"R{next(regions)}/2020-01"
    row, _ = run(key, first, [])
    assert row is not None
    if site is not None:
        TrackerEntry.objects.filter(pk=row.pk).update(current_position=site)
    _, seeding = run(key, second, [])
    now = TrackerEntry.objects.get(pk=row.pk).current_position
    edited = site is not None and site != first
    expected = second if not edited else site
    assert now == expected
    # A warning exactly when the site's value stands against a change in the file.
    conflict = edited and second != first and second != site
    assert bool(seeding.report.warnings) == conflict
    updated = now != (first if site is None else site)
    assert sum(seeding.report.updated.values()) == int(updated)


@settings(max_examples=40, deadline=None)
@given(
    first=st.sets(st.sampled_from("abcd")),
    added=st.sets(st.sampled_from("abcd")),
    removed=st.sets(st.sampled_from("abcd")),
    second=st.sets(st.sampled_from("abcd")),
)
def test_links_merge_one_by_one(
    first: set[str], added: set[str], removed: set[str], second: set[str]
) -> None:
    # SYNTHETIC boards a..d and one board "x" linked to some of them.
    boards = {
        c: Board.objects.get_or_create(code=f"syn-{c}", defaults=_board(c))[0] for c in "abcd"
    }
    n = next(regions)
    x = Board.objects.create(**_board(f"x{n}"), code=f"syn-x{n}")

    def seed(codes: set[str]) -> None:
        seeding = Seeding("test-links")
        seeding.sync(
            Board,
            x.code,
            {},
            find={"code": x.code},
            links={"escalates_to": [boards[c] for c in sorted(codes)]},
        )
        seeding.finish()

    seed(first)
    x.escalates_to.add(*(boards[c] for c in added))
    x.escalates_to.remove(*(boards[c] for c in removed))
    on_site = {b.code[4:] for b in x.escalates_to.all()}
    seed(second)
    expected = (on_site | (second - first)) - (first - second)
    assert {b.code[4:] for b in x.escalates_to.all()} == expected


def _board(code: str) -> dict[str, str]:
    return {"name_en": f"SYNTHETIC {code}", "board_type": "csp", "level": "local"}


def test_nothing_is_deleted_and_a_removed_row_is_not_brought_back() -> None:
    seeding = Seeding("test")
    kept = seeding.sync(TrackerEntry, "A/1", {"actions": []}, find={"region": "A", "quarter": "1"})
    gone = seeding.sync(TrackerEntry, "B/1", {"actions": []}, find={"region": "B", "quarter": "1"})
    seeding.finish()
    assert kept is not None
    assert gone is not None
    gone.delete()  # removed on the site
    seeding = Seeding("test")  # the file now has B but no longer A
    assert (
        seeding.sync(TrackerEntry, "B/1", {"actions": []}, find={"region": "B", "quarter": "1"})
        is None
    )
    report = seeding.finish()
    assert TrackerEntry.objects.filter(pk=kept.pk).exists()
    assert not TrackerEntry.objects.filter(region="B").exists()
    assert report.warnings == [
        "not recreated: tracker entry B/1, removed on the site",
        "kept tracker entry A/1: the file no longer has it; it stays, as the site's own",
    ]
    # Once said, each is said no more.
    seeding = Seeding("test")
    seeding.sync(TrackerEntry, "B/1", {"actions": []}, find={"region": "B", "quarter": "1"})
    assert seeding.finish().warnings == []
    assert not SeedRecord.objects.filter(seed="test", key="A/1").exists()


def test_a_row_without_a_record_is_taken_as_it_is() -> None:
    # As after an upgrade: rows seeded before records were kept, one edited since.
    TrackerEntry.objects.create(region="C", quarter="1", current_position="edited", actions=[])
    TrackerEntry.objects.create(region="D", quarter="1", current_position="same", actions=[])
    seeding = Seeding("test")
    for region in "CD":
        seeding.sync(
            TrackerEntry,
            f"{region}/1",
            {"current_position": "same", "actions": []},
            find={"region": region, "quarter": "1"},
        )
    report = seeding.finish()
    assert (sum(report.created.values()), sum(report.updated.values())) == (0, 0)
    assert TrackerEntry.objects.get(region="C").current_position == "edited"
    assert report.warnings == [
        "kept the site's current_position of tracker entry C/1: it differs from the file"
    ]
