"""``diogel programme`` and ``diogel measures list|validate`` (no warehouse needed)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from diogel.cli.main import app
from diogel.performance import default_measures_path
from diogel.programme import default_programme_path

runner = CliRunner()


def test_export_json_is_the_whole_cited_tracker() -> None:
    result = runner.invoke(app, ["programme", "export", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert len(body["recommendations"]) == 18
    assert len(body["workstreams"]) == 6
    assert body["handovers"][0]["to_board"] == "safer-communities-board"
    assert len(body["handovers"][0]["objectives"]) == 17
    assert all(o["sources"] for o in body["objectives"])
    assert body["recommendations"][0]["sources"][0]["document"].startswith("003")


def test_show_and_closure() -> None:
    shown = runner.invoke(app, ["programme", "show"])
    assert shown.exit_code == 0, shown.output
    assert "R1, R2, R3, R4, R5, R6, R7" in shown.stdout
    assert "17  Safer Communities Board" in shown.stdout
    body = json.loads(runner.invoke(app, ["programme", "show", "--json"]).stdout)
    assert body["recommendations"] == {"wao-2016": 7, "wtfsc-2017": 11}
    closure = json.loads(runner.invoke(app, ["programme", "closure", "--json"]).stdout)
    assert closure["totals"]["governed_by"]["safer-communities-board"] == 17
    before = json.loads(
        runner.invoke(app, ["programme", "closure", "--on", "2020-09-20", "--json"]).stdout
    )
    assert "safer-communities-board" not in before["totals"]["governed_by"]
    text = runner.invoke(app, ["programme", "closure"]).stdout
    assert "(governed by Safer Communities Board.)" in text


def test_validate_reports_every_problem(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["programme", "validate", str(default_programme_path())])
    assert ok.exit_code == 0, ok.output
    assert "18 recommendations, 6 work-streams, 45 objectives, 1 hand-overs" in ok.stdout
    broken = tmp_path / "p.toml"
    text = default_programme_path().read_text(encoding="utf-8")
    broken.write_text(
        text.replace('progress = "outstanding"', 'progress = "late"', 1).replace(
            'to_board = "safer-communities-board"', 'to_board = "no-such-board"'
        ),
        encoding="utf-8",
    )
    bad = runner.invoke(app, ["programme", "validate", str(broken)])
    assert bad.exit_code == 2
    assert "2 problems" in bad.output
    assert "objective 'evidence-data-hub', field 'progress': unknown progress 'late'" in bad.output
    assert "no board 'no-such-board' in the landscape" in bad.output


def test_programme_file_setting(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    copy = tmp_path / "mine.toml"
    copy.write_text(
        default_programme_path()
        .read_text(encoding="utf-8")
        .replace('name_en = "Safer Communities Programme"', 'name_en = "Our programme"'),
        encoding="utf-8",
    )
    monkeypatch.setenv("DIOGEL_PROGRAMME_FILE", str(copy))
    assert "Our programme" in runner.invoke(app, ["programme", "show"]).stdout


def test_measures_list_and_validate(tmp_path: Path) -> None:
    listed = json.loads(runner.invoke(app, ["measures", "list", "--json"]).stdout)
    assert len(listed) == 12
    assert {m["method"] for m in listed} == {"hub", "manual", "survey"}
    ok = runner.invoke(app, ["measures", "validate", str(default_measures_path())])
    assert ok.exit_code == 0, ok.output
    assert "12 measures, 6 values" in ok.stdout
    broken = tmp_path / "m.toml"
    broken.write_text(
        default_measures_path()
        .read_text(encoding="utf-8")
        .replace('objectives = ["evidence-data-hub"]', 'objectives = ["typo"]', 1),
        encoding="utf-8",
    )
    bad = runner.invoke(app, ["measures", "validate", str(broken)])
    assert bad.exit_code == 2
    assert (
        "measure 'violence-rate-local-authority', field 'objectives': no objective 'typo'"
        in bad.output
    )
