"""The lock file pins what pyproject asks for, and the tests run on exactly those versions."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO_ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)")


def _locked() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (REPO_ROOT / "requirements.lock").read_text().splitlines():
        if match := PIN.match(line):
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def _asked() -> list[Requirement]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    asked = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return [Requirement(r) for r in asked]


def test_every_dependency_is_pinned_within_what_pyproject_allows() -> None:
    locked = _locked()
    for requirement in _asked():
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements.lock: run make lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements.lock pins {name}=={locked[name]}, outside pyproject's "
            f"{requirement.specifier}: run make lock"
        )


def test_the_installed_versions_are_the_locked_ones() -> None:
    # make install installs with the lock as constraints, so what the suite runs on is
    # what the lock says (a hand-installed upgrade would show here).
    differ = {
        name: (pinned, installed)
        for name, pinned in _locked().items()
        if (installed := metadata.version(name)) != pinned
    }
    assert not differ, f"installed versions differ from requirements.lock: {differ}"
