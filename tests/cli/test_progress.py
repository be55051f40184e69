from __future__ import annotations

import pytest

from diogel.cli.progress import track


def test_plain_lines_when_not_on_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(track(range(100), "working")) == list(range(100))
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == "working: 100/100"
    assert 10 <= len(lines) <= 21


def test_short_jobs_report_every_step(capsys: pytest.CaptureFixture[str]) -> None:
    list(track(["a", "b", "c"], "copying"))
    assert capsys.readouterr().err.splitlines() == ["copying: 1/3", "copying: 2/3", "copying: 3/3"]
