"""Stored hub values equal ``diogel counts`` on the real Gwent files, "no data" is never
a zero, withheld values have no number, and an upload of a new month (or a file
superseding one) updates them."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.core.management import call_command
from django.test import Client
from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.warehouse import Warehouse
from diogel.web.accounts.roles import Role
from diogel.web.performance.models import MeasureValue
from diogel.web.performance.recompute import whole_periods
from tests.helpers import GWENT, ingest

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
GWENT_LAS = ["W06000018", "W06000019", "W06000020", "W06000021", "W06000022"]
runner = CliRunner()


def stored(code: str) -> dict[tuple[str, str], MeasureValue]:
    return {(v.area, v.period): v for v in MeasureValue.objects.filter(measure__code=code)}


def cli_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_stored_hub_values_equal_diogel_counts(computed: dict[str, int], cli_env: Path) -> None:
    assert computed["asb-incidents-local-authority"] == 22 * 24
    counts = cli_json(
        "counts", "--by", "month,category,local_authority", "--source", "police_uk_street",
        "--from", "2020-01", "--to", "2021-12",
    )  # fmt: skip
    asb = stored("asb-incidents-local-authority")
    violence = stored("violence-rate-local-authority")
    compared = 0
    for row in counts:
        key = (row["local_authority"], row["month"])
        if row["local_authority"] not in GWENT_LAS:
            continue
        if row["category"] == "asb":
            assert asb[key].value == row["count"]
            assert asb[key].count == row["count"]
            compared += 1
        if row["category"] == "violence":
            assert violence[key].count == row["count"]
            compared += 1
    assert compared == 2 * 5 * 24
    # The same figures as `diogel measures compute --json`, to the stored nine places.
    body = cli_json(
        "measures", "compute", "--measure", "violence-rate-local-authority",
        "--from", "2021-01", "--to", "2021-12",
    )  # fmt: skip
    for v in body["values"]:
        ours = violence[(v["area"], v["period"])]
        assert ours.has_data == v["has_data"]
        if v["value"] is None:
            assert ours.value is None
        else:
            assert ours.value is not None
            assert float(ours.value) == pytest.approx(v["value"], abs=1e-9)


def test_no_data_is_never_stored_as_zero(computed: dict[str, int]) -> None:
    cardiff = stored("asb-incidents-local-authority")[("W06000015", "2021-12")]
    assert not cardiff.has_data
    assert cardiff.value is None
    assert cardiff.count is None
    assert not MeasureValue.objects.filter(has_data=False, value__isnull=False).exists()


def test_withheld_ed_values_have_no_number(computed: dict[str, int]) -> None:
    ed = MeasureValue.objects.filter(measure__code="ed-assaults-health-board", has_data=True)
    assert ed.exists()
    for v in ed:
        assert v.suppressed == (v.value is None)
        if v.value is None:
            assert v.count is None
        else:
            assert v.value == 0 or v.value > 4


def test_compute_measures_command(hub_site: None, measures: Any) -> None:
    call_command("compute_measures", "--from", "2021-12", "--to", "2021-12", verbosity=0)
    assert stored("violence-rate-police-force")[("W15000003", "2021-Q4")].count
    assert ("W06000022", "2021") in stored("top-places-share-local-authority")


def test_whole_periods() -> None:
    from diogel.performance import Frequency

    assert whole_periods("2021-12", "2021-12", Frequency.QUARTERLY) == ("2021-10", "2021-12")
    assert whole_periods("2021-02", "2021-02", Frequency.ANNUAL) == ("2021-01", "2021-12")


def test_an_upload_recomputes_its_months(
    settings: Any,
    shared_data: Path,
    tmp_path: Path,
    measures: Any,
    client_for: Callable[[Role], Client],
) -> None:
    from diogel.web.areas.loader import geography
    from diogel.web.performance.recompute import recompute_all

    settings.DIOGEL = dataclasses.replace(
        settings.DIOGEL, warehouse_dir=tmp_path / "warehouse", var_dir=tmp_path, report_areas=()
    )
    files = {p.name[:7]: p for p in (shared_data / GWENT).glob("*.csv")}
    for month in ("2021-01", "2021-02"):
        ingest(Warehouse(tmp_path / "warehouse"), geography(), files[month])
    recompute_all()
    asb = "asb-incidents-local-authority"
    assert ("W06000022", "2021-03") not in stored(asb)
    assert stored(asb)[("W06000022", "2021-02")].value is not None
    analyst = client_for(Role.ANALYST)

    def upload(path: Path) -> None:
        with path.open("rb") as handle:
            response = analyst.post(
                "/en/imports/upload/",
                {"source": "police_uk_street", "supplier": "", "file": handle},
            )
        assert response.status_code == 302, response.content.decode()[:1000]

    upload(files["2021-03"])
    march = pd.read_csv(files["2021-03"], dtype=str)
    newport = (march["Crime type"] == "Anti-social behaviour") & march["LSOA name"].str.startswith(
        "Newport"
    )
    expected = int(newport.sum())
    assert stored(asb)[("W06000022", "2021-03")].value == expected
    # The quarter is whole now: the force's quarterly rate appears.
    assert stored("violence-rate-police-force")[("W15000003", "2021-Q1")].count
    # police.uk republishes the month: the newer file supersedes the older one.
    republished = tmp_path / "2021-03-gwent-street-republished.csv"
    march.drop(march[newport].index[:10]).to_csv(republished, index=False)
    upload(republished)
    assert stored(asb)[("W06000022", "2021-03")].value == expected - 10
    page = client_for(Role.PUBLIC).get("/en/performance/scorecard/W06000022/").content.decode()
    assert f">{expected - 10:,}<" in page
