"""Seeding loads the framework in place by code: keepers and values entered on the site
survive seeding again; a file that fails validation changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from diogel.performance import load_framework
from diogel.web.accounts.roles import Role
from diogel.web.performance.models import Measure, MeasureValue
from diogel.web.performance.seed import seed_measures
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
    assert seed_measures()["values added"] == 0
    assert Measure.objects.get(code=KEPT).name_en != "Renamed"
    assert Measure.objects.get(code=KEPT).keepers.get() == measures[Role.PARTNER_MEMBER]
    assert MeasureValue.objects.get(pk=survey.pk).value == 25


def test_a_bad_file_changes_nothing(measures: Any, tmp_path: Path) -> None:
    bad = tmp_path / "measures.toml"
    bad.write_text('[[measure]]\ncode = "x"\n', encoding="utf-8")
    before = Measure.objects.count()
    with pytest.raises(CommandError, match="problem"):
        call_command("seed_measures", "--file", str(bad))
    assert Measure.objects.count() == before
