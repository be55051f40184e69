"""Seeding loads the framework in place by code and never deletes or overwrites what
people recorded: keepers, values entered on the site (through the form or corrected in
the admin), measures edited; what the file changes is applied where nobody changed it;
seeding twice is seeding once; a file that fails validation changes nothing.

Values recorded here are SYNTHETIC."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import models
from django.test import Client

from diogel.performance import load_framework
from diogel.performance.loader import default_measures_path
from diogel.web.accounts.roles import Role
from diogel.web.core.models import SeedRecord
from diogel.web.performance.models import Measure, MeasureValue
from diogel.web.performance.seed import seed_measures
from tests.web.core.tables import tables
from tests.web.performance.conftest import KEPT

pytestmark = pytest.mark.django_db


def test_the_framework_is_loaded_with_its_values(measures: Any) -> None:
    framework = load_framework()
    assert Measure.objects.count() == len(framework.measures)
    pcc = MeasureValue.objects.get(measure__code="pcc-funding-safer-gwent")
    assert (pcc.area, pcc.period, pcc.value) == ("W15000003", "2017", 624545)
    assert pcc.entered_by is None
    assert pcc.who == "Office of the Police and Crime Commissioner for Gwent"
    ed = Measure.objects.get(code="ed-assaults-health-board")
    assert not ed.public
    assert ed.as_core() == framework.measure(ed.code).__class__(
        **{**framework.measure(ed.code).__dict__, "sources": ()}
    )


def test_seeding_again_keeps_keepers_and_entered_values(measures: Any) -> None:
    survey = MeasureValue.objects.get(measure__code="citizens-know-where-plans-are")
    survey.value, survey.entered_by = 25, measures[Role.ADMINISTRATOR]
    survey.save()
    Measure.objects.filter(code=KEPT).update(name_en="Renamed")
    report = seed_measures()
    assert (sum(report.created.values()), sum(report.updated.values())) == (0, 0)
    assert Measure.objects.get(code=KEPT).name_en == "Renamed"  # an edit on the site stays
    assert Measure.objects.get(code=KEPT).keepers.get() == measures[Role.PARTNER_MEMBER]
    assert MeasureValue.objects.get(pk=survey.pk).value == 25


def seed(file: Path | None = None) -> tuple[str, str]:
    """``diogel seed measures`` (with ``file``): what it wrote, and its warnings."""
    out, err = io.StringIO(), io.StringIO()
    call_command("seed_measures", *(["--file", str(file)] if file else []), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def stored(row: models.Model) -> dict[str, Any] | None:
    return type(row)._default_manager.filter(pk=row.pk).values().first()


def test_a_value_a_keeper_entered_stays(
    client_for: Callable[[Role], Client], measures: Any
) -> None:
    partner = client_for(Role.PARTNER_MEMBER)  # the keeper of KEPT
    form = {"area": "W92000004", "period": "2021", "value": "42", "note": "SYNTHETIC"}
    assert partner.post(f"/en/performance/measures/{KEPT}/enter/", form).status_code == 302
    entered = MeasureValue.objects.get(measure__code=KEPT, period="2021")
    before = stored(entered)
    seed()
    assert stored(entered) == before


def test_a_value_corrected_in_the_admin_stays(measures: Any) -> None:
    # The admin's form sets no keeper: the correction is known only by its difference.
    pcc = MeasureValue.objects.get(measure__code="pcc-funding-safer-gwent", period="2017")
    pcc.value, pcc.note = Decimal("624600"), "SYNTHETIC correction"
    pcc.save()
    before = stored(pcc)
    _out, err = seed()
    assert stored(pcc) == before
    assert err == ""  # the file did not change that value: nothing to say


def test_a_field_the_file_changes_is_updated_when_nobody_edited_it(
    measures: Any, tmp_path: Path
) -> None:
    Measure.objects.filter(code=KEPT).update(definition="SYNTHETIC definition from the site")
    text = default_measures_path().read_text(encoding="utf-8")
    for old, new in (
        ('name_en = "Community safety partnership leads trained"', 'name_en = "SYNTHETIC name"'),
        (
            'definition = "No figure is given in the seeds; the owner enters it."',
            'definition = "x"',
        ),
        ("value = 624545\n", "value = 700000\n"),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    changed = tmp_path / "measures.toml"
    changed.write_text(text, encoding="utf-8")
    out, err = seed(changed)
    kept = Measure.objects.get(code=KEPT)
    assert kept.name_en == "SYNTHETIC name"  # nobody had changed it: the file's
    assert kept.definition == "SYNTHETIC definition from the site"  # kept
    pcc = MeasureValue.objects.get(measure__code="pcc-funding-safer-gwent", period="2017")
    assert pcc.value == 700000
    assert "measures: 0 created, 2 updated" in out
    assert err.splitlines() == [
        f"warning: kept the site's definition of measure {KEPT}: it was changed on the site, "
        "and the file now changes it too"
    ]


def test_what_the_file_drops_is_kept_and_named(measures: Any, tmp_path: Path) -> None:
    pcc = MeasureValue.objects.get(measure__code="pcc-funding-safer-gwent", period="2017")
    before = stored(pcc)
    text = default_measures_path().read_text(encoding="utf-8")
    start = text.index('[[value]]\nmeasure = "pcc-funding-safer-gwent"')
    end = text.index("[[value]]", start + 1)
    smaller = tmp_path / "measures.toml"
    smaller.write_text(text[:start] + text[end:], encoding="utf-8")
    _out, err = seed(smaller)
    assert stored(pcc) == before
    assert "warning: kept measure value pcc-funding-safer-gwent/W15000003/2017: the file" in err


def test_seeding_twice_changes_nothing(measures: Any) -> None:
    framework = load_framework()
    before = tables(Measure, MeasureValue, SeedRecord)
    out, err = seed()
    unchanged = len(framework.measures) + len(framework.values)
    assert out.splitlines() == [f"measures: 0 created, 0 updated, {unchanged} unchanged"]
    assert err == ""
    after = tables(Measure, MeasureValue, SeedRecord)
    for table, rows in before.items():
        assert after[table] == rows, table


def test_a_bad_file_changes_nothing(measures: Any, tmp_path: Path) -> None:
    bad = tmp_path / "measures.toml"
    bad.write_text('[[measure]]\ncode = "x"\n', encoding="utf-8")
    before = Measure.objects.count()
    with pytest.raises(CommandError, match="problem"):
        call_command("seed_measures", "--file", str(bad))
    assert Measure.objects.count() == before
