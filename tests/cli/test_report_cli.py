"""``diogel report``: files written, errors explained, staleness checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from diogel.cli.main import app
from tests.reports.conftest import GWENT_FORCE

pytestmark = pytest.mark.slow
runner = CliRunner()


def test_violence_monitoring_html_and_check(cli_env: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "gwent.html"
    result = runner.invoke(
        app,
        [
            "report",
            "violence-monitoring",
            "--area",
            GWENT_FORCE,
            "--month",
            "2021-12",
            "--lang",
            "cy",
            "--format",
            "html",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stdout
    assert "SYNTHETIC" in result.stderr
    html = out.read_text(encoding="utf-8")
    assert '<html lang="cy">' in html
    assert "Adroddiad Monitro Trais: Gwent, Rhagfyr 2021" in html
    assert not list(out.parent.glob("*.part"))
    checked = runner.invoke(app, ["report", "check", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "up to date" in checked.stdout


def test_needs_assessment_json_with_narrative(cli_env: Path, tmp_path: Path) -> None:
    narrative = tmp_path / "narrative.toml"
    narrative.write_text(
        '[problem_statement]\nen = "Night-time violence in Newport."\ncy = "Trais nos."\n',
        encoding="utf-8",
    )
    out = tmp_path / "sna.json"
    result = runner.invoke(
        app,
        [
            "report",
            "needs-assessment",
            "--area",
            GWENT_FORCE,
            "--year",
            "2021",
            "--narrative",
            str(narrative),
            "--format",
            "json",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert '"Night-time violence in Newport."' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["violence-monitoring", "--area", "Atlantis", "--month", "2021-12"], "Atlantis"),
        (["violence-monitoring", "--area", GWENT_FORCE, "--month", "2031-01"], "no police_uk"),
        (["thematic", "--theme", "litter", "--area", GWENT_FORCE, "--month", "2021-12"], "litter"),
    ],
)
def test_bad_requests_exit_2_with_a_reason(
    cli_env: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "x.pdf"
    result = runner.invoke(app, ["report", *args, "--out", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_check_rejects_a_file_that_is_not_a_report(cli_env: Path, tmp_path: Path) -> None:
    other = tmp_path / "notes.html"
    other.write_text("<p>hello</p>", encoding="utf-8")
    result = runner.invoke(app, ["report", "check", str(other)])
    assert result.exit_code == 2
    assert "no Diogel report document" in result.output


def test_monthly_writes_each_area_once_and_names_what_it_cannot_cover(
    cli_env: Path, tmp_path: Path
) -> None:
    args = ["report", "monthly", "--out-dir", str(tmp_path), "--areas", f"{GWENT_FORCE},W92000004"]
    first = runner.invoke(app, args)
    # Wales needs all four forces; only Gwent's files are here.
    assert first.exit_code == 1
    assert f"{GWENT_FORCE}: written" in first.stdout
    assert "W92000004: not generated: no police.uk data from North Wales" in first.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        f"{GWENT_FORCE}-2021-12-cy.html",
        f"{GWENT_FORCE}-2021-12-cy.pdf",
        f"{GWENT_FORCE}-2021-12-en.html",
        f"{GWENT_FORCE}-2021-12-en.pdf",
        f"{GWENT_FORCE}-2021-12.json",
    ]
    again = runner.invoke(
        app, ["report", "monthly", "--out-dir", str(tmp_path), "--areas", GWENT_FORCE]
    )
    assert again.exit_code == 0
    assert f"{GWENT_FORCE}: up to date" in again.stdout
