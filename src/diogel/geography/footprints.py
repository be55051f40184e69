"""Footprints: public services boards, community safety partnerships and regions.

A footprint is a named grouping of whole local authorities. The Welsh defaults
ship as ``footprints_wales.toml``; a user replaces them by editing a copy and
pointing ``DIOGEL_FOOTPRINTS_FILE`` at it. Each level must cover every local
authority exactly once, so every LSOA has exactly one parent at each level.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from diogel.geography.levels import FOOTPRINT_LEVELS, Level

_CODE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class FootprintError(ValueError):
    """A footprint file that cannot be used; the message names the file and footprint."""


@dataclass(frozen=True)
class Footprint:
    code: str
    level: Level
    name_en: str
    name_cy: str
    local_authorities: tuple[str, ...]


def default_footprints_path() -> Path:
    """The shipped Welsh defaults."""
    return Path(str(resources.files("diogel.geography") / "footprints_wales.toml"))


def load_footprints(path: Path | None, local_authorities: Iterable[str]) -> tuple[Footprint, ...]:
    """Read and validate footprints from ``path`` (default: the shipped Welsh file)."""
    path = path or default_footprints_path()
    known = set(local_authorities)
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FootprintError(f"{path}: footprint file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FootprintError(f"{path}: not valid TOML ({exc})") from exc
    entries = document.get("footprint")
    if not isinstance(entries, list) or not entries:
        raise FootprintError(f"{path}: no [[footprint]] entries")
    footprints = [_parse(entry, number, path, known) for number, entry in enumerate(entries, 1)]
    _check_partitions(footprints, known, path)
    return tuple(footprints)


def _parse(entry: Mapping[str, object], number: int, path: Path, known: set[str]) -> Footprint:
    where = f"{path}, footprint {number}"
    for key in ("code", "level", "name_en", "name_cy", "local_authorities"):
        if key not in entry:
            raise FootprintError(f"{where}: missing {key!r}")
    code = str(entry["code"])
    where = f"{path}, footprint {code!r}"
    if not _CODE.match(code):
        raise FootprintError(f"{where}: codes use lower-case letters, digits and hyphens")
    try:
        level = Level(str(entry["level"]))
    except ValueError:
        level = None
    if level not in FOOTPRINT_LEVELS:
        allowed = ", ".join(sorted(lv.value for lv in FOOTPRINT_LEVELS))
        raise FootprintError(f"{where}: level {entry['level']!r} is not one of {allowed}")
    members = entry["local_authorities"]
    if not isinstance(members, list) or not members:
        raise FootprintError(f"{where}: local_authorities must be a non-empty list")
    unknown = [m for m in members if m not in known]
    if unknown:
        raise FootprintError(f"{where}: unknown local authority code(s) {', '.join(unknown)}")
    if not str(entry["name_en"]).strip() or not str(entry["name_cy"]).strip():
        raise FootprintError(f"{where}: needs both an English and a Welsh name")
    assert level is not None
    return Footprint(
        code, level, str(entry["name_en"]), str(entry["name_cy"]), tuple(str(m) for m in members)
    )


def _check_partitions(footprints: list[Footprint], known: set[str], path: Path) -> None:
    codes = [f.code for f in footprints]
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise FootprintError(f"{path}: footprint code(s) used twice: {', '.join(repeated)}")
    for level in sorted(FOOTPRINT_LEVELS):
        owner: dict[str, str] = {}
        for footprint in (f for f in footprints if f.level is level):
            for la in footprint.local_authorities:
                if la in owner:
                    raise FootprintError(
                        f"{path}: local authority {la} is in both {owner[la]!r} and "
                        f"{footprint.code!r} at level {level.value}"
                    )
                owner[la] = footprint.code
        uncovered = sorted(known - owner.keys())
        if uncovered:
            raise FootprintError(
                f"{path}: at level {level.value}, no footprint covers {', '.join(uncovered)}"
            )
